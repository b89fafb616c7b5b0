"""Development page layouts: the CMS pages the chrome rules were written from.

Each layout takes a story (headline words, body paragraphs) and a seeded random source and
returns the page as a list of ``(tag, class, text)`` blocks; :mod:`benchmarks.pages.render`
turns that into HTML and into the text a browser copies (one block a line). Chrome in these
layouts: a headline holding a number, dek, byline, dateline, breadcrumb, image caption, an
embedded post and its "— Name (@handle) Month D, YYYY" line (also with no space before
the dash), "Also Read:" and related links, an ad slot, a newsletter box, share buttons, a
comment counter and a footer.
"""

from __future__ import annotations

import random

from benchmarks.pages.render import Block, Story

NAMES = ["Priya Sharma", "John Miller", "Ana Souza", "Rahul Verma", "Emily Clarke", "Omar Haddad"]
HANDLES = ["narendramodi", "KremlinRussia", "WhiteHouse", "BBCBreaking", "Reuters", "AP"]
MONTHS = ["January", "March", "June", "October", "November"]
SECTIONS = ["World", "India", "Politics", "Business", "Sport", "Science"]


def _date(rng: random.Random) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2019, 2025)}"


def _related(rng: random.Random, story: Story) -> str:
    return rng.choice(
        [
            f"{rng.randint(3, 12)} things to know about {story.topic}",
            f"Why {story.topic} matters more than ever",
            f"{story.topic.title()}: what happens next",
        ]
    )


def _embed(rng: random.Random, story: Story, space: bool) -> list[Block]:
    quote = story.paragraphs[1].split(". ")[0].rstrip(".") + "."
    handle = rng.choice(HANDLES)
    name = rng.choice(NAMES)
    dash = " — " if space else "— "
    if rng.random() < 0.5:
        return [Block("blockquote", "twitter-tweet", f"{quote} pic.twitter.com/Ab12Cd{dash}"
                      f"{name} (@{handle}) {_date(rng)}")]  # fmt: skip
    return [
        Block("blockquote", "twitter-tweet", quote),
        Block("p", "tweet-attribution", f"{dash.strip()}{name} (@{handle}) {_date(rng)}"),
    ]


def wordpress(story: Story, rng: random.Random) -> list[Block]:
    """A WordPress news theme: breadcrumb, h1, byline, date, share bar, figure, inline links."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("nav", "breadcrumb", f"Home » {rng.choice(SECTIONS)} » {rng.choice(SECTIONS)}"),
        Block("h1", "entry-title", story.headline),
        Block("div", "byline", f"By {rng.choice(NAMES)}"),
        Block("time", "entry-date", _date(rng)),
        Block("div", "share", "Facebook Twitter WhatsApp Email"),
        Block("figcaption", "wp-caption-text", f"{story.topic.title()} (Photo: Reuters)"),
    ]
    blocks += body[:2]
    blocks.append(Block("p", "also-read", f"Also Read: {_related(rng, story)}"))
    blocks += body[2:4]
    blocks += _embed(rng, story, space=rng.random() < 0.5)
    blocks += body[4:]
    blocks += [
        Block("h3", "related-title", "Related Posts"),
        Block("li", "related", _related(rng, story)),
        Block("li", "related", _related(rng, story)),
        Block("div", "comments-count", f"{rng.randint(0, 40)} Comments"),
        Block("footer", "", f"© {rng.randint(2019, 2025)} The Daily Courier. All rights reserved."),
    ]
    return blocks


def portal(story: Story, rng: random.Random) -> list[Block]:
    """An Indian news portal: views counter, dateline line, section headings, embedded post."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("span", "views", f"{rng.randint(1, 90)}k views"),
        Block("h1", "headline", story.headline),
        Block("div", "author", f"{rng.choice(NAMES)} | {rng.choice(['PTI', 'ANI', 'IANS'])}"),
        Block(
            "div",
            "updated",
            f"Updated: {_date(rng)} {rng.randint(1, 12)}:{rng.randint(10, 59)} IST",
        ),
    ]
    blocks += body[:3]
    blocks += _embed(rng, story, space=False)
    blocks.append(Block("h2", "", f"{story.topic.title()} Ties"))
    blocks += body[3:5]
    blocks.append(Block("p", "", f"ALSO READ | {_related(rng, story)}"))
    blocks += body[5:]
    blocks += [
        Block("div", "ad", "Advertisement"),
        Block("h4", "", "Comments"),
        Block("div", "", f"{rng.randint(0, 3)} comment"),
    ]
    return blocks


def magazine(story: Story, rng: random.Random) -> list[Block]:
    """A magazine layout: kicker, h1, dek, byline with outlet, caption with credit, newsletter."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("div", "kicker", rng.choice(SECTIONS)),
        Block("h1", "", story.headline),
        Block("p", "dek", story.dek),
        Block("div", "byline", f"By {rng.choice(NAMES)} and {rng.choice(NAMES)}, Reuters"),
        Block("div", "date", f"Published {_date(rng)}"),
        Block("figcaption", "", f"A view of {story.topic}. Photograph: {rng.choice(NAMES)}/AP"),
    ]
    blocks += body[:4]
    blocks += [
        Block("div", "newsletter", "Sign up for our morning newsletter"),
        Block("div", "newsletter", "Get the best of the news delivered to your inbox every day."),
        Block("div", "newsletter", "Enter your email"),
    ]
    blocks += body[4:]
    blocks += [
        Block("div", "read-more", f"Read more: {_related(rng, story)}"),
        Block("div", "share", "Share this article"),
        Block("div", "comments", f"{rng.randint(2, 90)} Comments"),
        Block("footer", "", "Terms of Use | Privacy Policy | Contact us"),
    ]
    return blocks


def broadcaster(story: Story, rng: random.Random) -> list[Block]:
    """A broadcaster's page: section nav, h1, timestamp, captions, 'Related Topics', footer."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("nav", "", f"News / {rng.choice(SECTIONS)} / {rng.choice(SECTIONS)}"),
        Block("h1", "", story.headline),
        Block("time", "", f"{rng.randint(2, 23)} hours ago"),
        Block("figcaption", "", f"Image caption, {story.topic.title()} has been in the news"),
    ]
    blocks += body[:2]
    blocks += [Block("p", "", f"Related: {_related(rng, story)}")]
    blocks += body[2:]
    blocks += [
        Block("h2", "", "Related Topics"),
        Block("li", "", story.topic.title()),
        Block("h2", "", "More on this story"),
        Block("li", "", _related(rng, story)),
        Block("div", "", "2 Comments"),
        Block("footer", "", f"Copyright {rng.randint(2019, 2025)} BBC. All rights reserved."),
    ]
    return blocks


LAYOUTS = {
    "wordpress": wordpress,
    "portal": portal,
    "magazine": magazine,
    "broadcaster": broadcaster,
}

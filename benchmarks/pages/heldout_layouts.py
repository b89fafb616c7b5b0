"""Held-out page layouts, written after the chrome rules were frozen: never tuned on.

Other conventions and wording than the development layouts: a wire service's all-caps
byline and "Updated 3:47 PM EDT" stamp, a tabloid's bullet highlights, "Scroll down for
video" and "(pictured)" captions, a blog's "Posted by … on …", tags and Instagram embed, and
a regional paper's video-player chrome, "Most Read" lists and local-democracy byline.
"""

from __future__ import annotations

import random

from benchmarks.pages.render import Block, Story

REPORTERS = ["Kate Holmes", "Daniel Okafor", "Mei Lin", "Lucas Brandt", "Sofia Rossi", "Tom Hale"]
PLACES = ["LONDON", "WASHINGTON", "NEW DELHI", "NAIROBI", "BERLIN", "SYDNEY"]
SHORT_MONTHS = ["JAN", "FEB", "MAR", "APR", "SEP", "DEC"]


def _stamp(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}:{rng.randint(10, 59)} {rng.choice(['AM', 'PM'])} EDT"


def _other_headline(rng: random.Random, story: Story) -> str:
    return rng.choice(
        [
            f"Inside the {story.topic} row that split a town",
            f"{rng.randint(2, 9)} questions about {story.topic} answered",
            f"Analysis: the real cost of {story.topic}",
        ]
    )


def wire(story: Story, rng: random.Random) -> list[Block]:
    """A wire service: all-caps byline, EDT stamp, share row, RELATED lines, related coverage."""
    body = [Block("p", "", p) for p in story.paragraphs]
    one, two = rng.sample(REPORTERS, 2)
    blocks = [
        Block("h1", "Page-headline", story.headline),
        Block("div", "Page-authors", f"By {one.upper()} and {two.upper()}"),
        Block(
            "div",
            "Page-dateModified",
            f"Updated {_stamp(rng)}, {rng.choice(['March', 'May'])} {rng.randint(1, 28)}, 2024",
        ),  # fmt: skip
        Block("div", "Page-actions", "Share"),
        Block("div", "Page-actions", "Copy"),
        Block("div", "Page-actions", "Link copied"),
    ]
    blocks += body[:3]
    blocks.append(Block("p", "", f"RELATED: {_other_headline(rng, story)}"))
    blocks += body[3:]
    blocks += [
        Block("h2", "", "Related coverage"),
        Block("li", "", _other_headline(rng, story)),
        Block("li", "", _other_headline(rng, story)),
    ]
    return blocks


def tabloid(story: Story, rng: random.Random) -> list[Block]:
    """A tabloid: bullet highlights, 'For MailOnline' byline, published/updated line, captions."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("h2", "", story.headline),
        Block("li", "mol-bullets", story.dek),
        Block("div", "author-section", f"By {rng.choice(REPORTERS)} For Mailonline"),
        Block(
            "span",
            "article-timestamp",
            f"Published: {rng.randint(10, 23)}:{rng.randint(10, 59)}"
            f" EDT, {rng.randint(1, 28)} March 2024 | Updated: {rng.randint(10, 23)}:"
            f"{rng.randint(10, 59)} EDT, {rng.randint(1, 28)} March 2024",
        ),  # fmt: skip
        Block("div", "share-or-comment", f"{rng.randint(10, 900)} shares"),
    ]
    blocks += body[:2]
    blocks.append(Block("p", "", "Scroll down for video"))
    blocks.append(Block("figcaption", "", "The scene on Tuesday afternoon (pictured)"))
    blocks += body[2:5]
    blocks.append(Block("div", "", "Advertisement"))
    blocks += body[5:]
    blocks += [
        Block("div", "", "Share or comment on this article:"),
        Block("div", "", f"View {rng.randint(2, 300)} comments"),
    ]
    return blocks


def blog(story: Story, rng: random.Random) -> list[Block]:
    """A personal blog: 'Posted by … on …', Instagram embed, tags, likes, post navigation."""
    body = [Block("p", "", p) for p in story.paragraphs]
    name = rng.choice(REPORTERS)
    blocks = [
        Block("h1", "post-title", story.headline),
        Block("div", "post-meta", f"Posted by {name} on {rng.randint(1, 28)} October 2023"),
    ]
    blocks += body[:3]
    blocks += [
        Block("div", "instagram-media", "View this post on Instagram"),
        Block(
            "div", "instagram-media", f"A post shared by {name} (@{name.split()[0].lower()}_daily)"
        ),
    ]
    blocks += body[3:]
    blocks += [
        Block("div", "post-tags", f"Tags: {story.topic}, news, opinion"),
        Block("div", "", "Like this:"),
        Block("div", "", "Like Loading..."),
        Block("div", "", "Leave a comment"),
        Block("nav", "", f"Previous post {_other_headline(rng, story)}"),
    ]
    return blocks


def regional(story: Story, rng: random.Random) -> list[Block]:
    """A regional paper: › breadcrumb, local-democracy byline, video player text, Most Read."""
    body = [Block("p", "", p) for p in story.paragraphs]
    day = f"{rng.randint(1, 28):02d} {rng.choice(SHORT_MONTHS)} 2024"
    blocks = [
        Block("nav", "", "News › Local News › Politics"),
        Block("h1", "", story.headline),
        Block("div", "author", f"{rng.choice(REPORTERS)} Local Democracy Reporter"),
        Block("div", "time", f"{rng.randint(10, 23)}:{rng.randint(10, 59)}, {day}"),
        Block("div", "bookmark", "Bookmark"),
        Block("p", "", f"{rng.choice(PLACES).title()} (Image: Getty Images)"),
    ]
    blocks += body[:2]
    blocks += [
        Block("div", "", "Video Loading"),
        Block("div", "", "Video Unavailable"),
        Block("div", "", "Click to play Tap to play"),
        Block("div", "", f"The video will start in {rng.randint(3, 9)} Cancel"),
        Block("div", "", "Play now"),
    ]
    blocks += body[2:4]
    blocks += [
        Block("div", "", "Get the latest news sent straight to your inbox with our newsletter"),
        Block("div", "", "Sign up here"),
    ]
    blocks += body[4:]
    blocks += [
        Block("h2", "", "Most Read"),
        Block("li", "", _other_headline(rng, story)),
        Block("h2", "", "Most Recent"),
        Block("li", "", _other_headline(rng, story)),
    ]
    return blocks


LAYOUTS = {"wire": wire, "tabloid": tabloid, "blog": blog, "regional": regional}

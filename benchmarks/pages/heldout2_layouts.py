"""Second held-out page layouts, written after the rules were frozen again (commit "chrome:
widget labels …"), on articles neither earlier set used: never tuned on.

A live blog's timestamps and "Key events", a newsletter platform's subscribe prompts, a
newspaper app's "Listen to this article" and "SKIP ADVERTISEMENT" markers, and a local TV
site's slideshow captions and syndication notice.
"""

from __future__ import annotations

import random

from benchmarks.pages.render import Block, Story

WRITERS = ["Hannah Weiss", "Kwame Mensah", "Aiko Tanaka", "Pablo Ortiz", "Nadia Petrova"]


def liveblog(story: Story, rng: random.Random) -> list[Block]:
    """A live blog: 'Live', key events, timestamped posts, 'Show key events only'."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("span", "badge", "Live"),
        Block("h1", "", story.headline),
        Block("div", "", f"{rng.choice(WRITERS)} (now) and {rng.choice(WRITERS)} (earlier)"),
        Block("div", "", f"Mon 4 Mar 2024 {rng.randint(10, 23)}.{rng.randint(10, 59)} GMT"),
        Block("h2", "", "Key events"),
        Block("li", "", "Show key events only"),
        Block("li", "", "Please turn on JavaScript to use this feature"),
    ]
    for index, paragraph in enumerate(body):
        if index % 3 == 0:
            blocks.append(Block("time", "", f"{rng.randint(10, 23)}.{rng.randint(10, 59)} GMT"))
        blocks.append(paragraph)
    blocks += [Block("div", "", "Updated at 16.05 GMT"), Block("div", "", "Reuse this content")]
    return blocks


def newsletter(story: Story, rng: random.Random) -> list[Block]:
    """A newsletter platform post: subscribe boxes, 'Share', 'Leave a comment', 'Ready for more?'."""
    body = [Block("p", "", p) for p in story.paragraphs]
    writer = rng.choice(WRITERS)
    blocks = [
        Block("h1", "", story.headline),
        Block("h3", "subtitle", story.dek),
        Block("div", "", writer),
        Block("div", "", f"Mar {rng.randint(1, 28)}, 2024"),
        Block("div", "", f"{rng.randint(5, 300)}"),
        Block("div", "", f"{rng.randint(1, 40)}"),
        Block("div", "", "Share"),
    ]
    blocks += body[:3]
    blocks += [
        Block("div", "", f"{writer.split()[0]}'s Notes is a reader-supported publication."),
        Block("div", "", "Type your email..."),
        Block("div", "", "Subscribe"),
    ]
    blocks += body[3:]
    blocks += [
        Block("div", "", "Leave a comment"),
        Block("div", "", "Ready for more?"),
        Block("div", "", f"Discover more from {writer}'s Notes"),
    ]
    return blocks


def newspaper_app(story: Story, rng: random.Random) -> list[Block]:
    """A newspaper site: 'Listen to this article · 6:12 min', Save/Gift, SKIP ADVERTISEMENT."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("h1", "", story.headline),
        Block("p", "summary", story.dek),
        Block("div", "", f"Listen to this article · {rng.randint(3, 9)}:{rng.randint(10, 59)} min"),
        Block("div", "", "Learn more"),
        Block("div", "", "Share full article"),
        Block("div", "", "Save"),
        Block("div", "", f"By {rng.choice(WRITERS)}"),
        Block("div", "", f"Reporting from {rng.choice(['Paris', 'Lagos', 'Seoul'])}"),
        Block("time", "", f"March {rng.randint(1, 28)}, 2024"),
    ]
    blocks += body[:2]
    blocks += [Block("div", "", "Advertisement"), Block("div", "", "SKIP ADVERTISEMENT")]
    blocks += body[2:]
    blocks += [
        Block("div", "", f"{rng.choice(WRITERS)} is a correspondent covering {story.topic}."),
        Block("div", "", "See more on: " + story.topic.title()),
        Block("div", "", "Read 212 Comments"),
    ]
    return blocks


def local_tv(story: Story, rng: random.Random) -> list[Block]:
    """A local TV site: 'Watch Live', slideshow caption '1 of 3 |', syndication notice."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("div", "", "Watch Live"),
        Block("div", "", "Breaking News"),
        Block("h1", "", story.headline),
        Block("div", "", f"by: {rng.choice(WRITERS)}"),
        Block(
            "div",
            "",
            f"Posted: Mar {rng.randint(1, 28)}, 2024 / {rng.randint(1, 12)}:"
            f"{rng.randint(10, 59)} PM EST",
        ),  # fmt: skip
        Block(
            "figcaption",
            "",
            f"1 of 3 | Crowds gathered outside on Monday (Photo by {rng.choice(WRITERS)})",
        ),
    ]
    blocks += body[:4]
    blocks.append(Block("div", "", "Trending Stories:"))
    blocks.append(Block("li", "", f"Police search for {story.topic} suspect"))
    blocks += body[4:]
    blocks += [
        Block(
            "div",
            "",
            "Copyright 2024 Nexstar Media Inc. All rights reserved. This material "
            "may not be published, broadcast, rewritten, or redistributed.",
        ),  # fmt: skip
    ]
    return blocks


LAYOUTS = {
    "liveblog": liveblog,
    "newsletter": newsletter,
    "newspaper_app": newspaper_app,
    "local_tv": local_tv,
}

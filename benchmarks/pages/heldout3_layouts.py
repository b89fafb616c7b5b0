"""Third held-out page layouts, written after the rules were frozen a third time (commit
"chrome: 'By …' bylines …"): never tuned on. The articles repeat the development set's (every
article with six paragraphs is used by one of the sets), the layouts are new.

A blogging platform's follow/clap/responses chrome, a Japanese wire's "TOKYO, March 5
(Kyodo) --" and "Photo taken … shows …" captions, a sports site's score lines and app
prompts, and a press release's contacts and "###" end mark.
"""

from __future__ import annotations

import random

from benchmarks.pages.render import Block, Story

PEOPLE = ["Ravi Menon", "Claire Dubois", "Jonas Berg", "Yuki Sato", "Amara Obi"]


def platform(story: Story, rng: random.Random) -> list[Block]:
    """A blogging platform: Follow, '5 min read', claps, 'Responses (12)', 'More from …'."""
    body = [Block("p", "", p) for p in story.paragraphs]
    name = rng.choice(PEOPLE)
    blocks = [
        Block("h1", "", story.headline),
        Block("div", "", name),
        Block("div", "", "Follow"),
        Block("div", "", f"{rng.randint(3, 12)} min read"),
        Block("div", "", "·"),
        Block("div", "", f"Mar {rng.randint(1, 28)}, 2024"),
        Block("div", "", f"{rng.randint(1, 9)}.{rng.randint(1, 9)}K"),
        Block("div", "", f"{rng.randint(2, 60)}"),
        Block("div", "", "Listen"),
        Block("div", "", "Share"),
    ]
    blocks += body
    blocks += [
        Block("div", "", f"Responses ({rng.randint(1, 40)})"),
        Block("div", "", f"More from {name}"),
        Block("div", "", "Recommended from Medium"),
        Block("div", "", "See all responses"),
        Block(
            "footer", "", "Help Status About Careers Press Blog Privacy Terms Text to speech Teams"
        ),
    ]
    return blocks


def kyodo(story: Story, rng: random.Random) -> list[Block]:
    """A Japanese wire: photo line with '[Kyodo]', KYODO NEWS, 'Related coverage:', copyright."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("h1", "", story.headline),
        Block(
            "div",
            "",
            f"KYODO NEWS - Mar {rng.randint(1, 28)}, 2024 - {rng.randint(1, 12)}:"
            f"{rng.randint(10, 59)} | World, All",
        ),  # fmt: skip
        Block("figcaption", "", f"Photo taken March {rng.randint(1, 28)} shows the scene. (Kyodo)"),
    ]
    blocks += body[:4]
    blocks += [Block("div", "", "Related coverage:"), Block("li", "", f"Japan eyes {story.topic}")]
    blocks += body[4:]
    blocks += [Block("footer", "", "Copyright (C) 2024 Kyodo News. All Rights Reserved.")]
    return blocks


def sports(story: Story, rng: random.Random) -> list[Block]:
    """A sports site: score line, 'Follow live', image line, 'Download the … app', ratings."""
    body = [Block("p", "", p) for p in story.paragraphs]
    score = f"Arsenal {rng.randint(0, 4)}-{rng.randint(0, 4)} Chelsea"
    blocks = [
        Block("div", "", "LIVE SCORES"),
        Block("div", "", f"FT: {score}"),
        Block("h1", "", story.headline),
        Block("div", "", f"{rng.choice(PEOPLE)}, Sports Reporter"),
        Block("div", "", f"Sunday {rng.randint(1, 28)} April 2024 18:{rng.randint(10, 59)}, UK"),
        Block("p", "", "Image: Fans celebrate at the Emirates on Sunday"),
    ]
    blocks += body[:3]
    blocks += [Block("div", "", f"Follow live: {score}"), Block("h3", "", "Player ratings")]
    blocks += body[3:]
    blocks += [
        Block("div", "", "Download the Sky Sports app"),
        Block("div", "", "Get Sky Sports"),
        Block("div", "", "Watch free highlights"),
    ]
    return blocks


def press_release(story: Story, rng: random.Random) -> list[Block]:
    """A press release: FOR IMMEDIATE RELEASE, media contact, '###', a 'Source:' line."""
    body = [Block("p", "", p) for p in story.paragraphs]
    name = rng.choice(PEOPLE)
    blocks = [
        Block("div", "", "FOR IMMEDIATE RELEASE"),
        Block("h1", "", story.headline),
        Block(
            "div",
            "",
            f"Media Contact: {name}, {name.split()[0].lower()}@example.org, "
            f"+1 555 01{rng.randint(10, 99)}",
        ),  # fmt: skip
    ]
    blocks += body
    blocks += [
        Block("div", "", "###"),
        Block("div", "", f"Source: {story.topic.title()} Council"),
    ]
    return blocks


LAYOUTS = {"platform": platform, "kyodo": kyodo, "sports": sports, "press_release": press_release}

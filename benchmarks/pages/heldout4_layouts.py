"""Fourth held-out page layouts, written after the rules were frozen a fourth time (commit
"chrome: press contact lines …"): never tuned on. Articles repeat held-out set 1's; the
layouts are new.

A link aggregator's thread, a government press-information page, a video page with its
player and transcript chrome, and a financial news page with tickers and key points.
"""

from __future__ import annotations

import random

from benchmarks.pages.render import Block, Story

USERS = ["quietriver", "north_star_77", "mapmaker", "lentil_soup", "orbitz"]
STAFF = ["Leah Kim", "Marco Bianchi", "Ines Duarte", "Viktor Lund", "Zainab Ali"]


def aggregator(story: Story, rng: random.Random) -> list[Block]:
    """A link aggregator: subreddit, 'Posted by u/… 5h ago', votes, 'Sort by: best'."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("div", "", "r/worldnews"),
        Block("div", "", f"Posted by u/{rng.choice(USERS)} {rng.randint(2, 23)}h ago"),
        Block("h1", "", story.headline),
        Block("div", "", f"{rng.randint(1, 9)}.{rng.randint(1, 9)}k"),
    ]
    blocks += body
    blocks += [
        Block("div", "", f"{rng.randint(20, 900)} comments"),
        Block("div", "", "Award"),
        Block("div", "", "Share"),
        Block("div", "", "Sort by: best"),
        Block("div", "", f"level 1 · {rng.randint(1, 9)}h"),
    ]
    return blocks


def government(story: Story, rng: random.Random) -> list[Block]:
    """A government press page: ministry, 'Posted On: … by PIB Delhi', release id, counter."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("div", "", "Ministry of External Affairs"),
        Block("h1", "", story.headline),
        Block(
            "div",
            "",
            f"Posted On: {rng.randint(1, 28)} MAR 2024 {rng.randint(1, 12)}:"
            f"{rng.randint(10, 59)}PM by PIB Delhi",
        ),  # fmt: skip
    ]
    blocks += body
    blocks += [
        Block("div", "", "***"),
        Block("div", "", f"(Release ID: {rng.randint(2000000, 2099999)})"),
        Block("div", "", f"Visitor Counter : {rng.randint(100, 9000)}"),
        Block("div", "", "Read this release in: Hindi , Urdu , Tamil"),
    ]
    return blocks


def video_page(story: Story, rng: random.Random) -> list[Block]:
    """A video page: 'Watch:' title, player time, 'Autoplay', 'Show transcript', 'Up next'."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("h1", "", story.headline),
        Block("div", "", f"0:00 / {rng.randint(1, 9)}:{rng.randint(10, 59)}"),
        Block("div", "", "Autoplay"),
        Block("div", "", f"{rng.choice(STAFF)} reports"),
        Block("div", "", "Show transcript"),
    ]
    blocks += body
    blocks += [
        Block("h2", "", "Up next"),
        Block("li", "", f"Watch: {story.topic} explained in 90 seconds"),
        Block("div", "", f"Duration {rng.randint(1, 9)}:{rng.randint(10, 59)}"),
    ]
    return blocks


def financial(story: Story, rng: random.Random) -> list[Block]:
    """A financial page: tickers, 'Key Points' heading, video length, delayed-data notice."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("div", "", f"DOW +{rng.randint(10, 400)}.{rng.randint(10, 99)}"),
        Block("div", "", f"S&P 500 -{rng.randint(1, 40)}.{rng.randint(10, 99)}"),
        Block("h1", "", story.headline),
        Block(
            "div",
            "",
            f"Published Tue, Mar {rng.randint(1, 28)} 2024{rng.randint(1, 12)}:"
            f"{rng.randint(10, 59)} PM EDT",
        ),  # fmt: skip
        Block("div", "", rng.choice(STAFF)),
        Block("div", "", "Share"),
    ]
    blocks += body[:3]
    blocks += [Block("div", "", f"VIDEO{rng.randint(1, 5)}:{rng.randint(10, 59)}")]
    blocks += body[3:]
    blocks += [
        Block("div", "", "Sign up for free newsletters and get more news delivered to your inbox"),
        Block("div", "", "Data is a real-time snapshot *Data is delayed at least 15 minutes."),
    ]
    return blocks


LAYOUTS = {
    "aggregator": aggregator,
    "government": government,
    "video_page": video_page,
    "financial": financial,
}

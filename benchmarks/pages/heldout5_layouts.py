"""Fifth held-out page layouts, written after the final rules (commit ".docx: refuse …") and
run once without any change to the rules: a second, independent measure of the final rules.
Articles repeat held-out set 2's; the layouts are new.

An Indian TV news site ("Edited by", "Read Time", "Track Latest News Live"), a British
broadsheet ("Explore more on these topics", a support appeal), a US paper's paywall and
reporter-contact lines, and a mobile page's menu and video-player chrome.
"""

from __future__ import annotations

import random

from benchmarks.pages.render import Block, Story

NAMES = ["Arjun Nair", "Fiona Walsh", "Diego Ramos", "Sara Lind", "Kenji Mori"]


def tv_news(story: Story, rng: random.Random) -> list[Block]:
    """An Indian TV news site: edited-by line, agency/updated line, read time, share row."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("div", "", f"Edited by: {rng.choice(NAMES)}"),
        Block(
            "div",
            "",
            f"World News | Press Trust of India | Updated: March {rng.randint(1, 28)},"
            f" 2024 {rng.randint(1, 12)}:{rng.randint(10, 59)} pm IST",
        ),  # fmt: skip
        Block("div", "", f"Read Time: {rng.randint(2, 6)} mins"),
        Block("div", "", "Share"),
        Block("div", "", "EMAIL"),
        Block("div", "", "PRINT"),
        Block("div", "", "COMMENTS"),
        Block("h1", "", story.headline),
    ]
    blocks += body
    blocks += [
        Block("h3", "", "Featured Video Of The Day"),
        Block("div", "", f"{story.topic.title()}: the full story"),
        Block(
            "div",
            "",
            "Track Latest News Live on the site and get news updates from India "
            "and around the world",
        ),  # fmt: skip
    ]
    return blocks


def broadsheet(story: Story, rng: random.Random) -> list[Block]:
    """A British broadsheet: dek, writer with role, date line, topics, support appeal."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("div", "", rng.choice(["Politics", "World news", "Business"])),
        Block("h1", "", story.headline),
        Block("div", "standfirst", story.dek),
        Block("div", "", f"{rng.choice(NAMES)} Political correspondent"),
        Block("div", "", f"Thu {rng.randint(1, 28)} Mar 2024 06.00 GMT"),
        Block("div", "", "Share"),
    ]
    blocks += body[:4]
    blocks += [Block("h2", "", "Most viewed")]
    blocks += body[4:]
    blocks += [
        Block("div", "", "Explore more on these topics"),
        Block("li", "", story.topic.title()),
        Block("div", "", "Reuse this content"),
        Block("div", "", "Support our journalism"),
    ]
    return blocks


def paywall(story: Story, rng: random.Random) -> list[Block]:
    """A US paper: subscriber badge, free-article counter, login prompt, update note."""
    body = [Block("p", "", p) for p in story.paragraphs]
    name = rng.choice(NAMES)
    blocks = [
        Block("div", "", "Subscriber only"),
        Block("h1", "", story.headline),
        Block("div", "", f"By {name}"),
        Block(
            "div",
            "",
            f"PUBLISHED: March {rng.randint(1, 28)}, 2024 at 5:{rng.randint(10, 59)} a.m.",
        ),
        Block("div", "", f"You have {rng.randint(1, 5)} free articles remaining"),
        Block("div", "", "Subscribe now"),
        Block("div", "", "Already a subscriber? Log in"),
    ]
    blocks += body
    blocks += [Block("div", "", "This story has been updated.")]
    return blocks


def mobile(story: Story, rng: random.Random) -> list[Block]:
    """A mobile page: menu words, sections, byline with a bullet, video player controls."""
    body = [Block("p", "", p) for p in story.paragraphs]
    blocks = [
        Block("div", "", "Menu"),
        Block("div", "", "Close"),
        Block("div", "", "Search"),
        Block("div", "", "Top Stories"),
        Block("h1", "", story.headline),
        Block("div", "", f"By {rng.choice(NAMES)} • Published {rng.randint(2, 9)} hours ago"),
        Block("div", "", "Tap to unmute"),
    ]
    blocks += body[:3]
    blocks += [
        Block("div", "", "More Videos"),
        Block("div", "", f"Next up in {rng.randint(3, 9)}"),
        Block("div", "", "Ad Feedback"),
    ]
    blocks += body[3:]
    return blocks


LAYOUTS = {"tv_news": tv_news, "broadsheet": broadsheet, "paywall": paywall, "mobile": mobile}

"""Page chrome in briefings: real stories laid out as CMS pages, briefed as HTML and as copied text.

    .venv/bin/python -m benchmarks.chrome_check              # dev and held-out layouts, 60-page check
    .venv/bin/python -m benchmarks.chrome_check --set heldout --show-leaks

Stories are real articles of ``../shared/data/news_writer_summaries.jsonl`` (their paragraphs;
the dek is a writer's summary sentence). The ``dev`` layouts (benchmarks/pages/dev_layouts.py)
are the ones the chrome rules were written from; the ``heldout`` layouts
(benchmarks/pages/heldout_layouts.py) were written after the rules were frozen, by other
conventions and wording, and use other articles. The ``first-issue`` set is the 60 Newsroom
stories of ``newsroom_human60.jsonl`` with the chrome of the first issue's example page.

A briefing is clean when every sentence is a sentence of the story's body; ``lead`` is right
when its first sentence is the story's first. Ten methods, three sentences each.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

from benchmarks.pages import (
    dev_layouts,
    heldout2_layouts,
    heldout3_layouts,
    heldout4_layouts,
    heldout5_layouts,
    heldout_layouts,
)
from benchmarks.pages.render import Block, Story, to_copied_text, to_html
from summarize.api import get
from summarize.document import Document
from summarize.summarizers.base import Budget

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
METHODS = ["lead", "textrank", "lexrank", "kl", "position", "lsa", "luhn", "sumbasic",
           "edmundson", "reduction"]  # fmt: skip
PAGES_PER_SET = 24
_ENDS = re.compile(r"[.!?][\"”’']?$")


def stories(first: int, count: int) -> list[tuple[Story, list[str]]]:
    """Stories from the writer-summaries articles with at least six paragraphs."""
    found: list[tuple[Story, list[str]]] = []
    with open(DATA / "news_writer_summaries.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rng = random.Random(first)
    for row in rows[first:]:
        paragraphs = [" ".join(p.split()) for p in row["source"].split("\n") if p.strip()]
        paragraphs = [p for p in paragraphs if len(p.split()) >= 8][:9]
        if len(paragraphs) < 6 or not all(_ENDS.search(p) for p in paragraphs):
            continue
        words = paragraphs[0].split()
        base = " ".join(words[:8]).rstrip(",.;:")
        headline = base + rng.choice(
            [f" as {rng.randint(2, 40)} more join", f": {rng.randint(3, 9)} things we know",
             f" after {rng.randint(2, 30)}-year wait", "", f" ({rng.randint(2, 99)}%)"]
        )  # fmt: skip
        if rng.random() < 0.2:
            headline = f"Will {base[0].lower()}{base[1:]}?"
        reference = (row.get("references") or [paragraphs[0]])[0]
        dek = reference.split(". ")[0].rstrip(".") + "."
        topic = " ".join(w.strip(",.'’\"") for w in words[:2]).lower()
        found.append((Story(headline, dek, topic, paragraphs), paragraphs))
        if len(found) == count:
            break
    return found


def first_issue_pages() -> list[tuple[str, list[str]]]:
    """The 60 Newsroom stories with the first issue's chrome, as copied text."""
    pages: list[tuple[str, list[str]]] = []
    with open(DATA / "newsroom_human60.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    for number, row in enumerate(rows):
        rng = random.Random(number)
        sentences = [s.text for s in Document.from_text(row["source"], clean=False).sentences]
        paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)][:12]
        quote = sentences[min(2, len(sentences) - 1)]
        lines = [f"{rng.randint(1, 99)} views", *paragraphs[:2]]
        lines.append(f"{quote} @someone— A Person (@handle{number}) March {number % 28 + 1}, 2024")
        lines.append(f"Also Read: {' '.join(sentences[0].split()[:6])}")
        lines.append("Key Developments So Far")
        lines += paragraphs[2:]
        lines += ["Comments", f"{rng.randint(0, 3)} Comments"]
        pages.append(("\n".join(lines) + "\n", paragraphs))
    return pages


def check(
    pages: list[tuple[str, list[str]]], show: Callable[[str], None] | None
) -> tuple[int, int, int]:
    """(clean briefings, lead right, pages) over ``pages`` of (input, body paragraphs)."""
    clean = lead_right = 0
    summarizers = {m: get(m) for m in METHODS}
    for page, paragraphs in pages:
        body = "\n".join(paragraphs)
        document = Document.from_string(page)
        for method, summarizer in summarizers.items():
            briefing = summarizer.summarize(document, Budget(sentences=3))
            leaks = [s.text for s in briefing.sentences if s.text not in body]
            clean += not leaks
            if leaks and show:
                show(f"  {method}: {leaks[0][:110]!r}")
            if method == "lead":
                first = briefing.sentences[0].text if briefing.sentences else ""
                right = bool(first) and paragraphs[0].startswith(first)
                lead_right += right
                if not right and show:
                    show(f"  lead starts: {first[:110]!r}")
    return clean, lead_right, len(pages)


def layout_pages(
    layouts: dict[str, Callable[[Story, random.Random], list[Block]]], first: int, html: bool
) -> list[tuple[str, list[str]]]:
    """Every story laid out by the layouts in turn, as HTML or as copied text."""
    pages: list[tuple[str, list[str]]] = []
    names = sorted(layouts)
    for number, (story, paragraphs) in enumerate(stories(first, PAGES_PER_SET)):
        rng = random.Random(1000 + number)
        blocks = layouts[names[number % len(names)]](story, rng)
        if html:
            description = story.dek if number % 2 else None
            pages.append((to_html(blocks, story, description=description), paragraphs))
        else:
            pages.append((to_copied_text(blocks, blank_lines=number % 3 == 0), paragraphs))
    return pages


def main() -> None:
    """Print clean briefings and lead-right pages per set and input kind."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--set",
        choices=[
            "dev",
            "heldout",
            "heldout2",
            "heldout3",
            "heldout4",
            "heldout5",
            "first-issue",
            "all",
        ],
        default="all",
    )
    parser.add_argument("--show-leaks", action="store_true")
    args = parser.parse_args()
    show = print if args.show_leaks else None
    sets = {
        "dev": (dev_layouts.LAYOUTS, 0),
        "heldout": (heldout_layouts.LAYOUTS, 60),
        "heldout2": (heldout2_layouts.LAYOUTS, 33),
        "heldout3": (heldout3_layouts.LAYOUTS, 0),
        "heldout4": (heldout4_layouts.LAYOUTS, 60),
        "heldout5": (heldout5_layouts.LAYOUTS, 33),
    }
    print(f"{'set':<12} {'input':<6} {'clean briefings':>18} {'lead right':>12}")
    for name, (layouts, first) in sets.items():
        if args.set not in (name, "all"):
            continue
        for html in (True, False):
            pages = layout_pages(layouts, first, html)
            clean, lead, count = check(pages, show)
            total = count * len(METHODS)
            kind = "html" if html else "text"
            print(
                f"{name:<12} {kind:<6} {clean:>5}/{total} ({clean / total:6.1%}) {lead:>5}/{count}"
            )
    if args.set in ("first-issue", "all"):
        clean, lead, count = check(first_issue_pages(), show)
        total = count * len(METHODS)
        print(
            f"{'first-issue':<12} {'text':<6} {clean:>5}/{total} ({clean / total:6.1%}) {lead:>5}/{count}"
        )


if __name__ == "__main__":
    main()

"""Pages as blocks, rendered as HTML and as the text a browser copies (one block a line)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """One block of a page: its HTML tag, CSS class and text."""

    tag: str
    css: str
    text: str


@dataclass(frozen=True)
class Story:
    """A story to lay out: its headline, a one-sentence dek, topic words and body paragraphs."""

    headline: str
    dek: str
    topic: str
    paragraphs: list[str]


_BODY_TAGS = {"p"}
_CHROME_WRAP = {
    "nav": "nav",
    "footer": "footer",
    "figcaption": "figure",
    "li": "ul",
}


def to_html(
    blocks: list[Block],
    story: Story,
    *,
    author_meta: str | None = None,
    description: str | None = None,
) -> str:
    """The page as HTML: head with title and metadata, header, article body, aside, footer."""
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(story.headline)} | News</title>",
        f"<meta property='og:title' content='{html.escape(story.headline, quote=True)}'>",
    ]
    if description:
        parts.append(f"<meta name='description' content='{html.escape(description, quote=True)}'>")
    if author_meta:
        parts.append(f"<meta name='author' content='{html.escape(author_meta, quote=True)}'>")
    parts.append("</head><body><div class='site'><header class='masthead'>Menu Search</header>")
    parts.append("<main><article>")
    for block in blocks:
        attrs = f" class='{block.css}'" if block.css else ""
        text = html.escape(block.text)
        if block.css == "tweet-attribution" and parts[-1].endswith("</blockquote>"):
            # A tweet's attribution sits inside its blockquote, as Twitter's embed code has it.
            parts[-1] = parts[-1][: -len("</blockquote>")] + f"{text}</blockquote>"
        elif block.tag == "blockquote":
            parts.append(f"<blockquote{attrs}><p>{text}</p></blockquote>")
        elif block.tag == "figcaption":
            parts.append(
                f"<figure><img src='a.jpg' alt=''><figcaption{attrs}>{text}</figcaption></figure>"
            )
        elif block.tag == "li":
            parts.append(f"<ul><li{attrs}><a href='/x'>{text}</a></li></ul>")
        elif block.tag in ("nav", "footer", "time", "span"):
            parts.append(f"<{block.tag}{attrs}>{text}</{block.tag}>")
        elif block.tag in ("h1", "h2", "h3", "h4", "p"):
            parts.append(f"<{block.tag}{attrs}>{text}</{block.tag}>")
        else:
            parts.append(f"<div{attrs}>{text}</div>")
    parts.append("</article></main></div></body></html>")
    return "".join(parts)


def to_copied_text(blocks: list[Block], *, blank_lines: bool = False) -> str:
    """What selecting the whole page and copying gives: every block on a line of its own."""
    separator = "\n\n" if blank_lines else "\n"
    return separator.join(re.sub(r"\s+", " ", b.text).strip() for b in blocks) + "\n"

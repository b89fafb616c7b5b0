"""HTML pages: the main text (``trafilatura``) and the page's title, author and date."""

from __future__ import annotations

import logging

from summarize.document import PageMetadata
from summarize.errors import EmptyDocumentError

__all__ = ["extract_html"]

# Parts of a page that are never the story, removed before extraction (trafilatura drops
# most of them itself; these are the ones that otherwise leak into the text).
_PRUNE = [
    "//figcaption",
    "//figure//*[contains(@class, 'caption') or contains(@class, 'credit')]",
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram')"
    " or contains(@class, 'tiktok') or contains(@class, 'embed')]",
    "//*[contains(@class, 'embed') and (self::div or self::aside or self::section)]",
    "//aside",
    "//*[@role='complementary' or @role='navigation' or @role='banner']",
    "//*[contains(@class, 'related') or contains(@class, 'also-read')"
    " or contains(@class, 'newsletter') or contains(@class, 'share')"
    " or contains(@class, 'social') or contains(@class, 'breadcrumb')"
    " or contains(@class, 'comment')]",
    # The dek (standfirst): a summary line under the headline, not the story's first sentence.
    *(
        f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
        for name in ("dek", "standfirst", "subtitle", "subheadline", "article-summary", "strapline")
    ),
]


def extract_html(html: str, *, url: str | None = None) -> tuple[str, PageMetadata]:
    """Return the main text of an HTML page (one paragraph a line) and its metadata.

    Raises :class:`EmptyDocumentError` when the page has no article text.
    """
    import trafilatura

    # trafilatura logs parse failures as errors; ours is the one error the user should see.
    logger = logging.getLogger("trafilatura")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        prune_xpath=_PRUNE,
    )
    text = getattr(extracted, "text", None) or ""
    if not text.strip():
        raise EmptyDocumentError(
            "no article text found in the HTML page" + (f" at {url}" if url else "")
        )
    description = _clean(getattr(extracted, "description", None))
    metadata = PageMetadata(
        title=_clean(getattr(extracted, "title", None)),
        author=_clean(getattr(extracted, "author", None)),
        date=_clean(getattr(extracted, "date", None)),
        url=url or _clean(getattr(extracted, "url", None)),
        site=_clean(getattr(extracted, "sitename", None)),
        description=description,
        source_format="html",
    )
    return text, metadata


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None

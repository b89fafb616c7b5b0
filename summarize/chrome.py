"""Page chrome: the lines of a web page that are not the story (headlines, bylines, links …).

Every rule looks at one block (a line of a copied page, or a paragraph of extracted HTML) and
says why it is chrome, or ``None`` for story text; :func:`page_chrome` then adds the rules
that need the neighbouring blocks: the lines above a byline are the page's header, and the
text of an embedded post sits just above its "— Name (@handle) Month D, YYYY" line.
Nothing here edits text; cleaning only decides which blocks summarizers may use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["block_chrome", "page_chrome"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}T?|GMT[+-]?\d*|UTC[+-]?\d*|IST|ET)?"
_DATE = (
    rf"(?:{_DAY}\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
_STAMP_WORDS = (
    r"(?:updated|published|posted|first\ published|last\ updated|last\ modified|modified"
    r"|created|date|on|at|as\ of)"
)

_COUNTER = r"(?:views?|comments?|shares?|likes?|reads?|replies|responses|reactions)"
_BOILERPLATE = re.compile(
    rf"""^(?:
        [\d,.]+\s*[km]?\s*{_COUNTER}(?:\s+so\ far)?
      | {_COUNTER}\s*[(:]?\s*[\d,.]*\s*[km]?\)?
      | (?:show|view|load|read|see|hide|add)\ (?:all\ |more\ )?(?:\d+\ )?(?:comments?|replies)
      | (?:join|start)\ the\ (?:conversation|discussion)
      | (?:share|tweet|email|print|save|copy\ link|whatsapp|facebook|twitter|linkedin|reddit
        |telegram|pinterest|x|flipboard|comment|bookmark|gift\ (?:this\ )?article|listen)
        (?:[\s|/•·,]+(?:share|tweet|email|print|save|copy\ link|whatsapp|facebook|twitter
        |linkedin|reddit|telegram|pinterest|x|flipboard|comment|bookmark))*
      | share\ (?:this|on|via|the)\b.{{0,40}}
      | (?:advertisement|advert|ad|sponsored(?:\ content)?|promoted|paid\ (?:post|content)
        |story\ continues\ (?:below|after)(?:\ (?:this\ )?(?:advertisement|ad))?
        |article\ continues\ (?:below|after).{{0,20}}|scroll\ to\ (?:continue|read\ more).{{0,20}}
        |continue\ reading.{{0,40}})
      | (?:related|trending|recommended|most\ (?:read|popular|viewed|shared)|popular|top\ stories
        |latest(?:\ news|\ stories)?|more\ (?:from|on|in|stories|news|like\ this)\b.{{0,60}}
        |you\ (?:may|might)\ (?:also\ )?(?:like|be\ interested\ in).{{0,30}}
        |(?:recommended|suggested|picked)\ for\ you|editor'?s\ picks?|don'?t\ miss
        |in\ (?:other|case\ you\ missed).{{0,30}}|what\ to\ read\ next|up\ next|next\ story
        |previous\ story|tags?|topics?|filed\ under.{{0,80}}|categories|subscribe|sign\ in
        |log\ in|register|newsletter|print|email|home|menu|search|skip\ to\ (?:main\ )?content)
        (?:\ (?:articles?|stories|news|posts|links|reads|coverage|topics))?\s*[:|]?
      | (?:also\ read|read\ also|read\ more|read\ next|more\ reading|further\ reading|see\ also
        |also\ see|also\ watch|related|related\ (?:story|article|news|link|coverage|reading)
        |recommended|must\ read|don'?t\ miss|watch|listen|video|more|read|explained|opinion
        |in\ pics|photos|click\ here|must\ watch)\s*[:|»>\-–—]\s*\S.{{0,200}}
      | (?:click\ here|follow\ us|sign\ up|subscribe\ to|get\ (?:our|the)\ .{{0,40}}newsletter
        |image\ (?:source|copyright|caption|credit)|photo(?:graph)?\ ?(?:credit)?:|credit:
        |getty\ images|copyright\ ©|©|\(c\)\ \d{{4}}|all\ rights\ reserved).*
      | .{{0,80}}(?:all\ rights\ reserved|terms\ (?:of\ (?:use|service)|&\ conditions)
        |privacy\ policy|cookie\ (?:policy|settings)).{{0,80}}
      | (?:(?:enter|type)\ your\ email|your\ email\ address|email\ address|thanks?\ (?:you\ )?for
        (?:\ signing\ up|\ subscribing)|by\ (?:signing\ up|subscribing|clicking|registering)
        |we\ (?:will|'ll)\ (?:never\ )?(?:send|share)|you\ (?:can|may)\ unsubscribe|sign\ up
        (?:\ now|\ here|\ today|\ for\ free)?|get\ (?:the\ )?(?:latest|best|top)\b
        |(?:delivered|straight|direct)\ to\ your\ inbox|unsubscribe\ at\ any\ time).*
      | (?:like\ this|like\ loading|loading|please\ wait)\s*(?::|\.\.\.|…)?
      | (?:share|comment|discuss)(?:\ (?:or|and|&)\ (?:share|comment))?\ (?:on\ )?(?:this|the)
        \ (?:article|story|post)\s*:?
      | \d+\s*(?:min(?:ute)?s?|hrs?|hours?)\ (?:read|ago|listen)
      | (?:(?:estimated\ )?reading\ time|listen\ to\ (?:this\ )?(?:article|story)).{{0,30}}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"""^(?:
        (?i:by|written\ by|reported\ by|words\ by|story\ by|text\ by|edited\ by|von|par|por
        |posted\ by|compiled\ by|from):?\s+\S.{0,120}
      | (?i:(?:media|press|news)\ contacts?|contacts?|for\ (?:more\ )?information):\s*\S.{0,150}
      | [A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s*[|,/•·–—-]\s*[A-Z][\w&.'’-]*
        (?:\s+[A-Z][\w&.'’-]*){0,4}\s*(?:[|,/•·]\s*.{0,60})?
    )$""",
    re.VERBOSE,
)
_READ_TIME = r"\d+\s*(?:min(?:ute)?s?|hrs?|hours?|days?)\ (?:read|ago)"
_STAMP_TOKEN = rf"(?:{_DATE}|{_TIME}|{_DAY}|{_STAMP_WORDS}|{_READ_TIME})"
# Tokens joined by one separator or by spaces, so no string can be split two ways.
_DATELINE = re.compile(
    rf"""^(?:{_STAMP_WORDS}\s*:?\s*)?{_STAMP_TOKEN}(?:(?:\s*[|,•·/-]\s*|\s+){_STAMP_TOKEN})*\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(?:\s*[>›»/|]\s*[^.!?>›»/|]{1,40}){1,6}$")
_ATTRIBUTION = (
    rf"[—–-]{{1,2}}\s*[^\n]{{0,80}}\(@\w+\)\s*(?:on\s+)?(?:{_MONTH}\s+\d{{1,2}},\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
)
_ATTRIBUTION_END = re.compile(rf"{_ATTRIBUTION}\s*$", re.IGNORECASE)
_ATTRIBUTION_ONLY = re.compile(rf"^{_ATTRIBUTION}\s*$", re.IGNORECASE)
_EMBED_START = re.compile(
    r"a post shared by\b|view this post on (?:instagram|x|twitter)|embedded (?:post|tweet|video)",
    re.IGNORECASE,
)
_EMBED_LINKS = ("pic.twitter.com/", "://t.co/")
_CAPTION_CREDIT = re.compile(
    r"""(?:
        [(\[](?:(?:file|representative|representational|archive)\ (?:photo|image|picture|pic)
        |photo|image|picture|pic|video|credit|source|courtesy|via)\b[^)\]]{0,80}[)\]]\.?$
      | [(\[](?:AP|AFP|Reuters|PTI|ANI|IANS|EPA|Getty(?:\ Images)?|Bloomberg|Xinhua|Shutterstock
        |File|X|Twitter|Instagram|Facebook)(?:\ (?:photo|images?|file))?(?:/[^)\]]{0,60})?[)\]]\.?$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_LABEL = re.compile(
    r"(?:^|[.)]\s+)(?:photo|photograph|image|picture|credit|pic)\s*(?:credit)?\s*:\s*[^.]{1,80}\.?$",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(
    r"(?:file\ (?:photo|image|picture|pic)|representative\ (?:image|photo)"
    r"|representational\ (?:image|photo)|image\ for\ representation)\b",
    re.IGNORECASE | re.VERBOSE,
)
_AUTHOR_BIO = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}"
    r"(?:correspondent|reporter|writer|editor|journalist|columnist|contributor|producer)\b"
    r"[^.!?]{0,120}[.!?]?$"
)
_TERMINATED = re.compile(r"[.!?…:;。！？｡।॥؟۔][\"'”’»)\]」』）》】]*$|[\"”’»」』]$")
_HEADING_MAX_WORDS = 30
_LEAD_IN_MAX_WORDS = 6
_SHORT = 320
_BOILERPLATE_PROSE = 200
"""Longer blocks are story paragraphs unless an embed or caption ends them."""
_TAIL = 240
_HEADER_ZONE = 10
"""How many blocks from the top of a page may still be its header (headline, dek, byline)."""
_HEADER_MAX_WORDS = 45
_POST_MAX_CHARACTERS = 300
"""A post's text is short (280 characters on X); longer text above an attribution is the story."""


def block_chrome(block: str) -> str | None:
    """Say why one block (a line or paragraph) is page chrome, or ``None`` for story text."""
    stripped = block.strip()
    short = len(stripped) <= _SHORT
    # Boilerplate is short, or a long line without end punctuation: prose is not looked at.
    if (
        len(stripped) <= _BOILERPLATE_PROSE or (short and not stripped.endswith((".", "”", '"')))
    ) and (_BOILERPLATE.match(stripped)):
        return "boilerplate"
    # Attribution lines, credits and captions end a block: only its tail needs a look.
    tail = stripped[-_TAIL:] if len(stripped) > _TAIL else stripped
    if (
        ("(@" in tail and _ATTRIBUTION_END.search(tail))
        or any(link in stripped for link in _EMBED_LINKS)
        or _EMBED_START.match(stripped)
    ):
        return "embedded-post"
    if (
        (tail.endswith((")", "]", ").", "].")) and _CAPTION_CREDIT.search(tail))
        or (":" in tail and _CAPTION_LABEL.search(tail))
        or _CAPTION_START.match(stripped)
    ):
        return "caption"
    if not short:
        return None
    if _AUTHOR_BIO.match(stripped):
        return "byline"
    if len(stripped) <= 160 and _DATELINE.match(stripped) and any(c.isdigit() for c in stripped):
        return "dateline"
    terminated = _TERMINATED.search(stripped)
    if len(stripped) <= 160 and not terminated and _BYLINE.match(stripped):
        return "byline"
    if stripped.endswith(":") and len(stripped.split()) <= _LEAD_IN_MAX_WORDS:
        return "heading"  # "Like this:", "Key points:" — a label, never a summary sentence
    if not terminated and _BREADCRUMB.match(stripped) and len(stripped.split()) <= 16:
        return "breadcrumb"
    if not terminated and len(stripped.split()) <= _HEADING_MAX_WORDS:
        return "heading"
    return None


def page_chrome(
    blocks: Sequence[str],
    *,
    title: str | None = None,
    author: str | None = None,
    description: str | None = None,
) -> list[str | None]:
    """Why each block of a page is chrome (``None`` for story text), neighbours considered.

    ``title``, ``author`` and ``description`` (from an HTML page's metadata) mark the blocks
    that repeat them: the headline, the byline, and the dek when it stands at the top.
    """
    reasons = [block_chrome(b) for b in blocks]
    title_key = _key(title) if title else None
    description_key = _key(description) if description else None
    for i, block in enumerate(blocks):
        key = _key(block) if title_key or description_key else None
        if title_key and key == title_key:
            reasons[i] = "headline"
        elif description_key and key == description_key and i < _HEADER_ZONE:
            reasons[i] = "dek"
        elif author and reasons[i] is None and len(block) < 160 and _mentions_byline(block, author):
            reasons[i] = "byline"
        if _ATTRIBUTION_ONLY.match(block.strip()) and i > 0 and reasons[i - 1] is None:
            if len(blocks[i - 1]) <= _POST_MAX_CHARACTERS:
                reasons[i - 1] = "embedded-post"
    _mark_header(blocks, reasons)
    return reasons


def _mark_header(blocks: Sequence[str], reasons: list[str | None]) -> None:
    """Set aside what stands above the byline or dateline at the top of a page (headline, dek)."""
    last_marker = -1
    for i in range(min(_HEADER_ZONE, len(blocks))):
        if reasons[i] in ("byline", "dateline", "breadcrumb", "headline"):
            last_marker = i
        elif reasons[i] is None and len(blocks[i].split()) > _HEADER_MAX_WORDS:
            break
    for i in range(last_marker):
        if reasons[i] is None:
            reasons[i] = "header"


def _mentions_byline(block: str, author: str) -> bool:
    lowered = block.lower()
    names = [a.strip().lower() for a in re.split(r";|,| and ", author) if a.strip()]
    return any(n and n in lowered for n in names) and not _TERMINATED.search(block.strip())


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))

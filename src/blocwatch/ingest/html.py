"""HTML → article text and metadata through trafilatura (no network)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from blocwatch.ingest.pubdate import parse_date

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    published: date | None


def html_to_text(html: str) -> Extracted:
    """Main text (comments, navigation and scripts dropped), title and date if present."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True,
                               deduplicate=False) or ""
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta else None
    published = parse_date(meta.date) if meta and meta.date else None
    if not text:
        text = _visible_text(html)  # short fragments (feed descriptions) trafilatura discards
    return Extracted(text=text, title=title, published=published)


def _visible_text(html: str) -> str:
    """Text of an HTML fragment without scripts, styles or markup."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    blocks = [" ".join(t.split()) for t in root.itertext()]
    return "\n".join(b for b in blocks if b)

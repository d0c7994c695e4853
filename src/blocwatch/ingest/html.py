"""HTML → article text and metadata through trafilatura (no network)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from itertools import islice

from blocwatch.errors import BudgetError
from blocwatch.ingest.pubdate import parse_date
from blocwatch.limits import MAX_HTML_ELEMENTS

log = logging.getLogger(__name__)

_TAG = re.compile(r"<[A-Za-z]")
# Characters XML (so lxml) refuses in text: C0 controls other than tab, newline and carriage return.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# lxml on tag soup: AssertionError from drop_tree on a parentless node, ValueError/TypeError from the tree.
_PARSER_ERRORS = (AssertionError, ValueError, TypeError, AttributeError, IndexError, RecursionError)


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    published: date | None


def html_to_text(html: str, max_elements: int = MAX_HTML_ELEMENTS) -> Extracted:
    """Main text (comments, navigation and scripts dropped), title and date if present.

    A page with more than ``max_elements`` tags fails (BudgetError) before any parsing: its DOM
    would cost more than the page is worth. Metadata the parser chokes on is left out.
    """
    import trafilatura

    tags = sum(1 for _ in islice(_TAG.finditer(html), max_elements + 1))
    if tags > max_elements:
        raise BudgetError(f"HTML page too complex (more than {max_elements:,} tags); not parsed")
    html = _NOT_XML.sub(" ", html)
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True,
                                   deduplicate=False) or ""
    except _PARSER_ERRORS as exc:  # lxml's tree builder on tag soup
        log.debug("trafilatura could not extract the text (%r); using the visible text", exc)
        text = ""
    try:
        meta = trafilatura.extract_metadata(html)
    except _PARSER_ERRORS as exc:
        log.debug("trafilatura could not read the metadata (%r); none used", exc)
        meta = None
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
    if not isinstance(root.tag, str):  # the fragment is only a comment or a processing instruction ("<body><!--")
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        if bad.getparent() is not None:
            bad.drop_tree()
    blocks = [" ".join(t.split()) for t in root.itertext()]
    return "\n".join(b for b in blocks if b)

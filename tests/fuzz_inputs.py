"""Hypothesis strategies for issue 10's fuzzing: input files, JSONL records, feeds, HTML soup, CLI args.

Used by ``tests/test_fuzz.py`` (bounded) and ``scripts/fuzz_ingest.py`` (a longer campaign).
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

SENTENCES = ["Chile and Peru agreed yesterday to extend joint patrols.",
             "Kenya accused Somalia on Monday of shelling a border post.",
             "Japan and South Korea held talks in Tokyo last week on missile warnings.",
             "January 1, 0001", "Monday, 01 Jan 0001", "the 75th anniversary of ties established on May 1, 1949",
             "Russia threatened Poland with sanctions on Friday, officials said."]
DATES = st.sampled_from(["0001-01-01", "9999-12-31", "2024-02-30", "Mon, 01 Jan 0001 00:00:00 GMT", "yesterday",
                         "2024-03-04T10:00:00Z", "", "99999999999-01-01", "1e400", "July 12, 2022"])
ODD = st.characters(codec=None, exclude_categories=())  # any code point, lone surrogates included

prose = st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(ODD, max_size=40)), min_size=1, max_size=8).map(
    " ".join)
SOUP = ["<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<title>", "</title>", "<svg>", "</svg>",
        "<math>", "<p>", "</p>", "<div>", "</div>", "</h1>", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<!--", "-->",
        "<script>", "</script>", "<meta name='date' content='0001-01-01'>", "<frameset>", "<template>", "&#0;",
        "<time datetime='0001-01-01'>", "<html xmlns='http://www.w3.org/1999/xhtml'>", "<table><tr><td>"]
html = st.lists(st.one_of(st.sampled_from(SOUP), st.sampled_from(SENTENCES), st.text(ODD, max_size=20)),
                max_size=30).map("".join)
json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(ODD, max_size=30),
                          lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids,
                                                                                     max_size=3), max_leaves=10)
record = st.fixed_dictionaries({}, optional={"text": st.one_of(prose, json_value), "html": st.one_of(html, json_value),
                                             "published": st.one_of(DATES, json_value), "title": json_value,
                                             "url": json_value, "id": json_value})


def _jsonl_line(rec: dict) -> str:
    try:
        return json.dumps(rec, allow_nan=True)
    except (ValueError, RecursionError):
        return "{}"


jsonl = st.lists(st.one_of(record.map(_jsonl_line), st.text(ODD, max_size=40),
                           st.integers(1, 1200).map(lambda n: '{"text": ' + "[" * n + "]" * n + "}"),
                           st.integers(4000, 6000).map(lambda n: '{"text": "x", "n": ' + "9" * n + "}")),
                 min_size=1, max_size=5).map("\n".join)


@st.composite
def feed(draw) -> str:
    items = "".join(f"<item><title>{draw(st.sampled_from(SENTENCES))}</title><pubDate>{draw(DATES)}</pubDate>"
                    f"<description><![CDATA[{draw(html)}]]></description></item>"
                    for _ in range(draw(st.integers(0, 3))))
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    cut = draw(st.integers(0, len(body)))
    return body if draw(st.booleans()) else body[:cut]


name_text = st.text(st.characters(exclude_characters="/\x00", exclude_categories=("Cs",)),
                    min_size=1, max_size=12)
file_case = st.one_of(
    st.tuples(st.just(".txt"), prose),
    st.tuples(st.just(".html"), html),
    st.tuples(st.just(".jsonl"), jsonl),
    st.tuples(st.just(".xml"), feed()),
)


def encode(text: str) -> bytes:
    """File bytes for fuzzed text: UTF-8, lone surrogates kept as the bytes they escape."""
    return text.encode("utf-8", "surrogatepass")


COMMANDS = ["events", "summary", "blocs", "triads", "relations", "articles"]  # nothing that writes files
option_values = st.one_of(st.sampled_from(["-1", "0", "all", "0001-01-01", "9999-12-31", "99999999999y", "FOO",
                                           "XXX-YYY", "CHN-PRK", "csv", "json", "\x1b[31m", "/nonexistent/x",
                                           "", "2y", "1d"]), st.text(ODD, max_size=10))
OPTIONS = ["--limit", "--type", "--dyad", "--actor", "--since", "--until", "--at", "--window", "--format",
           "--countries", "--by", "--origin"]
cli_args = st.tuples(st.sampled_from(COMMANDS),
                     st.lists(st.tuples(st.sampled_from(OPTIONS), option_values), max_size=3))

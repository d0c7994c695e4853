"""The inputs that used to crash ``blocwatch ingest`` (issue 10), written by code, in our own words.

``write_corpus(folder)`` writes three good articles, the crash cases and returns what each should
give: ``errors`` (file name → words of its one error line) and ``stored`` (names that must be stored).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GOOD = {
    "good1.txt": "Lima, March 4, 2024\n\nChile and Peru agreed on Monday to extend their joint patrols of the "
                 "southern fishing grounds, the two foreign ministries said in a statement.",
    "good2.txt": "Nairobi, May 9, 2023\n\nKenya accused Somalia of harbouring armed groups near the border on "
                 "Tuesday, and its interior minister promised a formal protest.",
    "good3.html": "<html><head><title>Baltic drill</title></head><body><article><p>Riga, June 2, 2022</p>"
                  "<p>Latvia and Estonia held a joint air defence drill over the Baltic Sea on Thursday, their "
                  "defence ministers said after the exercise ended.</p></article></body></html>",
}
# Year-1 dates with a relative date in the text: the article is stored, the relative date unresolved.
YEAR_ONE = {
    "year1-dateline.txt": "January 1, 0001\n\nGhana and Togo agreed yesterday to reopen their shared border "
                          "crossing, officials in Accra said.",
    "year1-published.jsonl": json.dumps({"published": "0001-01-01", "text": "Norway and Sweden signed a power "
                                         "grid accord on Monday in Oslo, both governments said on Tuesday."}),
    "year1-feed.xml": '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Talks'
                      '</title><pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate><description>Uganda and Rwanda '
                      'held trade talks yesterday in Kampala, their ministers said on Friday.</description>'
                      '</item></channel></rss>',
}
NON_UTF8_NAME = b"caf\xe9-report.txt"
SURROGATE = "surrogate.jsonl"
TAG_SOUP = "tagsoup.html"


def write_corpus(folder: Path) -> dict[str, dict[str, str]]:
    """Write every case into ``folder``; return the expected outcome per file name."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**GOOD, **YEAR_ONE}.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), NON_UTF8_NAME), "w", encoding="utf-8") as fh:
        fh.write("Brazil and Argentina agreed to cut tariffs on steel, their trade ministers said on Wednesday.\n")
    (folder / SURROGATE).write_text('{"text": "Egypt and Jordan agreed \\udc80 to share water data, their '
                                    'ministers said in Amman on Sunday."}\n', encoding="utf-8")
    (folder / TAG_SOUP).write_text("<svg><html></h1><math><p>Vietnam and Laos opened a new rail link on "
                                   "Saturday, their transport ministers said at the station.</p>", encoding="utf-8")
    (folder / "nested.jsonl").write_text('{"text": "Deep.", "x": ' + "[" * 1000 + "]" * 1000 + "}\n",
                                         encoding="utf-8")
    (folder / "bignumber.jsonl").write_text('{"text": "Qatar and Oman met.", "n": ' + "7" * 5000 + "}\n",
                                            encoding="utf-8")
    line = "The committee met again and the matter was left open for a later session of the body. "
    (folder / "huge.txt").write_text(line * (5_100_000 // len(line) + 1), encoding="utf-8")
    return {
        "errors": {"nested.jsonl:1": "nested too deeply", "bignumber.jsonl:1": "number too long",
                   "huge.txt": "text too long"},
        "stored": {*GOOD, *YEAR_ONE, "caf\\xe9-report.txt", TAG_SOUP, SURROGATE},
    }


def dense_news(n_chars: int, seed: int = 7) -> str:
    """``n_chars`` of event-dense news prose (every sentence two states and an act), in paragraphs of five."""
    import random

    rng = random.Random(seed)
    states = ["China", "Japan", "Russia", "India", "Brazil", "Kenya", "Peru", "Chile", "Egypt", "Turkey", "Iran",
              "South Korea", "North Korea", "the United States", "France", "Germany", "Poland", "Ukraine",
              "Vietnam", "the Philippines", "Australia", "Canada", "Mexico", "Nigeria", "Ghana", "Norway"]
    acts = ["accused {b} of breaking the ceasefire", "agreed to expand trade with {b}", "met envoys from {b}",
            "condemned {b} over the missile test", "signed a defence pact with {b}", "threatened {b} with sanctions",
            "sent aid to {b}", "praised {b} for its restraint", "expelled diplomats from {b}",
            "urged {b} to free the detained sailors", "held talks with {b} on border security"]
    when = ["on Monday", "on Tuesday", "yesterday", "last week", "on March 3, 2024", "in Geneva", "after the summit"]
    paragraphs, size = [], 0
    while size < n_chars:
        sents = []
        for _ in range(5):
            a, b = rng.sample(states, 2)
            s = f"{a} {rng.choice(acts).format(b=b)} {rng.choice(when)}, officials said."
            sents.append(s[0].upper() + s[1:])
        paragraphs.append(" ".join(sents))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:n_chars]

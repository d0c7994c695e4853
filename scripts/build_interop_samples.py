"""Write the small GDELT 2.0, ICEWS and PLOVER sample files in examples/interop/.

The rows are invented by blocwatch's developers in the exact column layouts of the GDELT 2.0 events
export (61 tab-separated columns, no header) and the ICEWS coded-event TSV (header line); URLs point
at example domains. Run: python scripts/build_interop_samples.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "examples" / "interop"

GDELT_COLUMNS = 61
# id, date, actor1 (code, name, country, type1), actor2 (...), event code, quad, goldstein, mentions, sources,
# articles, tone, place, dateadded, url
GDELT_ROWS = [
    (1200000001, "20240413", ("CHNGOV", "BEIJING", "CHN", "GOV"), ("PRKGOV", "NORTH KOREA", "PRK", "GOV"),
     "042", 1, 1.9, 12, 4, 12, 2.1, "Pyongyang, Pyongyang, North Korea", "20240413093000",
     "https://news.example.com/2024/04/13/delegation-arrives"),
    (1200000002, "20240413", ("PRKGOV", "PYONGYANG", "PRK", "GOV"), ("CHN", "CHINA", "CHN", ""),
     "036", 1, 4.0, 6, 2, 6, 3.0, "Pyongyang, Pyongyang, North Korea", "20240413093000",
     "https://news.example.com/2024/04/13/delegation-arrives"),
    (1200000003, "20240415", ("CHNGOV", "CHINA", "CHN", "GOV"), ("PRK", "NORTH KOREA", "PRK", ""),
     "051", 1, 3.4, 3, 1, 3, 4.2, "Beijing, Beijing, China", "20240415120000",
     "https://wire.example.org/asia/friendship-year"),
    (1200000004, "20240520", ("USAGOV", "UNITED STATES", "USA", "GOV"), ("PRKGOV", "PYONGYANG", "PRK", "GOV"),
     "111", 3, -2.0, 20, 8, 20, -4.5, "Washington, District of Columbia, United States", "20240520181500",
     "https://daily.example.net/world/launch-criticised"),
    (1200000005, "20240619", ("RUSGOV", "RUSSIA", "RUS", "GOV"), ("PRKGOV", "NORTH KOREA", "PRK", "GOV"),
     "057", 1, 8.0, 40, 15, 40, 1.2, "Pyongyang, Pyongyang, North Korea", "20240619150000",
     "https://wire.example.org/asia/partnership-treaty"),
    (1200000006, "20240619", ("CHNGOV", "BEIJING", "CHN", "GOV"), ("PRKGOV", "NORTH KOREA", "PRK", "GOV"),
     "010", 1, 0.0, 2, 1, 2, 0.0, "Beijing, Beijing, China", "20240619160000",
     "https://wire.example.org/asia/beijing-comment"),
    (1200000007, "20240702", ("ROMGOV", "BUCHAREST", "ROM", "GOV"), ("RUS", "RUSSIA", "RUS", ""),
     "112", 3, -2.0, 5, 2, 5, -3.3, "Bucharest, Bucuresti, Romania", "20240702080000",
     "https://ro.example.com/politics/envoy-summoned"),
    (1200000008, "20241101", ("PRKMIL", "NORTH KOREAN TROOPS", "PRK", "MIL"), ("UKR", "UKRAINE", "UKR", ""),
     "190", 4, -10.0, 30, 10, 30, -8.0, "Kursk, Kursk, Russia", "20241101070000",
     "https://daily.example.net/world/troops-at-front"),
]


def gdelt_line(row: tuple) -> str:
    (gid, day, a1, a2, code, quad, gold, mentions, sources, articles, tone, place, added, url) = row
    cols = [""] * GDELT_COLUMNS
    cols[0], cols[1], cols[2], cols[3] = str(gid), day, day[:6], day[:4]
    cols[4] = f"{int(day[:4]) + (int(day[4:6]) - 1) / 12:.4f}"
    for base, (acode, name, country, type1) in ((5, a1), (15, a2)):
        cols[base], cols[base + 1], cols[base + 2], cols[base + 7] = acode, name, country, type1
    cols[25], cols[26], cols[27], cols[28] = "1", code, code[:3], code[:2]
    cols[29], cols[30], cols[31], cols[32], cols[33], cols[34] = (str(quad), str(gold), str(mentions), str(sources),
                                                                   str(articles), str(tone))
    cols[51], cols[52], cols[53] = "4", place, "XX"
    cols[59], cols[60] = added, url
    return "\t".join(cols)


ICEWS_HEADER = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
ICEWS_ROWS = [
    ["30000001", "2023-09-13", "Kim Jong-Un", "Government,Executive,Executive Office", "North Korea",
     "Make a visit", "042", "1.9", "Russia", "", "Russian Federation", "50000001", "1", "Example Wire",
     "Tsiolkovsky", "", "Amur Oblast", "Russian Federation", "51.88", "128.13"],
    ["30000002", "2023-09-13", "Vladimir Putin", "Government,Executive,Executive Office", "Russian Federation",
     "Host a visit", "43", "2.8", "Kim Jong-Un", "Government,Executive", "North Korea", "50000001", "2",
     "Example Wire", "Tsiolkovsky", "", "Amur Oblast", "Russian Federation", "51.88", "128.13"],
    # The same Event ID on another date is another event (ICEWS reuses ids across releases).
    ["30000002", "2023-11-02", "Military (North Korea)", "Military", "North Korea",
     "Threaten with military force", "138", "-7.0", "South Korea", "", "South Korea", "50000002", "1",
     "Example Daily", "Pyongyang", "", "", "North Korea", "39.03", "125.75"],
    ["30000003", "2023-11-20", "Government (United States)", "Government", "United States",
     "Impose embargo, boycott, or sanctions", "163", "-8.0", "Government (North Korea)", "Government",
     "North Korea", "50000003", "3", "Example Daily", "Washington", "", "District of Columbia",
     "United States", "38.90", "-77.04"],
    ["30000004", "2023-12-01", "China", "", "China", "Make statement", "010", "0.0", "North Korea", "",
     "North Korea", "50000004", "1", "Example Wire", "", "", "", "China", "", ""],
    ["30000005", "2024-01-15", "Ministry (China)", "Government,Ministry", "China", "Cooperate economically",
     "061", "6.4", "North Korea", "", "North Korea", "50000005", "2", "Example Wire", "Dandong", "",
     "Liaoning", "China", "40.12", "124.38"],
]

PLOVER_RECORDS = [
    {"id": "XCODER-20240612-0001", "date": "2024-06-12",
     "actor": [{"code": "RUS", "sector": "GOV", "entity_text": "the Kremlin"}],
     "recipient": [{"code": "PRK", "sector": "GOV", "entity_text": "Pyongyang"}],
     "event": ["CONSULT"], "mode": ["visit"], "context": ["diplomatic"],
     "text": "The Kremlin said its leader would travel to Pyongyang within days.",
     "text_info": {"sequence": 1, "start": 0, "end": 66},
     "cite_info": {"corpus": "example-feed", "citation": "story-0001", "url": "https://feed.example.com/0001",
                   "title": "Leader to travel to Pyongyang", "publication": "Example Feed", "language": "en"},
     "coder": "another-coder 0.3"},
    {"id": "XCODER-20240620-0002", "date": "2024-06-20",
     "actor": [{"code": "KOR", "sector": "GOV", "entity_text": "Seoul"}],
     "recipient": [{"code": "RUS", "sector": "GOV", "entity_text": "Moscow"}],
     "event": ["ACCUSE"], "mode": ["disapprove"], "context": ["military"], "quad_code": 3, "event_scale": -2.0,
     "text": "Seoul summoned the Russian ambassador over the new pact.",
     "text_info": {"sequence": 4, "start": 310, "end": 367},
     "cite_info": {"citation": "story-0002", "url": "https://feed.example.com/0002", "publication": "Example Feed"}},
    {"id": "XCODER-20240701-0003", "date": "2024-07-01",
     "actor": [{"code": "CHN", "sector": "GOV"}, {"code": "PRK", "sector": "GOV"}],
     "recipient": [], "event": ["COOPERATE"], "mode": [], "context": ["economic", "negation"],
     "event_text": ["no new trade deal was signed"],
     "cite_info": {"citation": "story-0003", "publication": "Example Feed"}},
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "20241101000000.export.CSV").write_text("\n".join(gdelt_line(r) for r in GDELT_ROWS) + "\n", "utf-8")
    lines = ["\t".join(ICEWS_HEADER)] + ["\t".join(r) for r in ICEWS_ROWS]
    (OUT / "icews_events_sample.tab").write_text("\n".join(lines) + "\n", "utf-8")
    (OUT / "plover_sample.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in PLOVER_RECORDS), "utf-8")


if __name__ == "__main__":
    main()

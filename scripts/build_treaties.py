"""Build src/blocwatch/data/treaties_atop.json from ATOP v4.01 (alliance phases, per-member obligations).

    python scripts/build_treaties.py [--shared ../shared]

Every ATOP alliance becomes one treaty record in blocwatch's schema; members are mapped from
COW state numbers to ISO3 (data/cow_iso3.tsv, built here from the COW capitals list and the
Phoenix country names, with hand fixes). Hand-curated treaties (data/treaties_curated.json)
are merged at load time and replace the ATOP records they name in "replaces".
Citation: Leeds, Ritter, Mitchell and Long (2002), International Interactions 28:237-260.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "blocwatch" / "data"
CITATION = ("Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "
            "Alliance Treaty Obligations and Provisions, 1815-1944. International Interactions 28: 237-260. "
            "ATOP v4.01.")
COVERAGE_UNTIL = "2018-12-31"
OBLIGATIONS = {"defense": "def", "offense": "off", "neutral": "neu", "nonagg": None, "consul": "con"}
NAMES = {"neutral": "neutrality", "nonagg": "nonaggression", "consul": "consultation", "defense": "defense",
         "offense": "offense"}
CONDITIONS = {"coadv": "specific adversary", "coloc": "specific location", "cocon": "specific conflict",
              "conum": "number of attackers", "codem": "demand compliance", "conpr": "non-provocation",
              "coatt": "attack by a non-member", "coreq": "on request"}
HAND_ISO = {  # COW codes whose names do not match a Phoenix country name
    2: "USA", 255: "DEU", 260: "DEU", 265: "DDR", 365: "RUS", 731: "PRK", 732: "KOR", 817: "VNM", 816: "VNM",
    345: "SRB", 347: "XKX", 315: "CZE", 316: "CZE", 317: "SVK", 710: "CHN", 713: "TWN", 678: "YEM", 679: "YEM",
    680: "YEM", 200: "GBR", 220: "FRA", 740: "JPN", 750: "IND", 770: "PAK", 630: "IRN", 645: "IRQ", 652: "SYR",
    666: "ISR", 698: "SAU", 92: "SLV", 437: "CIV", 484: "COG", 490: "COD", 94: "CRI", 51: "JAM", 52: "TTO",
    403: "STP", 411: "GNQ", 581: "COM", 591: "SYC", 835: "BRN", 860: "TLS", 946: "KIR", 947: "TUV", 955: "TON",
    983: "MHL", 986: "PLW", 987: "FSM", 990: "WSM", 712: "MNG", 811: "KHM", 812: "LAO", 775: "MMR", 780: "LKA",
    343: "MKD", 346: "BIH", 349: "SVN", 344: "HRV", 341: "MNE", 359: "MDA", 369: "UKR", 370: "BLR", 371: "ARM",
    372: "GEO", 373: "AZE", 701: "TKM", 702: "TJK", 703: "KGZ", 704: "UZB", 705: "KAZ", 232: "AND", 221: "MCO",
    223: "LIE", 331: "SMR", 327: "VAT", 338: "MLT", 352: "CYP", 211: "BEL", 212: "LUX", 210: "NLD", 390: "DNK",
    395: "ISL", 380: "SWE", 385: "NOR", 375: "FIN", 290: "POL", 310: "HUN", 360: "ROU", 355: "BGR", 339: "ALB",
    350: "GRC", 640: "TUR", 230: "ESP", 235: "PRT", 325: "ITA", 305: "AUT", 225: "CHE", 20: "CAN", 70: "MEX",
    900: "AUS", 920: "NZL", 840: "PHL", 850: "IDN", 820: "MYS", 830: "SGP", 800: "THA", 366: "EST", 367: "LVA",
    368: "LTU", 651: "EGY", 663: "JOR", 660: "LBN", 690: "KWT", 692: "BHR", 694: "QAT", 696: "ARE",
    620: "LBY", 615: "DZA", 616: "TUN", 600: "MAR", 625: "SDN", 626: "SSD", 530: "ETH", 531: "ERI", 520: "SOM",
    522: "DJI", 501: "KEN", 500: "UGA", 510: "TZA", 517: "RWA", 516: "BDI", 551: "ZMB", 552: "ZWE", 553: "MWI",
    541: "MOZ", 540: "AGO", 560: "ZAF", 565: "NAM", 571: "BWA", 570: "LSO", 572: "SWZ", 580: "MDG", 590: "MUS",
    432: "MLI", 433: "SEN", 434: "BEN", 435: "MRT", 436: "NER", 438: "GIN", 439: "BFA", 450: "LBR", 451: "SLE",
    452: "GHA", 461: "TGO", 471: "CMR", 475: "NGA", 481: "GAB", 482: "CAF", 483: "TCD", 420: "GMB", 404: "GNB",
    402: "CPV", 40: "CUB", 41: "HTI", 42: "DOM", 90: "GTM", 91: "HND", 93: "NIC", 95: "PAN", 100: "COL",
    101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER", 140: "BRA", 145: "BOL", 150: "PRY", 155: "CHL",
    160: "ARG", 165: "URY", 31: "BHS", 53: "BRB", 54: "DMA", 55: "GRD", 56: "LCA", 57: "VCT", 58: "ATG",
    60: "KNA", 80: "BLZ", 700: "AFG", 771: "BGD", 760: "BTN", 790: "NPL", 781: "MDV", 910: "PNG", 935: "VUT",
    940: "SLB", 950: "FJI", 970: "NRU", 205: "IRL", 670: "SAU", 693: "OMN", 697: "OMN", 699: "OMN", 681: "YEM",
    # historical states: blocwatch pseudo-codes (no ISO3 exists)
    300: "AUH", 730: "KOR", 267: "BAD", 269: "SAX", 271: "WRT", 273: "HSE", 275: "HSG", 280: "MEC",
    329: "SIC", 332: "MOD", 335: "PMA",
}


def cow_iso3(shared: Path) -> dict[int, str]:
    """COW number → ISO3, by hand table, then by matching COW state names to Phoenix country names."""
    phoenix = json.loads((DATA / "actors.json").read_text(encoding="utf-8"))["names"]
    out: dict[int, str] = {}
    with open(shared / "knowledge" / "leaders" / "cow_capitals.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = int(row["ccode"])
            if code in HAND_ISO:
                out[code] = HAND_ISO[code]
                continue
            roles = phoenix.get(row["statenme"].lower(), [])
            iso = next((r[0] for r in roles if len(r[0]) == 3), None)
            if iso:
                out[code] = iso
    out.update(HAND_ISO)
    return out


def _date(y: str, m: str, d: str) -> str | None:
    y, m, d = int(y or 0), int(m or 0), int(d or 0)
    return f"{y:04d}-{max(m, 1):02d}-{max(d, 1):02d}" if y else None


def member_obligations(row: dict[str, str], iso: str) -> list[dict]:
    out = []
    for col, prefix in OBLIGATIONS.items():
        if row.get(col) != "1":
            continue
        conds = [label for key, label in CONDITIONS.items() if prefix and row.get(f"{prefix}{key}") == "1"]
        out.append({"state": iso, "to": "members", "type": NAMES[col], "article": None,
                    "conditions": conds, "automatic": False,
                    "from": _date(row["yrent"], row["moent"], row["dayent"]),
                    "until": _date(row["yrexit"], row["moexit"], row["dayexit"])})
    return out


def build(shared: Path) -> list[dict]:
    isos = cow_iso3(shared)
    rows: dict[str, list[dict]] = defaultdict(list)
    with open(shared / "knowledge" / "alliances" / "atop4_member_level.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows[row["atopid"]].append(row)
    treaties = []
    for atopid, members in sorted(rows.items(), key=lambda kv: int(kv[0])):
        mapped = [(m, isos.get(int(m["member"]))) for m in members]
        parties = sorted({iso for _, iso in mapped if iso})
        begins = [_date(m["yrent"], m["moent"], m["dayent"]) for m in members]
        ends = [_date(m["yrexit"], m["moexit"], m["dayexit"]) for m in members]
        ended = None if any(e is None for e in ends) else max(e for e in ends if e)
        treaties.append({
            "id": f"atop:{atopid}", "name": f"ATOP {atopid} ({'–'.join(parties[:6])}{'…' if len(parties) > 6 else ''})",
            "aliases": [], "kind": "alliance", "parties": parties, "signed": min(b for b in begins if b),
            "in_force": min(b for b in begins if b), "ended": ended,
            "coverage_until": COVERAGE_UNTIL if ended is None else None,
            "members": [{"state": iso, "joined": _date(m["yrent"], m["moent"], m["dayent"]),
                         "left": _date(m["yrexit"], m["moexit"], m["dayexit"])} for m, iso in mapped if iso],
            "obligations": [ob for m, iso in mapped if iso for ob in member_obligations(m, iso)],
            "asymmetric": any(m["asymm"] == "1" for m in members),
            "source": "ATOP v4.01", "citation": CITATION,
            "unmapped_cow": sorted({m["member"] for m, iso in mapped if not iso}),
        })
    return treaties


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    treaties = build(ap.parse_args().shared)
    out = DATA / "treaties_atop.json"
    out.write_text(json.dumps(treaties, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    unmapped = sorted({c for t in treaties for c in t["unmapped_cow"]}, key=int)
    print(f"wrote {out}: {len(treaties)} alliances, {out.stat().st_size / 1e6:.2f} MB; unmapped COW codes: {unmapped}")


if __name__ == "__main__":
    main()

"""Build src/blocwatch/data/verbs.json: verb/noun lexicon → CAMEO code (and PLOVER override).

    python scripts/build_verbs.py [--shared ../shared]

Base verbs come from the PETRARCH CAMEO verb dictionary (../shared/knowledge/actors/CAMEO.2.0.txt):
each single-word verb with an explicit CAMEO code, and "- * WORD [code] # VERB" object patterns.
The hand-curated src/blocwatch/data/verbs_curated.tsv is applied on top and always wins.
Keys: "lemma", "lemma|prep:x", "lemma|obj:noun", "n:noun" (nominal events).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "blocwatch" / "data"
VERB = re.compile(r"^([A-Z][A-Z\-]+)\s*(?:\{[^}]*\})?\s*\[(\d{3,4})[^\]]*\]")
PATTERN = re.compile(r"^-\s+\*\s+([A-Z&][A-Z\-]+)\s+\[(\d{3,4})[^\]]*\]\s*#\s*([A-Z]+)")


def from_petrarch(path: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    block_code = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        head = re.match(r"^---\s+\S+\s+\[(\S+)\]", line)
        if head:
            block_code = head.group(1) if head.group(1).isdigit() else None
            continue
        m = VERB.match(line)
        if m:
            out.setdefault(m.group(1).lower(), [m.group(2), None])
            continue
        m = PATTERN.match(line)
        if m and not m.group(1).startswith("&"):
            key = f"{m.group(3).lower()}|obj:{m.group(1).lower()}"
            out.setdefault(key, [m.group(2), None])
    return out


def curated(path: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        lemma, key, code = cols[0], cols[1], cols[2]
        plover = cols[3] if len(cols) > 3 and cols[3] else None
        out[lemma if key == "-" else f"{lemma}|{key}"] = [code, plover]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    lexicon = from_petrarch(args.shared / "knowledge" / "actors" / "CAMEO.2.0.txt")
    base = len(lexicon)
    lexicon.update(curated(DATA / "verbs_curated.tsv"))
    out = DATA / "verbs.json"
    out.write_text(json.dumps({"source": "PETRARCH CAMEO.2.0 verbs (MIT) + verbs_curated.tsv",
                               "entries": dict(sorted(lexicon.items()))}, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {out}: {len(lexicon)} entries ({base} from PETRARCH before curation)")


if __name__ == "__main__":
    main()

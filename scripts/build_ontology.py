"""Build src/blocwatch/data/ontology.json: CAMEO codes (name, Goldstein) → PLOVER type/mode, quads.

    python scripts/build_ontology.py [--shared ../shared]

Sources: ../shared/ontology/cameo_codes.csv (ICEWS Goldstein values), CAMEO2PLOVER-2021.txt,
plover_ontology.json (from the PLOVER 2.0 manual).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "blocwatch" / "data" / "ontology.json"
QUADS = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}


def cameo_to_plover(path: Path) -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        code, rest = (p.strip() for p in line.split(":", 1))
        fields = [f.strip() for f in rest.split(",")]
        if code.isdigit() and fields and fields[0]:
            mode = fields[1] if len(fields) > 1 and fields[1] else None
            out.setdefault(code, (fields[0], mode))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    src = ap.parse_args().shared / "ontology"
    plover = json.loads((src / "plover_ontology.json").read_text(encoding="utf-8"))
    mapping = cameo_to_plover(src / "CAMEO2PLOVER-2021.txt")
    cameo = {}
    with open(src / "cameo_codes.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"]
            ptype, mode = mapping.get(code) or mapping.get(code[:3]) or mapping.get(code[:2]) or (None, None)
            cameo[code] = {"name": row["name"], "goldstein": float(row["goldstein"]), "plover": ptype, "mode": mode}
    types = {name: {"quad": QUADS[info["quad"]], "modes": [m["mode"] for m in info["modes"]]}
             for name, info in plover["events"].items()}
    OUT.write_text(json.dumps({"source": "CAMEO codes with ICEWS Goldstein values; CAMEO2PLOVER-2021; PLOVER 2.0",
                               "cameo": cameo, "plover": types}, indent=0, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {OUT}: {len(cameo)} CAMEO codes, {len(types)} PLOVER types")


if __name__ == "__main__":
    main()

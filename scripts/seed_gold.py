"""The seed articles' real-news gold: every sentence of the five seed articles, annotated twice and settled.

    python scripts/seed_gold.py sample --sheets /tmp/seedannot   # gold/seeds/sample.jsonl + annotator sheets
    python scripts/seed_gold.py gold --raw /tmp/seedannot/out     # passes, agreement, disputes, gold.jsonl

The sample (article id = the file's stem, sentence spans) and everything built from it are stand-off: ids,
offsets and labels, never the articles' text, which stays in ``../shared/corpus/seeds``. Sheets with the
text go to a scratch folder outside the repo. Inputs of ``gold``: ``--raw DIR/seeds.pass{A,B}.jsonl`` (one
line an article: {"id", "events": [{"s", "src", "tgt", "type", "modality"}]}) and the adjudications
``DIR/adjudicated_seeds*.jsonl`` (one line a disputed sentence: {"id", "s", "events"}). Without
adjudications it writes ``DIR/disputes_seeds_0.txt`` for the adjudicator (``real_gold_build._dispute_sheets``)
and stops.

Score the coder on it: ``blocwatch eval gold/seeds/gold.jsonl --format real --corpus ../shared/corpus/seeds
--split all``. The seeds are the motivating case and a tuning set, not a held-out one.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from blocwatch.events.realgold import split_sentences  # noqa: E402
from blocwatch.ingest.readers import read_text_file  # noqa: E402

GOLD_DIR = REPO / "gold" / "seeds"


def _build_module():
    spec = importlib.util.spec_from_file_location("real_gold_build", REPO / "scripts" / "real_gold_build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def sample(shared: Path, sheets: Path) -> int:
    seeds = shared / "corpus" / "seeds"
    if not seeds.is_dir():
        print(f"skip: {seeds} is absent", file=sys.stderr)
        return 0
    GOLD_DIR.mkdir(parents=True, exist_ok=True)
    sheets.mkdir(parents=True, exist_ok=True)
    lines, sheet, n = [], [], 0
    for path in sorted(seeds.glob("*.txt")):
        text = read_text_file(path)  # as ingest and the eval read it
        spans = split_sentences(text)
        n += len(spans)
        lines.append(json.dumps({"id": path.stem, "split": "seed", "sentences": spans}))
        sheet.append(f"=== STORY {path.stem}")
        sheet += [f"[s{i}] {' '.join(text[a:b].split())}" for i, (a, b) in enumerate(spans)]
        sheet.append("")
    (GOLD_DIR / "sample.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (sheets / "seeds.txt").write_text("\n".join(sheet) + "\n", "utf-8")
    print(f"{len(lines)} articles, {n} sentences; sheet {sheets / 'seeds.txt'}")
    return 0


def gold(raw: Path, shared: Path) -> int:
    rgb = _build_module()
    smp = rgb.load_sample(GOLD_DIR / "sample.jsonl")
    pa, pb = rgb.load_pass(raw, "A", smp, "seeds"), rgb.load_pass(raw, "B", smp, "seeds")
    agree = rgb.agreement(pa, pb)
    dis = rgb.disputed(pa, pb)
    agree["disputed_sentences"] = sum(len(v) for v in dis.values())
    settled = rgb.load_settled(raw, "adjudicated_seeds*.jsonl", dis)
    rgb.write_pass(GOLD_DIR / "pass_a.jsonl", smp, pa)
    rgb.write_pass(GOLD_DIR / "pass_b.jsonl", smp, pb)
    if dis and not settled:
        texts = {p.stem: read_text_file(p) for p in (shared / "corpus" / "seeds").glob("*.txt")}
        code = rgb._dispute_sheets(raw, smp, pa, pb, shared, "seeds", chunks=1, texts=texts)
        print(json.dumps(agree, indent=1))
        return code
    unsettled = 0
    with (GOLD_DIR / "gold.jsonl").open("w", encoding="utf-8") as fh:
        for s in smp:
            sents, left = rgb.story_sentences(s, pa.get(s["id"], set()), pb.get(s["id"], set()), dis, settled)
            unsettled += left
            fh.write(json.dumps({"id": s["id"], "split": "seed", "sentences": sents}) + "\n")
    if unsettled:
        print(f"warning: {unsettled} disputed sentences have no adjudication; they keep the events both passes gave",
              file=sys.stderr)
    agree["adjudicated_sentences"] = len(settled)
    agree["unsettled_kept_as_intersection"] = unsettled
    (GOLD_DIR / "agreement.json").write_text(json.dumps(agree, indent=1) + "\n", "utf-8")
    print(json.dumps(agree, indent=1))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("step", choices=("sample", "gold"))
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--sheets", default="/tmp/seedannot")
    ap.add_argument("--raw", default="/tmp/seedannot/out")
    args = ap.parse_args()
    if args.step == "sample":
        return sample(Path(args.shared), Path(args.sheets))
    return gold(Path(args.raw), Path(args.shared))


if __name__ == "__main__":
    raise SystemExit(main())

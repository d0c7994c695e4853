"""Pick the kcna2011 stories of the real-news gold and write annotator sheets.

The sample (story ids and sentence spans) is stand-off and lives in the repo
(`gold/kcna2011/sample.jsonl`); the sheets with the story text go to a scratch folder
outside the repo (`--sheets`), never into it.

    python scripts/real_gold_sample.py --shared ../shared --sheets /tmp/annot --chunks 8
    # training data (single pass, "silver"): 400 more stories of the train split
    python scripts/real_gold_sample.py --stories 400 --chunks 12 --split train --seed 7 \
        --exclude gold/kcna2011/sample.jsonl --out gold/kcna2011/silver_sample.jsonl --sheets /tmp/annot2
    # and 500 more (session 11), appended to silver_sample.jsonl; their sheets' answers are read with the first 400
    python scripts/real_gold_sample.py --stories 500 --chunks 5 --split train --seed 8 \
        --exclude gold/kcna2011/sample.jsonl --exclude gold/kcna2011/silver_sample.jsonl \
        --out /tmp/silver2_sample.jsonl --sheets /tmp/annot3
    # and 800 more (session 12), appended the same way
    python scripts/real_gold_sample.py --stories 800 --chunks 8 --split train --seed 12 \
        --exclude gold/kcna2011/sample.jsonl --exclude gold/kcna2011/silver_sample.jsonl \
        --out /tmp/silver3_sample.jsonl --sheets /tmp/annotC
    # and 600 more (session 13; the train split's pool of stories naming a foreign actor is then nearly spent)
    python scripts/real_gold_sample.py --stories 600 --chunks 6 --split train --seed 15 \
        --exclude gold/kcna2011/sample.jsonl --exclude gold/kcna2011/silver_sample.jsonl \
        --exclude gold/kcna2011/test2_sample.jsonl --out /tmp/silver5F_sample.jsonl --sheets /tmp/annotF
    # a second held-out set (session 13): 800 stories of the test split, never trained or tuned on
    python scripts/real_gold_sample.py --stories 800 --chunks 8 --split test --seed 14 \
        --exclude gold/kcna2011/sample.jsonl --exclude gold/kcna2011/silver_sample.jsonl \
        --out gold/kcna2011/test2_sample.jsonl --sheets /tmp/annotE
    # training data (session 14, one pass), appended to silver_sample.jsonl: 140 more of the train split (98
    # naming a foreign actor: its pool of those is then spent) and 760 of the dev split outside the tuning
    # sets (drawn after dev2, below, excluding it); both with the four --exclude of the dev2 line
    python scripts/real_gold_sample.py --stories 140 --chunks 2 --split train --seed 17 \
        --exclude gold/kcna2011/sample.jsonl --exclude gold/kcna2011/silver_sample.jsonl \
        --exclude gold/kcna2011/test2_sample.jsonl --exclude gold/kcna2011/dev2_sample.jsonl \
        --out /tmp/s14/silverH_sample.jsonl --sheets /tmp/annotH
    python scripts/real_gold_sample.py --stories 760 --chunks 6 --split dev --seed 18 \
        --exclude gold/kcna2011/sample.jsonl --exclude gold/kcna2011/silver_sample.jsonl \
        --exclude gold/kcna2011/test2_sample.jsonl --exclude gold/kcna2011/dev2_sample.jsonl \
        --out /tmp/s14/silverI_sample.jsonl --sheets /tmp/annotI
    # and 450 more of the dev split (session 15, one pass; 315 naming a foreign actor: that pool is then spent)
    python scripts/real_gold_sample.py --stories 450 --chunks 5 --split dev --seed 19 \
        --exclude gold/kcna2011/sample.jsonl --exclude gold/kcna2011/silver_sample.jsonl \
        --exclude gold/kcna2011/dev2_sample.jsonl --out /tmp/s15/silverJ_sample.jsonl --sheets /tmp/annotJ
    # a tuning set (session 14): 400 stories of the dev split, never trained on
    python scripts/real_gold_sample.py --stories 400 --chunks 4 --split dev --seed 16 \
        --exclude gold/kcna2011/sample.jsonl --exclude gold/kcna2011/silver_sample.jsonl \
        --exclude gold/kcna2011/test2_sample.jsonl --out gold/kcna2011/dev2_sample.jsonl --sheets /tmp/annotG

Sampling: stories with a title and at most 4,000 characters of text; 70% drawn from stories
that name a foreign actor by a rough keyword test, 30% from the rest (purely domestic news is
part of the gold, so the coder is scored on sentences that hold no event).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from blocwatch.events.realgold import gold_split, split_sentences  # noqa: E402

FOREIGN = re.compile(
    r"\b(U\.S\.|China|Chinese|Russia|Russian|Japan|Japanese|south Korea|Lao|Laos|Cuba|Syria|Viet ?Nam|"
    r"Nepal|Nepali|foreign|delegation|ambassador|embassy|Egypt|India|Indonesia|Iran|Mongolia|Africa|"
    r"Nigeria|Uganda|Brazil|Peru|Mexico|Britain|British|German|France|French|Italy|Poland|Cambodia|"
    r"Thailand|Myanmar|Pakistan|Bangladesh)\b")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--sheets", default="/tmp/annot")
    ap.add_argument("--stories", type=int, default=180)
    ap.add_argument("--chunks", type=int, default=8)
    ap.add_argument("--seed", type=int, default=2011)
    ap.add_argument("--out", default="gold/kcna2011/sample.jsonl")
    ap.add_argument("--exclude", action="append", default=[], help="sample files whose stories are not drawn again")
    ap.add_argument("--split", default="", help="draw only stories of this hash split (e.g. train, for training data)")
    args = ap.parse_args()
    corpus = Path(args.shared) / "corpus" / "kcna2011"
    if not corpus.is_dir():
        print(f"skip: {corpus} is absent", file=sys.stderr)
        return 0
    taken = {json.loads(x)["id"] for f in args.exclude for x in Path(f).read_text("utf-8").splitlines() if x.strip()}
    foreign, domestic = [], []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if not isinstance(rec.get("title"), str) or len(rec["text"]) > 4000 or rec["id"] in taken:
                continue
            if args.split and gold_split(rec["id"]) != args.split:
                continue
            (foreign if FOREIGN.search(rec["text"]) else domestic).append(rec)
    rng = random.Random(args.seed)
    n_f = round(args.stories * 0.7)
    if n_f > len(foreign) or args.stories - n_f > len(domestic):
        print(f"error: --stories {args.stories}: {n_f} naming a foreign actor and {args.stories - n_f} others are "
              f"needed, {len(foreign)} and {len(domestic)} are left to draw", file=sys.stderr)
        return 2
    picked = rng.sample(foreign, n_f) + rng.sample(domestic, args.stories - n_f)
    rng.shuffle(picked)
    sheets = Path(args.sheets)
    sheets.mkdir(parents=True, exist_ok=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n_sent = 0
    with out.open("w", encoding="utf-8") as fh:
        for rec in picked:
            spans = split_sentences(rec["text"])
            n_sent += len(spans)
            fh.write(json.dumps({"id": rec["id"], "published": rec["published"],
                                 "split": gold_split(rec["id"]), "sentences": spans}) + "\n")
    size = -(-len(picked) // args.chunks)
    for c in range(args.chunks):
        part = picked[c * size:(c + 1) * size]
        with (sheets / f"chunk_{c}.txt").open("w", encoding="utf-8") as fh:
            for rec in part:
                fh.write(f"=== STORY {rec['id']}  (published {rec['published']})\n")
                for i, (a, b) in enumerate(split_sentences(rec["text"])):
                    fh.write(f"[s{i}] {rec['text'][a:b]}\n")
                fh.write("\n")
    print(f"{len(picked)} stories, {n_sent} sentences, {args.chunks} sheets in {sheets}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

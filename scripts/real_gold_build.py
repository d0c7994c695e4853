"""Build the real-news gold from two annotation passes and their adjudication; report agreement.

    python scripts/real_gold_build.py agree     # agreement of pass A and pass B
    python scripts/real_gold_build.py sheets    # the disagreements, with sentence text, for adjudicators
    python scripts/real_gold_build.py gold      # gold.jsonl = agreed events + adjudicated decisions
    python scripts/real_gold_build.py silver --raw /tmp/annot2/out   # silver.jsonl: one pass, training only
    python scripts/real_gold_build.py silver --raw /tmp/annot2/out --raw-b /tmp/annotB/out   # second pass:
        # silver_agreement.json, disputes_silver_K.txt for adjudicators in --raw-b, and silver.jsonl from
        # the agreed events plus --raw-b/adjudicated_silver*.jsonl (a disputed sentence without a settled
        # list keeps the events both passes gave it); --tag silver2 writes the sheets of the disputes
        # not settled yet (session 12: 800 more stories, chunk_cK / BcK)
    python scripts/real_gold_build.py sheets --raw /tmp/annotE/out --name test2   # a later two-pass set:
    python scripts/real_gold_build.py gold --raw /tmp/annotE/out --name test2     # test2_sample.jsonl ->
        # test2_pass_a/b.jsonl, test2.jsonl, test2_agreement.json (adjudications: adjudicated_K.jsonl)
    python scripts/real_gold_build.py gold --raw /tmp/annotG/out --name dev2      # the same for the tuning set

Inputs: `gold/kcna2011/sample.jsonl` (stories and sentence spans, from real_gold_sample.py), the raw
pass files `--raw DIR/chunk_K.pass{A,B}.jsonl` (one line a story: {"id", "events": [{"s", "src",
"tgt", "type", "modality"}]}) and the adjudications `--raw DIR/adjudicated_K.jsonl` (one line a
disputed sentence: {"id", "s", "events": [...]}, the settled list for that sentence). Outputs,
all stand-off (ids, offsets, labels; no story text): `pass_a.jsonl`, `pass_b.jsonl`, `gold.jsonl`
and `agreement.json` in `gold/kcna2011/`.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "gold" / "kcna2011"
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODS = {"asserted", "intended", "hypothetical", "negated", "alleged"}


def set_files(name: str) -> dict[str, Path]:
    """The files of one two-pass set: the first gold (``name`` empty) or a later one (``test2``: 800 more
    held-out stories of the test split, session 13), each with its sample, passes, gold and agreement."""
    pre = f"{name}_" if name else ""
    return {"sample": GOLD_DIR / f"{pre}sample.jsonl", "pass_a": GOLD_DIR / f"{pre}pass_a.jsonl",
            "pass_b": GOLD_DIR / f"{pre}pass_b.jsonl", "gold": GOLD_DIR / (f"{name}.jsonl" if name else "gold.jsonl"),
            "agreement": GOLD_DIR / f"{pre}agreement.json"}


def load_sample(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def norm_event(e: dict) -> tuple[int, str, str, str, str]:
    src, tgt, typ = str(e["src"]).upper(), str(e["tgt"]).upper(), str(e["type"]).upper()
    mod = str(e.get("modality", "asserted")).lower()
    if typ not in TYPES or mod not in MODS or len(src) != 3 or len(tgt) != 3:
        raise ValueError(f"bad event {e}")
    if typ in SYMMETRIC and tgt < src:  # one canonical direction for a symmetric type
        src, tgt = tgt, src
    return int(e["s"]), src, tgt, typ, mod


def load_pass(raw: Path, which: str, sample: list[dict], pattern: str = "chunk_*") -> dict[str, set]:
    out: dict[str, set] = {}
    for f in sorted(raw.glob(f"{pattern}.pass{which}.jsonl")):
        for n, line in enumerate(f.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            evs = set()
            for e in rec["events"]:
                try:
                    evs.add(norm_event(e))
                except (ValueError, KeyError) as exc:
                    print(f"warning: {f.name}:{n}: {exc}", file=sys.stderr)
            out[rec["id"]] = evs
    n_sent = {s["id"]: len(s["sentences"]) for s in sample}
    for sid, evs in out.items():
        bad = [e for e in evs if not 0 <= e[0] < n_sent.get(sid, 0)]
        if bad:
            print(f"warning: pass {which}: {sid}: sentence index out of range {bad}", file=sys.stderr)
            evs -= set(bad)
    return out


def f1(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def agreement(pa: dict, pb: dict) -> dict:
    both = sorted(set(pa) & set(pb))
    full_a = {(s, *e) for s in both for e in pa[s]}
    full_b = {(s, *e) for s in both for e in pb[s]}
    typed_a = {x[:5] for x in full_a}
    typed_b = {x[:5] for x in full_b}
    dyad_a = {x[:4] for x in full_a}
    dyad_b = {x[:4] for x in full_b}
    sent_a = {x[:2] for x in full_a}
    sent_b = {x[:2] for x in full_b}
    asserted_a = {x[:5] for x in full_a if x[5] == "asserted"}
    asserted_b = {x[:5] for x in full_b if x[5] == "asserted"}
    return {"stories": len(both), "events_a": len(full_a), "events_b": len(full_b),
            "f1_typed_with_modality": round(f1(full_a, full_b), 3),
            "f1_typed": round(f1(typed_a, typed_b), 3),
            "f1_typed_asserted": round(f1(asserted_a, asserted_b), 3),
            "f1_country_pair": round(f1(dyad_a, dyad_b), 3),
            "f1_sentence_has_event": round(f1(sent_a, sent_b), 3),
            "type_confusions": sorted(Counter(f"{x[4]}|{y[4]}" for x in typed_a - typed_b for y in typed_b - typed_a
                                              if x[:4] == y[:4]).items(), key=lambda kv: (-kv[1], kv[0]))[:15]}


def disputed(pa: dict, pb: dict) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for sid in set(pa) & set(pb):
        for e in pa[sid] ^ pb[sid]:
            out.setdefault(sid, set()).add(e[0])
    return out


def write_pass(path: Path, sample: list[dict], p: dict) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for s in sample:
            if s["id"] in p:
                fh.write(json.dumps({"id": s["id"], "events": [dict(zip(("s", "src", "tgt", "type", "modality"), e))
                                                                for e in sorted(p[s["id"]])]}) + "\n")


def load_settled(folder: Path, pattern: str, dis: dict[str, set[int]]) -> dict[tuple[str, int], set]:
    """The adjudicators' lists in ``folder/pattern`` (one line a sentence: {"id", "s", "events"}), for the
    disputed sentences of ``dis`` only."""
    settled: dict[tuple[str, int], set] = {}
    for f in sorted(folder.glob(pattern)):
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if int(rec["s"]) in dis.get(rec["id"], ()):
                    settled[(rec["id"], int(rec["s"]))] = {norm_event({**e, "s": rec["s"]}) for e in rec["events"]}
    return settled


def story_sentences(story: dict, a: set, b: set, dis: dict[str, set[int]],
                    settled: dict[tuple[str, int], set]) -> tuple[list, int]:
    """A story's [start, end, events] per sentence from its two passes ``a`` and ``b``: the events both gave
    (an undisputed sentence's are the same in each), or a disputed sentence's adjudicated list where there
    is one; and how many disputed sentences had none (kept as the passes' intersection)."""
    sents, unsettled = [], 0
    for i, (start, end) in enumerate(story["sentences"]):
        key = (story["id"], i)
        if i in dis.get(story["id"], ()) and key not in settled:
            unsettled += 1
        evs = settled.get(key, {e for e in a & b if e[0] == i})
        sents.append([start, end, [dict(zip(("src", "tgt", "type", "modality"), e[1:])) for e in sorted(evs)]])
    return sents, unsettled


def silver(raw: Path, raw_b: Path | None = None, shared: Path | None = None, tag: str | None = None) -> int:
    """silver.jsonl: the annotations of silver_sample.jsonl (training data only: train split, and since session 14
    dev-split stories outside the tuning sets, as real_gold_sample.py drew them). With a second
    pass (``raw_b``, files ``B*.passB.jsonl``): its agreement with the first, with ``tag`` the sheets of the
    disputed sentences not settled yet for adjudicators, and per disputed sentence the adjudicated list
    where there is one, else the events both passes agree on."""
    sample = [json.loads(x) for x in (GOLD_DIR / "silver_sample.jsonl").read_text("utf-8").splitlines() if x.strip()]
    done = load_pass(raw, "A", sample)
    second = load_pass(raw_b, "B", sample, "B*") if raw_b else {}
    if raw_b and not second:
        print(f"error: {raw_b}: no second-pass files (B*.passB.jsonl)", file=sys.stderr)
        return 1
    for sid in sorted(set(second) - set(done)):
        print(f"warning: {sid}: in the second pass only; left out", file=sys.stderr)
    both = {k: v for k, v in done.items() if k in second}
    dis = disputed(both, second)
    settled = load_settled(raw_b, "adjudicated_silver*.jsonl", dis) if raw_b else {}
    if second:
        agree = agreement(both, second)
        agree["disputed_sentences"] = sum(len(v) for v in dis.values())
        agree["unsettled_kept_as_intersection"] = agree["disputed_sentences"] - len(settled)
        (GOLD_DIR / "silver_agreement.json").write_text(json.dumps(agree, indent=1) + "\n", "utf-8")
        print(json.dumps({k: v for k, v in agree.items() if k != "type_confusions"}))
        if shared and tag:  # sheets of the disputes not settled yet
            if _dispute_sheets(raw_b, sample, both, second, shared, tag, skip=set(settled)):
                return 1
    n = 0
    with (GOLD_DIR / "silver.jsonl").open("w", encoding="utf-8") as fh:
        for s in sample:
            if s["id"] not in done:
                continue
            assert s["split"] in ("train", "dev"), s["id"]  # never held out (dev: outside the tuning sets)
            kind = "two passes, adjudicated" if s["id"] in second else "single"
            sents, _ = story_sentences(s, done[s["id"]], second.get(s["id"], done[s["id"]]), dis, settled)
            fh.write(json.dumps({"id": s["id"], "published": s["published"], "split": s["split"], "pass": kind,
                                 "sentences": sents}) + "\n")
            n += 1
    print(f"{n} silver stories, {len(second)} with a second pass, {len(settled)} adjudicated sentences")
    return 0


def _dispute_sheets(out: Path, sample: list[dict], pa: dict, pb: dict, shared: Path, tag: str, chunks: int = 8,
                    skip: frozenset[tuple[str, int]] | set[tuple[str, int]] = frozenset(),
                    by_sample: bool = False, texts: dict[str, str] | None = None) -> int:
    """``out/disputes_{tag}_K.txt`` (``disputes_K.txt`` without a tag): each story with a disputed sentence
    (not in ``skip``), its sentences and both lists, in ``chunks`` sheets cut over the disputed stories
    (``by_sample``: over the whole sample, as the annotation chunks were). The stories' ``texts`` by id, else
    those of ``shared``'s kcna2011 corpus. An existing sheet is never overwritten; returns 1 (with one line)
    where it would be, or where a story's text is missing."""
    dis = {sid: kept for sid, ss in disputed(pa, pb).items() if (kept := {i for i in ss if (sid, i) not in skip})}
    if texts is None:
        texts = {}
        for f in sorted((shared / "corpus" / "kcna2011").glob("*.jsonl")):
            for line in f.read_text("utf-8").splitlines():
                rec = json.loads(line)
                if rec.get("id") in dis:
                    texts[rec["id"]] = rec["text"]
    if missing := sorted(set(dis) - set(texts)):
        print(f"error: {len(missing)} disputed stories have no text (first: {missing[0]})", file=sys.stderr)
        return 1
    ids = [s["id"] for s in sample if by_sample or s["id"] in dis]
    size = max(1, -(-len(ids) // chunks))
    by_chunk: dict[int, list[str]] = {}
    fmt = lambda e: f"{e[1]}->{e[2]} {e[3]} {e[4]}"  # noqa: E731
    for s in sample:
        if s["id"] not in dis:
            continue
        text = texts[s["id"]]
        lines = [f"=== STORY {s['id']}" + (f" (published {s['published']})" if s.get("published") else "")]
        lines += [f"[s{i}] {text[a:b]}" for i, (a, b) in enumerate(s["sentences"])]
        for i in sorted(dis[s["id"]]):
            lines.append(f"DISPUTED s{i}: A says {[fmt(e) for e in sorted(pa[s['id']]) if e[0] == i]}; "
                         f"B says {[fmt(e) for e in sorted(pb[s['id']]) if e[0] == i]}")
        by_chunk.setdefault(ids.index(s["id"]) // size, []).append("\n".join(lines) + "\n")
    paths = {k: out / f"disputes_{tag + '_' if tag else ''}{k}.txt" for k in by_chunk}
    if taken := [p for p in paths.values() if p.exists()]:
        print(f"error: {taken[0]} exists; sheets are never overwritten (use a new --tag)", file=sys.stderr)
        return 1
    for k, items in by_chunk.items():
        paths[k].write_text("\n".join(items), "utf-8")
    print(f"{sum(len(v) for v in dis.values())} disputed sentences in {len(dis)} stories; sheets in {out}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("step", choices=("agree", "sheets", "gold", "silver"))
    ap.add_argument("--raw", type=Path, default=Path("/tmp/annot/out"))
    ap.add_argument("--raw-b", type=Path, default=None, help="with silver: the second pass's folder")
    ap.add_argument("--tag", default=None,
                    help="with silver --raw-b: write the sheets of the unsettled disputes as disputes_TAG_K.txt")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--name", default="", help="agree/sheets/gold of a later two-pass set (e.g. test2: "
                                               "test2_sample.jsonl -> test2.jsonl, test2_agreement.json)")
    args = ap.parse_args()
    if args.step == "silver":
        if args.name:
            print("error: --name is for agree/sheets/gold of a later two-pass set, not for silver", file=sys.stderr)
            return 2
        return silver(args.raw, args.raw_b, args.shared, args.tag)
    if args.name and (not args.name.isalnum() or args.name in ("silver", "gold", "sample", "pass")):
        print(f"error: --name {args.name!r}: letters and digits, not the name of an existing file set", file=sys.stderr)
        return 2
    files = set_files(args.name)
    sample = load_sample(files["sample"])
    if args.raw.is_dir():
        pa, pb = load_pass(args.raw, "A", sample), load_pass(args.raw, "B", sample)
        write_pass(files["pass_a"], sample, pa)
        write_pass(files["pass_b"], sample, pb)
    else:
        pa = {json.loads(x)["id"]: {norm_event(e) for e in json.loads(x)["events"]}
              for x in files["pass_a"].read_text().splitlines()}
        pb = {json.loads(x)["id"]: {norm_event(e) for e in json.loads(x)["events"]}
              for x in files["pass_b"].read_text().splitlines()}
    agree = agreement(pa, pb)
    if args.step == "agree":
        print(json.dumps(agree, indent=1))
        return 0
    dis = disputed(pa, pb)
    if args.step == "sheets":
        return _dispute_sheets(args.raw, sample, pa, pb, args.shared, args.name, chunks=7 if not args.name else 8,
                               by_sample=not args.name)
    settled = load_settled(args.raw, "adjudicated_[0-9]*.jsonl", dis)
    unsettled = 0
    with files["gold"].open("w", encoding="utf-8") as fh:
        for s in sample:
            if s["id"] not in pa or s["id"] not in pb:
                continue
            sents, left = story_sentences(s, pa[s["id"]], pb[s["id"]], dis, settled)
            unsettled += left
            fh.write(json.dumps({"id": s["id"], "published": s["published"], "split": s["split"],
                                 "sentences": sents}) + "\n")
    agree["disputed_sentences"] = sum(len(v) for v in dis.values())
    agree["unsettled_kept_as_intersection"] = unsettled
    files["agreement"].write_text(json.dumps(agree, indent=1) + "\n", "utf-8")
    print(json.dumps(agree, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

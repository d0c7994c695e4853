"""Throughput: bare spaCy parsing vs the full ingest+code+store path, in one run.

The corpus (--source) is ``kcna``: the first --articles real KCNA stories of 2011 in ../shared
(one JSONL file, with their outlet and dates, as a user would ingest them; the default), or
``seeds``: the five seed articles in ../shared, each repeated with a numbered suffix (so every copy
is a distinct article) to at least --articles articles.
Each phase runs in its own subprocess so that peak RSS is measured per phase.
Runs are paired and interleaved, bare then full (A B A B …, --pairs pairs), so load from other
processes on the machine falls on both sides of each pair; the ratio reported is the median of
the pairs' ratios. Prints articles/s, sentences/s, peak RSS and the ratios, in wall-clock time and
in CPU time (user + system, all threads, and the model process's): with the learned coder the full
path runs the model in a child process while spaCy parses, so its wall-clock ratio is above its CPU
ratio; ``--model-on-thread`` runs the model on a second thread of the one process instead (the design
before session 24), ``--no-model-thread`` everything on one thread. Peak RSS is the main process's plus
the model process's, an upper bound: the forked child's pages shared with its parent count in both.

    .venv/bin/python benchmarks/throughput.py [--articles 500] [--workers 1] [--pairs 3] [--model-on-thread | --no-model-thread]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
KCNA = REPO.parent / "shared" / "corpus" / "kcna2011"


def make_kcna(out: Path, n: int) -> list[Path]:
    """One JSONL file of the first n KCNA stories, months in order (stories with a text and a title)."""
    rows = []
    for path in sorted(KCNA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if isinstance(rec.get("title"), str) and rec.get("text"):
                rows.append(line)
            if len(rows) >= n:
                break
        if len(rows) >= n:
            break
    target = out / "kcna.jsonl"
    target.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return [target]


def corpus_texts(corpus: Path) -> list[str]:
    """The raw texts the bare phase parses: each .txt file, each JSONL record's text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    for p in sorted(corpus.glob("*.jsonl")):
        texts += [json.loads(x)["text"] for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    return texts


def make_corpus(out: Path, n: int) -> list[Path]:
    """Write n article files cycling through the seeds, each made unique."""
    seeds = sorted(SEEDS.glob("*.txt"))
    files = []
    for i in range(n):
        src = seeds[i % len(seeds)]
        path = out / f"{i:05d}_{src.name}"
        path.write_text(f"Copy {i}.\n\n" + src.read_text(encoding="utf-8"), encoding="utf-8")
        files.append(path)
    return files


def cpu_seconds() -> float:
    """This process's CPU seconds and those of its ended children (the model process, once joined)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def phase_bare(corpus: Path, workers: int, batch_size: int) -> dict:
    """spaCy alone: parse the raw file texts with the same pipeline and batching."""
    from blocwatch.nlp import load_nlp

    nlp = load_nlp()
    texts = corpus_texts(corpus)
    t0, c0 = time.perf_counter(), cpu_seconds()
    sentences = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=batch_size, n_process=workers))
    return {"seconds": time.perf_counter() - t0, "cpu": cpu_seconds() - c0, "articles": len(texts),
            "sentences": sentences}


def phase_full(corpus: Path, workers: int, batch_size: int, model_thread: bool = True,
               model_process: bool = True) -> dict:
    """The product path: read, clean, date, parse, code, link treaties, store in DuckDB."""
    from blocwatch import api
    from blocwatch.pipeline import Pipeline, PipelineOptions

    db = Path(tempfile.mkdtemp()) / "bench.duckdb"
    pipe = Pipeline(PipelineOptions(batch_size=batch_size, workers=workers, model_thread=model_thread,
                                    model_process=model_process))
    t0, c0 = time.perf_counter(), cpu_seconds()
    report = api.ingest([str(corpus)], str(db), workers=workers, batch_size=batch_size, pipeline=pipe)
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    sentences = api.summary(str(db))["sentences"]
    return {"seconds": seconds, "cpu": cpu, "articles": report.new, "sentences": sentences,
            "events": report.events, "failed": report.failed}


def run_phase(name: str, corpus: Path, workers: int, batch_size: int, model_thread: bool = True,
              model_process: bool = True) -> dict:
    """Run one phase in a fresh interpreter; add its peak RSS in MB."""
    cmd = [sys.executable, __file__, "--phase", name, "--corpus", str(corpus),
           "--workers", str(workers), "--batch-size", str(batch_size)]
    if not model_thread:
        cmd.append("--no-model-thread")
    if not model_process:
        cmd.append("--model-on-thread")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def ratio(bare: dict, full: dict, clock: str = "seconds") -> float:
    """Full-path articles/s over bare articles/s, in wall-clock ``seconds`` or ``cpu`` seconds."""
    return (full["articles"] / full[clock]) / (bare["articles"] / bare[clock])


def report(bare: dict, full: dict) -> None:
    for name, r in (("bare spaCy", bare), ("full path", full)):
        print(f"{name:11s} {r['articles']:5d} articles {r['sentences']:6d} sentences "
              f"{r['seconds']:7.2f} s (CPU {r['cpu']:7.2f} s)  {r['articles'] / r['seconds']:7.2f} articles/s  "
              f"{r['sentences'] / r['seconds']:8.1f} sentences/s  peak RSS {r['peak_rss_mb']:.0f} MB"
              + (f" (+ {r['children_rss_mb']:.0f} MB model process, pages shared with this one counted again)"
                 if r.get("children_rss_mb") else ""))
    if "events" in full:
        print(f"full path coded {full['events']} events, {full['failed']} failures")
    per_sentence = (full["sentences"] / full["seconds"]) / (bare["sentences"] / bare["seconds"])
    print(f"ratio full/bare sentences/s: {per_sentence:.3f} (the full path parses cleaned text, so fewer sentences)")
    print(f"ratio full/bare throughput (articles/s): {ratio(bare, full):.3f} wall-clock, "
          f"{ratio(bare, full, 'cpu'):.3f} CPU time; peak RSS full: {full['peak_rss_mb'] + full.get('children_rss_mb', 0):.0f} MB "
          "with the model process, an upper bound (target <= 1536 MB)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--pairs", type=int, default=3, help="bare/full pairs, run interleaved A B A B …")
    ap.add_argument("--no-model-thread", dest="model_thread", action="store_false",
                    help="full path on one thread (the model does not overlap parsing)")
    ap.add_argument("--model-on-thread", dest="model_process", action="store_false",
                    help="the model on a second thread of the one process, not in a child process")
    ap.add_argument("--phase", choices=["bare", "full"])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--source", choices=["kcna", "seeds"], default="kcna", help="the articles to ingest")
    args = ap.parse_args()
    if args.phase:
        if args.phase == "bare":
            result = phase_bare(args.corpus, args.workers, args.batch_size)
        else:
            result = phase_full(args.corpus, args.workers, args.batch_size, args.model_thread, args.model_process)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result["children_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    where = KCNA if args.source == "kcna" else SEEDS
    if not where.is_dir():
        print(f"skipped: corpus not found at {where} (the benchmark needs ../shared)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        (make_kcna if args.source == "kcna" else make_corpus)(corpus, args.articles)
        pairs = []
        for i in range(max(1, args.pairs)):
            bare = run_phase("bare", corpus, args.workers, args.batch_size)
            full = run_phase("full", corpus, args.workers, args.batch_size, args.model_thread, args.model_process)
            pairs.append((bare, full))
            print(f"pair {i + 1}: bare {bare['seconds']:.2f} s, full {full['seconds']:.2f} s, "
                  f"ratio {ratio(bare, full):.3f} (CPU time {ratio(bare, full, 'cpu'):.3f}), "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    ratios = sorted(ratio(b, f) for b, f in pairs)
    median = statistics.median(ratios)
    bare, full = min(pairs, key=lambda p: abs(ratio(*p) - median))
    report(bare, full)
    cpu = statistics.median(ratio(b, f, "cpu") for b, f in pairs)
    print(f"median ratio full/bare throughput over {len(pairs)} paired runs (A B A B): {median:.3f} "
          f"(target >= 0.6); all pairs: {', '.join(f'{r:.3f}' for r in ratios)}; "
          f"median CPU-time ratio {cpu:.3f}; model "
          f"{'off one thread: ' + ('in a child process' if args.model_process else 'on a second thread') if args.model_thread else 'on the one thread'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scale: blocwatch commands on synthetic stores of 100k, 1M and 10M events against plain-SQL baselines.

Stores are built with DuckDB SQL in the real schema (``blocwatch.store.synthetic``: 197 countries,
1995–2024, Zipf-weighted, about ten mentions per article, merged events kept as ingest keeps them).
Each command runs as its own ``blocwatch`` process, as a user would run it; each baseline is the
nearest plain DuckDB query run in its own Python process. Peak RSS is the child's (``wait4``).
Prints one row per size and command: seconds, CPU seconds, baseline seconds, ratio, peak RSS, and how time grew
against the number of events. With ``--dir`` the stores are kept there and reused by later runs
(a store is built only when its file is missing); ``--repeat N`` times each command N times and
reports the median seconds (the peak RSS is the largest), which steadies numbers on a shared machine.

    .venv/bin/python benchmarks/scale.py [--sizes 100k,1M,10M] [--dir DIR] [--keep] [--repeat N]
                                         [--only relations,blocs]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DYAD = "CHN-PRK"
COUNTED = "modality IN ('asserted', 'intended')"

# command name → (blocwatch arguments, plain-SQL baseline over the same store)
COMMANDS = {
    "events --dyad": (["events", "--dyad", DYAD, "--limit", "100"],
                      f"SELECT * FROM events WHERE dyad = '{DYAD}' ORDER BY day LIMIT 100"),
    "relations": (["relations", "--dyad", DYAD, "--by", "month"],
                  f"SELECT strftime(day, '%Y-%m') AS m, count(*), count_if(quad_class <= 2) - count_if(quad_class >= 3), "
                  f"avg(goldstein) FROM events WHERE dyad = '{DYAD}' AND {COUNTED} GROUP BY m ORDER BY m"),
    "blocs": (["blocs"],
              "SELECT least(source_country, target_country) a, greatest(source_country, target_country) b, "
              "sum(goldstein * pow(0.5, (m.d - day) / 180.0)) FROM events, (SELECT max(day) AS d FROM events) m "
              f"WHERE day > m.d - 365 AND {COUNTED} AND source_country <> target_country GROUP BY a, b"),
    "triads": (["triads", "--countries", "CHN,PRK,RUS,USA"],
               "SELECT least(source_country, target_country) a, greatest(source_country, target_country) b, "
               "sum(goldstein) FROM events, (SELECT max(day) AS d FROM events) m "
               f"WHERE day > m.d - 365 AND {COUNTED} AND source_country IN ('CHN', 'PRK', 'RUS', 'USA') "
               "AND target_country IN ('CHN', 'PRK', 'RUS', 'USA') GROUP BY a, b"),
    "report": (["report", "--out", "{tmp}/report.html"],
               "SELECT least(source_country, target_country) a, greatest(source_country, target_country) b, count(*) n "
               f"FROM events WHERE {COUNTED} GROUP BY a, b ORDER BY n DESC LIMIT 6"),
    "export parquet": (["export", "--format", "parquet", "--out", "{tmp}/export"],
                       "COPY events TO '{tmp}/baseline.parquet' (FORMAT parquet)"),
}
SIZES = {"100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
TARGETS = {"events --dyad": 0.5, "relations": 2, "blocs": 10, "triads": 10, "report": 30, "export parquet": 60}


def run(cmd: list[str]) -> tuple[float, float, int, float]:
    """Run a process to its end: (seconds, peak RSS in MB, exit code, CPU seconds user+system)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        print(f"  failed: {' '.join(cmd)}: {proc.stderr.read().decode()[-500:]}", file=sys.stderr)
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime


def baseline(db: Path, sql: str) -> tuple[float, float, int, float]:
    code = ("import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
            "con.execute(\"SET memory_limit = '2GB'\"); con.execute(sys.argv[2]).fetchall()")
    return run([sys.executable, "-c", code, str(db), sql])


def build(db: Path, events: int) -> float:
    """Generate the store in a child process (under a temporary name, so an interrupted build is
    never reused); its seconds."""
    part = db.with_name(db.name + ".part")
    for leftover in (part, part.with_name(part.name + ".wal")):
        leftover.unlink(missing_ok=True)
    code = "import sys; from blocwatch.store.synthetic import generate; generate(sys.argv[1], int(sys.argv[2]))"
    seconds, rss, rc, _ = run([sys.executable, "-c", code, str(part), str(events)])
    if rc:
        raise SystemExit(f"building {db} failed")
    part.rename(db)
    print(f"built {db.name}: {events:,} events in {seconds:.1f} s (peak RSS {rss:.0f} MB)")
    return seconds


def timed(db: Path, work: Path, argv: list[str], sql: str, repeat: int) -> tuple[tuple, tuple]:
    """Run a command and its baseline ``repeat`` times, interleaved: (median s, max RSS, worst rc, median CPU s) each."""
    mine, base = [], []
    for _ in range(repeat):
        tmp = Path(tempfile.mkdtemp(dir=work))
        mine.append(run([str(BIN / "blocwatch"), *[a.format(tmp=tmp) for a in argv], "--db", str(db)]))
        base.append(baseline(db, sql.format(tmp=tmp)))
        shutil.rmtree(tmp, ignore_errors=True)
    return _summary(mine), _summary(base)


def _summary(runs: list[tuple]) -> tuple:
    return (statistics.median(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs),
            statistics.median(r[3] for r in runs))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100k,1M", help="comma-separated: 100k, 1M, 10M (default 100k,1M)")
    ap.add_argument("--dir", type=Path, help="where stores are built or reused (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the stores")
    ap.add_argument("--repeat", type=int, default=1, help="runs per command; the median time is reported")
    ap.add_argument("--only", help="comma-separated command names to time (default: all)")
    args = ap.parse_args()
    only = {c.strip() for c in args.only.split(",")} if args.only else set(COMMANDS)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    work = args.dir or Path(tempfile.mkdtemp(prefix="blocwatch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, tuple]] = {}
    try:
        for size in sizes:
            db = work / f"scale_{size}.duckdb"
            if not db.exists():
                build(db, SIZES[size])
            results[size] = {}
            for name, (argv, sql) in COMMANDS.items():
                if name not in only:
                    continue
                mine, base = timed(db, work, argv, sql, max(1, args.repeat))
                results[size][name] = (mine, base)
                print(f"  {size:>4} {name:15s} {mine[0]:7.2f} s  CPU {mine[3]:6.2f} s  (SQL {base[0]:5.2f} s)  "
                      f"{mine[1]:6.0f} MB  load {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        if not args.keep and not args.dir:
            shutil.rmtree(work, ignore_errors=True)
    report(results, sizes)
    return 0


def report(results: dict, sizes: list[str]) -> None:
    print()
    print("| events | command | seconds | CPU s | plain SQL s | ratio | peak RSS MB | target at 10M | growth vs previous size |")
    print("|---|---|---|---|---|---|---|---|---|")
    for i, size in enumerate(sizes):
        for name, ((secs, rss, rc, cpu), (base, *_)) in results[size].items():
            growth = ""
            prev_size = sizes[i - 1] if i else None
            if prev_size and name in results[prev_size]:
                prev = results[prev_size][name][0][0]
                more = SIZES[size] / SIZES[prev_size]
                shape = "sublinear" if secs / prev <= more else "FASTER THAN LINEAR"
                growth = f"×{secs / prev:.2f} time for ×{more:.0f} events ({shape})"
            ok = "" if rc == 0 else " (failed)"
            target = f"< {TARGETS[name]} s, < 4096 MB"
            if size == "10M":
                target += " ✓" if rc == 0 and secs < TARGETS[name] and rss < 4096 else " ✗"
            print(f"| {size} | {name}{ok} | {secs:.2f} | {cpu:.2f} | {base:.2f} | {secs / base:.1f} | {rss:.0f} | {target} | {growth} |")


if __name__ == "__main__":
    sys.exit(main())

"""A longer fuzz campaign than the suite's (issue 10): N generated input files, each read and coded
in process by the default pipeline, then all of them ingested by one real ``blocwatch ingest``.

Counts: tried (files), failed (an internal-error Failure, an exception escaping, or exit code 3),
hung (a file taking longer than --hang seconds). Usage:
    .venv/bin/python scripts/fuzz_ingest.py --n 2000 --out /tmp/fuzz
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis.errors import NonInteractiveExampleWarning  # noqa: E402

from blocwatch.ingest import IngestOptions, read_sources  # noqa: E402
from blocwatch.pipeline import Pipeline  # noqa: E402
from blocwatch.records import Article, Failure  # noqa: E402
from tests.fuzz_inputs import encode, file_case  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out", default="/tmp/blocwatch-fuzz")
    ap.add_argument("--hang", type=float, default=60.0)
    args = ap.parse_args()
    warnings.simplefilter("ignore", NonInteractiveExampleWarning)
    folder = Path(args.out) / "inputs"
    folder.mkdir(parents=True, exist_ok=True)
    pipe = Pipeline()
    failed, hung, slowest = [], [], (0.0, "")
    for i in range(args.n):
        ext, text = file_case.example()
        path = folder / f"{i:05d}{ext}"
        path.write_bytes(encode(text))
        start = time.monotonic()
        try:
            items = list(read_sources([str(path)], IngestOptions()))
            arts = [a for a in items if isinstance(a, Article)]
            items += [r for r in pipe.process(arts) if isinstance(r, Failure)]
            failed += [f"{f.path}: {f.reason}" for f in items if isinstance(f, Failure) and f.internal]
        except Exception as exc:  # noqa: BLE001 - what the campaign counts
            failed.append(f"{path}: escaped {type(exc).__name__}: {exc}")
        took = time.monotonic() - start
        slowest = max(slowest, (took, str(path)))
        if took > args.hang:
            hung.append(str(path))
    cmd = [sys.executable, "-m", "blocwatch", "ingest", str(folder), "--db", str(Path(args.out) / "f.duckdb"), "--quiet"]
    start = time.monotonic()
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=max(600, args.n), env=os.environ.copy())
        code, errors = run.returncode, [l for l in run.stderr.splitlines() if l.startswith("error:")]
        traceback = "Traceback" in run.stderr
    except subprocess.TimeoutExpired:
        code, errors, traceback = "timeout", [], False
    print(f"tried {args.n} files; failed {len(failed)}; hung {len(hung)} (> {args.hang:g} s); "
          f"slowest {slowest[0]:.1f} s ({slowest[1]})")
    print(f"real ingest of all of them: exit {code}, {len(errors)} error lines, traceback: {traceback}, "
          f"{time.monotonic() - start:.0f} s")
    for line in failed[:20] + hung[:20]:
        print("  ", line)


if __name__ == "__main__":
    main()

"""The scripts that draw real-news stories for annotation: a split with too few stories left is said in one
line, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def _corpus(root: Path, n: int) -> Path:
    folder = root / "corpus" / "kcna2011"
    folder.mkdir(parents=True)
    lines = [json.dumps({"id": f"kcna2011-{k}", "title": f"Story {k}", "published": "2011-05-01",
                         "text": f"Story {k}\n\nThe delegation of Laos arrived here on Monday."}) for k in range(n)]
    (folder / "2011-05.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_drawing_more_stories_than_a_split_holds_is_one_clear_line(tmp_path: Path):
    shared = _corpus(tmp_path / "shared", 6)
    run = subprocess.run([sys.executable, "scripts/real_gold_sample.py", "--shared", str(shared), "--stories", "50",
                          "--out", str(tmp_path / "sample.jsonl"), "--sheets", str(tmp_path / "sheets")],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and "--stories 50" in run.stderr and "left to draw" in run.stderr
    assert not (tmp_path / "sample.jsonl").exists()

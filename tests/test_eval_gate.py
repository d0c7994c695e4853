"""Accuracy gates: each coder on the PLV dev gold must not fall below its pinned floors.

The rules coder is scored on every row (it was never trained); the learned coder only on the
fixed 15% held-out split its shipped weights never saw.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blocwatch import api
from tests.conftest import REPO, shared_or_skip

BASELINE = REPO / "benchmarks" / "eval_baseline.json"


@pytest.mark.slow
@pytest.mark.gate
def test_plv_floors_rules(rules_pipeline):
    gold = shared_or_skip("gold", "PLV_train.tsv")
    base = json.loads(BASELINE.read_text())
    _check(api.evaluate(str(gold), "plv", pipeline=rules_pipeline, split="all").metrics(), base)


@pytest.mark.slow
@pytest.mark.gate
def test_plv_floors_learned_on_heldout(pipeline):
    gold = shared_or_skip("gold", "PLV_train.tsv")
    base = json.loads(BASELINE.read_text())["learned"]
    _check(api.evaluate(str(gold), "plv", pipeline=pipeline, split=base["split"]).metrics(), base)


def _check(metrics: dict[str, float], base: dict) -> None:
    for name, floor in base["floors"].items():
        assert metrics[name] >= floor, f"{name} fell to {metrics[name]:.3f}, below its floor {floor}"
    for name, ceiling in base["ceilings"].items():
        assert metrics[name] <= ceiling, f"{name} rose to {metrics[name]:.3f}, above {ceiling}"


def test_baseline_floors_are_sane():
    base = json.loads(BASELINE.read_text())
    assert set(base["floors"]) == {"dyad_recall", "root_accuracy", "quad_accuracy_matched"}
    assert set(base["learned"]["floors"]) >= {"dyad_recall", "root_accuracy", "macro_f1"}
    assert base["learned"]["split"] == "heldout" and base["learned"]["ceilings"]["events_per_sentence"] <= 2
    for section in (base, base["learned"]):
        assert all(0 < v <= 1 for v in section["floors"].values())


def test_eval_rejects_a_file_that_is_not_plv(cli, tmp_path: Path):
    bad = tmp_path / "x.tsv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    result = cli("eval", bad, "--format", "plv")
    assert result.exit_code == 2 and "missing columns" in result.stderr


def test_eval_on_a_small_gold_file_written_here(cli, tmp_path: Path):
    gold = tmp_path / "g.tsv"
    rows = ["sentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_penta\tgold_root",
            "1\tChile criticized Peru on Monday.\t-\tChile\tPeru\t3\tACCUSE",
            "2\tNorway praised Sweden for its help.\t-\tNorway\tSweden\t1\tSUPPORT",
            "3\tThe weather was fine.\t-\tweather\tfine\t1\tAGREE"]
    gold.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("eval", gold, "--json", "--coder", "rules", "--split", "all")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rows"] == 3 and report["matched"] == 2
    assert abs(report["dyad_recall"] - 2 / 3) < 1e-9 and report["root_accuracy"] == report["dyad_recall"]
    assert {"gold": "AGREE", "predicted": "—", "count": 1} in report["confusion"]


def test_eval_scores_only_the_requested_split(cli, tmp_path: Path):
    from blocwatch.learned.data import heldout

    ids = [str(i) for i in range(40)]
    held = [i for i in ids if heldout(i)]
    assert 0 < len(held) < len(ids)
    gold = tmp_path / "g.tsv"
    lines = ["sentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_penta\tgold_root"]
    lines += [f"{i}\tChile criticized Peru on Monday.\t-\tChile\tPeru\t3\tACCUSE" for i in ids]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = {split: json.loads(cli("eval", gold, "--json", "--coder", "rules", "--split", split).stdout)
            for split in ("heldout", "train", "all")}
    assert rows["heldout"]["rows"] == len(held) and rows["train"]["rows"] == len(ids) - len(held)
    assert rows["all"]["rows"] == len(ids)
    assert rows["all"]["macro_f1"] == 1.0 and rows["all"]["f1"] == [{"root": "ACCUSE", "f1": 1.0}]
    assert cli("eval", gold, "--split", "nope").exit_code == 2

"""`events` and `code` commands on a real DuckDB file and real model."""

from __future__ import annotations

import json

import pytest

from blocwatch import api

pytestmark = pytest.mark.slow

DOCS = {
    "a.txt": "Title one\n\nMay 3, 2024\n\nChina praised North Korea for its loyalty on Friday. "
             "Japan condemned North Korea.",
    "b.txt": "Title two\n\nJune 20, 2024\n\nRussia and North Korea signed a treaty on Wednesday.",
}


@pytest.fixture
def db(tmp_path, db_path, pipeline):
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    api.ingest([str(tmp_path)], db_path, pipeline=pipeline)
    return db_path


def _jsonl(result):
    assert result.exit_code == 0, result.output
    return [json.loads(l) for l in result.stdout.splitlines() if l.strip()]


def test_events_filters(cli, db):
    every = _jsonl(cli("events", "--db", db, "--format", "jsonl"))
    assert every and all(e["article"]["id"] == e["doc_id"] for e in every)
    chn = _jsonl(cli("events", "--db", db, "--dyad", "PRK-CHN", "--format", "jsonl"))
    assert chn and all({e["source"]["country"], e["target"]["country"]} == {"CHN", "PRK"} for e in chn)
    accuse = _jsonl(cli("events", "--db", db, "--type", "accuse", "--format", "jsonl"))
    assert accuse and all(e["plover"] == "ACCUSE" for e in accuse)
    june = _jsonl(cli("events", "--db", db, "--since", "2024-06-01", "--format", "jsonl"))
    assert june and all((e["date"] or e["article"]["published"]) >= "2024-06-01" for e in june)
    rus = _jsonl(cli("events", "--db", db, "--actor", "RUS", "--format", "jsonl"))
    assert rus and all("RUS" in (e["source"]["country"], (e["target"] or {}).get("country")) for e in rus)
    assert len(chn) < len(every)


def test_events_bad_dyad_is_one_error(cli, db):
    result = cli("events", "--db", db, "--dyad", "CHINA")
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and "CHN-PRK" in result.stderr


def test_code_text_and_jsonl_with_a_bad_line(cli, tmp_path):
    out = _jsonl(cli("code", "--text", "Chile criticized Peru on Monday.", "--date", "2024-06-12"))
    assert out[0]["article"] is None and out[0]["date"] == "2024-06-10"
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "d1", "text": "Norway praised Sweden."}) + "\n{oops\n", encoding="utf-8")
    result = cli("code", f)
    assert result.exit_code == 1 and f"{f}:2" in result.stderr
    rows = [json.loads(l) for l in result.stdout.splitlines()]
    assert rows and rows[0]["doc_id"] == "d1"


@pytest.mark.slow
def test_code_with_two_workers_codes_what_one_worker_codes(cli, tmp_path):
    docs = tmp_path / "docs.jsonl"
    lines = [{"id": f"d{i}", "date": "2024-05-0" + str(i + 1), "text": text} for i, text in enumerate([
        "Japan condemned North Korea for firing a missile over the sea on Monday.",
        "China and Russia signed a trade agreement in Beijing.",
        "South Korea accused the North of sending balloons across the border.",
        "The United States sent aid to Ukraine after the storm.",
    ])]
    docs.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    one = cli("code", str(docs))
    two = cli("code", str(docs), "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) >= 3

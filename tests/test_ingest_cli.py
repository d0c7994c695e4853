"""`blocwatch ingest` end to end: real model, real DuckDB file, bad inputs, idempotency, seeds."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from blocwatch import api
from tests.conftest import shared_or_skip

GOOD = ("SEOUL – South Korea and Japan agreed on Tuesday to share more intelligence on missile launches, "
        "their defence ministers said after talks in Seoul.")

pytestmark = pytest.mark.slow


@pytest.fixture
def bad_inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "latin.txt").write_bytes(("Fran\u00e7ois Bayrou met trade union leaders in Paris on Monday to talk "
                                   "about pensions.").encode("latin-1"))
    with open(d / "huge.txt", "w", encoding="utf-8") as fh:
        line = "All work and no play makes a very long article indeed. " * 20 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    (d / "scripts.html").write_text("<html><head><script>var x = 1;</script></head><body>"
                                    "<script>document.write('hi')</script></body></html>", encoding="utf-8")
    lines = [json.dumps({"text": "China and Russia held naval drills in the Sea of Japan on Friday, "
                                 "their navies said."}), "{not json", json.dumps({"title": "no text"}),
             json.dumps({"text": "Vietnam and the Philippines signed a coast guard cooperation accord on "
                                 "Wednesday in Manila."})]
    (d / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.bin").write_bytes(b"\x00\x01")
    return d, tmp_path / "nothing", tmp_path / "missing.txt"


def test_bad_inputs_each_get_one_line_and_the_rest_is_stored(cli, db_path, bad_inputs):
    folder, empty_dir, missing = bad_inputs
    result = cli("ingest", folder, empty_dir, missing, "--db", db_path, "--quiet")
    assert result.exit_code == 1
    errors = [l for l in result.stderr.splitlines() if l.startswith("error: ")]
    expect = {"empty.txt": "empty", "binary.txt": "binary", "huge.txt": "too large",
              "scripts.html": "no article text", "wire.jsonl:2": "malformed JSON", "wire.jsonl:3": "'text'",
              str(empty_dir): "no readable files", str(missing): "no such file"}
    for where, why in expect.items():
        hits = [l for l in errors if where in l]
        assert len(hits) == 1 and why in hits[0], (where, errors)
    assert len(errors) == len(expect)
    assert "Traceback" not in result.output + result.stderr
    paths = sorted(r["path"].rsplit("/", 1)[-1] for r in api.articles(db_path))
    assert paths == ["good.txt", "latin.txt", "wire.jsonl:1", "wire.jsonl:4"]


def test_debug_flag_is_accepted_and_all_good_input_exits_zero(cli, db_path, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = cli("--debug", "ingest", tmp_path / "a.txt", "--db", db_path, "--quiet")
    assert result.exit_code == 0, result.output


def test_second_ingest_adds_nothing(cli, db_path, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("  " + GOOD.replace(" ", "  ") + "\n", encoding="utf-8")  # same words
    first = api.ingest([str(tmp_path)], db_path)
    second = api.ingest([str(tmp_path)], db_path)
    assert (first.new, first.duplicate) == (1, 1)
    assert (second.new, second.duplicate) == (0, 2)
    result = cli("ingest", tmp_path, "--db", db_path)
    assert result.exit_code == 0 and "0 new, 2 duplicate, 0 failed" in result.output


def test_default_date_and_articles_listing(cli, db_path, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert cli("ingest", tmp_path, "--db", db_path, "--date", "2024-02-29", "--quiet").exit_code == 0
    rows = [json.loads(l) for l in cli("articles", "--db", db_path, "--format", "jsonl").stdout.splitlines()]
    assert len(rows) == 1 and set(rows[0]) == {"id", "path", "url", "title", "outlet", "published", "date_source",
                                               "text"}
    assert rows[0]["date_source"] == "default"
    assert rows[0]["published"] == "2024-02-29" and rows[0]["text"] == GOOD
    csv_out = cli("articles", "--db", db_path, "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "id,path,url,title,outlet,published,date_source,text"


def test_bad_date_option_is_one_clear_error(cli, db_path, tmp_path):
    result = cli("ingest", tmp_path, "--db", db_path, "--date", "29/02/2024")
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and "YYYY-MM-DD" in result.stderr


def test_database_from_environment(cli, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    target = tmp_path / "env.duckdb"
    monkeypatch.setenv("BLOCWATCH_DB", str(target))
    assert cli("ingest", tmp_path / "a.txt", "--quiet").exit_code == 0
    assert api.summary(str(target))["articles"] == 1


def test_seed_articles(db_path):
    seeds = shared_or_skip("corpus", "seeds")
    first = api.ingest([str(seeds)], db_path)
    assert (first.new, first.failed) == (5, 0)
    rows = api.articles(db_path)
    dated = sorted((r["published"], r["date_source"]) for r in rows if r["published"])
    assert dated == [(date(2022, 7, 12), "dateline"), (date(2023, 10, 25), "inferred:anniversary"),
                     (date(2024, 6, 28), "dateline"), (date(2024, 10, 6), "inferred:anniversary")]
    for r in rows:
        low = r["text"].lower()
        for junk in ("leave a reply", "leave a comment", "email address will not be published", ".jpg",
                     "scroll to top", "is a seasoned journalist", "subscription information"):
            assert junk not in low, (r["path"], junk)
    again = api.ingest([str(seeds)], db_path)
    assert (again.new, again.duplicate) == (0, 5)
    assert os.path.getsize(db_path) > 0

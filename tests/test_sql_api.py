"""Read-only SQL with views, --version, completion, dates as strings, frames, events CSV, country names."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from importlib.metadata import version

import pyarrow as pa
import pytest

from blocwatch import api
from blocwatch.errors import QueryError
from blocwatch.records import ActorSpan, Article, Event
from blocwatch.store import Batch, Store

D = date(2024, 6, 10)


def _event(n: int, doc: str, src: str, plover: str, tgt: str, when: date | None, quad: int, gold: float) -> Event:
    sentence = f"Officials of {src} and {tgt} were reported in story {n}."
    return Event(f"e{n}", doc, sentence, 10, 10 + len(sentence), ActorSpan(src, 23, 26, src + "GOV", src, "GOV"),
                 ActorSpan(tgt, 31, 34, tgt, tgt, None), plover, None, "040", quad, gold, "asserted", when,
                 "day" if when else None, None, "constructed")


@pytest.fixture
def db(db_path):
    arts = [Article(f"a{i}", f"/x/{i}.txt", f"Some article text number {i}.", url=f"https://news.example/{i}",
                    title=f"Story {i}", outlet="Example Wire", published=D) for i in range(3)]
    events = [_event(1, "a0", "CHN", "CONSULT", "PRK", D, 1, 1.0),
              _event(2, "a1", "PRK", "CONSULT", "CHN", date(2024, 6, 11), 1, 1.0),
              _event(3, "a2", "USA", "ACCUSE", "PRK", None, 3, -2.0)]
    with Store(db_path) as store:
        store.write_batch(Batch(arts, [], events))
    return db_path


def test_sql_prints_a_table_and_other_formats(cli, db):
    result = cli("sql", "select plover, count(*) as n from events group by 1 order by 1", "--db", db)
    assert result.exit_code == 0, result.output
    assert "ACCUSE" in result.output and "CONSULT" in result.output and "┃" in result.output
    rows = list(csv.DictReader(io.StringIO(cli("sql", "select plover, count(*) as n from events group by 1 "
                                              "order by 1", "--db", db, "--format", "csv").output)))
    assert rows == [{"plover": "ACCUSE", "n": "1"}, {"plover": "CONSULT", "n": "2"}]
    empty = cli("sql", "select plover, origin from events where false", "--db", db, "--format", "csv")
    assert empty.exit_code == 0 and empty.output.split() == ["plover,origin"]
    assert cli("sql", "select 1 as a; select 2 as b", "--db", db, "--format", "csv").output.split() == ["b", "2"]
    lines = cli("sql", "select event_id from events order by 1", "--db", db, "--format", "jsonl").output.splitlines()
    assert [json.loads(x)["event_id"] for x in lines] == ["e1", "e2", "e3"]


@pytest.mark.parametrize("statement", ["delete from events", "insert into events select * from events",
                                       "drop table events", "update events set plover = 'X'",
                                       "copy events to 'out.csv'", "select 1; delete from events",
                                       "attach 'other.duckdb'", "create table t as select 1"])
def test_sql_refuses_writes_with_one_error_line(cli, db, statement):
    result = cli("sql", statement, "--db", db)
    assert result.exit_code == 2
    assert result.output.startswith("error: sql is read-only") and len(result.output.strip().splitlines()) == 1
    assert api.summary(db)["events"] == 3


def test_sql_reads_no_other_file_and_reports_bad_sql(cli, db, tmp_path):
    other = tmp_path / "x.csv"
    other.write_text("a\n1\n")
    result = cli("sql", f"select * from read_csv('{other}')", "--db", db)
    assert result.exit_code == 2 and "error: sql:" in result.output
    bad = cli("sql", "selec plover from events", "--db", db)
    assert bad.exit_code == 2 and bad.output.startswith("error: sql:")


def test_views(db):
    ev = api.sql("select event_id, day, dyad, article_url, article_outlet from events_v order by event_id", db)
    assert ev[0] == {"event_id": "e1", "day": D, "dyad": "CHN-PRK", "article_url": "https://news.example/0",
                     "article_outlet": "Example Wire"}
    assert ev[2]["day"] == D  # no event date: the article's
    merged = api.sql("select source, target, plover, mentions, sources from merged_events_v "
                     "where plover = 'CONSULT'", db)
    assert merged == [{"source": "CHN", "target": "PRK", "plover": "CONSULT", "mentions": 2, "sources": 2}]
    periods = api.sql("select dyad, unit, period, events, q1, net_cooperation from dyad_periods_v order by 2, 1", db)
    assert {"dyad": "CHN-PRK", "unit": "year", "period": "2024", "events": 1, "q1": 1,
            "net_cooperation": 1} in periods
    assert {p["unit"] for p in periods} == {"month", "quarter", "year"}


def test_version_and_completion(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.output.strip() == f"blocwatch {version('blocwatch')}"
    assert "--install-completion" in cli("--help").output


def test_api_takes_iso_date_strings(db):
    by_string = api.obligations("PRK", on="2024-12-01")
    assert by_string == api.obligations("PRK", on=date(2024, 12, 1)) and by_string
    assert [e["event_id"] for e in api.events(db, since="2024-06-11")] == ["e2"]
    assert api.treaties("PRK", on="2024-12-01") == api.treaties("PRK", on=date(2024, 12, 1))
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        api.events(db, since="June 2024")


def test_frames(db):
    df = api.events(db, as_frame=True)
    assert sorted(df["event_id"]) == ["e1", "e2", "e3"] and "plover" in df.columns
    table = api.events(db, as_frame="arrow")
    assert isinstance(table, pa.Table) and table.num_rows == 3
    assert table.column("source").to_pylist()[0]["code"] == "CHNGOV"
    assert len(api.articles(db, as_frame=True)) == 3
    assert api.relations("CHN-PRK", db, as_frame="arrow").num_rows == 1
    assert len(api.sql("select * from events", db, as_frame=True)) == 3
    with pytest.raises(QueryError):
        api.events(db, as_frame="excel")


def test_events_csv_has_every_contract_field(cli, db):
    result = cli("events", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 3
    for col in ("cameo", "goldstein", "plover_mode", "date_precision", "article_published", "article_url",
                "source_code", "target_country", "sentence_start", "reason", "location", "modality"):
        assert col in rows[0], col
    first = rows[0]
    assert first["cameo"] == "040" and first["article_url"] == "https://news.example/0"
    assert first["article_published"] == "2024-06-10" and first["date_precision"] == "day"


def test_tables_name_countries(cli, db):
    result = cli("events", "--db", db)  # narrow terminal: a name may wrap onto two lines
    assert "(China)" in result.output and "(North" in result.output and "Korea)" in result.output
    assert "CHN (China) – PRK (North Korea)" in cli("relations", "--dyad", "CHN-PRK", "--db", db).output


@pytest.mark.slow
def test_api_tour_example_runs(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "examples" / "api_tour.py"
    run = subprocess.run([sys.executable, str(script), str(tmp_path / "tour.duckdb")], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "CHN-PRK" in run.stdout and "net_cooperation" in run.stdout


def test_obligations_table_names_states(cli):
    result = cli("obligations", "--attacked", "PRK", "--on", "2024-12-10", "--by", "CHN")
    assert result.exit_code == 0 and "(China)" in result.output  # narrow terminal: cells wrap


def test_computed_views_equal_the_api_on_a_generated_store(tmp_path):
    """merged_events_v and dyad_periods_v are SQL over the store; they give what the API gives (its
    sources_independent is computed in Python from each mention's outlet and URL)."""
    from blocwatch.sources import default_tiers
    from blocwatch.store import Store
    from blocwatch.store.synthetic import generate

    db = str(tmp_path / "gen.duckdb")
    generate(db, 5_000, seed=5)
    tiers = default_tiers()
    state_name = sorted(n for n, t in tiers.names.items() if t == "state-controlled")[0]
    state_domain = sorted(d for d, t in tiers.domains.items() if t == "state-controlled")[0]
    other_domain = sorted(d for d, t in tiers.domains.items() if t != "state-controlled")[0]
    with Store(db) as store:  # outlets by name (odd case and spacing), by URL host (www., subdomain, port), none
        store.con.execute(f"""UPDATE articles SET
            outlet = CASE hash(id) % 6 WHEN 0 THEN upper(' {state_name} ') WHEN 1 THEN NULL WHEN 2 THEN NULL
                                       WHEN 3 THEN NULL ELSE outlet END,
            url = CASE hash(id) % 6 WHEN 1 THEN 'https://www.{state_domain}/a/' || id
                                    WHEN 2 THEN 'http://news.{other_domain}:8080/x?id=' || id
                                    WHEN 3 THEN NULL ELSE url END""")
    view = {r["merged_id"]: r for r in api.sql("select * from merged_events_v", db)}
    merged = api.merged_events(db, evidence=0)
    assert len(view) == len(merged) > 1000
    assert {m["merged_id"]: m["sources_independent"] for m in merged} == {
        k: r["sources_independent"] for k, r in view.items()}
    assert len({r["sources_independent"] for r in view.values()}) > 1  # the outlets differ: not all one value
    periods = api.sql("select * from dyad_periods_v", db)
    dyads = sorted({p["dyad"] for p in periods})
    assert len(dyads) > 5
    for dyad in dyads[:8]:
        for unit in ("month", "year"):
            expected = [{k: p[k] for k in ("period", "events", "mentions", "mean_goldstein", "total_goldstein",
                                            "net_cooperation")} for p in api.relations(dyad, db, by=unit)]
            got = sorted(({k: p[k] for k in ("period", "events", "mentions", "mean_goldstein", "total_goldstein",
                                             "net_cooperation")}
                          for p in periods if p["dyad"] == dyad and p["unit"] == unit), key=lambda p: p["period"])
            assert got == expected, (dyad, unit)

"""Import of GDELT 2.0, ICEWS and PLOVER files; PLOVER export and its round trip; --origin everywhere."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from blocwatch import api
from blocwatch.errors import QueryError
from blocwatch.interop.plover import CITE_INFO_FIELDS, ENTITY_FIELDS, EXTENSIONS, FIELDS, TEXT_INFO_FIELDS

from conftest import REPO, shared_or_skip

SAMPLES = REPO / "examples" / "interop"
GDELT = SAMPLES / "20241101000000.export.CSV"
ICEWS = SAMPLES / "icews_events_sample.tab"
PLOVER = SAMPLES / "plover_sample.jsonl"


def _counts(report) -> tuple[int, int, int, int]:
    return report.new, report.duplicate, report.skipped, report.failed


def test_samples_have_the_published_layouts():
    lines = GDELT.read_text("utf-8").splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    header = ICEWS.read_text("utf-8").splitlines()[0].split("\t")
    assert header[:3] == ["Event ID", "Event Date", "Source Name"] and len(header) == 20


def test_gdelt_import_counts_and_is_idempotent(db_path, tmp_path):
    rows = GDELT.read_text("utf-8").splitlines()
    statements = sum(1 for r in rows if r.split("\t")[26].startswith("0") and r.split("\t")[26][:2] in ("01", "02"))
    report = api.import_events([str(GDELT)], "gdelt", db_path)
    assert _counts(report) == (len(rows) - statements, 0, statements, 0)
    assert _counts(api.import_events([str(GDELT)], "gdelt", db_path)) == (0, len(rows) - statements, statements, 0)
    zipped = tmp_path / "20241101000000.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(GDELT, GDELT.name)
    gz = tmp_path / "sample.CSV.gz"
    with open(GDELT, "rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    for packed in (zipped, gz):
        again = api.import_events([str(packed)], "gdelt", db_path)
        assert again.new == 0 and again.duplicate == len(rows) - statements
    events = api.events(db_path, origin="gdelt")
    assert len(events) == len(rows) - statements and {e["origin"] for e in events} == {"gdelt"}
    by_id = {e["reason"].split(";")[0]: e for e in events}
    romania = by_id["gdelt:GLOBALEVENTID 1200000007"]
    assert romania["source"]["country"] == "ROU" and romania["source"]["code"] == "ROUGOV"  # CAMEO ROM → ISO3
    visit = by_id["gdelt:GLOBALEVENTID 1200000001"]
    assert (visit["plover"], visit["plover_mode"], visit["cameo"], visit["quad_class"]) == ("CONSULT", "visit", "042", 1)
    assert visit["goldstein"] == 1.9 and str(visit["date"]) == "2024-04-13"
    assert visit["article"]["url"].startswith("https://news.example.com/")
    assert visit["article"]["outlet"] == "news.example.com"
    extra = api.sql("select extra from events where origin = 'gdelt' and cameo = '057'", db_path)[0]["extra"]
    assert json.loads(extra)["NumSources"] == 15


def test_relations_on_gdelt_rows_by_origin(cli, db_path):
    assert cli("import", GDELT, "--format", "gdelt", "--db", db_path).exit_code == 0
    result = cli("relations", "--dyad", "CHN-PRK", "--origin", "gdelt", "--db", db_path, "--format", "json")
    assert result.exit_code == 0, result.output
    periods = json.loads(result.output)
    gdelt_chn_prk = [e for e in api.merged_events(db_path, origin="gdelt") if {e["source"], e["target"]} == {"CHN", "PRK"}]
    assert periods and sum(p["events"] for p in periods) == len(gdelt_chn_prk) > 0
    assert json.loads(cli("relations", "--dyad", "CHN-PRK", "--origin", "blocwatch", "--db", db_path,
                          "--format", "json").output) == []
    table = cli("relations", "--dyad", "CHN-PRK", "--origin", "gdelt", "--db", db_path)
    assert "origin gdelt" in table.output


def test_icews_import_maps_names_sectors_and_keys_on_id_and_date(db_path):
    rows = ICEWS.read_text("utf-8").splitlines()[1:]
    report = api.import_events([str(ICEWS)], "icews", db_path)
    assert _counts(report) == (len(rows) - 1, 0, 1, 0)  # one 010 "Make statement" has no PLOVER type
    assert api.import_events([str(ICEWS)], "icews", db_path).new == 0
    events = api.events(db_path, origin="icews")
    reused = [e for e in events if "Event ID 30000002 " in e["reason"]]
    assert len(reused) == 2 and {str(e["date"]) for e in reused} == {"2023-09-13", "2023-11-02"}
    host = next(e for e in reused if str(e["date"]) == "2023-09-13")
    assert host["cameo"] == "043" and host["plover"] == "CONSULT"  # "43" lost its leading zero
    assert host["source"]["code"] == "RUSGOV" and host["target"]["code"] == "PRKGOV"
    threat = next(e for e in reused if str(e["date"]) == "2023-11-02")
    assert threat["source"]["code"] == "PRKMIL" and threat["target"]["country"] == "KOR"
    assert threat["goldstein"] == -7.0 and threat["article"]["outlet"] == "Example Daily"


def test_plover_import(db_path):
    report = api.import_events([str(PLOVER)], "plover", db_path)
    assert _counts(report) == (3, 0, 0, 0)
    assert api.import_events([str(PLOVER)], "plover", db_path).new == 0
    events = {e["plover"]: e for e in api.events(db_path, origin="plover")}
    assert events["CONSULT"]["source"]["code"] == "RUSGOV" and events["CONSULT"]["plover_mode"] == "visit"
    assert events["CONSULT"]["sentence"].startswith("The Kremlin")
    assert events["ACCUSE"]["quad_class"] == 3 and events["ACCUSE"]["sentence_start"] == 310
    # two actors and no recipient (how PLOVER codes a meeting or joint action): the pair is the dyad
    assert events["COOPERATE"]["modality"] == "negated" and events["COOPERATE"]["target"]["code"] == "PRKGOV"
    assert events["COOPERATE"]["source"]["code"] == "CHNGOV"


def test_plover_compound_actors_become_one_event_per_pair(db_path, tmp_path):
    path = tmp_path / "compound.jsonl"
    path.write_text(json.dumps({"id": "c1", "date": "2024-05-01", "event": ["ACCUSE"],
                                "actor": [{"code": "USA"}, {"code": "JPN"}, {"code": "KOR"}],
                                "recipient": [{"code": "PRK", "sector": "MIL"}]}) + "\n", "utf-8")
    assert api.import_events([str(path)], "plover", db_path).new == 3
    rows = api.sql("select origin_id, source_code, target_code from events order by 1", db_path)
    assert rows == [{"origin_id": "c1#1", "source_code": "USA", "target_code": "PRKMIL"},
                    {"origin_id": "c1#2", "source_code": "JPN", "target_code": "PRKMIL"},
                    {"origin_id": "c1#3", "source_code": "KOR", "target_code": "PRKMIL"}]
    assert api.import_events([str(path)], "plover", db_path).new == 0


def test_bad_lines_are_reported_with_file_and_line(cli, db_path, tmp_path):
    good = GDELT.read_text("utf-8").splitlines()
    cols = good[0].split("\t")
    bad_date = "\t".join(["1299999999", "2024-13-45"] + cols[2:])
    bad_file = tmp_path / "bad.export.CSV"
    bad_file.write_text("\n".join([good[0], "too\tfew\tcolumns", bad_date, good[2]]) + "\n", "utf-8")
    result = cli("import", bad_file, "--format", "gdelt", "--db", db_path)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors[0] == f"error: {bad_file}:2: expected 61 tab-separated GDELT 2.0 columns, got 3"
    assert errors[1].startswith(f"error: {bad_file}:3: SQLDATE must be YYYYMMDD")
    assert "2 new, 0 duplicate" in result.output

    plover = tmp_path / "bad.jsonl"
    plover.write_text('{"id": "a", "date": "2024-01-02", "actor": [{"code": "USA"}], "event": ["AID"]}\n'
                      "{not json\n"
                      '{"date": "2024-01-02", "actor": [{"code": "USA"}], "event": ["AID"]}\n'
                      '{"id": "b", "date": "2024-01-02", "actor": [{"code": "USA"}], "event": ["DANCE"]}\n', "utf-8")
    result = cli("import", plover, "--format", "plover", "--db", db_path)
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert result.exit_code == 1 and [e.split(":")[2] for e in errors] == ["2", "3", "4"]
    assert "missing required field 'id'" in errors[1] and "unknown PLOVER event type 'DANCE'" in errors[2]

    icews = tmp_path / "not_icews.tab"
    icews.write_text("a\tb\n1\t2\n", "utf-8")
    result = cli("import", icews, "--format", "icews", "--db", db_path)
    assert result.exit_code == 1 and f"error: {icews}:1: not an ICEWS header" in result.output
    missing = cli("import", tmp_path / "nope.tsv", "--format", "icews", "--db", db_path)
    assert missing.exit_code == 1 and "nope.tsv: no such file" in missing.output


def test_origin_is_checked_and_defaults_to_all(cli, db_path):
    api.import_events([str(GDELT)], "gdelt", db_path)
    api.import_events([str(ICEWS)], "icews", db_path)
    both = api.events(db_path)
    assert {e["origin"] for e in both} == {"gdelt", "icews"}
    by_origin = api.summary(db_path)["events_by_origin"]
    assert by_origin == {o: sum(1 for e in both if e["origin"] == o) for o in ("gdelt", "icews")}
    assert "events by origin" in cli("summary", "--db", db_path).output
    assert len(api.events(db_path, origin="gdelt,icews")) == len(both)
    with pytest.raises(QueryError, match="--origin"):
        api.events(db_path, origin="reuters")
    result = cli("events", "--origin", "nope", "--db", db_path)
    assert result.exit_code == 2 and result.output.startswith("error: --origin")
    assert cli("import", GDELT, "--format", "acled", "--db", db_path).exit_code == 2


def _our_events(db: str) -> list[dict]:
    rows = api.sql("select e.*, a.published, a.url, a.title, a.outlet from events e join articles a on a.id = e.doc_id",
                   db)
    keep = ("sentence", "sentence_start", "sentence_end", "plover", "plover_mode", "cameo", "quad_class", "goldstein",
            "modality", "date", "date_precision", "location", "reason", "published", "url", "title", "outlet",
            *(f"{side}_{k}" for side in ("source", "target") for k in ("text", "start", "end", "code", "country",
                                                                        "sector")))
    return [{k: r[k] for k in keep} for r in rows]


@pytest.mark.slow
def test_plover_export_round_trips_through_import(pipeline, cli, tmp_path):
    story = tmp_path / "story.jsonl"
    story.write_text(json.dumps({
        "id": "s1", "url": "https://paper.example.com/s1", "title": "Envoys meet", "outlet": "Example Paper",
        "published": "2024-03-05",
        "text": "SEOUL - South Korea condemned North Korea on Monday for firing two ballistic missiles. "
                "China and Russia held talks in Beijing on Tuesday about the peninsula. "
                "Japan might impose new sanctions on North Korea, officials said."}) + "\n", "utf-8")
    first, second = str(tmp_path / "one.duckdb"), str(tmp_path / "two.duckdb")
    api.ingest([str(story)], first, pipeline=pipeline)
    ours = _our_events(first)
    assert len(ours) >= 2

    out = tmp_path / "out"
    result = cli("export", "--out", out, "--format", "plover", "--db", first)
    assert result.exit_code == 0, result.output
    exported = out / "events.plover.jsonl"
    records = [json.loads(line) for line in exported.read_text("utf-8").splitlines()]
    assert len(records) == len(ours)
    for r in records:  # field names are the manual's (plus the extensions the manual allows)
        assert set(r) <= set(FIELDS) | set(EXTENSIONS)
        assert {"id", "date", "actor", "event"} <= set(r) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        assert all(set(e) >= set(ENTITY_FIELDS) for e in r["actor"] + r["recipient"])
        assert set(r["text_info"]) <= set(TEXT_INFO_FIELDS) and set(r["cite_info"]) <= set(CITE_INFO_FIELDS)
        assert r["text"] and r["cite_info"]["url"] == "https://paper.example.com/s1"
        assert r["text_info"]["end"] - r["text_info"]["start"] == len(r["text"])

    report = api.import_events([str(exported)], "plover", second)
    assert (report.new, report.failed, report.skipped) == (len(records), 0, 0)
    key = lambda e: (e["sentence_start"], e["plover"], e["source_start"] or -1, e["reason"])  # noqa: E731
    assert sorted(_our_events(second), key=key) == sorted(ours, key=key)
    ids = {r["origin_id"] for r in api.sql("select origin_id from events", second)}
    assert ids == {r["event_id"] for r in api.sql("select event_id from events", first)}
    assert api.import_events([str(exported)], "plover", second).new == 0


UNDATED = ("North Korea condemned the United States for holding large military drills with South Korea, "
           "the foreign ministry in Pyongyang said in a statement. The ministry called the drills a rehearsal "
           "for invasion.")


def _round_trip(first: str, tmp_path: Path, cli) -> None:
    """Export ``first`` as PLOVER, import that file into a fresh store: the same events, field by field."""
    ours = _our_events(first)
    out = tmp_path / "out"
    result = cli("export", "--out", out, "--format", "plover", "--db", first)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (out / "events.plover.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == len(ours)
    assert all(r["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in records)
    second = str(tmp_path / "again.duckdb")
    report = api.import_events([str(out / "events.plover.jsonl")], "plover", second)
    assert (report.new, report.failed, report.skipped) == (len(records), 0, 0)
    key = lambda e: json.dumps(e, sort_keys=True, default=str)  # noqa: E731
    assert sorted(_our_events(second), key=key) == sorted(ours, key=key)
    ids = {r["origin_id"] for r in api.sql("select origin_id from events", second)}
    assert ids == {r["event_id"] for r in api.sql("select event_id from events", first)}


@pytest.mark.slow
def test_plover_round_trip_of_the_example_corpus_keeps_undated_events(pipeline, cli, tmp_path):
    """An event with no date in an article with no date exports ``date: null`` and imports back undated."""
    undated = tmp_path / "undated.txt"
    undated.write_text(UNDATED + "\n", "utf-8")
    first = str(tmp_path / "corpus.duckdb")
    api.ingest([str(REPO / "examples" / "corpus"), str(undated)], first, pipeline=pipeline)
    events = _our_events(first)
    assert any(e["date"] is None and e["published"] is None for e in events)  # the case the round trip lost
    assert any(e["date"] is None and e["published"] is not None for e in events)
    assert any(e["date"] is not None for e in events)
    _round_trip(first, tmp_path, cli)


@pytest.mark.slow
def test_plover_round_trip_of_the_seeds(pipeline, cli, tmp_path):
    seeds = shared_or_skip("corpus", "seeds")
    first = str(tmp_path / "seeds.duckdb")
    api.ingest([str(seeds)], first, pipeline=pipeline)
    _round_trip(first, tmp_path, cli)


def test_plover_import_reads_a_null_date_as_undated_but_needs_the_field(db_path, tmp_path):
    path = tmp_path / "undated.jsonl"
    path.write_text(json.dumps({"id": "u1", "date": None, "event": ["ACCUSE"], "actor": [{"code": "PRK"}],
                                "recipient": [{"code": "USA"}]}) + "\n"
                    + json.dumps({"id": "u2", "event": ["ACCUSE"], "actor": [{"code": "PRK"}]}) + "\n", "utf-8")
    report = api.import_events([str(path)], "plover", db_path)
    assert (report.new, report.failed) == (1, 1)
    (row,) = api.sql("select e.date, e.date_precision, a.published from events e join articles a on a.id = e.doc_id",
                     db_path)
    assert row == {"date": None, "date_precision": None, "published": None}


def test_exporter_field_names_are_the_manuals():
    manual = shared_or_skip("ontology", "PLOVER_MANUAL.tex").read_text("utf-8")

    def table(caption: str) -> set[str]:
        body = manual.split(f"\\caption{{{caption}")[1].split("\\end{tabular}")[0]
        names = {line.split("&")[0].strip().replace("\\_", "_") for line in body.splitlines() if "&" in line}
        return names - {"Name"}

    assert set(FIELDS) <= table("PLOVER JSON")
    assert set(ENTITY_FIELDS) <= table("Information object for entities")
    assert set(TEXT_INFO_FIELDS) <= table("Information object for text")
    assert set(CITE_INFO_FIELDS) <= table("Information object for citations")


@pytest.mark.slow
def test_http_takes_origin(db_path):
    import httpx

    from test_http import _is_error_shape, served

    api.import_events([str(GDELT)], "gdelt", db_path)
    api.import_events([str(ICEWS)], "icews", db_path)
    with served(db_path) as base:
        gdelt = httpx.get(base + "/api/events", params={"origin": "gdelt"})
        assert gdelt.status_code == 200 and {e["origin"] for e in gdelt.json()} == {"gdelt"}
        assert int(gdelt.headers["X-Total-Count"]) == len(api.events(db_path, origin="gdelt"))
        rel = httpx.get(base + "/api/relations", params={"dyad": "CHN-PRK", "origin": "icews"}).json()
        assert rel == json.loads(json.dumps(api.relations("CHN-PRK", db_path, origin="icews"), default=str))
        pair = httpx.get(base + "/api/pair-events", params={"dyad": "CHN-PRK", "origin": "gdelt"}).json()
        assert pair and {e["event_ids"][0] for e in pair} <= {e["event_id"] for e in api.events(db_path, origin="gdelt")}
        net = httpx.get(base + "/api/network", params={"origin": "icews", "window": "3y"}).json()
        assert {n["id"] for n in net["nodes"]} >= {"PRK", "RUS"}
        bad = httpx.get(base + "/api/events", params={"origin": "acled"})
        assert bad.status_code == 400 and _is_error_shape(bad.json(), "BW020")


def test_a_reader_migrates_a_database_from_before_origin(tmp_path):
    import duckdb

    from blocwatch.store.schema import MIGRATIONS, SCHEMA_VERSION

    old = str(tmp_path / "v1.duckdb")
    con = duckdb.connect(old)
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP DEFAULT current_timestamp)")
    con.execute(MIGRATIONS[0])
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("INSERT INTO articles (id, path, text) VALUES ('a1', '/x', 'Some text.')")
    con.execute("INSERT INTO events (event_id, doc_id, sentence, sentence_start, sentence_end, source_text, "
                "source_code, source_country, plover, modality, reason) VALUES ('e1', 'a1', 'Some text.', 0, 10, "
                "'China', 'CHN', 'CHN', 'CONSULT', 'asserted', 'old')")
    con.close()
    (event,) = api.events(old)  # a read-only command on the old file
    assert event["event_id"] == "e1" and event["origin"] == "blocwatch"
    assert api.sql("select max(version) as v from schema_version", old) == [{"v": SCHEMA_VERSION}]

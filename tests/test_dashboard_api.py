"""The API functions behind the dashboard: event paging and counts, pair events, network JSON, triads over time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from blocwatch import api
from blocwatch.errors import QueryError

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline) -> str:
    path = str(tmp_path_factory.mktemp("dashapi") / "d.duckdb")
    api.ingest([str(REPO / "examples" / "corpus")], path, pipeline=pipeline)
    return path


def test_counts_and_pages_agree_with_the_full_list(db):
    for filters in ({}, {"actor": "PRK"}, {"quad": 4}, {"modality": "negated"}, {"text": "treaty"},
                    {"dyad": "CHN-PRK", "since": date(2024, 1, 1)}):
        everything = api.events(db, **filters)
        assert api.count_events(db, **filters) == len(everything)
        pages = api.events(db, limit=7, **filters) + api.events(db, limit=7, offset=7, **filters)
        assert [e["event_id"] for e in pages] == [e["event_id"] for e in everything[:14]]
    assert all("treaty" in (e["sentence"] + (e["article"]["title"] or "")).lower() for e in api.events(db, text="Treaty"))
    assert {e["quad_class"] for e in api.events(db, quad=4)} == {4}
    with pytest.raises(QueryError):
        api.events(db, quad=7)


def test_pair_events_hold_the_pair_in_range_with_articles_and_reasons(db):
    rows = api.pair_events("PRK-CHN", db, since=date(2024, 1, 1), until=date(2024, 12, 31))
    assert rows and [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    for r in rows:
        assert {r["source"], r["target"]} == {"CHN", "PRK"} and date(2024, 1, 1) <= r["date"] <= date(2024, 12, 31)
        assert len(r["evidence"]) == r["mentions"]
        for ev in r["evidence"]:
            assert ev["reason"] and ev["article"]["id"] == ev["doc_id"]
            start, end = ev["source_span"]
            assert ev["sentence"][start:end] == ev["source_text"]
    assert api.pair_events("CHN-PRK", db, since=date(2025, 1, 1), until=date(2024, 1, 1)) == []  # an empty range


def test_network_json_matches_blocs_and_names_nodes(db):
    net = api.alignment(db, date(2024, 12, 1))
    assert net["blocs"] == api.blocs(db, date(2024, 12, 1))["blocs"]
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["a"] in ids and e["b"] in ids for e in net["edges"])
    assert {n["name"] for n in net["nodes"] if n["id"] == "PRK"} == {"North Korea"}
    assert net["span"]["first"] <= net["span"]["last"]


def test_triad_timeline_steps_by_period_up_to_the_last_event(db):
    rows = api.triad_timeline(["CHN", "PRK", "RUS"], db, by="quarter")
    dates = [date.fromisoformat(str(r["date"])) for r in rows]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    assert dates[-1] == api.event_span(db)["last"]
    assert all(d.month in (3, 6, 9, 12) for d in dates[:-1])
    with pytest.raises(QueryError):
        api.triad_timeline(["CHN", "PRK", "RUS"], db, by="week")

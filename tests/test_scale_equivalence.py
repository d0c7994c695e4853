"""At 100k generated events the analysis gives what the frozen Python reference gives.

Same merged events (ids, members, dates, counts), same dyad timelines, same network, blocs and triads.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest

import reference_analysis as ref
from blocwatch import api
from blocwatch.store.synthetic import generate
from blocwatch.treaties import TreatyKB, ties

EVENTS = 100_000


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("scale") / "synthetic.duckdb")
    generate(db, EVENTS)
    rows = ref.load_rows(db)
    merged = ref.merge(rows)
    raw = ref.unmerged(rows)
    del rows
    return db, merged, raw


def _key(m: dict) -> tuple:
    return (m["merged_id"], m["source"], m["target"], m["plover"], m["modality"], m["quad_class"], m["goldstein"],
            m["date"], m["date_precision"], m["mentions"], m["sources"], tuple(m["event_ids"]))


def test_merged_events_are_the_same(world):
    db, merged, _ = world
    mine = api.merged_events(db)
    assert len(mine) == len(merged) and len(merged) > EVENTS // 2
    assert [_key(m) for m in mine] == [_key(m.to_dict()) for m in merged]
    assert mine[-1]["evidence"] == merged[-1].to_dict()["evidence"]
    assert mine[len(mine) // 2]["evidence"] == merged[len(merged) // 2].to_dict()["evidence"]


@pytest.mark.parametrize("by", ["month", "quarter", "year"])
def test_dyad_timelines_are_the_same(world, by):
    db, merged, raw = world
    pairs = ref.active_pairs(merged, limit=4) + [("PRK", "CHN")]
    assert ("CHN", "PRK") in ref.active_pairs(merged, limit=50)
    for a, b in pairs:
        expected = ref.timeline(merged, a, b, by)
        assert expected and api.relations(f"{a}-{b}", db, by) == expected
    assert api.relations("CHN-PRK", db, by, mentions=True) == ref.timeline(raw, "CHN", "PRK", by)


def _edges(g) -> list[tuple]:
    return sorted((min(a, b), max(a, b), sorted(d.items())) for a, b, d in g.edges(data=True))


@pytest.mark.parametrize("at,window", [(None, "365d"), (date(2010, 6, 30), "365d"), (date(2003, 1, 1), "3y")])
def test_network_blocs_and_triads_are_the_same(world, at, window):
    db, merged, _ = world
    when = at or max(m.date for m in merged if m.date)
    opts = ref.AlignmentOptions(window_days=api.parse_window(window))
    g = ref.signed_network(merged, when, ties(TreatyKB.from_package(), when), opts)
    mine = api.network(db, at, window, actors="all")  # the reference counts every actor's events
    assert mine.graph["date"] == when.isoformat()
    assert sorted(mine.nodes) == sorted(g.nodes) and len(g) > 100
    assert _edges(mine) == _edges(g)
    assert any(abs(w) <= ref.NOISE_FLOOR for _, _, w in g.edges(data="weight"))  # the floor has ties to drop
    assert api.blocs(db, at, window, actors="all") == {"date": when.isoformat(), "window_days": opts.window_days,
                                                       "actors": "all", **ref.blocs(g)}
    trio = ["CHN", "PRK", "RUS", "USA"]
    g.add_nodes_from(trio)
    assert api.triads(trio, db, at, window, actors="all") == [{"date": when.isoformat(), **ref.triad(g, *t)}
                                               for t in combinations(trio, 3)]

"""Gate on the seed articles in ../shared (skipped where absent): who and when, told right.

The cases are those of issue 9; the same shapes are tested on our own sentences in test_coref.py and
test_dates.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch import api
from tests.conftest import shared_or_skip

pytestmark = [pytest.mark.slow, pytest.mark.gate]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    seeds = shared_or_skip("corpus", "seeds")
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.duckdb")
    api.ingest([str(seeds)], db)
    return db


def _has(events, source, plover, target, on=None):
    return any(e["source"]["country"] == source and e["plover"] == plover and e["target"]
               and e["target"]["country"] == target and (on is None or e["date"] == on) for e in events)


def test_seed_events_carry_both_countries(seeds_db):
    events = api.events(seeds_db)
    assert _has(events, "PRK", "ACCUSE", "USA", date(2022, 7, 3))
    assert any(e["plover"] == "ACCUSE" and "coref:The ministry" in e["reason"] and e["source"]["country"] == "PRK"
               and e["target"]["country"] == "USA" for e in events)
    assert _has(events, "PRK", "SUPPORT", "RUS")
    assert any(e["source"]["country"] == "PRK" and e["source"]["sector"] == "MED" and e["target"]
               and e["target"]["country"] == "CHN" and e["plover"] == "SUPPORT" for e in events)
    assert not any(e["date"] and e["date"].month == 12 and e["date"].year == 2023 for e in events)  # "decades"


def test_no_bare_sector_actor_in_seed_events(seeds_db):
    for e in api.events(seeds_db):
        for side in (e["source"], e["target"]):
            assert not (side and side["code"] and side["sector"] and not side["country"]
                        and side["sector"] != "IGO"), (side, e["sentence"])


def test_undated_seeds_get_their_anniversary_dates(seeds_db):
    inferred = {r["published"] for r in api.articles(seeds_db) if r["date_source"] == "inferred:anniversary"}
    assert inferred == {date(2024, 10, 6), date(2023, 10, 25)}


@pytest.mark.parametrize("window", ["3y", "5y"])
def test_seed_blocs_put_china_north_korea_russia_together(seeds_db, window):
    result = api.blocs(seeds_db, window=window)
    home = next(b for b in result["blocs"] if "PRK" in b["members"])
    assert {"CHN", "PRK", "RUS"} <= set(home["members"])


@pytest.mark.parametrize("window", ["3y", "5y"])
def test_seed_blocs_keep_their_rivals_outside(seeds_db, window):
    result = api.blocs(seeds_db, window=window)
    home = next(b for b in result["blocs"] if "PRK" in b["members"])
    assert not {"UKR", "USA", "KOR", "JPN"} & set(home["members"])  # nothing in the seeds aligns them with Russia
    assert any("USA" in b["members"] for b in result["blocs"])

"""Outlet tiers and sources_independent: "only state media say so" is visible."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch import api
from blocwatch.errors import KnowledgeError
from blocwatch.records import ActorSpan, Article, Event
from blocwatch.sources import ENV, load_tiers
from blocwatch.store import Batch, Store

D = date(2024, 3, 4)


def _article(n: int, outlet: str | None, url: str | None = None) -> Article:
    return Article(f"art{n}", f"/x/{n}.txt", f"Story number {n} about the peninsula.", url=url, outlet=outlet,
                   published=D)


def _event(n: int, art: Article, src: str, plover: str, tgt: str) -> Event:
    text = f"{src} and {tgt}, story {n}."
    return Event(f"e{n}", art.id, text, 0, len(text), ActorSpan(src, 0, 3, src, src, None),
                 ActorSpan(tgt, 8, 11, tgt, tgt, None), plover, None, None, 3, -2.0, "asserted", D, "day", None,
                 "constructed")


@pytest.fixture
def db(db_path):
    arts = [_article(1, "KCNA"), _article(2, "Rodong Sinmun"), _article(3, None, "https://www.reuters.com/x"),
            _article(4, "KCNA"), _article(5, "Example Herald")]
    events = [_event(1, arts[0], "PRK", "ACCUSE", "USA"), _event(2, arts[1], "PRK", "ACCUSE", "USA"),
              _event(3, arts[2], "PRK", "THREATEN", "KOR"), _event(4, arts[3], "PRK", "THREATEN", "KOR"),
              _event(5, arts[4], "PRK", "THREATEN", "KOR")]
    with Store(db_path) as store:
        store.write_batch(Batch(arts, [], events))
    return db_path


def _by_type(db: str) -> dict[str, dict]:
    return {m["plover"]: m for m in api.merged_events(db)}


def test_tiers_by_name_domain_and_outlets_table():
    tiers = load_tiers()
    assert tiers.tier("KCNA") == "state-controlled" and tiers.tier("Xinhua News Agency") == "state-controlled"
    assert tiers.tier("Minju Joson") == "state-controlled"  # from outlets.tsv (control: state)
    assert tiers.tier(None, "https://www.reuters.com/world/asia/x") == "wire"
    assert tiers.tier(None, "https://en.yna.co.kr/view/x") == "wire"
    assert tiers.tier("NK News") == "independent" and tiers.tier("Nobody Knows Gazette") == "unknown"


def test_merged_events_count_independent_outlets(db):
    merged = _by_type(db)
    only_state = merged["ACCUSE"]
    assert only_state["sources"] == 2 and only_state["sources_independent"] == 0
    mixed = merged["THREATEN"]  # KCNA, Reuters (by URL) and an outlet of unknown tier
    assert mixed["sources"] == 3 and mixed["sources_independent"] == 2
    view = api.sql("select plover, sources_independent from merged_events_v order by 1", db)
    assert view == [{"plover": "ACCUSE", "sources_independent": 0}, {"plover": "THREATEN", "sources_independent": 2}]


def test_users_extend_the_table(db, tmp_path, monkeypatch):
    mine = tmp_path / "tiers.tsv"
    mine.write_text("# my outlets\nstate-controlled\texample herald\texampleherald.test\n", "utf-8")
    monkeypatch.setenv(ENV, str(mine))
    assert _by_type(db)["THREATEN"]["sources_independent"] == 1
    mine.write_text("trusted\texample herald\n", "utf-8")
    with pytest.raises(KnowledgeError, match="tiers.tsv:1"):
        load_tiers([str(mine)])


def test_report_shows_independent_outlets(db, tmp_path):
    html = api.report(str(tmp_path / "r.html"), db, at=D).read_text("utf-8")
    assert "independent outlets" in html

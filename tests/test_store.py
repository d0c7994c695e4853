"""The DuckDB store: migrations, idempotent batches, atomic writes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from blocwatch.errors import StoreError
from blocwatch.records import ActorSpan, Article, Event, Sentence
from blocwatch.store import Batch, Store
from blocwatch.store.schema import SCHEMA_VERSION


def _article(i: int) -> Article:
    text = f"Officials from country {i} met their neighbours on Tuesday to talk about trade."
    return Article(id=f"a{i}", path=f"/tmp/a{i}.txt", text=text, published=date(2024, 6, i + 1))


def _event(article: Article, plover: str = "CONSULT") -> Event:
    src = ActorSpan("Officials", 0, 9, "XXXGOV", "XXX", "GOV")
    return Event(event_id=f"e-{article.id}-{plover}", doc_id=article.id, sentence=article.text,
                 sentence_start=0, sentence_end=len(article.text), source=src, target=None,
                 plover=plover, plover_mode=None, cameo="040", quad_class=1, goldstein=1.0,
                 modality="asserted", date=article.published, date_precision="day", location=None,
                 reason="test")


def _batch(*ids: int) -> Batch:
    arts = [_article(i) for i in ids]
    return Batch(arts, [Sentence(a.id, 0, 0, len(a.text), a.text) for a in arts], [_event(a) for a in arts])


def test_new_database_is_migrated_to_current_version(db_path):
    with Store(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.counts() == {"articles": 0, "sentences": 0, "events": 0, "treaty_mentions": 0}


def test_reopening_does_not_reapply_migrations(db_path):
    Store(db_path).close()
    with Store(db_path) as store:
        rows = store.query("SELECT version FROM schema_version ORDER BY version")
    assert [r["version"] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def test_write_batch_is_idempotent_and_skips_known_articles(db_path):
    with Store(db_path) as store:
        assert store.write_batch(_batch(1, 2)) == 2
        assert store.write_batch(_batch(2, 3)) == 1
        counts = store.counts()
    assert counts["articles"] == 3 and counts["sentences"] == 3 and counts["events"] == 3


def test_failed_batch_rolls_back_whole(db_path):
    with Store(db_path) as store:
        store.write_batch(_batch(1))
        bad = _batch(2, 3)
        bad.events.append(replace(bad.events[0]))  # duplicate event_id violates the primary key
        with pytest.raises(Exception):
            store.write_batch(bad)
        assert store.counts()["articles"] == 1
        assert store.write_batch(_batch(2, 3)) == 2


def test_read_only_open_of_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_newer_schema_is_refused(db_path):
    with Store(db_path) as store:
        store.con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION + 5])
    with pytest.raises(StoreError, match="newer"):
        Store(db_path)


def test_db_path_from_environment(tmp_path, monkeypatch):
    target = tmp_path / "env.duckdb"
    monkeypatch.setenv("BLOCWATCH_DB", str(target))
    Store().close()
    assert target.exists()

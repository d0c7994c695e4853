"""Ingest checks the articles it reads against the store many at a time, within a bound on their text."""

from __future__ import annotations

from blocwatch.api.core import KNOWN_CHECK, IngestReport, _fresh_articles
from blocwatch.records import Article, Failure
from blocwatch.store import Batch, Store


def _article(i: int, text: str = "Chile thanked Peru.") -> Article:
    return Article(f"id{i:03d}", f"doc{i}.txt", f"{text} ({i})")


def _reading(items: list, read: list) -> object:
    for item in items:
        read.append(item)
        yield item


def test_known_and_repeated_articles_are_skipped_and_counted(tmp_path):
    db = str(tmp_path / "s.duckdb")
    with Store(db) as store:
        store.write_batch(Batch(articles=[_article(1), _article(3)]))
    items = [_article(0), _article(1), Failure("bad.txt", "empty"), _article(2), _article(0), _article(3)]
    report = IngestReport(db)
    fresh = list(_fresh_articles(iter(items), db, report, None, KNOWN_CHECK))
    assert [a.id for a in fresh] == ["id000", "id002"]
    assert (report.duplicate, report.failed) == (3, 1)


def test_articles_are_checked_many_at_a_time_but_no_more_text_than_the_bound(tmp_path):
    db = str(tmp_path / "s.duckdb")
    with Store(db):
        pass
    items = [_article(i, "x" * 1000) for i in range(10)]
    read: list = []
    first = next(_fresh_articles(_reading(items, read), db, IngestReport(db), None, KNOWN_CHECK))
    assert first.id == "id000" and len(read) == 10  # all ten read (and checked) before the first is given
    read.clear()
    stream = _fresh_articles(_reading(items, read), db, IngestReport(db), None, KNOWN_CHECK, chars=2500)
    assert next(stream).id == "id000" and len(read) == 3  # 3,000 characters reach the bound
    assert [a.id for a in stream] == [f"id{i:03d}" for i in range(1, 10)]

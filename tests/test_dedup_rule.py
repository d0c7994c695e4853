"""The rule by which mentions are one event (``analysis.dedup.same_event``; ``merged_events`` keeps it in SQL)."""

from __future__ import annotations

from datetime import date

from blocwatch.analysis.dedup import same_event


def test_a_year_or_month_mention_is_not_the_same_event_as_a_dated_one():
    # "visited China twice this year" cannot be told from the visit of 10 July; as the first mention of a
    # cluster it took in every mention of the year (a whole year of China-DPRK messages became one event)
    assert not same_event((date(2011, 1, 1), "year"), (date(2011, 7, 10), "day"))
    assert not same_event((date(2011, 7, 1), "month"), (date(2011, 7, 10), "day"))
    assert not same_event((date(2011, 7, 1), "month"), (date(2011, 1, 1), "year"))


def test_mentions_of_the_same_precision_and_period_are_one_event():
    assert same_event((date(2011, 1, 1), "year"), (date(2011, 1, 1), "year"))
    assert same_event((date(2011, 7, 1), "month"), (date(2011, 7, 1), "month"))
    assert same_event((date(2011, 7, 10), "day"), (date(2011, 7, 12), "day"))
    assert not same_event((date(2011, 7, 10), "day"), (date(2011, 7, 20), "day"))
    assert not same_event((date(2011, 1, 1), "year"), (date(2012, 1, 1), "year"))

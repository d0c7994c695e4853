"""Signals: what changed (rituals kept or missed, firsts, shifts, treaty steps), with their evidence."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, TypedDict
from xml.sax.saxutils import escape

from blocwatch.api.convert import DateLike, as_date
from blocwatch.errors import QueryError
from blocwatch.store import Store

__all__ = ["signals", "signals_atom", "signal_evidence", "Signal"]


class Signal(TypedDict):
    """One signal. ``status`` and ``level`` are for rituals (``status`` also names a treaty's step), ``score``
    weighs shifts (-log10 p) and firsts (years of silence); ``evidence`` lists merged event ids. A wave of
    firsts (several states, one type, a few days) has ``dyad`` None and its pairs in ``detail["dyads"]``."""

    id: str
    kind: str
    dyad: str | None
    date: date
    title: str
    status: str | None
    level: str | None
    score: float | None
    evidence: list[str]
    detail: dict[str, Any]


def signals(db: str | None = None, *, since: DateLike = None, kinds: list[str] | str | None = None,
            alpha: float = 0.01, by: str = "month", silence: int = 180, window: int = 5,
            min_history: int = 6, calendar_files: tuple[str, ...] = (), wave: int = 5) -> list[Signal]:
    """Signals in the store, ranked (``blocwatch.analysis.signals.rank``: rituals, treaty steps, shifts, then
    firsts; within a kind, ritual breaks first, then the newest month, then the most evidence, then the newest
    day), each with the merged events behind it.

    ``since``: only signals dated on or after it (for shifts: the periods tested; default the latest).
    ``kinds``: some of ritual, first, shift, treaty (a list or a comma string; default all).
    ``alpha``: the false-alarm rate of the shift test over one run (Bonferroni over its tests).
    ``by``: the shift period (month or quarter). ``silence``: days without an event of a type before a
    ``first``. ``window``: days either side of an occasion a ritual event may fall. ``min_history``: earlier
    periods a pair needs before its shifts are tested. ``calendar_files``: more ritual calendars (the
    format of ``data/rituals.tsv``), besides ``$BLOCWATCH_RITUALS``. ``wave``: firsts of one type toward, from or
    with one state within this many days, of three states or more, are one signal (0: each apart).
    """
    from blocwatch.analysis import signals as sig
    from blocwatch.treaties import TreatyKB

    since = as_date(since, "since")
    wanted = _kinds(kinds)
    if not 0 < alpha < 1:
        raise QueryError(f"--alpha must be between 0 and 1 (exclusive), got {alpha}")
    if by not in ("month", "quarter"):
        raise QueryError(f"--by must be month or quarter, got {by!r}")
    if silence < 1 or window < 0 or window > 60 or min_history < 2 or not 0 <= wave <= 60:
        raise QueryError("--silence must be at least 1 day, --window 0 to 60 days, --min-history at least 2, "
                         "--wave 0 to 60 days")
    kb = TreatyKB.from_package()
    calendar = sig.load_calendar(tuple(calendar_files), kb) if "ritual" in wanted else []
    out: list[dict[str, Any]] = []
    with Store(db, read_only=True) as store:
        con = store.con.cursor()  # a fresh cursor: no unfinished result on it
        if "ritual" in wanted:
            out += sig.rituals(con, calendar, window=window, since=since)
        if "first" in wanted:
            out += sig.waves(sig.firsts(con, silence=silence, since=since), days=wave)
        if "shift" in wanted:
            out += sig.shifts(con, by=by, alpha=alpha, min_history=min_history, since=since)
        if "treaty" in wanted:
            out += sig.treaty_steps(con, kb, since=since)
    return sig.rank(out)  # type: ignore[return-value]


def _kinds(kinds: list[str] | str | None) -> set[str]:
    from blocwatch.analysis.signals import KINDS

    if not kinds:
        return set(KINDS)
    names = [k.strip().lower() for k in (kinds.split(",") if isinstance(kinds, str) else kinds) if k.strip()]
    unknown = sorted(set(names) - set(KINDS))
    if unknown:
        raise QueryError(f"unknown signal kind {', '.join(unknown)} (choose: {', '.join(KINDS)})")
    return set(names)


def signals_atom(items: list[Signal] | list[dict[str, Any]], *, self_url: str = "urn:blocwatch:signals",
                 link: str | None = None, updated: datetime | None = None) -> str:
    """An Atom 1.0 feed of ``items``: one entry a signal (id ``urn:blocwatch:signal:<id>``, its title, its
    date, the kind, dyad, status/level/score and evidence ids in the summary)."""
    now = updated or datetime.now(timezone.utc)
    parts = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             "<title>blocwatch signals</title>", f"<id>{escape(self_url)}</id>",
             f"<updated>{_stamp(now)}</updated>", "<author><name>blocwatch</name></author>",
             f'<generator uri="urn:blocwatch">blocwatch</generator>']
    if link:
        parts.append(f'<link rel="alternate" href="{escape(link, {chr(34): "&quot;"})}"/>')
    for s in items:
        day = s["date"]
        stamp = _stamp(datetime(day.year, day.month, day.day, tzinfo=timezone.utc)) if isinstance(day, date) else _stamp(now)
        facts = [f"kind: {s['kind']}", f"dyad: {s['dyad'] or '-'}", f"date: {day}"]
        if (s.get("detail") or {}).get("dyads"):
            facts.append(f"dyads: {', '.join(s['detail']['dyads'])}")
        facts += [f"{k}: {s[k]}" for k in ("status", "level", "score") if s.get(k) is not None]
        facts.append(f"evidence: {', '.join(s['evidence']) or '-'}")
        parts += ["<entry>", f"<id>urn:blocwatch:signal:{escape(s['id'])}</id>", f"<title>{escape(s['title'])}</title>",
                  f"<updated>{stamp}</updated>", f"<published>{stamp}</published>",
                  f'<category term="{escape(s["kind"])}"/>',
                  f"<summary type=\"text\">{escape('; '.join(facts))}</summary>"]
        if link:
            target = f"{link}#/signals?id={s['id']}"
            parts.append(f'<link rel="alternate" href="{escape(target, {chr(34): "&quot;"})}"/>')
        parts.append("</entry>")
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def _stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def signal_evidence(ids: list[str], db: str | None = None, *, mentions: int = 5) -> list[dict[str, Any]]:
    """The merged events ``ids`` (a signal's evidence), each with up to ``mentions`` of its mentions: the
    sentence, who and whom as written, the article's title, outlet, date and URL."""
    if len(ids) > 1000:
        raise QueryError(f"at most 1000 evidence ids at once, got {len(ids)}")
    with Store(db, read_only=True) as store:
        return store.query(f"""
            SELECT m.merged_id, m.source, m.target, m.dyad, m.plover, m.quad_class, m.goldstein, m.modality, m.date,
                   m.date_precision, m.mentions, m.sources,
                   list(struct_pack(event_id := e.event_id, sentence := e.sentence, source_text := e.source_text,
                                    target_text := e.target_text, reason := e.reason, article_title := a.title,
                                    article_outlet := a.outlet, article_published := a.published,
                                    article_url := a.url) ORDER BY list_position(m.event_ids, e.event_id))[:{int(mentions)}]
                   AS evidence
            FROM merged_events m JOIN events e ON list_contains(m.event_ids, e.event_id)
            JOIN articles a ON a.id = e.doc_id
            WHERE list_contains(?, m.merged_id)
            GROUP BY ALL ORDER BY m.date, m.merged_id""", [list(ids)])

"""Signals: what changed, computed in DuckDB SQL over the store, each with the merged events behind it.

- ``ritual``: for each recurring occasion of a pair (``data/rituals.tsv``, user files, curated bilateral
  treaties' signing days) and each year the store covers, whether the pair marked it (``observed``, with the
  highest level of the people involved), did not (``missing``, where an earlier year in the store has it), or
  marked it at a lower level than the last year it did (``downgraded``).
- ``first``: the first event of a type between two states in the store, where the store knew the pair for
  at least ``silence`` days before; or the first after a silence of at least ``silence`` days.
- ``shift``: a pair's count of cooperation (quad 1-2) or conflict (quad 3-4) events in a period against its
  own earlier periods: a scaled-Poisson test (the history's mean, its variance-to-mean ratio as the scale),
  one-sided each way, Bonferroni-corrected over all the tests of the run so that ``alpha`` is the chance of
  at least one false alarm in the run.
- ``treaty``: a sentence naming a known treaty as signed, ratified, in force, suspended or ended (not one
  that marks an anniversary).

Firsts of one type toward one state (or from one state) within a few days are one signal, a *wave*
(``waves``): dozens of states sending their first condolences in a week is one thing that happened, not
dozens. ``rank`` orders the signals of a run (see its doc).
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from blocwatch.errors import KnowledgeError
from blocwatch.analysis.queries import COUNTRY_PAIR, rows
from blocwatch.events.lexicon import RECIPROCAL

LEVELS = ("other", "embassy", "minister", "senior", "leader")
KINDS = ("ritual", "first", "shift", "treaty")
# the acts that mark an occasion: messages, meetings, receptions, delegations, pledges, help
RITUAL_TYPES = ", ".join(f"'{t}'" for t in ("CONSULT", "SUPPORT", "AGREE", "COOPERATE", "AID"))
_DYAD = re.compile(r"^[A-Z]{3}-[A-Z]{3}$")
_MD = re.compile(r"^(\d\d)-(\d\d)$")


@dataclass(frozen=True)
class Occasion:
    month: int
    day: int
    dyad: str
    name: str
    since: int
    keywords: str
    where: str
    treaty_id: str | None = None  # a treaty's signing day: its articles must name that treaty (treaty_mentions)


def load_calendar(extra_files: tuple[str, ...] = (), treaties: Any = None) -> list[Occasion]:
    """The packaged calendar, then the curated bilateral treaties' signing days, then ``extra_files`` and the
    files in ``$BLOCWATCH_RITUALS`` (colon-separated); a later line with the same date and pair wins."""
    text = resources.files("blocwatch.data").joinpath("rituals.tsv").read_text("utf-8")
    found: dict[tuple[int, int, str], Occasion] = {}
    for o in _treaty_days(treaties):
        found[(o.month, o.day, o.dyad)] = o
    for o in _parse_calendar(text, "rituals.tsv"):
        found[(o.month, o.day, o.dyad)] = o
    env = tuple(p for p in os.environ.get("BLOCWATCH_RITUALS", "").split(os.pathsep) if p)
    for path in (*extra_files, *env):
        try:
            user = Path(path).read_text("utf-8")
        except OSError as exc:
            raise KnowledgeError(f"cannot read ritual calendar ({exc.strerror or exc})", path=str(path)) from exc
        for o in _parse_calendar(user, str(path)):
            found[(o.month, o.day, o.dyad)] = o
    return sorted(found.values(), key=lambda o: (o.month, o.day, o.dyad))


def _parse_calendar(text: str, where: str) -> list[Occasion]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 5:
            raise KnowledgeError(f"line {n}: expected 5 tab-separated columns (month-day, pairs, occasion, "
                                 f"first year, words), got {len(cols)}", path=where)
        md, pairs, name, since, words = (c.strip() for c in cols)
        m = _MD.match(md)
        try:
            month, day = int(m.group(1)), int(m.group(2))
            date(2000, month, day)
            first = int(since)
            re.compile(words)
        except (AttributeError, ValueError, re.error) as exc:
            raise KnowledgeError(f"line {n}: bad month-day, year or pattern ({exc})", path=where) from None
        for pair in (p.strip().upper() for p in pairs.split(",")):
            if not _DYAD.match(pair):
                raise KnowledgeError(f"line {n}: pair {pair!r} is not like CHN-PRK", path=where)
            a, b = pair.split("-")
            out.append(Occasion(month, day, "-".join(sorted((a, b))), name, first, words, where))
    return out


def _treaty_days(kb: Any) -> list[Occasion]:
    """The signing day of every curated treaty between two states, as a yearly occasion."""
    if kb is None:
        from blocwatch.treaties import TreatyKB

        kb = TreatyKB.from_package()
    out = []
    for t in kb:
        if t.curated and len(t.parties) == 2 and t.signed and not (t.signed.month == 2 and t.signed.day == 29):
            out.append(Occasion(t.signed.month, t.signed.day, "-".join(sorted(t.parties)),
                                f"anniversary of the {t.name} ({t.signed.year})", t.signed.year + 1, "treaty",
                                "treaties_curated.json", t.id))
    return out


def load_levels() -> list[tuple[int, str, str]]:
    text = resources.files("blocwatch.data").joinpath("ritual_levels.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rank, name, pattern = line.split("\t")
            out.append((int(rank), name, pattern))
    return out


def _level_sql(col: str, levels: list[tuple[int, str, str]]) -> str:
    whens = " ".join(f"WHEN regexp_matches({col}, {_lit(p)}, 'i') THEN {rank}" for rank, _, p in levels)
    return f"(CASE {whens} ELSE 0 END)"


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _id(*parts: Any) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


# -- rituals -------------------------------------------------------------------
def rituals(con: duckdb.DuckDBPyConnection, calendar: list[Occasion], *, window: int = 5,
            since: date | None = None) -> list[dict[str, Any]]:
    """Each occasion × year the store covers (an article published within ``window`` days of the day) with
    its status; a year with no event and no earlier observed year says nothing and is left out. An event
    counts where its article matches the occasion's words; for a treaty's signing day, where its article
    names that treaty (a row of ``treaty_mentions``), not just any treaty."""
    import pyarrow as pa

    if not calendar:
        return []
    cal = pa.table({"oid": list(range(len(calendar))), "month": [o.month for o in calendar],
                    "dd": [o.day for o in calendar], "dyad": [o.dyad for o in calendar],
                    "since_year": [o.since for o in calendar], "words": [o.keywords for o in calendar],
                    "treaty_id": pa.array([o.treaty_id for o in calendar], pa.string())})
    con.register("_calendar", cal)
    level = _level_sql("e.source_text || ' | ' || coalesce(e.target_text, '')", load_levels())
    try:
        found = rows(con, f"""
        WITH years AS (SELECT DISTINCT year(published) AS y FROM articles WHERE published IS NOT NULL),
        inst AS (
            SELECT c.*, y, make_date(y, c.month, c.dd) AS day FROM _calendar c, years
            WHERE y >= c.since_year AND NOT (c.month = 2 AND c.dd = 29)
        ), covered AS (
            SELECT i.* FROM inst i
            WHERE EXISTS (SELECT 1 FROM articles a WHERE a.published BETWEEN i.day - {window} AND i.day + {window})
        ), ev AS (
            SELECT i.oid, i.y, e.event_id, m.merged_id, {level} AS lvl
            FROM covered i JOIN events e ON e.dyad = i.dyad AND e.day BETWEEN i.day - {window} AND i.day + {window}
            JOIN articles a ON a.id = e.doc_id
            JOIN (SELECT merged_id, date AS mdate, unnest(event_ids) AS event_id FROM merged_events
                  WHERE dyad IN (SELECT dyad FROM _calendar)) m ON m.event_id = e.event_id
            WHERE e.plover IN ({RITUAL_TYPES}) AND e.modality = 'asserted' AND e.source_country <> e.target_country
              AND m.mdate BETWEEN i.day - {window} AND i.day + {window}
              AND CASE WHEN i.treaty_id IS NULL THEN regexp_matches(a.text, i.words, 'i')
                       ELSE EXISTS (SELECT 1 FROM treaty_mentions tm
                                    WHERE tm.article_id = a.id AND tm.treaty_id = i.treaty_id) END
        ), per AS (
            SELECT i.oid, i.y, i.day, i.dyad, count(ev.event_id) AS n, max(ev.lvl) AS lvl,
                   list(DISTINCT ev.merged_id ORDER BY ev.merged_id) FILTER (WHERE ev.merged_id IS NOT NULL) AS evidence
            FROM covered i LEFT JOIN ev ON ev.oid = i.oid AND ev.y = i.y
            GROUP BY ALL
        )
        SELECT *, last_value(lvl IGNORE NULLS) OVER w AS prev_lvl,
               last_value(CASE WHEN n > 0 THEN y END IGNORE NULLS) OVER w AS prev_year
        FROM per
        WINDOW w AS (PARTITION BY oid ORDER BY y ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
        ORDER BY day, dyad""")
    finally:
        con.unregister("_calendar")
    out = []
    for r in found:
        if since and r["day"] < since:
            continue
        o = calendar[r["oid"]]
        if r["n"]:
            status = "downgraded" if r["prev_lvl"] is not None and r["lvl"] < r["prev_lvl"] else "observed"
        elif r["prev_year"] is not None:
            status = "missing"
        else:
            continue
        lvl = LEVELS[r["lvl"]] if r["n"] else None
        if status == "observed":
            n = len(r['evidence'] or [])
            what = f"observed at {lvl} level ({n} event{'' if n == 1 else 's'})"
        elif status == "downgraded":
            what = f"downgraded to {lvl} level from {LEVELS[r['prev_lvl']]} in {r['prev_year']}"
        else:
            what = f"missing; observed in {r['prev_year']} at {LEVELS[r['prev_lvl']]} level"
        out.append({"id": _id("ritual", r["dyad"], r["day"], o.name), "kind": "ritual", "dyad": r["dyad"],
                    "date": r["day"], "title": f"{r['dyad']} {o.name}, {r['y']}: {what}", "status": status,
                    "level": lvl, "score": None, "evidence": r["evidence"] or [],
                    "detail": {"occasion": o.name, "year": r["y"], "window_days": window,
                               "previous_year": r["prev_year"],
                               "previous_level": LEVELS[r["prev_lvl"]] if r["prev_lvl"] is not None else None}})
    return out


# -- firsts --------------------------------------------------------------------
def firsts(con: duckdb.DuckDBPyConnection, *, silence: int = 180, known_events: int = 3,
           since: date | None = None) -> list[dict[str, Any]]:
    """The first asserted event of a type between two states: where the pair had ``known_events`` earlier
    events over at least ``silence`` days without one of this type, or after ``silence`` days without one."""
    found = rows(con, f"""
        WITH m AS (
            SELECT merged_id, dyad, plover, date, source, target FROM merged_events
            WHERE modality = 'asserted' AND {COUNTRY_PAIR}  -- events dated before the store's news are history told later
              AND date >= (SELECT min(published) FROM articles)
        ), ranked AS (
            SELECT *, lag(date) OVER (PARTITION BY dyad, plover ORDER BY date, merged_id) AS prev,
                   row_number() OVER (PARTITION BY dyad, plover ORDER BY date, merged_id) AS k
            FROM m
        ), pair AS (SELECT dyad, min(date) AS first_day FROM m GROUP BY dyad)
        SELECT r.*, p.first_day,
               (SELECT count(*) FROM m x WHERE x.dyad = r.dyad AND x.date < r.date) AS before_n,
               (SELECT list(x.merged_id ORDER BY x.merged_id) FROM m x WHERE x.dyad = r.dyad AND x.plover = r.plover
                AND x.date = r.date) AS same_day
        FROM ranked r JOIN pair p USING (dyad)
        WHERE (r.k = 1 AND r.date - p.first_day >= {int(silence)})
           OR (r.prev IS NOT NULL AND r.date - r.prev >= {int(silence)})
        ORDER BY r.date, r.dyad, r.plover""")
    out = []
    for r in found:
        if since and r["date"] < since or r["before_n"] < known_events:
            continue
        # who did it to whom, except for the types that go both ways (a meeting: the coder's order is arbitrary)
        who = "" if r["plover"] in RECIPROCAL else f" ({r['source']}→{r['target']})"
        if r["prev"] is None:
            days = (r["date"] - r["first_day"]).days
            title = f"{r['dyad']}: first {r['plover']}{who} in {days} days the store knows the pair"
        else:
            days = (r["date"] - r["prev"]).days
            title = f"{r['dyad']}: first {r['plover']}{who} since {r['prev']} ({days} days)"
        out.append({"id": _id("first", r["dyad"], r["plover"], r["date"]), "kind": "first", "dyad": r["dyad"],
                    "date": r["date"], "title": title, "status": None, "level": None,
                    "score": round(days / 365.25, 2), "evidence": r["same_day"],
                    "detail": {"type": r["plover"], "source": r["source"], "target": r["target"],
                               "previous": r["prev"], "silence_days": days, "earlier_events": r["before_n"]}})
    return out


WAVE_STATES = 3  # the fewest states that make a wave


def waves(found: list[dict[str, Any]], *, days: int = 5, min_states: int = WAVE_STATES) -> list[dict[str, Any]]:
    """``found`` (from ``firsts``) with each wave made one signal: firsts of one type between one state (the
    hub) and at least ``min_states`` others, dated within ``days`` days counting the first one's day, all
    toward the hub (``to``), all from it (``from``), or, for the types that go both ways (CONSULT, COOPERATE,
    AGREE), either (``with``).

    The hubs with the most firsts of a type are taken first; within a hub, waves are found in date order: the
    earliest first whose ``days`` hold enough states opens one, the next is looked for after its last member,
    and a first in no wave stays as it was. A wave is a ``first`` with ``dyad`` None, dated on its first
    member's day; its ``title`` names the type, the hub, how many states and the days it took; its
    ``evidence`` is the union of its members'; its ``score`` the longest silence it breaks (years);
    ``detail`` has ``hub``, ``direction``, ``states``, ``dyads``, ``days`` and ``members`` (each member first
    as it would have been listed). ``days`` 0 keeps every first apart."""
    if days < 1:
        return list(found)
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for f in found:
        d = f["detail"]
        if d["type"] in RECIPROCAL:
            keys = {("with", d["source"]), ("with", d["target"])}
        else:
            keys = {("to", d["target"]), ("from", d["source"])}
        for direction, hub in keys:
            groups.setdefault((d["type"], direction, hub), []).append(f)
    used: set[str] = set()
    grouped: list[dict[str, Any]] = []
    for (plover, direction, hub), members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        members = sorted((f for f in members if f["id"] not in used), key=lambda f: (f["date"], f["dyad"]))
        i = 0
        while i < len(members):
            j = i
            while j < len(members) and (members[j]["date"] - members[i]["date"]).days < days:
                j += 1
            run = members[i:j]
            if len({_other(f, hub) for f in run}) >= min_states:
                grouped.append(_wave(run, plover, hub, direction))
                used.update(f["id"] for f in run)
                i = j
            else:  # this one stays apart; a wave may start at the next
                i += 1
    return [f for f in found if f["id"] not in used] + grouped


def _other(first: dict[str, Any], hub: str) -> str:
    d = first["detail"]
    return d["target"] if d["source"] == hub else d["source"]


def _wave(run: list[dict[str, Any]], plover: str, hub: str, direction: str) -> dict[str, Any]:
    states = sorted({_other(f, hub) for f in run})
    start, end = run[0]["date"], run[-1]["date"]
    span = (end - start).days + 1
    shown = ", ".join(states[:8]) + (f" and {len(states) - 8} more" if len(states) > 8 else "")
    way = {"to": f"to {hub} from", "from": f"from {hub} to", "with": f"between {hub} and"}[direction]
    title = f"first {plover} {way} {len(states)} states within {span} day{'' if span == 1 else 's'}: {shown}"
    members = [{k: f[k] for k in ("id", "dyad", "date", "title", "score", "evidence")}
               | {k: f["detail"][k] for k in ("source", "target", "previous", "silence_days")} for f in run]
    return {"id": _id("wave", plover, direction, hub, start), "kind": "first", "dyad": None, "date": start,
            "title": title, "status": None, "level": None, "score": max(f["score"] for f in run),
            "evidence": sorted({e for f in run for e in f["evidence"]}),
            "detail": {"type": plover, "hub": hub, "direction": direction, "states": states,
                       "dyads": sorted({f["dyad"] for f in run}), "days": span, "first_day": start, "last_day": end,
                       "members": members}}


# -- shifts --------------------------------------------------------------------
_UNIT = {"month": "1 month", "quarter": "3 months"}


def shifts(con: duckdb.DuckDBPyConnection, *, by: str = "month", alpha: float = 0.01, min_history: int = 6,
           since: date | None = None) -> list[dict[str, Any]]:
    """Periods whose cooperation or conflict count departs from the pair's own history by more than chance.

    The tested periods are those starting on or after ``since`` (default: the latest period of the store);
    each is tested against the pair's ``min_history`` or more earlier periods (zeros included, from the pair's
    first event on). See the module's doc for the test."""
    unit = _UNIT[by]
    trunc = "month" if by == "month" else "quarter"
    series = rows(con, f"""
        WITH m AS (
            SELECT merged_id, dyad, date_trunc('{trunc}', date) AS p,
                   CASE WHEN quad_class IN (1, 2) THEN 'cooperation' WHEN quad_class IN (3, 4) THEN 'conflict' END AS s
            FROM merged_events
            WHERE {COUNTRY_PAIR} AND date IS NOT NULL AND quad_class IS NOT NULL AND modality = 'asserted'
        ), covered AS (  -- the periods the store has news of; events dated outside them are history told later
            SELECT DISTINCT CAST(date_trunc('{trunc}', published) AS DATE) AS p FROM articles WHERE published IS NOT NULL
        ), last_p AS (SELECT max(p) AS lp FROM m WHERE p IN (SELECT p FROM covered)),
        span AS (SELECT dyad, min(p) AS fp FROM m WHERE p IN (SELECT p FROM covered) GROUP BY dyad),
        grid AS (
            SELECT * FROM (
                SELECT s.dyad, x.s, CAST(unnest(generate_series(s.fp, (SELECT lp FROM last_p), INTERVAL '{unit}')) AS DATE) AS p
                FROM span s, (VALUES ('cooperation'), ('conflict')) x(s))
            WHERE p IN (SELECT p FROM covered)
        ), counts AS (
            SELECT g.dyad, g.s, g.p, count(m.merged_id) AS k,
                   list(m.merged_id ORDER BY m.merged_id) FILTER (WHERE m.merged_id IS NOT NULL) AS ids
            FROM grid g LEFT JOIN m ON m.dyad = g.dyad AND m.s = g.s AND m.p = g.p
            GROUP BY ALL
        ), hist AS (
            SELECT *, count(*) OVER w AS hn, sum(k) OVER w AS hsum, var_pop(k) OVER w AS hvar
            FROM counts WINDOW w AS (PARTITION BY dyad, s ORDER BY p ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
        )
        SELECT dyad, s, p, k, ids, hn, hsum, coalesce(hvar, 0) AS hvar FROM hist
        WHERE hn >= {int(min_history)} AND p >= coalesce(CAST(? AS DATE), (SELECT lp FROM last_p))
        """, [since])
    if not series:
        return []
    tests = 2 * len(series)
    try:
        tested = rows(con, _shift_sql(series, con))
    finally:
        con.unregister("_shift_in")
    out = []
    for r in tested:
        for direction, p in (("up", r["p_up"]), ("down", r["p_down"])):
            if p is None or p * tests >= alpha:
                continue
            baseline = r["lam"] - 0.5 / r["hn"]
            period = _period_label(r["p"], by)
            word = "more" if direction == "up" else "less"
            title = (f"{r['dyad']} {r['s']} {period}: {r['k']} events, {word} than its {r['hn']}-{by} baseline "
                     f"of {baseline:.1f} (p={p:.1g})")
            out.append({"id": _id("shift", r["dyad"], r["s"], direction, period), "kind": "shift", "dyad": r["dyad"],
                        "date": r["p"], "title": title, "status": None, "level": None,
                        "score": round(-math.log10(max(p, 1e-300)), 2), "evidence": r["ids"] or [],
                        "detail": {"series": r["s"], "direction": direction, "period": period, "observed": r["k"],
                                   "baseline": round(baseline, 3), "history_periods": r["hn"],
                                   "dispersion": round(r["phi"], 3), "p_value": p, "tests": tests,
                                   "alpha": alpha}})
    return out


def _shift_sql(series: list[dict[str, Any]], con: duckdb.DuckDBPyConnection) -> str:
    import pyarrow as pa

    con.register("_shift_in", pa.Table.from_pylist(series))
    return """
        WITH t AS (
            SELECT *, (hsum + 0.5) / hn AS lam,
                   greatest(1.0, CASE WHEN hsum > 0 THEN hvar / (hsum / hn) ELSE 1.0 END) AS phi
            FROM _shift_in
        ), u AS (SELECT *, lam / phi AS mu, CAST(floor(k / phi) AS BIGINT) AS kk FROM t)
        SELECT *,
            CASE WHEN kk <= mu THEN 1.0 ELSE least(1.0, list_sum(list_transform(
                range(kk, kk + 60 + CAST(10 * ceil(sqrt(mu)) AS BIGINT)),
                lambda i: exp(-mu + i * ln(mu) - lgamma(i + 1))))) END AS p_up,
            CASE WHEN kk >= mu THEN 1.0 ELSE least(1.0, list_sum(list_transform(
                range(0, kk + 1), lambda i: exp(-mu + i * ln(mu) - lgamma(i + 1))))) END AS p_down
        FROM u ORDER BY p, dyad, s"""


def _period_label(p: date, by: str) -> str:
    return p.strftime("%Y-%m") if by == "month" else f"{p.year}-Q{(p.month - 1) // 3 + 1}"


# -- treaty steps --------------------------------------------------------------
STEPS = (  # first match wins: the strongest step a sentence states
    ("ended", r"\b(terminat\w*|abrogat\w*|withdr[ae]w\w*|withdrawal|annul\w*|scrapp\w*|expired?|renounc\w*)\b"),
    ("suspended", r"\bsuspen(d|ds|ded|ding|sion)\b"),
    ("in force", r"\b(into force|took effect|take effect|takes effect|came into effect|comes into effect)\b"),
    ("ratified", r"\bratif(y|ies|ied|ying|ication)\b"),
    ("signed", r"\b(signed|signing|inked)\b"),
)


def treaty_steps(con: duckdb.DuckDBPyConnection, kb: Any, *, since: date | None = None) -> list[dict[str, Any]]:
    """Sentences that name a known treaty as signed, ratified, in force, suspended or ended (one signal per
    treaty, step and day), with the merged events of the same sentence."""
    import pyarrow as pa

    step = "CASE " + " ".join(f"WHEN regexp_matches(t.sentence, {_lit(p)}, 'i') THEN {_lit(n)}" for n, p in STEPS) + " END"
    found = rows(con, f"""
        WITH t AS (
            SELECT m.*, a.published AS day, a.outlet FROM treaty_mentions m JOIN articles a ON a.id = m.article_id
            WHERE a.published IS NOT NULL AND NOT regexp_matches(m.sentence, 'anniversar', 'i')
              AND (CAST(? AS DATE) IS NULL OR a.published >= CAST(? AS DATE))
        ), s AS (SELECT t.*, {step} AS step FROM t)
        SELECT s.treaty_id, s.step, s.day, list(DISTINCT s.sentence) AS sentences, list(DISTINCT s.outlet) AS outlets,
               list(DISTINCT me.merged_id ORDER BY me.merged_id) FILTER (WHERE me.merged_id IS NOT NULL) AS evidence
        FROM s
        LEFT JOIN events e ON e.doc_id = s.article_id AND e.sentence_start = s.sentence_start
        LEFT JOIN (SELECT merged_id, unnest(event_ids) AS event_id FROM merged_events) me ON me.event_id = e.event_id
        WHERE s.step IS NOT NULL
        GROUP BY ALL ORDER BY s.day, s.treaty_id, s.step""", [since, since])
    out = []
    for r in found:
        t = kb.get(r["treaty_id"])
        if t is not None and _retold(t, r["step"], r["day"]):
            continue
        parties = sorted(t.parties) if t else []
        dyad = "-".join(parties) if len(parties) == 2 else None
        name = t.name if t else r["treaty_id"]
        out.append({"id": _id("treaty", r["treaty_id"], r["step"], r["day"]), "kind": "treaty", "dyad": dyad,
                    "date": r["day"], "title": f"{name}: {r['step']} (reported {r['day']})", "status": r["step"],
                    "level": None, "score": None, "evidence": r["evidence"] or [],
                    "detail": {"treaty_id": r["treaty_id"], "treaty": name, "parties": parties,
                               "sentences": r["sentences"][:5], "outlets": [o for o in r["outlets"] if o]}})
    return out


RETOLD_DAYS = 365


def _retold(treaty: Any, step: str, day: date) -> bool:
    """A step the knowledge base dates more than a year before the report: history retold, not news."""
    when = treaty.signed if step == "signed" else treaty.in_force if step in ("ratified", "in force") else None
    return when is not None and (day - when).days > RETOLD_DAYS


# -- ranking -------------------------------------------------------------------
KIND_ORDER = ("ritual", "treaty", "shift", "first")  # the order kinds are ranked in
BREAKS = ("missing", "downgraded")  # ritual statuses ranked before ``observed``


def rank(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The signals of one run in the order an analyst reads them:

    1. by kind: rituals, then treaty steps, then shifts, then firsts (a first, even a wave, is the least
       sure sign of change: one coded event, or a few, after a silence that may be the news's, not the pair's);
    2. among rituals, breaks (``missing``, ``downgraded``) before rituals ``observed``;
    3. the newest month first (of the signal's ``date``);
    4. within a month, more merged events behind it first (a wave's are its members' together), so a wave
       of firsts comes before the single firsts of its month;
    5. the newest day first, then the higher ``score`` (shifts: -log10 p; firsts: years of silence), then
       pair and id, so the order is the same on every run."""
    kind = {k: i for i, k in enumerate(KIND_ORDER)}

    def key(s: dict[str, Any]) -> tuple[Any, ...]:
        day = s["date"] if isinstance(s["date"], date) else date.min
        brk = 0 if s["kind"] == "ritual" and s["status"] in BREAKS else 1
        return (kind.get(s["kind"], len(kind)), brk, -(day.year * 12 + day.month), -len(s["evidence"]),
                -day.toordinal(), -(s["score"] or 0.0), s["dyad"] or "", s["id"])

    return sorted(found, key=key)

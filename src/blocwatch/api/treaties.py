"""API: treaties, obligations on a date (with cascade), and treaties the stored news mentions."""

from __future__ import annotations

from datetime import date
from typing import Any

from blocwatch.api.convert import DateLike, as_date
from blocwatch.store import Store
from blocwatch.treaties import TreatyKB, cascade, duties_towards, treaties_for
from blocwatch.treaties.obligations import check_country

__all__ = ["treaties", "obligations", "mentioned_treaties"]


def treaties(party: str | None = None, on: DateLike = None, kb: TreatyKB | None = None,
             treaty_files: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Treaties (curated first), optionally those binding ``party`` and in force on ``on`` (date or ISO string)."""
    on = as_date(on, "on")
    kb = kb or TreatyKB.from_package(treaty_files)
    party = check_country(kb, party, "--party")
    return [_summary(t, on) for t in treaties_for(kb, party, on)]


def _summary(t, on: date | None) -> dict[str, Any]:
    kinds = sorted({o.type for o in t.obligations})
    return {"id": t.id, "name": t.name, "kind": t.kind, "parties": list(t.parties), "signed": t.signed,
            "in_force": t.in_force, "ended": t.ended, "obligations": kinds,
            "status": t.status(on) if on else ("ended" if t.ended else "in force"),
            "source": "curated" if t.curated else "ATOP v4.01", "notes": t.notes, "citation": t.citation}


def obligations(attacked: str, on: DateLike = None, by: str | None = None, cascade_: bool = False,
                kb: TreatyKB | None = None, treaty_files: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Who must help ``attacked`` if it is attacked on ``on`` (date or ISO string; default today).

    One dict per obliged state and obligation; ``status`` says when the answer rests on ATOP data
    past 2018 ("unknown", not "none") or on a treaty signed but not yet in force. With ``cascade_``,
    follows defence obligations outward and adds ``depth``, ``defends`` and ``path`` (the list of states
    from ``attacked`` out to the obliged one, e.g. ``["PRK", "RUS", "BLR"]``).
    """
    kb = kb or TreatyKB.from_package(treaty_files)
    attacked = check_country(kb, attacked, "--attacked")
    by = check_country(kb, by, "--by")
    on = as_date(on, "on") or date.today()
    if cascade_:
        rows = cascade(kb, attacked, on)
        return [r for r in rows if by is None or r["state"] == by]
    return [d.to_dict() for d in duties_towards(kb, attacked, on, by)]


def mentioned_treaties(db: str | None = None, evidence: int = 3, kb: TreatyKB | None = None) -> list[dict[str, Any]]:
    """Treaties the stored news talks about, with mention counts and evidence sentences."""
    with Store(db, read_only=True) as store:
        rows = store.query("""
            SELECT m.treaty_id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
                   list(struct_pack(article_id := m.article_id, sentence := m.sentence, matched := m.matched,
                                    sentence_start := m.sentence_start) ORDER BY a.published, m.sentence_start) AS ev
            FROM treaty_mentions m JOIN articles a ON a.id = m.article_id
            GROUP BY m.treaty_id ORDER BY mentions DESC, m.treaty_id""")
    kb = kb or TreatyKB.from_package()
    out = []
    for r in rows:
        t = kb.get(r["treaty_id"])
        out.append({"treaty_id": r["treaty_id"], "name": t.name if t else r["treaty_id"], "mentions": r["mentions"],
                    "articles": r["articles"], "evidence": r["ev"][:evidence]})
    return out

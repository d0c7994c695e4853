"""Queries over the treaty KB: who must help an attacked state on a date, the cascade, pairwise ties."""

from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from blocwatch.errors import QueryError, UnknownCodeError
from blocwatch.treaties.kb import Treaty, TreatyKB, _within

MILITARY = ("defense", "offense")
ORDER = {"defense": 0, "offense": 1, "neutrality": 2, "nonaggression": 3, "consultation": 4}


@dataclass(frozen=True)
class Duty:
    """One state's obligation, under one treaty, towards an attacked state."""

    state: str
    treaty_id: str
    treaty_name: str
    obligation: str
    article: str | None
    conditions: tuple[str, ...]
    automatic: bool
    status: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "conditions": list(self.conditions)}


@dataclass(frozen=True)
class Tie:
    """An active obligation from ``a`` towards ``b`` on a date."""

    a: str
    b: str
    obligation: str
    treaty_id: str
    treaty_name: str


def check_country(kb: TreatyKB, code: str | None, option: str) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise QueryError(f"{option} must be an ISO3 country code such as PRK, got {code!r}")
    if code not in kb.countries():
        raise UnknownCodeError(f"unknown country code {code!r} for {option} (no treaty in the knowledge base names it)")
    return code


def duties_towards(kb: TreatyKB, attacked: str, on: date, by: str | None = None) -> list[Duty]:
    """Every obligation held on ``on`` by another member towards ``attacked``."""
    out = []
    for treaty in kb:
        if not treaty.active(on) or not treaty.member(attacked, on):
            continue
        for ob in treaty.obligations:
            if ob.state == attacked or (by and ob.state != by) or not _within(on, ob.start, ob.until):
                continue
            if not treaty.member(ob.state, on) or (ob.to is not None and attacked not in ob.to):
                continue
            out.append(Duty(ob.state, treaty.id, treaty.name, ob.type, ob.article, ob.conditions,
                            ob.automatic, treaty.status(on), "curated" if treaty.curated else "ATOP v4.01"))
    return sorted(set(out), key=lambda d: (ORDER[d.obligation], d.status != "in force", d.state, d.treaty_id))


def cascade(kb: TreatyKB, attacked: str, on: date, max_depth: int = 3) -> list[dict[str, Any]]:
    """Who is drawn in: defenders of ``attacked``, then the defenders of those defenders, with paths.

    ``path`` is the list of states from ``attacked`` out to the defender (``["PRK", "RUS", "BLR"]``).
    """
    seen = {attacked}
    queue: deque[tuple[str, list[str]]] = deque([(attacked, [attacked])])
    out = []
    while queue:
        state, path = queue.popleft()
        if len(path) > max_depth:
            continue
        for duty in duties_towards(kb, state, on):
            if duty.obligation not in MILITARY or duty.state in seen:
                continue
            seen.add(duty.state)
            new_path = path + [duty.state]
            out.append({**duty.to_dict(), "depth": len(new_path) - 1, "defends": state,
                        "path": new_path})
            queue.append((duty.state, new_path))
    return out


def treaties_for(kb: TreatyKB, party: str | None, on: date | None) -> list[Treaty]:
    out = []
    for t in kb:
        if party and party not in t.parties:
            continue
        if on and not (t.active(on) and (party is None or t.member(party, on))):
            continue
        out.append(t)
    return sorted(out, key=lambda t: (not t.curated, t.signed or date.min))


def ties(kb: TreatyKB, on: date) -> list[Tie]:
    """Directed obligations in force on ``on`` between pairs of member states."""
    out = []
    for treaty in kb:
        if not treaty.active(on):
            continue
        members = [m.state for m in treaty.members if _within(on, m.joined, m.left)]
        for ob in treaty.obligations:
            if ob.state not in members or not _within(on, ob.start, ob.until):
                continue
            for other in (ob.to if ob.to is not None else members):
                if other != ob.state and other in members:
                    out.append(Tie(ob.state, other, ob.type, treaty.id, treaty.name))
    return out

"""The treaty knowledge base: ATOP-derived and curated treaties, members and obligations over time."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from blocwatch.errors import KnowledgeError

OBLIGATION_TYPES = ("defense", "offense", "neutrality", "nonaggression", "consultation")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _within(on: date, start: date | None, end: date | None) -> bool:
    return (start is None or start <= on) and (end is None or on < end)


@dataclass(frozen=True)
class Obligation:
    state: str
    to: tuple[str, ...] | None  # None: every other member
    type: str
    article: str | None
    conditions: tuple[str, ...]
    automatic: bool
    start: date | None
    until: date | None


@dataclass(frozen=True)
class Member:
    state: str
    joined: date | None
    left: date | None


@dataclass
class Treaty:
    id: str
    name: str
    parties: tuple[str, ...]
    signed: date | None
    in_force: date | None
    ended: date | None
    coverage_until: date | None
    kind: str
    source: str
    citation: str
    aliases: tuple[str, ...] = ()
    notes: str | None = None
    members: tuple[Member, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def curated(self) -> bool:
        return not self.id.startswith("atop:")

    def active(self, on: date) -> bool:
        """Signed by ``on`` and not yet ended (see ``status`` for signed-but-not-in-force)."""
        return _within(on, self.signed or self.in_force, self.ended)

    def member(self, state: str, on: date) -> bool:
        return any(m.state == state and _within(on, m.joined, m.left) for m in self.members)

    def status(self, on: date) -> str:
        """"in force", "ended …", or "unknown" where the answer rests on ATOP data past its coverage."""
        if self.ended and not _within(on, None, self.ended):
            return f"ended {self.ended.isoformat()}"
        if self.in_force and on < self.in_force:
            return f"signed, not yet in force (in force from {self.in_force.isoformat()})"
        if self.coverage_until and on > self.coverage_until:
            return f"unknown after {self.coverage_until.year} (ATOP ends; last known in force)"
        return "in force"


def treaty_from_dict(d: dict[str, Any], where: str) -> Treaty:
    """A treaty record (the JSON schema of treaties_curated.json) → Treaty; KnowledgeError if malformed."""
    try:
        members = d.get("members") or [{"state": p, "joined": None, "left": None} for p in d["parties"]]
        return Treaty(
            id=d["id"], name=d["name"], parties=tuple(d["parties"]), signed=_day(d.get("signed")),
            in_force=_day(d.get("in_force")), ended=_day(d.get("ended")),
            coverage_until=_day(d.get("coverage_until")), kind=d.get("kind", "alliance"),
            source=d.get("source", where), citation=d.get("citation", ""), aliases=tuple(d.get("aliases", ())),
            notes=d.get("notes"),
            members=tuple(Member(m["state"], _day(m.get("joined")), _day(m.get("left"))) for m in members),
            obligations=tuple(_obligation(o) for o in d.get("obligations", ())), data=d)
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeError(f"treaty {d.get('id', '?')!r} is malformed ({type(exc).__name__}: {exc})",
                             path=where) from exc


def _obligation(o: dict[str, Any]) -> Obligation:
    if o["type"] not in OBLIGATION_TYPES:
        raise ValueError(f"obligation type must be one of {', '.join(OBLIGATION_TYPES)}")
    to = None if o.get("to") in (None, "members") else tuple(o["to"])
    return Obligation(o["state"], to, o["type"], o.get("article"), tuple(o.get("conditions", ())),
                      bool(o.get("automatic")), _day(o.get("from")), _day(o.get("until")))


class TreatyKB:
    """All treaties, loaded once: ATOP records, then curated ones (replacing the ATOP records they name)."""

    def __init__(self, treaties: list[Treaty]):
        self.treaties = {t.id: t for t in treaties}

    @classmethod
    def from_package(cls, extra_files: tuple[str, ...] = ()) -> "TreatyKB":
        """The packaged treaties plus ``extra_files``; the packaged set alone is parsed once per process
        (every network, bloc and obligation query needs it; callers do not modify a KB)."""
        return _packaged() if not extra_files else cls._load(tuple(extra_files))

    @classmethod
    def _load(cls, extra_files: tuple[str, ...]) -> "TreatyKB":
        data = resources.files("blocwatch.data")
        atop = json.loads(data.joinpath("treaties_atop.json").read_text("utf-8"))
        curated = json.loads(data.joinpath("treaties_curated.json").read_text("utf-8"))["treaties"]
        records = [(d, "treaties_atop.json") for d in atop] + [(d, "treaties_curated.json") for d in curated]
        for path in extra_files:
            records += [(d, str(path)) for d in _user_file(Path(path))]
        replaced = {r for d, _ in records for r in d.get("replaces", ())}
        return cls([treaty_from_dict(d, where) for d, where in records if d["id"] not in replaced])

    def get(self, treaty_id: str) -> Treaty | None:
        return self.treaties.get(treaty_id)

    def __iter__(self):
        return iter(self.treaties.values())

    def countries(self) -> set[str]:
        return {p for t in self for p in t.parties}


@lru_cache(maxsize=1)
def _packaged() -> TreatyKB:
    return TreatyKB._load(())


def _user_file(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(f"cannot read treaty file ({exc.strerror})", path=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"not valid JSON ({exc.msg} at line {exc.lineno})", path=str(path)) from exc
    items = data.get("treaties") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise KnowledgeError("expected a list of treaties or {\"treaties\": [...]}", path=str(path))
    return items

"""The actor knowledge base: names with date-bounded roles, and sector nouns.

Loaded once from package data (``actors.json`` from Phoenix, then ``actors_curated.tsv``, the dated
outlets table ``outlets.tsv``, the historical states ``states_historical.tsv`` and the words of KCNA's
Spanish stories ``actors_es.tsv``) and any user TSV files in the same format as ``actors_curated.tsv``.
Names are kept without accents ("Japón" and "Japon" are one name): ``fold`` is applied to names when
they are added and to the words looked up.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from blocwatch.errors import KnowledgeError

Role = tuple[str, date | None, date | None]  # code, from, to
MAX_NAME_TOKENS = 10


@dataclass(frozen=True)
class Outlet:
    """A news outlet: the country it reports for over [start, end), and who controls it."""

    name: str
    country: str
    control: str  # state | public | government-funded | private
    start: date | None
    end: date | None
    note: str = ""

    @property
    def state_controlled(self) -> bool:
        return self.control == "state"


@dataclass(frozen=True)
class HistoricalState:
    """A state that no longer exists (ISO 3166-3 code), with its dates and successors."""

    code: str
    name: str
    start: date | None
    end: date | None
    successors: tuple[str, ...]


@dataclass
class ActorKB:
    """Names (lowercased, space-joined tokens) → roles; agent nouns → sector."""

    names: dict[str, list[Role]] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    first_words: set[str] = field(default_factory=set)
    outlets: dict[str, list[Outlet]] = field(default_factory=dict)  # lowercase name → dated records
    states: dict[str, HistoricalState] = field(default_factory=dict)  # code → state
    # Spanish stories: lowercase words that name a country ("norcoreanos", "estadounidense") and names
    # that are Spanish words there ("Victoria" is victory, "BP" the Political Bureau), both folded
    spanish: dict[str, list[Role]] = field(default_factory=dict)
    spanish_not_names: set[str] = field(default_factory=set)
    # joint exercises by code name (lowercase words) → the codes of the countries that stage them
    exercises: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_package(cls, extra_files: tuple[str, ...] = ()) -> "ActorKB":
        kb = cls()
        data = json.loads(resources.files("blocwatch.data").joinpath("actors.json").read_text("utf-8"))
        for name, roles in data["names"].items():
            kb.add(name, [(c, _day(a), _day(b)) for c, a, b in roles])
        kb.agents.update(data["agents"])
        curated = resources.files("blocwatch.data").joinpath("actors_curated.tsv")
        kb.load_tsv(curated.read_text("utf-8"), "actors_curated.tsv", override=True)
        kb.load_outlets(resources.files("blocwatch.data").joinpath("outlets.tsv").read_text("utf-8"), "outlets.tsv")
        kb.load_states(resources.files("blocwatch.data").joinpath("states_historical.tsv").read_text("utf-8"),
                       "states_historical.tsv")
        kb.load_spanish(resources.files("blocwatch.data").joinpath("actors_es.tsv").read_text("utf-8"), "actors_es.tsv")
        kb.load_exercises(resources.files("blocwatch.data").joinpath("exercises.tsv").read_text("utf-8"),
                          "exercises.tsv")
        for path in extra_files:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise KnowledgeError(f"{path}: cannot read actor file ({exc.strerror})", path=str(path)) from exc
            kb.load_tsv(text, str(path), override=True)
        return kb

    def add(self, name: str, roles: list[Role], override: bool = False) -> None:
        key = fold(" ".join(name.lower().split()))
        if override or key not in self.names:
            self.names[key] = list(roles)
        else:
            self.names[key] += [r for r in roles if r not in self.names[key]]
        self.first_words.add(key.split(" ", 1)[0])
        self.first_words.add(re.split(r"[ '’\-]", key, maxsplit=1)[0])  # "workers' party": token "workers"

    def load_tsv(self, text: str, where: str, override: bool = False) -> None:
        """Add ``name code from to`` and ``agent noun SECTOR`` lines; replaces roles of curated names."""
        grouped: dict[str, list[Role]] = {}
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "agent" and len(cols) == 3 and cols[2].isupper():
                self.agents[cols[1].strip().lower()] = cols[2].strip()
                continue
            if len(cols) < 2 or not cols[0].strip() or not cols[1].strip().isalnum():
                raise KnowledgeError(f"{where}:{lineno}: expected 'name<TAB>CODE<TAB>from<TAB>to'", path=where)
            try:
                role = (cols[1].strip().upper(), _day(_col(cols, 2)), _day(_col(cols, 3)))
            except ValueError:
                raise KnowledgeError(f"{where}:{lineno}: dates must be YYYY-MM-DD", path=where) from None
            grouped.setdefault(cols[0].strip(), []).append(role)
        for name, roles in grouped.items():
            self.add(name, roles, override=override)

    def load_outlets(self, text: str, where: str) -> None:
        """Outlet lines (see ``outlets.tsv``): each name codes <country>MED, dated where the country changed."""
        by_name: dict[str, list[Outlet]] = {}
        for lineno, cols in _rows(text):
            if len(cols) < 4 or not cols[2].strip().isalpha() or len(cols[2].strip()) != 3:
                raise KnowledgeError(f"{where}:{lineno}: expected 'outlet<TAB>names<TAB>ISO3<TAB>control"
                                     f"<TAB>from<TAB>to<TAB>note'", path=where)
            try:
                outlet = Outlet(cols[0].strip(), cols[2].strip().upper(), cols[3].strip(), _day(_col(cols, 4)),
                                _day(_col(cols, 5)), _col(cols, 6) or "")
            except ValueError:
                raise KnowledgeError(f"{where}:{lineno}: dates must be YYYY-MM-DD", path=where) from None
            for name in cols[1].split("|"):
                by_name.setdefault(" ".join(name.lower().split()), []).append(outlet)
        for name, outlets in by_name.items():
            outlets.sort(key=lambda o: o.start or date.min)
            roles = [(o.country + "MED", None if i == 0 else o.start, o.end) for i, o in enumerate(outlets)]
            self.add(name, roles, override=True)
            self.outlets[name] = outlets

    def load_states(self, text: str, where: str) -> None:
        """Historical state lines (see ``states_historical.tsv``): every name codes the state, undated."""
        for lineno, cols in _rows(text):
            if len(cols) < 4 or len(cols[0].strip()) != 3:
                raise KnowledgeError(f"{where}:{lineno}: expected 'code<TAB>names<TAB>from<TAB>to<TAB>successors'",
                                     path=where)
            names = [" ".join(n.lower().split()) for n in cols[1].split("|")]
            try:
                state = HistoricalState(cols[0].strip(), names[0], _day(_col(cols, 2)), _day(_col(cols, 3)),
                                        tuple(x for x in (_col(cols, 4) or "").split("|") if x))
            except ValueError:
                raise KnowledgeError(f"{where}:{lineno}: dates must be YYYY-MM-DD", path=where) from None
            self.states[state.code] = state
            for name in names:
                self.add(name, [(state.code, None, None)], override=True)

    def outlet(self, name: str, on: date | None = None) -> Outlet | None:
        """The outlet record a name refers to on ``on`` (the current one if None)."""
        records = self.outlets.get(" ".join(name.lower().split()), [])
        for o in reversed(records):
            if on is None or o.start is None or o.start <= on:
                return o
        return records[0] if records else None

    def load_spanish(self, text: str, where: str) -> None:
        """Lines of ``actors_es.tsv``: ``word<TAB>CODE`` (a lowercase word naming a country in a Spanish
        story) or ``name<TAB>-`` (a name that is a Spanish word: no actor in a Spanish story)."""
        for lineno, cols in _rows(text):
            if len(cols) < 2 or not cols[0].strip() or not (cols[1].strip() == "-" or cols[1].strip().isalnum()):
                raise KnowledgeError(f"{where}:{lineno}: expected 'word<TAB>CODE' or 'name<TAB>-'", path=where)
            word = fold(" ".join(cols[0].lower().split()))
            if cols[1].strip() == "-":
                self.spanish_not_names.add(word)
            else:
                self.spanish.setdefault(word, []).append((cols[1].strip().upper(), None, None))

    def load_exercises(self, text: str, where: str) -> None:
        """Lines of ``exercises.tsv``: ``name<TAB>CODE+CODE…`` (a joint exercise and the countries staging it)."""
        for lineno, cols in _rows(text):
            codes = tuple(c.strip().upper() for c in cols[1].split("+")) if len(cols) > 1 else ()
            if len(codes) < 2 or not all(c.isalnum() for c in codes) or not cols[0].strip():
                raise KnowledgeError(f"{where}:{lineno}: expected 'name<TAB>CODE+CODE'", path=where)
            self.exercises[tuple(cols[0].lower().split())] = codes

    def roles(self, name: str) -> list[Role]:
        return self.names.get(name) or (self.names.get(fold(name), []) if not name.isascii() else [])


def fold(text: str) -> str:
    """``text`` without accents ("japón" → "japon", "españa" → "espana"); ASCII text comes back as it is."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _rows(text: str):
    """(line number, tab-separated columns) of the non-comment lines."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield lineno, line.rstrip("\n").split("\t")


def _col(cols: list[str], i: int) -> str | None:
    return cols[i].strip() if len(cols) > i and cols[i].strip() else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def active_role(roles: list[Role], on: date | None) -> str | None:
    """The code of the role held on ``on`` (or the current one); None if none applies."""
    if not roles:
        return None
    if on is None:
        current = [r for r in roles if r[2] is None]
        return (current or roles)[0][0]
    held = [r for r in roles if (r[1] is None or r[1] <= on) and (r[2] is None or on < r[2])]
    if held:
        dated = [r for r in held if r[1] is not None]
        return (dated or held)[0][0]
    undated = [r for r in roles if r[1] is None and r[2] is None]
    return undated[0][0] if undated else None

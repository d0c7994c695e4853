"""The event lexicon (verbs, phrasal verbs, verb+object, nominal events) and the CAMEO/PLOVER ontology."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from blocwatch.errors import KnowledgeError

RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Acts done by speaking (or homage) about another: their modality is the speaking's (``learned.coder._speech_mood``),
# they are dated when said, not by the deed they tell of (``events.dates.event_date``), and they may be paid to a
# state that has ended (``events.dates.before_ended_states``).
SPEECH_ACTS = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "REQUEST", "SUPPORT"})


@dataclass(frozen=True)
class Entry:
    """What a lexicon key codes to."""

    key: str
    cameo: str
    plover: str
    mode: str | None
    quad: int
    goldstein: float | None


class Lexicon:
    """Keys: ``lemma``, ``lemma|prep:x``, ``lemma|obj:noun``, ``n:noun``."""

    def __init__(self, entries: dict[str, list], cameo: dict[str, dict], plover: dict[str, dict]):
        self.cameo = cameo
        self.plover = plover
        self.keys = frozenset(entries)  # every key read, those of no known type too (words, for ``actors``)
        self.entries: dict[str, Entry] = {}
        for key, (code, override) in entries.items():
            entry = self._entry(key, code, override)
            if entry:
                self.entries[key] = entry

    def _entry(self, key: str, code: str, override: str | None) -> Entry | None:
        if override == "NONE":  # a stop entry: this verb+key is not an event
            return Entry(key, code, "NONE", None, 0, None)
        info = self.cameo.get(code) or self.cameo.get(code[:3]) or {}
        ptype = override or info.get("plover")
        if not ptype or ptype not in self.plover:
            return None
        mode = info.get("mode") if info.get("plover") == ptype else None
        return Entry(key, code, ptype, mode, self.plover[ptype]["quad"], info.get("goldstein"))

    @classmethod
    def from_package(cls, extra_files: tuple[str, ...] = ()) -> "Lexicon":
        data = resources.files("blocwatch.data")
        onto = json.loads(data.joinpath("ontology.json").read_text("utf-8"))
        entries = json.loads(data.joinpath("verbs.json").read_text("utf-8"))["entries"]
        for path in extra_files:
            entries.update(_user_file(Path(path)))
        return cls(entries, onto["cameo"], onto["plover"])

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)


def _user_file(path: Path) -> dict[str, list]:
    """A user verb file: ``lemma<TAB>key<TAB>CAMEO[<TAB>PLOVER]`` lines, key '-' for the bare verb."""
    out: dict[str, list] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"cannot read verb file ({exc.strerror})", path=str(path)) from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3 or not cols[2].strip().isdigit():
            raise KnowledgeError(f"line {n}: expected 'lemma<TAB>key<TAB>CAMEO[<TAB>PLOVER]'", path=str(path))
        key = cols[0].strip().lower() if cols[1].strip() == "-" else f"{cols[0].strip().lower()}|{cols[1].strip()}"
        out[key] = [cols[2].strip(), cols[3].strip().upper() if len(cols) > 3 and cols[3].strip() else None]
    return out

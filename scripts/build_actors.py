"""Build src/blocwatch/data/actors.json from the Phoenix/PETRARCH actor and agent dictionaries and COW capitals.

    python scripts/build_actors.py [--shared ../shared]

Facts (names, codes, date-bounded roles) carry over; the output is our own compact JSON:
    {"names": {"north korea": [["PRK", null, null]], "kim jong il": [["PRKGOV", "2004-12-01", null]], ...},
     "agents": {"minister": "GOV", "troops": "MIL", ...}}
Hand-curated additions (current office holders, state media, metonyms) live in
src/blocwatch/data/actors_curated.tsv and are merged at load time, not here. Ordinary words and
phrases (src/blocwatch/data/ordinary_words.txt: "youth", "republic", "friendship society") are left out:
alone they name no actor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from blocwatch.actors.resolve import REGIONS  # noqa: E402
from blocwatch.countries import name as country_name  # noqa: E402
OUT = REPO / "src" / "blocwatch" / "data" / "actors.json"
ROLE = re.compile(r"\[([A-Z~]{3,15})(?:\s+([<>]?\d{6,10})(?:-(\d{6,8}))?)?\]")
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")


def yymmdd(value: str | None) -> str | None:
    """YYMMDD, or YYYYMMDD (a few Phoenix entries; a typo'd 10-digit one keeps its last 8)."""
    if not value:
        return None
    if len(value) >= 8:
        value = value[-8:]
        year, mm, dd = int(value[:4]), int(value[4:6]), int(value[6:8])
    else:
        yy, mm, dd = int(value[:2]), int(value[2:4]), int(value[4:6])
        year = 2000 + yy if yy <= 30 else 1900 + yy
    try:
        return date(year, max(mm, 1), max(dd, 1)).isoformat()
    except ValueError:  # a malformed date in the source: keep the role undated
        return None


def roles_in(text: str) -> list[list[str | None]]:
    out = []
    for code, first, last in ROLE.findall(text):
        start = end = None
        if first.startswith(">") and code.startswith("USR"):
            # A Soviet republic's code ends with the Soviet Union: the source's [USRTKM >911016] for
            # Turkmenistan can only mean "until" (it made "Turkmenistan" USR in 2011 news).
            end = yymmdd(first[1:])
        elif first.startswith(">"):
            start = yymmdd(first[1:])
        elif first.startswith("<"):
            end = yymmdd(first[1:])
        elif first:
            start, end = yymmdd(first), yymmdd(last)
        out.append([code, start, end])
    return out


def name_of(token: str) -> str:
    return " ".join(token.strip("+_").lower().replace("_", " ").split())


def parse_actor_file(path: Path) -> dict[str, list]:
    """Blocks of NAME/+ALIAS lines followed by role lines; roles apply to the whole block."""
    names: dict[str, list] = {}
    block: list[str] = []
    roles: list = []

    def flush() -> None:
        if block and roles:
            for n in block:
                if len(n) > 1 and not n.isdigit():
                    names.setdefault(n, [])
                    names[n] += [r for r in roles if r not in names[n]]

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] in " \t":
            roles += roles_in(line)
            continue
        head = line.split("[", 1)[0].strip()
        if not line.startswith("+"):
            flush()
            block, roles = [], []
        if head:
            block.append(name_of(head.split()[0]))
        roles += roles_in(line)
    flush()
    return names


def parse_agents(path: Path) -> dict[str, str]:
    macros: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            key, vals = line.split("=", 1)
            macros[key.strip()] = [v.strip() for v in vals.split(",")]
            continue
        m = re.match(r"^(\S+?)\s*\[~([A-Z]{3})\]", line)
        if not m:
            continue
        pattern, sector = m.groups()
        for form in expand(pattern, macros):
            agents.setdefault(name_of(form), sector)
    return agents


def expand(pattern: str, macros: dict[str, list[str]]) -> list[str]:
    m = re.search(r"![A-Z]+!", pattern)
    if not m:
        return [pattern]
    out = []
    for val in macros.get(m.group(0), [m.group(0).strip("!")]):
        out += expand(pattern[: m.start()] + val + pattern[m.end():], macros)
    return out


def capitals(path: Path, names: dict[str, list]) -> dict[str, list]:
    """Current capitals (COW capitals file) → country GOV, for metonyms ("Kabul said ...").

    The country is found by looking the state name up in the Phoenix names; capitals of states
    that no longer exist (end date before 2015) and names Phoenix lacks are skipped.
    """
    import csv

    out: dict[str, list] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["enddate"] < "2015":
                continue
            roles = names.get(name_of(row["statenme"].replace(" ", "_")), [])
            country = next((r[0][:3] for r in roles if r[2] is None and len(r[0]) == 3), None)
            capital = name_of(row["capital"].split(" D.C.")[0].replace(" ", "_"))
            if country and capital:
                out[capital] = [[country + "GOV", None, None]]
    return out


def national_groups(names: dict[str, list]) -> dict[str, list]:
    """Groups the dictionaries code to a region though their name opens with one country's name or
    adjective ("palestinian popular struggle front" MEAREB, "japanese red army" INTREB) are of that
    country, sector kept (PSEREB, JPNREB): in news of states they act for and against their country's
    side, and a region is no side of an event."""
    out = {}
    for name, roles in names.items():
        words = name.split()
        if len(words) < 2 or not all(r[0][:3] in REGIONS for r in roles):
            continue
        first = {r[0] for r in names.get(words[0], [])}  # the first word names a country, nothing else
        if len(first) == 1 and len(next(iter(first))) == 3 and country_name(next(iter(first))):
            country = first.pop()
            out[name] = [[country + r[0][3:], r[1], r[2]] for r in roles]
    return out


def ordinary(path: Path) -> set[str]:
    return {" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    src = args.shared / "knowledge" / "actors"
    names: dict[str, list] = {}
    for fname in ACTOR_FILES:
        for n, roles in parse_actor_file(src / fname).items():
            names.setdefault(n, [])
            names[n] += [r for r in roles if r not in names[n]]
    agents = parse_agents(src / "Phoenix.agents.txt")
    words = ordinary(OUT.parent / "ordinary_words.txt")
    names = {n: r for n, r in sorted(names.items()) if r and n not in words}
    names.update(national_groups(names))
    caps = capitals(args.shared / "knowledge" / "leaders" / "cow_capitals.csv", names)
    names.update({c: r for c, r in caps.items()
                  if c not in words and not any(x[0].startswith(r[0][0]) for x in names.get(c, []))})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "Phoenix/PETRARCH dictionaries (MIT) + COW capitals, converted by scripts/build_actors.py",
                               "names": names, "agents": dict(sorted(agents.items()))},
                              separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"wrote {OUT}: {len(names)} names, {len(agents)} agent nouns, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()

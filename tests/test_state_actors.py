"""The alignment network counts what states do (``analysis.state``): a friendship society's praise or
a diaspora's mourning says nothing of where its country stands. Constructed events with known answers."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from blocwatch import api
from blocwatch.analysis.state import parse_one_party
from blocwatch.errors import InputError, QueryError
from blocwatch.records import ActorSpan, Article, Event
from blocwatch.store import Batch, Store

GOLDSTEIN = {"SUPPORT": (1, 3.4), "ACCUSE": (3, -2.0), "COOPERATE": (2, 4.0)}
D = date(2011, 12, 20)


def _side(code: str, sector: str | None, at: int) -> ActorSpan:
    return ActorSpan(code + (sector or ""), at, at + 3, code + (sector or ""), code, sector)


def _store(db: str, specs: list[tuple]) -> None:
    """specs: (source country, source sector, type, target country, target sector[, day])."""
    arts, events = [], []
    for n, (src, ssec, plover, tgt, tsec, *day) in enumerate(specs):
        sentence = f"Someone of {src} did {plover} to someone of {tgt} (story {n})."
        art = Article(f"a{n}", f"/x/{n}.txt", sentence, title=f"Story {n}", published=day[0] if day else D)
        quad, gold = GOLDSTEIN[plover]
        arts.append(art)
        events.append(Event(f"e{n}", art.id, sentence, 0, len(sentence), _side(src, ssec, 12), _side(tgt, tsec, 30),
                            plover, None, None, quad, gold, "asserted", day[0] if day else D, "day", None, "constructed"))
    with Store(db) as store:
        store.write_batch(Batch(arts, [], events))


def _weight(g, a: str, b: str) -> float | None:
    return g.edges[a, b]["weight"] if g.has_edge(a, b) else None


def test_a_friendship_society_praising_is_not_its_state_aligning(db_path):
    # British societies praise North Korea five times; the British government accuses it once.
    _store(db_path, [("GBR", "NGO", "SUPPORT", "PRK", "GOV")] * 5 + [("GBR", "GOV", "ACCUSE", "PRK", None)]
           + [("USA", None, "ACCUSE", "PRK", None), ("CHN", "GOV", "SUPPORT", "PRK", "GOV")])
    states, everyone = api.network(db_path, actors="state"), api.network(db_path, actors="all")
    assert _weight(everyone, "GBR", "PRK") > 0  # every actor: Britain looks a friend
    assert _weight(states, "GBR", "PRK") < 0  # the state: Britain accused it
    assert _weight(states, "CHN", "PRK") == pytest.approx(_weight(everyone, "CHN", "PRK"))
    blocs = api.blocs(db_path)  # states by default
    bloc_of = {m: i for i, b in enumerate(blocs["blocs"]) for m in b["members"]}
    assert blocs["actors"] == "state" and bloc_of["GBR"] != bloc_of["PRK"] and bloc_of["CHN"] == bloc_of["PRK"]


def test_a_diaspora_group_mourning_leaves_its_host_state_out(db_path):
    _store(db_path, [("JPN", "NGO", "SUPPORT", "PRK", "ELI"), ("JPN", "PPL", "SUPPORT", "PRK", "ELI")])
    assert not api.network(db_path).has_edge("JPN", "PRK")
    assert api.network(db_path, actors="all").has_edge("JPN", "PRK")


def test_in_a_one_party_state_the_party_and_the_press_are_the_state(db_path):
    _store(db_path, [("PRK", "MED", "ACCUSE", "USA", "GOV"), ("CHN", "PTY", "SUPPORT", "LAO", "PTY"),
                     ("GBR", "MED", "ACCUSE", "RUS", "GOV"), ("ITA", "PTY", "SUPPORT", "PRK", "GOV"),
                     # the Soviet party after the Soviet Union ended is no state
                     ("SUN", "PTY", "SUPPORT", "CUB", "GOV", date(1992, 3, 1))])
    g = api.network(db_path, at=D)
    assert g.has_edge("PRK", "USA") and g.has_edge("CHN", "LAO")
    assert not g.has_edge("GBR", "RUS") and not g.has_edge("ITA", "PRK")
    assert not api.network(db_path, at=date(1992, 6, 1)).has_edge("SUN", "CUB")
    assert api.network(db_path, at=date(1992, 6, 1), actors="all").has_edge("SUN", "CUB")


def test_a_state_acting_on_a_people_counts(db_path):
    _store(db_path, [("CHN", "GOV", "SUPPORT", "PRK", "PPL"), ("USA", "MIL", "ACCUSE", "KOR", "CVL")])
    g = api.network(db_path)
    assert g.has_edge("CHN", "PRK") and g.has_edge("KOR", "USA")


def test_a_reciprocal_act_counts_whichever_side_was_named_first(db_path):
    # the same joint work, named from the people's side in one story and from the government's in another
    _store(db_path, [("KOR", "PPL", "COOPERATE", "CHN", "GOV"), ("RUS", "GOV", "COOPERATE", "PRK", "PPL"),
                     ("GBR", "PPL", "SUPPORT", "PRK", "GOV")])
    g = api.network(db_path)
    assert g.has_edge("CHN", "KOR") and g.has_edge("PRK", "RUS") and not g.has_edge("GBR", "PRK")


def test_dask_counts_states_as_duckdb_does_and_an_old_export_says_so(db_path, tmp_path):
    import pyarrow.parquet as pq

    _store(db_path, [("GBR", "NGO", "SUPPORT", "PRK", "GOV")] * 3 + [("GBR", "GOV", "ACCUSE", "PRK", None),
                     ("CHN", "GOV", "SUPPORT", "PRK", "GOV")])
    out = tmp_path / "dataset"
    api.export(str(out), "parquet", db_path, partition="year")
    assert api.blocs(parquet=str(out), dask="local") == api.blocs(db_path)
    assert api.blocs(parquet=str(out), dask="local", actors="all") == api.blocs(db_path, actors="all")
    for f in (out / "merged_events").rglob("*.parquet"):  # an export written before the state count
        t = pq.read_table(f)
        pq.write_table(t.drop_columns(["state_mentions"]), f)
    with pytest.raises(QueryError, match="no state_mentions"):
        api.blocs(parquet=str(out), dask="local")
    assert api.blocs(parquet=str(out), dask="local", actors="all") == api.blocs(db_path, actors="all")


def test_a_store_merged_before_the_state_count_is_merged_again_when_opened(db_path):
    _store(db_path, [("GBR", "NGO", "SUPPORT", "PRK", "GOV"), ("CHN", "GOV", "SUPPORT", "PRK", "GOV")])
    con = duckdb.connect(db_path)  # make it a store of schema 4: no state count kept
    con.execute("ALTER TABLE merged_events DROP COLUMN state_mentions")
    con.execute("DELETE FROM schema_version WHERE version = 5")
    con.close()
    g = api.network(db_path)
    assert g.has_edge("CHN", "PRK") and not g.has_edge("GBR", "PRK")
    con = duckdb.connect(db_path, read_only=True)
    kept = dict(con.execute("SELECT source, state_mentions FROM merged_events").fetchall())
    con.close()
    assert kept == {"GBR": 0, "CHN": 1}


def test_an_unknown_actor_scope_is_one_clear_error(db_path, cli):
    _store(db_path, [("CHN", "GOV", "SUPPORT", "PRK", "GOV")])
    with pytest.raises(QueryError, match="--actors must be one of state, all"):
        api.blocs(db_path, actors="states")
    result = cli("blocs", "--db", db_path, "--actors", "people")
    assert result.exit_code != 0 and "--actors must be one of state, all" in result.output


def test_a_bad_one_party_line_names_its_line():
    assert parse_one_party("# comment\nPRK\t1948-09-09\t\nSUN\t1922-12-30\t1991-12-26\n")[1][0] == "SUN"
    with pytest.raises(InputError, match="line 2"):
        parse_one_party("CHN\t1949-10-01\t\nChina\t\t\n")
    with pytest.raises(InputError, match="line 1"):
        parse_one_party("CUB\t1965-13-03\t\n")

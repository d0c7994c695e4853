"""Treaty knowledge base and obligations with real treaties and dates."""

from __future__ import annotations

import json
from datetime import date

import pytest

from blocwatch import api
from blocwatch.errors import KnowledgeError, QueryError
from blocwatch.treaties import TreatyKB, cascade, duties_towards, ties


@pytest.fixture(scope="module")
def kb():
    return TreatyKB.from_package()


def _defenders(kb, state, on):
    return {d.state: d for d in duties_towards(kb, state, on) if d.obligation == "defense"}


def test_every_atop_alliance_is_converted(kb):
    atop = [t for t in kb if t.id.startswith("atop:")]
    curated = [t for t in kb if t.curated]
    assert len(atop) + sum(len(t.data.get("replaces", [])) for t in curated) == 745
    assert all(t.parties and t.citation for t in atop)


def test_north_korea_defenders_change_with_the_date(kb):
    late_2024 = _defenders(kb, "PRK", date(2024, 12, 1))
    assert late_2024["CHN"].treaty_id == "cn-kp-1961" and late_2024["CHN"].article == "Article 2"
    assert late_2024["CHN"].automatic and late_2024["CHN"].status == "in force"
    assert late_2024["RUS"].treaty_id == "ru-kp-2024" and "not yet in force" in late_2024["RUS"].status
    assert _defenders(kb, "PRK", date(2025, 1, 1))["RUS"].status == "in force"
    in_2020 = _defenders(kb, "PRK", date(2020, 1, 1))
    assert "CHN" in in_2020 and "RUS" not in in_2020


def test_soviet_treaty_ended_in_1996(kb):
    assert _defenders(kb, "PRK", date(1990, 1, 1))["RUS"].treaty_id == "su-kp-1961"
    assert "RUS" not in _defenders(kb, "PRK", date(1997, 1, 1))


def test_russia_ukraine_friendship_treaty_ended_in_2019(kb):
    """The curated record replaces ATOP's (which ends in 2018 and would read "last known in force")."""
    def ru_ua(on: date) -> set[tuple[str, str]]:
        return {(t.obligation, t.treaty_id) for t in ties(kb, on) if {t.a, t.b} == {"RUS", "UKR"}}

    assert {("consultation", "ru-ua-1997"), ("nonaggression", "ru-ua-1997")} <= ru_ua(date(2010, 1, 1))
    assert not [tie for tie in ru_ua(date(2025, 1, 1)) if tie[0] == "consultation" or tie[1] == "ru-ua-1997"]
    assert kb.get("atop:4875") is None and kb.get("ru-ua-1997").status(date(2025, 1, 1)).startswith("ended")


def test_us_alliances_are_asymmetric_where_the_treaty_is(kb):
    on = date(2025, 1, 1)
    assert "USA" in _defenders(kb, "JPN", on) and "USA" in _defenders(kb, "KOR", on)
    assert "JPN" not in _defenders(kb, "USA", on)
    assert "KOR" in _defenders(kb, "USA", on)  # the 1953 treaty is mutual


def _nato(kb, on):
    return {d.state for d in duties_towards(kb, "POL", on) if d.treaty_id == "nato-1949" and d.obligation == "defense"}


def test_nato_member_is_defended_by_the_others_with_accession_dates(kb):
    pol = _nato(kb, date(2025, 1, 1))
    assert {"USA", "DEU", "FIN", "SWE"} <= pol and "POL" not in pol
    early = _nato(kb, date(2023, 1, 1))
    assert "FIN" not in early and "USA" in early
    assert "nato-1949" not in {d.treaty_id for d in duties_towards(kb, "POL", date(1998, 1, 1))}


def test_aukus_and_camp_david_carry_no_defence_duty(kb):
    on = date(2025, 1, 1)
    assert not [d for d in duties_towards(kb, "AUS", on) if d.treaty_id == "aukus-2021"]
    camp = [d for d in duties_towards(kb, "JPN", on) if d.treaty_id == "camp-david-2023"]
    assert camp and {d.obligation for d in camp} == {"consultation"}


def test_atop_years_after_2018_are_unknown_not_none(kb):
    cuba = _defenders(kb, "PRK", date(2022, 1, 1)).get("CUB")
    assert cuba is not None and cuba.status.startswith("unknown after 2018")
    assert _defenders(kb, "PRK", date(2010, 1, 1))["CUB"].status == "in force"


def test_cascade_shows_paths(kb):
    rows = cascade(kb, "PRK", date(2025, 1, 1))
    paths = {tuple(r["path"]) for r in rows}
    assert ("PRK", "CHN") in paths and ("PRK", "RUS") in paths
    assert any(r["depth"] == 2 and r["path"][:2] == ["PRK", "RUS"] and len(r["path"]) == 3 for r in rows)
    assert all(r["path"][-1] == r["state"] and r["path"][-2] == r["defends"] for r in rows)


def test_ties_are_directed(kb):
    pairs = {(t.a, t.b, t.obligation) for t in ties(kb, date(2025, 1, 1))}
    assert ("USA", "JPN", "defense") in pairs and ("JPN", "USA", "defense") not in pairs
    assert ("CHN", "PRK", "defense") in pairs and ("PRK", "CHN", "defense") in pairs


def test_bad_country_and_date_are_clear_errors(cli):
    with pytest.raises(QueryError, match="unknown country code 'XXX'"):
        api.obligations("XXX")
    result = cli("obligations", "--attacked", "PRK", "--on", "2024-02-30")
    assert result.exit_code == 2 and result.stderr.startswith("error: --on must be YYYY-MM-DD")


def test_obligations_json_contract(cli):
    result = cli("obligations", "--attacked", "PRK", "--on", "2024-12-01", "--format", "json")
    rows = json.loads(result.stdout)
    keys = {"state", "treaty_id", "treaty_name", "obligation", "article", "conditions", "automatic"}
    assert rows and all(keys <= set(r) for r in rows)
    assert {r["state"] for r in rows if r["obligation"] == "defense"} >= {"CHN", "RUS"}
    by = json.loads(cli("obligations", "--attacked", "PRK", "--by", "CHN", "--format", "json").stdout)
    assert by and {r["state"] for r in by} == {"CHN"}


def test_cascade_path_is_one_list_everywhere_and_the_table_joins_it(cli):
    """The API, the JSON the dashboard reads and the CLI's JSON give ``path`` as a list of states."""
    rows = api.obligations("PRK", "2024-12-01", cascade_=True)
    assert rows and all(isinstance(r["path"], list) and r["path"][0] == "PRK" for r in rows)
    out = json.loads(cli("obligations", "--attacked", "PRK", "--on", "2024-12-01", "--cascade",
                         "--format", "json").stdout)
    assert [r["path"] for r in out] == [r["path"] for r in rows]
    table = cli("obligations", "--attacked", "PRK", "--on", "2024-12-01", "--cascade").stdout
    assert "PRK ← CHN" in table and "PRK ← RUS" in table


def test_user_treaty_file(tmp_path):
    f = tmp_path / "mine.json"
    f.write_text(json.dumps([{"id": "x-1", "name": "Test pact", "parties": ["NOR", "SWE"], "signed": "2030-01-01",
                              "obligations": [{"state": "NOR", "to": ["SWE"], "type": "defense"}]}]))
    kb = TreatyKB.from_package((str(f),))
    assert "NOR" in {d.state for d in duties_towards(kb, "SWE", date(2031, 1, 1))}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "y", "name": "Bad", "parties": ["NOR"], "obligations": [{"state": "NOR", "type": "hugs"}]}]))
    with pytest.raises(KnowledgeError, match="malformed"):
        TreatyKB.from_package((str(bad),))


@pytest.mark.slow
def test_news_sentences_link_to_treaties(nlp):
    from blocwatch.treaties import TreatyLinker

    text = ("China and North Korea marked the anniversary of their 1961 treaty on Sunday. "
            "Under Article 2, each side must help the other at once. "
            "Separately, Russia and North Korea said their new defence pact took effect.")
    mentions = TreatyLinker.from_package().link(nlp(text), article_id="a")
    linked = {(m.treaty_id, m.matched) for m in mentions}
    assert ("cn-kp-1961", "1961 treaty") in linked and ("cn-kp-1961", "Article 2") in linked
    assert any(t == "ru-kp-2024" for t, _ in linked)
    assert all(text[m.sentence_start:m.sentence_end].strip() == m.sentence for m in mentions)

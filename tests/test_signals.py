"""``signals`` on stories we wrote: rituals observed, missing and downgraded; firsts; shifts; treaty steps;
the Atom feed read back by feedparser; the HTTP routes. Real DuckDB files, the rules coder."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from blocwatch import api

LEADERS = "Kim Jong Un sent a message of greetings to Xi Jinping on the anniversary of the treaty."
MINISTERS = ("Chinese Foreign Minister Wang Yi met North Korean Foreign Minister Choe Son Hui on the anniversary "
             "of the treaty.")
OTHER_NEWS = "North Korea accused South Korea of provocations on Monday."


def _story(folder: Path, name: str, day: str, text: str) -> None:
    (folder / f"{name}.jsonl").write_text(json.dumps({"id": name, "title": name.replace("-", " "), "published": day,
                                                      "outlet": "Test Wire", "text": text}) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def ritual_db(tmp_path_factory, rules_pipeline) -> str:
    """Four years of 11 July: leaders mark it (2021, 2022), ministers only (2023), nobody (2024; other news)."""
    tmp = tmp_path_factory.mktemp("rituals")
    corpus = tmp / "corpus"
    corpus.mkdir()
    _story(corpus, "y2021", "2021-07-11", LEADERS + "\n\n" + OTHER_NEWS.replace("Monday", "Sunday"))
    _story(corpus, "y2022", "2022-07-10", LEADERS)
    _story(corpus, "y2023", "2023-07-12", MINISTERS)
    _story(corpus, "y2024", "2024-07-11", OTHER_NEWS)
    db = str(tmp / "rituals.duckdb")
    report = api.ingest([str(corpus)], db, pipeline=rules_pipeline, coder="rules")
    assert report.failed == 0 and report.new == 4
    return db


@pytest.mark.slow
def test_rituals_observed_downgraded_missing(ritual_db):
    found = [s for s in api.signals(ritual_db, kinds="ritual") if "1961" in s["title"]]
    by_year = {s["date"].year: s for s in found}
    assert sorted(by_year) == [2021, 2022, 2023, 2024]
    assert by_year[2021]["status"] == "observed" and by_year[2021]["level"] == "leader"
    assert by_year[2022]["status"] == "observed" and by_year[2022]["level"] == "leader"
    assert by_year[2023]["status"] == "downgraded" and by_year[2023]["level"] == "minister"
    assert by_year[2024]["status"] == "missing" and by_year[2024]["level"] is None and by_year[2024]["evidence"] == []
    assert "observed in 2023 at minister level" in by_year[2024]["title"]
    assert all(s["dyad"] == "CHN-PRK" and s["kind"] == "ritual" for s in found)
    # the evidence is the merged events of that year's message, with its sentence
    evidence = api.signal_evidence(by_year[2022]["evidence"], ritual_db)
    assert evidence and all(e["dyad"] == "CHN-PRK" for e in evidence)
    assert any("message of greetings" in m["sentence"] for e in evidence for m in e["evidence"])
    # --since keeps the later ones; a user calendar adds an occasion
    assert {s["date"].year for s in api.signals(ritual_db, kinds="ritual", since="2023-01-01") if "1961" in s["title"]} \
        == {2023, 2024}


@pytest.mark.slow
def test_a_user_calendar_adds_an_occasion(ritual_db, tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("07-10\tCHN-PRK\tour test occasion\t2000\tgreetings\n", encoding="utf-8")
    found = [s for s in api.signals(ritual_db, kinds="ritual", calendar_files=(str(mine),))
             if "our test occasion" in s["title"]]
    assert {s["date"].year: s["status"] for s in found} == {2021: "observed", 2022: "observed", 2023: "missing",
                                                            2024: "missing"}
    bad = tmp_path / "bad.tsv"
    bad.write_text("7/10\tCHN-PRK\tx\t2000\ty\n", encoding="utf-8")
    with pytest.raises(Exception, match="bad month-day"):
        api.signals(ritual_db, kinds="ritual", calendar_files=(str(bad),))


@pytest.fixture(scope="module")
def shift_db(tmp_path_factory, rules_pipeline) -> str:
    """Ten quiet months of Chile–Peru talks, then a month of accusations; a first accusation after a year."""
    tmp = tmp_path_factory.mktemp("shift")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for m in range(1, 11):
        _story(corpus, f"talks-{m}", f"2022-{m:02d}-05", f"Chile held talks with Peru on trade in meeting {m}.")
    for d in range(1, 9):
        _story(corpus, f"accuse-{d}", f"2022-11-{d * 3:02d}",
               f"Chile accused Peru of violating the border agreement, incident {d}.")
    db = str(tmp / "shift.duckdb")
    assert api.ingest([str(corpus)], db, pipeline=rules_pipeline, coder="rules").failed == 0
    return db


@pytest.mark.slow
def test_shift_and_first_on_a_pair_that_turns(shift_db):
    shifts = api.signals(shift_db, kinds="shift")
    assert [(s["dyad"], s["detail"]["series"], s["detail"]["direction"], s["detail"]["period"]) for s in shifts] == \
        [("CHL-PER", "conflict", "up", "2022-11")]
    s = shifts[0]
    assert s["detail"]["observed"] >= 3 and s["detail"]["baseline"] == 0 and s["score"] > 2
    assert len(s["evidence"]) == s["detail"]["observed"]
    # a stricter false-alarm rate than the test's p-value times the number of tests silences it
    assert api.signals(shift_db, kinds="shift", alpha=s["detail"]["p_value"] * s["detail"]["tests"] / 2) == []
    firsts = api.signals(shift_db, kinds="first", silence=200)
    assert [(f["dyad"], f["detail"]["type"], str(f["date"])) for f in firsts] == [("CHL-PER", "ACCUSE", "2022-11-03")]


@pytest.mark.slow
def test_treaty_steps_are_news_not_history(tmp_path, rules_pipeline):
    corpus = tmp_path / "c"
    corpus.mkdir()
    _story(corpus, "signed", "2024-06-19", "Russia and North Korea signed the Treaty on Comprehensive Strategic "
                                           "Partnership in Pyongyang on Wednesday.")
    _story(corpus, "retold", "2024-07-11", "China and North Korea marked the treaty of friendship signed in 1961, "
                                           "the China-North Korea treaty.")
    db = str(tmp_path / "t.duckdb")
    api.ingest([str(corpus)], db, pipeline=rules_pipeline, coder="rules")
    steps = api.signals(db, kinds="treaty")
    assert [(s["dyad"], s["status"], str(s["date"])) for s in steps] == [("PRK-RUS", "signed", "2024-06-19")]


@pytest.mark.slow
def test_atom_output_reads_back_in_feedparser(ritual_db, cli):
    result = cli("signals", "--db", ritual_db, "--format", "atom", "--kind", "ritual")
    assert result.exit_code == 0, result.output
    feed = feedparser.parse(result.stdout.encode("utf-8"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "blocwatch signals" and feed.version == "atom10"
    signals = [s for s in api.signals(ritual_db, kinds="ritual")]
    assert [e.id for e in feed.entries] == [f"urn:blocwatch:signal:{s['id']}" for s in signals]
    missing = next(e for e in feed.entries if "missing" in e.title)
    assert "status: missing" in missing.summary and missing.published.startswith("2024-07-11")
    assert missing.tags[0].term == "ritual"


@pytest.mark.slow
def test_signals_cli_json_and_errors(ritual_db, cli):
    result = cli("signals", "--db", ritual_db, "--format", "json")
    rows = json.loads(result.stdout)
    assert result.exit_code == 0 and rows and set(rows[0]) >= {"kind", "dyad", "date", "title", "status", "level",
                                                               "score", "evidence"}
    bad = cli("signals", "--db", ritual_db, "--kind", "omens")
    assert bad.exit_code == 2 and "unknown signal kind omens" in bad.output
    assert cli("signals", "--db", ritual_db, "--alpha", "2").exit_code == 2


@pytest.mark.slow
def test_http_signals_routes(ritual_db):
    import httpx

    from test_http import served

    with served(ritual_db) as base, httpx.Client(base_url=base, timeout=30) as client:
        rows = client.get("/api/signals", params={"kind": "ritual"}).json()
        assert rows and {r["status"] for r in rows} >= {"observed", "downgraded", "missing"}
        some = next(r for r in rows if r["evidence"])
        ev = client.get("/api/signal-evidence", params={"ids": ",".join(some["evidence"])})
        assert ev.status_code == 200 and ev.json()[0]["merged_id"] in some["evidence"]
        atom = client.get("/signals.atom")
        assert atom.status_code == 200 and atom.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(atom.content)
        assert not feed.bozo and len(feed.entries) == len(client.get("/api/signals").json())
        assert feed.entries[0].link.startswith(base + "/#/signals?id=")
        bad = client.get("/api/signals", params={"kind": "omens"})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "BW020"


# Four neighbours that talked with Peru early in the year, then each sent its first condolences; three of them
# within three days (a wave), the fourth twelve days later (a first of its own). A treaty day in July.
NEIGHBOURS = {"Chile": ("CHL", "2022-09-12"), "Bolivia": ("BOL", "2022-09-13"), "Ecuador": ("ECU", "2022-09-14"),
              "Argentina": ("ARG", "2022-09-25")}


@pytest.fixture(scope="module")
def wave_db(tmp_path_factory, rules_pipeline) -> str:
    tmp = tmp_path_factory.mktemp("wave")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name, (code, day) in NEIGHBOURS.items():
        for k, month in enumerate(("01", "02", "03"), 1):
            _story(corpus, f"talks-{code}-{k}", f"2022-{month}-10",
                   f"{name} held talks with Peru on fishing rights in round {k}.")
        _story(corpus, f"condolences-{code}", day, f"{name} expressed its condolences to Peru over the earthquake victims.")
    _story(corpus, "treaty-day", "2022-07-11", LEADERS)
    db = str(tmp / "wave.duckdb")
    report = api.ingest([str(corpus)], db, pipeline=rules_pipeline, coder="rules")
    assert report.failed == 0 and report.new == 17
    return db


@pytest.mark.slow
def test_a_wave_of_firsts_toward_one_state_is_one_signal(wave_db, cli):
    apart = api.signals(wave_db, kinds="first", wave=0)
    assert sorted((f["dyad"], f["detail"]["type"], str(f["date"])) for f in apart) == [
        ("ARG-PER", "SUPPORT", "2022-09-25"), ("BOL-PER", "SUPPORT", "2022-09-13"),
        ("CHL-PER", "SUPPORT", "2022-09-12"), ("ECU-PER", "SUPPORT", "2022-09-14")]
    firsts = api.signals(wave_db, kinds="first")
    assert len(firsts) == 2
    wave, single = firsts  # the wave has more events behind it: it comes first in its month
    assert wave["kind"] == "first" and wave["dyad"] is None and str(wave["date"]) == "2022-09-12"
    assert wave["title"] == "first SUPPORT to PER from 3 states within 3 days: BOL, CHL, ECU"
    d = wave["detail"]
    assert (d["hub"], d["direction"], d["states"], d["days"]) == ("PER", "to", ["BOL", "CHL", "ECU"], 3)
    assert d["dyads"] == ["BOL-PER", "CHL-PER", "ECU-PER"]
    assert [m["dyad"] for m in d["members"]] == ["CHL-PER", "BOL-PER", "ECU-PER"]
    members = [f for f in apart if f["dyad"] != "ARG-PER"]
    assert wave["evidence"] == sorted(e for f in members for e in f["evidence"])
    assert wave["score"] == max(f["score"] for f in members)
    assert single["dyad"] == "ARG-PER" and single["title"].startswith("ARG-PER: first SUPPORT (ARG→PER)")
    # the evidence is each state's sentence
    sentences = {m["sentence"] for e in api.signal_evidence(wave["evidence"], wave_db) for m in e["evidence"]}
    assert sentences == {f"{n} expressed its condolences to Peru over the earthquake victims."
                         for n in ("Chile", "Bolivia", "Ecuador")}
    # JSON keeps the shape; the Atom entry names the pairs
    rows = json.loads(cli("signals", "--db", wave_db, "--kind", "first", "--format", "json").stdout)
    assert set(rows[0]) >= {"kind", "dyad", "date", "title", "status", "level", "score", "evidence"}
    assert rows[0]["title"] == wave["title"]
    assert len(json.loads(cli("signals", "--db", wave_db, "--kind", "first", "--wave", "0", "--format",
                              "json").stdout)) == 4
    feed = feedparser.parse(api.signals_atom(firsts).encode("utf-8"))
    assert "dyads: BOL-PER, CHL-PER, ECU-PER" in feed.entries[0].summary


@pytest.mark.slow
def test_a_ritual_ranks_above_a_newer_first(wave_db):
    ranked = api.signals(wave_db)
    assert [s["kind"] for s in ranked] == ["ritual", "first", "first"]
    ritual = ranked[0]
    assert ritual["status"] == "observed" and str(ritual["date"]) == "2022-07-11"
    assert all(ritual["date"] < s["date"] for s in ranked[1:])  # older, yet first


def _first(dyad: str, source: str, target: str, day: str, plover: str) -> dict:
    from datetime import date

    return {"id": dyad + day, "kind": "first", "dyad": dyad, "date": date.fromisoformat(day), "title": dyad,
            "status": None, "level": None, "score": 0.5, "evidence": [dyad],
            "detail": {"type": plover, "source": source, "target": target, "previous": None, "silence_days": 200,
                       "earlier_events": 3}}


def test_waves_of_meetings_go_either_way_and_keep_to_their_days():
    from blocwatch.analysis.signals import rank, waves

    meetings = [_first("FJI-NZL", "NZL", "FJI", "2023-05-01", "CONSULT"),  # a meeting: who hosted is no matter
                _first("NZL-TON", "TON", "NZL", "2023-05-02", "CONSULT"),
                _first("NZL-WSM", "NZL", "WSM", "2023-05-05", "CONSULT"),
                _first("NZL-VUT", "VUT", "NZL", "2023-05-06", "CONSULT")]  # six days after the first: apart
    found = waves(meetings, days=5)
    wave = next(f for f in found if f["dyad"] is None)
    assert wave["title"] == "first CONSULT between NZL and 3 states within 5 days: FJI, TON, WSM"
    assert [f["dyad"] for f in found if f["dyad"]] == ["NZL-VUT"]
    assert len(waves(meetings[:2], days=5)) == 2  # two states are not a wave
    # rank: kind before date; ritual breaks before rituals observed; more evidence first within a month
    old_ritual = {**meetings[0], "id": "r", "kind": "ritual", "status": "observed", "dyad": "A-B"}
    old_break = {**old_ritual, "id": "m", "status": "missing", "date": old_ritual["date"].replace(year=2020)}
    shift = {**meetings[0], "id": "s", "kind": "shift", "score": 9.0}
    ranked = rank([*found, shift, old_ritual, old_break])
    assert [s["id"] for s in ranked] == ["m", "r", "s", wave["id"], "NZL-VUT2023-05-06"]


@pytest.mark.slow
def test_a_treaty_day_counts_only_stories_that_name_that_treaty(tmp_path, rules_pipeline):
    """16 July is the China–Russia treaty's day (2001): a greeting that names another treaty does not mark it."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    greeting = "Russian President Vladimir Putin sent a message of greetings to Chinese President Xi Jinping on the "
    _story(corpus, "y2022", "2022-07-16", greeting + "anniversary of the Treaty of Good-Neighbourliness and Friendly "
                                                     "Cooperation.")
    _story(corpus, "y2023", "2023-07-16", greeting + "anniversary of the Treaty of Friendship, Cooperation and Mutual "
                                                     "Assistance.")
    db = str(tmp_path / "t.duckdb")
    assert api.ingest([str(corpus)], db, pipeline=rules_pipeline, coder="rules").failed == 0
    found = {s["date"].year: s["status"] for s in api.signals(db, kinds="ritual") if s["dyad"] == "CHN-RUS"}
    assert found == {2022: "observed", 2023: "missing"}

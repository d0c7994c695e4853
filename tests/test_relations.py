"""Dedup, timelines, blocs, triads, report and exports on events constructed with known answers."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from itertools import combinations
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from blocwatch import api
from blocwatch.records import ActorSpan, Article, Event
from blocwatch.store import Batch, Store

QUAD = {"CONSULT": (1, 1.0), "SUPPORT": (1, 3.4), "ACCUSE": (3, -2.0), "ASSAULT": (4, -10.0), "AGREE": (1, 3.0)}
N = 0


def _event(article: Article, src: str, plover: str, tgt: str, when: date | None, modality: str = "asserted") -> Event:
    global N
    N += 1
    sentence = f"{src} did {plover} to {tgt} ({N})."
    quad, gold = QUAD[plover]
    return Event(f"e{N}", article.id, sentence, 0, len(sentence), ActorSpan(src, 0, 3, src, src, None),
                 ActorSpan(tgt, len(src) + len(plover) + 8, len(src) + len(plover) + 11, tgt, tgt, None),
                 plover, None, None, quad, gold, modality, when, "day" if when else None, None, "constructed")


def _store(db: str, specs: list[tuple], text: str = "An article about relations between states.") -> None:
    """specs: (article_no, published, src, plover, tgt, event_date[, modality])."""
    arts: dict[int, Article] = {}
    events = []
    for no, published, src, plover, tgt, when, *mod in specs:
        art = arts.setdefault(no, Article(f"art{no}", f"/x/{no}.txt", f"{text} ({no})", title=f"Title {no}",
                                          published=published))
        events.append(_event(art, src, plover, tgt, when, *mod))
    with Store(db) as store:
        store.write_batch(Batch(list(arts.values()), [], events))


D = date(2024, 6, 10)


def test_one_event_reported_by_three_articles_merges(db_path):
    _store(db_path, [(1, D, "CHN", "CONSULT", "PRK", D), (2, D, "PRK", "CONSULT", "CHN", date(2024, 6, 11)),
                     (3, D, "CHN", "CONSULT", "PRK", None), (4, D, "CHN", "CONSULT", "PRK", D, "negated"),
                     (5, D, "CHN", "CONSULT", "PRK", date(2024, 9, 1))])
    merged = api.merged_events(db_path)
    main = [m for m in merged if m["modality"] == "asserted" and m["date"] == D]
    assert len(main) == 1 and main[0]["sources"] == 3 and main[0]["mentions"] == 3
    assert len(main[0]["evidence"]) == 3 and all(e["sentence"] for e in main[0]["evidence"])
    assert sum(1 for m in merged if m["modality"] == "negated") == 1
    assert len(merged) == 3  # the June event, the negated one, the September one
    assert api.summary(db_path)["events"] == 5  # raw mentions are kept


def test_timeline_counts_events_not_mentions(db_path):
    _store(db_path, [(1, D, "CHN", "CONSULT", "PRK", D), (2, D, "CHN", "CONSULT", "PRK", D),
                     (3, D, "PRK", "ACCUSE", "CHN", date(2023, 3, 1)), (4, D, "PRK", "SUPPORT", "CHN", date(2023, 5, 1)),
                     (5, D, "PRK", "SUPPORT", "CHN", date(2023, 7, 1))])
    periods = {p["period"]: p for p in api.relations("PRK-CHN", db_path, "year")}
    assert periods["2024"]["events"] == 1 and periods["2024"]["mentions"] == 2
    assert periods["2023"]["quad_counts"] == {"1": 2, "2": 0, "3": 1, "4": 0}
    assert periods["2023"]["net_cooperation"] == 1
    assert set(periods["2024"]) >= {"period", "events", "quad_counts", "mean_goldstein", "net_cooperation", "evidence"}
    quarters = [p["period"] for p in api.relations("CHN-PRK", db_path, "quarter")]
    assert quarters == ["2023-Q1", "2023-Q2", "2023-Q3", "2024-Q2"]


def _split_specs():
    pos = [("AAA", "BBB"), ("BBB", "CCC"), ("AAA", "CCC"), ("XXA", "XXB"), ("XXB", "XXC"), ("XXA", "XXC")]
    neg = [("AAA", "XXA"), ("BBB", "XXB"), ("CCC", "XXC")]
    specs = [(i, D, a, "SUPPORT", b, D) for i, (a, b) in enumerate(pos)]
    specs += [(10 + i, D, a, "ASSAULT", b, D) for i, (a, b) in enumerate(neg)]
    return specs


def test_two_blocs_split(db_path):
    _store(db_path, _split_specs())
    result = api.blocs(db_path, at=D, window="90d")
    members = sorted(sorted(b["members"]) for b in result["blocs"])
    assert members == [["AAA", "BBB", "CCC"], ["XXA", "XXB", "XXC"]]
    assert result["date"] == D.isoformat() and result["between"][0]["score"] < 0
    assert all(b["cohesion"] > 0 for b in result["blocs"])


def test_blocs_survive_a_weak_positive_bridge(db_path):
    """Two cliques of four, rivals pairwise, one friendly contact across: the positive components fuse
    them and no single move helps, so the split must come from the other starts of the search."""
    left, right = ["AAA", "BBB", "CCC", "DDD"], ["XXA", "XXB", "XXC", "XXD"]
    specs = [(i, D, a, "SUPPORT", b, D)
             for i, (a, b) in enumerate(list(combinations(left, 2)) + list(combinations(right, 2)))]
    specs += [(20 + i, D, a, "ASSAULT", b, D) for i, (a, b) in enumerate(zip(left, right))]
    specs += [(30, D, "AAA", "CONSULT", "XXB", D)]
    _store(db_path, specs)
    first, again = api.blocs(db_path, at=D, window="90d"), api.blocs(db_path, at=D, window="90d")
    assert sorted(sorted(b["members"]) for b in first["blocs"]) == [left, right]
    assert first == again and 0 < first["frustration"] < 0.2


def test_a_country_tied_to_no_one_in_a_bloc_stands_alone(db_path):
    """ZZZ's only tie is a mild quarrel with XXA. A weak bridge fuses the positive components, so the
    split comes from a seeded start that puts ZZZ somewhere arbitrary; no bloc may claim it."""
    left, right = ["AAA", "BBB", "CCC", "DDD"], ["XXA", "XXB", "XXC", "XXD"]
    specs = [(i, D, a, "SUPPORT", b, D)
             for i, (a, b) in enumerate(list(combinations(left, 2)) + list(combinations(right, 2)))]
    specs += [(20 + i, D, a, "ASSAULT", b, D) for i, (a, b) in enumerate(zip(left, right))]
    specs += [(30, D, "AAA", "CONSULT", "XXB", D), (31, D, "ZZZ", "ACCUSE", "XXA", D)]
    _store(db_path, specs)
    result = api.blocs(db_path, at=D, window="90d")
    members = sorted(sorted(b["members"]) for b in result["blocs"])
    assert members == [left, right, ["ZZZ"]]
    alone = next(b for b in result["blocs"] if b["members"] == ["ZZZ"])
    assert alone["cohesion"] is None


def test_a_tie_under_the_noise_floor_pulls_no_one_into_a_bloc(db_path):
    """DDD's only friendly tie is one support of AAA 600 days ago (score about 0.03, under the 0.05 floor);
    it quarrels with XXA now. The faded tie must not make DDD a member of AAA's bloc."""
    from blocwatch.analysis.blocs import NOISE_FLOOR

    specs = _split_specs() + [(40, D, "DDD", "SUPPORT", "AAA", date.fromordinal(D.toordinal() - 600)),
                              (41, D, "DDD", "ACCUSE", "XXA", D)]
    _store(db_path, specs)
    g = api.network(db_path, at=D, window="3y")
    assert 0 < g["AAA"]["DDD"]["weight"] <= NOISE_FLOOR < -g["DDD"]["XXA"]["weight"]  # the network keeps the tie
    result = api.blocs(db_path, at=D, window="3y")
    members = sorted(sorted(b["members"]) for b in result["blocs"])
    assert members == [["AAA", "BBB", "CCC"], ["DDD"], ["XXA", "XXB", "XXC"]]
    assert result["frustration"] == 0.0  # the weak tie across blocs is noise, not frustration


def test_treaty_ties_add_to_event_scores_and_undirected_events_form_no_dyad(db_path):
    _store(db_path, [(1, D, "CHN", "CONSULT", "PRK", D), (2, D, "PRK", "CONSULT", "RUS", D),
                     (3, D, "USA", "ACCUSE", "PRK", D), (4, D, "FRA", "CONSULT", None, D)])
    with_t = api.network(db_path, at=D, window="90d")
    without = api.network(db_path, at=D, window="90d", treaties=False)
    assert with_t["CHN"]["PRK"]["treaty"] >= 0.6 > without["CHN"]["PRK"]["weight"]  # 1961 defence treaty
    assert with_t["CHN"]["PRK"]["weight"] > without["CHN"]["PRK"]["weight"] > 0
    assert with_t["PRK"]["USA"]["weight"] < 0 and "FRA" not in with_t


def test_window_excludes_old_events(db_path):
    _store(db_path, _split_specs())
    assert api.blocs(db_path, at=date(2026, 1, 1), window="30d")["blocs"] == []


def test_balanced_and_unbalanced_triangles(db_path):
    _store(db_path, [(1, D, "AAA", "SUPPORT", "BBB", D), (2, D, "BBB", "ASSAULT", "CCC", D),
                     (3, D, "AAA", "ASSAULT", "CCC", D), (4, D, "XXA", "SUPPORT", "XXB", D),
                     (5, D, "XXB", "SUPPORT", "XXC", D), (6, D, "XXA", "ASSAULT", "XXC", D)])
    (t1,) = api.triads(["AAA", "BBB", "CCC"], db_path, at=D)
    (t2,) = api.triads(["XXA", "XXB", "XXC"], db_path, at=D)
    assert (t1["pattern"], t1["status"]) == ("+−−", "balanced")
    assert t2["status"] == "unbalanced"
    with pytest.raises(Exception, match="three or more"):
        api.triads(["AAA", "BBB"], db_path)


def test_report_escapes_article_text(db_path, tmp_path):
    sentence = "AAA praised <script>alert(1)</script> BBB."
    text = f"Security researchers wrote this.\n\n{sentence}"
    art = Article("artx", "/x/script.html", text, title="<b>bold</b> & more", published=D)
    off = text.index(sentence)
    src = ActorSpan("AAA", off, off + 3, "AAA", "AAA", None)
    tgt = ActorSpan("BBB", off + sentence.index("BBB"), off + sentence.index("BBB") + 3, "BBB", "BBB", None)
    event = Event("ex1", art.id, sentence, off, off + len(sentence), src, tgt, "SUPPORT", None, None, 1, 3.4,
                  "asserted", D, "day", None, "constructed")
    with Store(db_path) as store:
        store.write_batch(Batch([art], [], [event]))
    path = api.report(str(tmp_path / "r.html"), db_path, at=D)
    html = path.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html
    assert "<svg" in html and "http://" not in html.replace("http://www.w3.org", "") and "<script" not in html
    assert "<mark class='src'>AAA</mark>" in html and "<mark class='tgt'>BBB</mark>" in html


def test_exports_are_readable(db_path, tmp_path):
    _store(db_path, _split_specs())
    files = api.export(str(tmp_path / "out"), "parquet", db_path)
    names = sorted(p.name for p in files)
    assert names == ["dyad_timelines.parquet", "events.parquet", "merged_events.parquet"]
    assert pq.read_table(tmp_path / "out" / "events.parquet").num_rows == 9
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'out' / 'merged_events.parquet'}'").fetchone()[0] == 9
    (gexf,) = api.export(str(tmp_path / "g"), "gexf", db_path, at=D)
    (graphml,) = api.export(str(tmp_path / "g"), "graphml", db_path, at=D)
    import networkx as nx
    g = nx.read_graphml(graphml)
    assert set(g.nodes) == {"AAA", "BBB", "CCC", "XXA", "XXB", "XXC"}
    assert g.nodes["AAA"]["bloc"] == g.nodes["CCC"]["bloc"] != g.nodes["XXA"]["bloc"]
    assert all(d["weight"] < 0 for a, b, d in g.edges(data=True) if a.startswith("X") != b.startswith("X"))
    assert gexf.stat().st_size > 0
    for fmt in ("csv", "jsonl"):
        out = api.export(str(tmp_path / fmt), fmt, db_path)
        assert all(p.stat().st_size > 0 for p in out)
    first = json.loads((tmp_path / "jsonl" / "events.jsonl").read_text().splitlines()[0])
    assert first["event_id"] and first["sentence"]


def test_relations_cli_json_and_errors(cli, db_path):
    _store(db_path, [(1, D, "CHN", "CONSULT", "PRK", D)])
    result = cli("relations", "--dyad", "CHN-PRK", "--db", db_path, "--format", "json")
    rows = json.loads(result.stdout)
    assert rows[0]["period"] == "2024" and rows[0]["net_cooperation"] == 1
    csv_lines = cli("relations", "--dyad", "CHN-PRK", "--db", db_path, "--format", "csv").stdout.splitlines()
    assert csv_lines[0].split(",")[:2] == ["period", "events"] and "q1" in csv_lines[0] and len(csv_lines) == 2
    assert cli("relations", "--dyad", "CHN-PRK", "--by", "week", "--db", db_path).exit_code == 2
    assert cli("blocs", "--window", "soon", "--db", db_path).exit_code == 2
    blocs = json.loads(cli("blocs", "--db", db_path, "--format", "json").stdout)
    assert set(blocs) >= {"date", "blocs", "between"}


def test_relations_mentions_flag_counts_raw_mentions(cli, db_path):
    _store(db_path, [(1, D, "CHN", "CONSULT", "PRK", D), (2, D, "PRK", "CONSULT", "CHN", D),
                     (3, D, "CHN", "CONSULT", "PRK", D)])
    merged = json.loads(cli("relations", "--dyad", "CHN-PRK", "--db", db_path, "--format", "json").stdout)
    raw = json.loads(cli("relations", "--dyad", "CHN-PRK", "--db", db_path, "--format", "json",
                         "--mentions").stdout)
    assert merged[0]["events"] == 1 and merged[0]["net_cooperation"] == 1
    assert raw[0]["events"] == 3 and raw[0]["net_cooperation"] == 3
    ev = merged[0]["evidence"][0]
    assert ev["source_text"] in ("CHN", "PRK") and ev["target_text"] in ("CHN", "PRK") and ev["doc_id"]


@pytest.mark.slow
def test_report_renders_in_chromium(db_path, tmp_path):
    browser = shutil.which("chromium")
    if not browser:
        pytest.skip("Debian chromium is not installed (apt-get install chromium); the browser check needs it")
    _store(db_path, _split_specs())
    page = api.report(str(tmp_path / "r.html"), db_path, at=D)
    png = tmp_path / "r.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1200,1600",
                    page.as_uri()], check=True, capture_output=True, timeout=120)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000

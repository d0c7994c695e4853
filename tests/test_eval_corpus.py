"""`blocwatch eval --format corpus`: dating and the share of events with a country on both sides."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow

ARTICLE = ("Ghana and Togo mark 60 years of ties\n\n"
           "Leaders in Accra and Lome celebrated the 60th anniversary of their diplomatic relations on Sunday. "
           "Since the opening of diplomatic ties on March 6, 1964, the two neighbours have traded closely. "
           "Ghana's Foreign Ministry praised Togo for its cooperation on border security. The ministry also "
           "criticised Burkina Faso for closing a crossing.")


def test_eval_corpus_reports_dating_and_country_share(cli, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("eval", tmp_path, "--format", "corpus", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 1 and report["dated_by"] == {"inferred:anniversary": 1}
    assert report["events_with_target"] >= 2
    assert report["country_share"] == report["both_countries"] / report["events_with_target"]
    table = cli("eval", tmp_path, "--format", "corpus")
    assert "country_share" in table.stdout and "how articles were dated" in table.stdout


def test_eval_rejects_an_unknown_format(cli, tmp_path):
    result = cli("eval", tmp_path, "--format", "xml")
    assert result.exit_code == 2 and "supported: plv, real, corpus" in result.stderr

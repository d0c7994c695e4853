"""The same pipeline on Dask workers stores what one process stores."""

from __future__ import annotations

import pytest

from blocwatch import api

TEXTS = [
    "Beijing, March 3, 2024. China and Russia held talks on energy trade in Beijing on Sunday.",
    "Seoul, May 2, 2024. South Korea condemned North Korea for launching a ballistic missile.",
    "Tokyo, June 9, 2024. Japan and the United States agreed to expand joint naval drills.",
]


@pytest.mark.slow
def test_dask_ingest_matches_single_process(tmp_path, pipeline):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(TEXTS):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    one = api.ingest([str(corpus)], str(tmp_path / "one.duckdb"), pipeline=pipeline)
    many = api.ingest([str(corpus)], str(tmp_path / "dask.duckdb"), dask="local", workers=1)
    assert (one.new, many.new) == (3, 3)
    assert one.events == many.events
    rows = {k: api.articles(str(tmp_path / f"{k}.duckdb")) for k in ("one", "dask")}
    assert sorted(r["id"] for r in rows["one"]) == sorted(r["id"] for r in rows["dask"])

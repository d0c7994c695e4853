"""Issue 10 fuzzing, bounded for ``make test``: files, JSONL records, feeds and CLI arguments never
crash blocwatch. Every input gives articles or one-line Failures; no Failure is an internal error.
A longer campaign is ``scripts/fuzz_ingest.py``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocwatch.ingest import IngestOptions, read_sources
from blocwatch.records import Article, Failure
from tests.fuzz_inputs import cli_args, encode, file_case, name_text

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


def _write(folder: Path, cases: list[tuple[str, str]], names: list[str]) -> None:
    for i, ((ext, text), name) in enumerate(zip(cases, names)):
        raw = os.fsencode(folder) + b"/" + f"{i}-".encode() + name.encode("utf-8", "surrogateescape") + ext.encode()
        with open(raw, "wb") as fh:
            fh.write(encode(text))


@FAST
@given(cases=st.lists(file_case, min_size=1, max_size=4), names=st.lists(name_text, min_size=4, max_size=4),
       raw_name=st.binary(min_size=1, max_size=6).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_fuzzed_files_give_articles_or_failures(cases, names, raw_name):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names[0] = raw_name.decode("utf-8", "surrogateescape")  # maybe not UTF-8
        _write(folder, cases, names)
        items = list(read_sources([str(folder)], IngestOptions(doc_seconds=20)))
    assert items
    for item in items:
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Failure):
            assert not item.internal, item
            assert "\n" not in item.reason
        else:
            item.text.encode("utf-8")  # storable: no lone surrogates
            item.path.encode("utf-8")
            assert item.published is None or 1800 <= item.published.year <= 2100


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(cases=st.lists(file_case, min_size=1, max_size=3))
def test_fuzzed_articles_pass_every_stage(rules_pipeline, cases):
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), cases, ["a", "b", "c"])
        articles = [a for a in read_sources([tmp]) if isinstance(a, Article)]
    for result in rules_pipeline.process(articles):
        assert not (isinstance(result, Failure) and result.internal), result


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory):
    from blocwatch.store import Store

    path = str(tmp_path_factory.mktemp("fuzzdb") / "f.duckdb")
    with Store(path):
        pass
    return path


@FAST
@given(args=cli_args)
def test_fuzzed_cli_arguments_give_one_line_errors(cli, empty_db, args):
    command, options = args
    flat = [command, "--db", empty_db, *(x for pair in options for x in pair)]
    if command in ("triads",) and "--countries" not in flat:
        flat += ["--countries", "CHN,PRK,RUS"]
    if command == "relations" and "--dyad" not in flat:
        flat += ["--dyad", "CHN-PRK"]
    result = cli(*flat)
    assert result.exit_code in (0, 1, 2), (flat, result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (flat, result.exception)
    errors = [l for l in result.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) <= 1 and "Traceback" not in result.output
    assert "\x1b" not in result.stderr

"""Shared fixtures: the real spaCy model (loaded once), temp DuckDB files, the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from blocwatch.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def resolver():
    """The packaged actor resolver, built once."""
    from blocwatch.actors import ActorResolver

    return ActorResolver.from_package()


@pytest.fixture(scope="session")
def pipeline(nlp):
    from blocwatch.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture(scope="session")
def rules_pipeline(nlp):
    from blocwatch.pipeline import Pipeline, PipelineOptions

    return Pipeline(PipelineOptions(coder="rules"), nlp=nlp)


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.duckdb")


@pytest.fixture
def cli():
    """Invoke the CLI in-process: ``cli("ingest", path, "--db", db)`` → click Result."""
    from typer.testing import CliRunner

    from blocwatch.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared data not found at {path}; this check needs the shared data set")
    return path

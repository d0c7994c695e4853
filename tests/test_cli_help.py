"""Every command has help text."""

from __future__ import annotations

import typer.main

from blocwatch.cli import app


def _commands():
    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_every_command_has_help(cli):
    names = _commands()
    assert "ingest" in names and "articles" in names
    for name in names:
        result = cli(name, "--help")
        assert result.exit_code == 0, (name, result.output)
        assert "Usage" in result.output
        doc = typer.main.get_command(app).commands[name].help
        assert doc and doc.strip(), f"command {name} has no help text"



def test_api_exports_match_the_submodules_and_load_lazily():
    """``blocwatch.api`` imports its submodules on first use; its table of names matches theirs, a name
    shared with a submodule stays the function, and a query command loads no treaty or import code."""
    import ast
    import importlib
    import subprocess
    import sys

    from blocwatch import api

    for module, names in api._EXPORTS.items():
        loaded = importlib.import_module(f"blocwatch.api.{module}")  # a direct import, as other modules do
        assert tuple(loaded.__all__) == names
    for name in api.__all__:
        assert getattr(api, name) is getattr(importlib.import_module(f"blocwatch.api.{api._HOME[name]}"), name)
    assert all(callable(getattr(api, name)) for name in ("events", "relations", "treaties", "sql"))
    code = ("import sys; from blocwatch import cli; from blocwatch import api; api.events; "
            "print(sorted(m for m in sys.modules if m.startswith('blocwatch.api.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "blocwatch.api.events" in loaded
    assert not {"blocwatch.api.treaties", "blocwatch.api.interop", "blocwatch.api.relations"} & set(ast.literal_eval(loaded))

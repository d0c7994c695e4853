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

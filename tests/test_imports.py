"""The package's structure: every module imports on its own, imports point one way, the README's layout
is the folders'."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import pytest

import blocwatch

PACKAGE = Path(blocwatch.__file__).resolve().parent
REPO = Path(__file__).resolve().parents[1]


def _modules() -> dict[str, Path]:
    """Dotted name → file of every module of the package (a package is its ``__init__.py``)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its file (top, functions, TYPE_CHECKING)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for target in targets:
            while target not in modules and "." in target:
                target = target.rpartition(".")[0]
            if target in modules and target != name:
                found.add(target)
    return found


def test_the_import_graph_has_no_cycle():
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    graph.add_edges_from((name, target) for name, path in modules.items() for target in _imports(name, path, modules))
    assert graph.has_edge("blocwatch.actors.resolve", "blocwatch.actors.coref")  # lazy imports count too
    cycles = sorted(" → ".join(c + [c[0]]) for c in nx.simple_cycles(graph))
    assert cycles == [], "import circles:\n" + "\n".join(cycles)


def _import_alone(name: str) -> tuple[str, int, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE.parent), os.environ.get("PYTHONPATH", "")])}
    if name == "blocwatch.__main__":  # runs the CLI on import
        cmd = [sys.executable, "-m", "blocwatch", "--version"]
    else:
        cmd = [sys.executable, "-c", f"import {name}"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    return name, done.returncode, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""


@pytest.mark.slow
def test_every_module_imports_alone_in_a_fresh_interpreter():
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(_import_alone, _modules()))
    failed = [f"{name}: {err}" for name, rc, err in results if rc != 0]
    assert len(results) > 80 and failed == [], "\n".join(failed)


def test_the_readme_layout_names_every_folder_and_top_level_module():
    readme = (REPO / "README.md").read_text("utf-8")
    layout = readme.split("## Development", 1)[1].split("\n- ", 2)[1]  # the first bullet: "Layout: ..."
    assert layout.startswith("Layout:")
    named = set(re.findall(r"`([\w./]+)`", layout))
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__")}
    top = {p.name for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert folders - named == set() and top - named == set()
    for name in named - {"src/blocwatch/"}:  # every name given is there
        assert (PACKAGE / name).exists() or (REPO / name).exists(), name

"""The shape of the package: no import cycle, small classes, a registry that matches its stages.

The import graph counts every import statement, at module level or inside a function: an import
moved into a function to break a cycle is still a cycle. Imports under ``if TYPE_CHECKING:`` (for
annotations only) are never executed and are left out."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"
MAX_CLASS_LINES = 500


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str, path: Path) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(n) for block in ast.walk(tree) if _is_type_checking_block(block) for n in ast.walk(block)}
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for target in targets:
            if target in MODULES and target != name:
                found.add(target)
    return found


def _is_type_checking_block(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:``: imports for annotations only, never executed, so no part of the import graph."""
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


GRAPH = {name: imported_modules(name, path) for name, path in MODULES.items()}


def _is_package_of(parent: str, child: str) -> bool:
    return child.startswith(parent + ".")


def test_there_is_no_import_cycle():
    """Depth-first search for a back edge. A package's __init__ importing its own submodules (a
    re-export) is not a cycle with them."""
    edges = {n: {m for m in deps if not _is_package_of(n, m)} for n, deps in GRAPH.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_core_imports_nothing_else_of_the_package():
    for name, deps in GRAPH.items():
        if name.startswith("pipeline.core"):
            assert all(d.startswith("pipeline.core") for d in deps), (name, deps)


def test_stages_do_not_import_each_other_or_the_run():
    for name, deps in GRAPH.items():
        parts = name.split(".")
        if len(parts) >= 3 and parts[1] == "stages":
            own = ".".join(parts[:3])
            for dep in deps:
                assert dep.startswith(own) or dep.startswith("pipeline.core") or dep == "pipeline.stages", (name, dep)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_class_is_over_the_size_limit(name):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    big = [
        (n.name, n.end_lineno - n.lineno + 1)
        for n in ast.walk(tree)
        if isinstance(n, ast.ClassDef) and n.end_lineno - n.lineno + 1 > MAX_CLASS_LINES
    ]
    assert not big, f"{name}: classes over {MAX_CLASS_LINES} lines: {big}"


SPACY_FREE = [
    "pipeline",
    "pipeline.settings",
    "pipeline.stages",
    "pipeline.core.records",
    "pipeline.core.rules",
    "pipeline.core.files",
    "pipeline.core.names",
    "pipeline.core.stage",
    "pipeline.run",
    "pipeline.run.extract",
    "pipeline.run.cache",
    "pipeline.run.outputs",
    "pipeline.run.fingerprint",
    "pipeline.ingest",
    "pipeline.schema",
    "pipeline.cli",
    "pipeline.stages.provisions.tables",
]


def test_the_run_bookkeeping_imports_no_spacy():
    """What a no-change rerun imports must not pull in spaCy (it would cost a second of start-up)."""
    code = (
        "import importlib, sys\n"
        f"for m in {SPACY_FREE!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_every_module_imports_alone():
    """Each module imports first, in an interpreter where no module of the package is loaded yet: a
    process with the third-party libraries preloaded forks once per module."""
    names = sorted(n for n in MODULES if n != "pipeline.__main__")
    code = (
        "import importlib, os, sys, traceback\n"
        "import numpy, pandas, pydantic, spacy, spacy.language, spacy.tokens, yaml\n"
        "bad = []\n"
        f"for m in {names!r}:\n"
        "    r, w = os.pipe()\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        os.close(r)\n"
        "        try:\n"
        "            importlib.import_module(m)\n"
        "            os._exit(0)\n"
        "        except BaseException:\n"
        "            os.write(w, traceback.format_exc().strip().splitlines()[-1].encode())\n"
        "            os._exit(1)\n"
        "    os.close(w)\n"
        "    msg = os.read(r, 4096).decode()\n"
        "    os.close(r)\n"
        "    if os.waitpid(pid, 0)[1]: bad.append((m, msg))\n"
        "print(bad)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.stdout.strip() == "[]", run.stdout + run.stderr


def test_the_registry_matches_the_stages():
    from pipeline.stages import OUTPUT_ORDER, REGISTRY, load_stage

    for entry in REGISTRY:
        stage = load_stage(entry.name)
        assert stage.name == entry.name
        assert tuple(stage.outputs) == entry.outputs
        assert importlib.import_module(f"pipeline.stages.{entry.name}.records")
    assert OUTPUT_ORDER[0] == "documents" and len(set(OUTPUT_ORDER)) == len(OUTPUT_ORDER)

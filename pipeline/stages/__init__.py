"""The registry of stages: the only list of stages and of the output files they write.

Importable without spaCy (the no-change rerun and the output-file bookkeeping use it); a stage's
components and records function are imported only when :func:`load_stage` asks for them.

To add a stage: a subpackage ``pipeline/stages/<name>/`` with ``stage.py`` defining ``STAGE`` (see
:class:`pipeline.core.stage.Stage`), and one line in ``REGISTRY`` below.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ..core.stage import Stage


@dataclass(frozen=True)
class StageEntry:
    """A stage as the run sees it before loading it: name, output kinds, stages it needs, and the
    writer of its tables: ``tables(outputs_folder, records_by_kind)`` in ``<stage>/tables.py``, called
    with the records of the whole corpus after the JSONL files are written."""

    name: str
    outputs: tuple[str, ...]
    requires: tuple[str, ...] = ()
    writes_tables: bool = False

    @property
    def module(self) -> str:
        return f"{__name__}.{self.name}.stage"

    def table_writer(self) -> Callable[[Path, dict[str, list[dict[str, Any]]]], None] | None:
        """The stage's table writer (imports no spaCy), or None."""
        if not self.writes_tables:
            return None
        return importlib.import_module(f"{__name__}.{self.name}.tables").write_tables


# In pipeline order: later stages read the spans of earlier ones.
REGISTRY: tuple[StageEntry, ...] = (
    StageEntry("entities", ("entities",)),
    StageEntry("dates", ("dates",)),
    StageEntry("quotes", ("quotes",), requires=("entities",)),
    StageEntry("provisions", ("memoranda", "provisions"), requires=("entities", "dates"), writes_tables=True),
)
STAGE_NAMES: tuple[str, ...] = tuple(e.name for e in REGISTRY)
# Every output file of a run, in the order records are written; errors.jsonl comes last.
OUTPUT_ORDER: tuple[str, ...] = ("documents",) + tuple(k for e in REGISTRY for k in e.outputs)
OUTPUT_KINDS: tuple[str, ...] = OUTPUT_ORDER + ("errors",)


def entries(names: tuple[str, ...] | list[str]) -> list[StageEntry]:
    """The stages asked for plus the ones they require, in pipeline order."""
    available = {e.name: e for e in REGISTRY}
    unknown = [n for n in names if n not in available]
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; choose from {list(available)}")
    wanted, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(available[name].requires)
    return [e for e in REGISTRY if e.name in wanted]


def output_kinds(names: tuple[str, ...] | list[str]) -> list[str]:
    """The output files of a run of these stages, in output order (documents always)."""
    kinds = {"documents"} | {k for e in entries(names) for k in e.outputs}
    return [k for k in OUTPUT_ORDER if k in kinds]


def load_stage(name: str) -> Stage:
    """The stage's ``STAGE`` (imports its components, which registers their factories)."""
    entry = next((e for e in REGISTRY if e.name == name), None)
    if entry is None:
        raise ValueError(f"unknown stage {name!r}; choose from {list(STAGE_NAMES)}")
    return importlib.import_module(entry.module).STAGE


def resolve(names: tuple[str, ...] | list[str]) -> list[Stage]:
    """The loaded stages asked for plus the ones they require, in pipeline order."""
    return [load_stage(e.name) for e in entries(names)]


def all_stages() -> dict[str, Stage]:
    """Every stage, loaded, in pipeline order."""
    return {e.name: load_stage(e.name) for e in REGISTRY}

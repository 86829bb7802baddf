"""The extraction stages and how they plug into the pipeline.

A stage is a set of spaCy components (added to the base model after its NER, in order, unless an
entry carries a third element with ``add_pipe`` placement such as ``{"before": "ner"}``) and a pure
function that turns a processed ``Doc`` into records. ``Stage.outputs`` maps each output file
stem (``entities`` -> ``entities.jsonl``) to the record model written there.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc

from .records import Record


@dataclass(frozen=True)
class Stage:
    name: str
    components: list[tuple]  # (factory, config) or (factory, config, {"before": "ner"})
    outputs: dict[str, type[Record]]
    extract: Callable[[Doc], dict[str, list[Record]]]
    requires: tuple[str, ...] = field(default=())


def all_stages() -> dict[str, Stage]:
    """Every stage, in pipeline order (later stages read the spans of earlier ones)."""
    from . import dates, entities, provisions, quotes

    stages = [entities.STAGE, dates.STAGE, quotes.STAGE, provisions.STAGE]
    return {s.name: s for s in stages}


def resolve(names: tuple[str, ...] | list[str]) -> list[Stage]:
    """The stages asked for plus the ones they require, in pipeline order."""
    available = all_stages()
    unknown = [n for n in names if n not in available]
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; choose from {list(available)}")
    wanted = set(names)
    changed = True
    while changed:
        changed = False
        for n in list(wanted):
            for req in available[n].requires:
                if req not in wanted:
                    wanted.add(req)
                    changed = True
    return [s for n, s in available.items() if n in wanted]

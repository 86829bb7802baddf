"""What a stage is: spaCy components to add, and a pure function from a processed Doc to records.

A stage's components are added to the base model after its NER, in order, unless an entry carries
a third element with ``add_pipe`` placement such as ``{"after": "ner"}``. ``Stage.outputs`` maps
each output file stem (``entities`` -> ``entities.jsonl``) to the record model written there.
The list of stages lives in :mod:`pipeline.stages` (the registry); each stage's ``stage.py``
builds its ``Stage``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .records import Record

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Stage:
    name: str
    components: list[tuple]  # (factory, config) or (factory, config, {"after": "ner"})
    outputs: dict[str, type[Record]]
    extract: Callable[[Doc], dict[str, list[Record]]]

"""Web boilerplate lines: captions, newsletter prompts, related-story links.

The patterns of ``data/boilerplate.yaml`` mark whole lines; the spans go to
``doc.spans["boilerplate"]`` and every extractor skips records that fall inside them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import Field, field_validator
from spacy.language import Language
from spacy.tokens import Doc

from ..core.docs import doc_text
from ..core.guard import guarded
from ..core.rules import DATA_DIR, RuleModel, load_rule_file, rule_file


@rule_file("boilerplate.yaml")
class BoilerplateFile(RuleModel):
    """``boilerplate.yaml``: regular expressions, each searched case-insensitively in one stripped line."""

    lines: list[str] = Field(default_factory=list)

    @field_validator("lines")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for i, pattern in enumerate(patterns):
            try:
                re.compile(pattern, re.I)
            except re.error as exc:
                raise ValueError(f"entry {i} ({pattern!r}) is not a regular expression: {exc}") from None
        return patterns


@lru_cache(maxsize=None)
def boilerplate_patterns(path: str | None = None) -> list[re.Pattern]:
    """Line patterns from ``data/boilerplate.yaml`` (a list of regular expressions under `lines`)."""
    spec = load_rule_file(path or DATA_DIR / "boilerplate.yaml", BoilerplateFile)
    return [re.compile(p, re.I) for p in spec.lines]


def find_boilerplate(text: str, patterns: list[re.Pattern] | None = None) -> list[tuple[int, int]]:
    """Character spans of whole lines that match a boilerplate pattern."""
    patterns = patterns if patterns is not None else boilerplate_patterns()
    # a pattern anchored at the start only needs trying there: match() instead of search() over the line
    tests = [p.match if p.pattern.startswith("^") else p.search for p in patterns]
    spans, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and any(test(stripped) for test in tests):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _no_boilerplate(doc: Doc) -> None:
    doc.spans["boilerplate"] = []


@Language.factory("boilerplate_lines", default_config={"patterns_path": None})
def make_boilerplate_lines(nlp: Language, name: str, patterns_path: str | None):
    patterns = boilerplate_patterns(patterns_path)

    @guarded("layout", "boilerplate_lines", _no_boilerplate)
    def mark_boilerplate(doc: Doc) -> Doc:
        spans = []
        for start, end in find_boilerplate(doc_text(doc), patterns):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["boilerplate"] = spans
        return doc

    return mark_boilerplate

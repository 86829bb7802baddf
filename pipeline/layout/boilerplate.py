"""Web boilerplate lines: captions, newsletter prompts, related-story links.

The patterns of ``data/boilerplate.yaml`` mark whole lines; the spans go to
``doc.spans["boilerplate"]`` and every extractor skips records that fall inside them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from ..core.docs import doc_text
from ..core.guard import guarded
from ..core.rules import DATA_DIR as DATA


@lru_cache(maxsize=None)
def boilerplate_patterns(path: str | None = None) -> list[re.Pattern]:
    """Line patterns from ``data/boilerplate.yaml`` (a list of regular expressions under `lines`)."""
    data = yaml.safe_load(Path(path or DATA / "boilerplate.yaml").read_text(encoding="utf-8")) or {}
    return [re.compile(p, re.I) for p in data.get("lines", [])]


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

"""Layout of an article body: sentence boundaries at line breaks, and boilerplate lines.

News bodies arrive with paragraph breaks that fall inside a sentence (a crawler's or an editor's
slip), hard-wrapped lines (press releases wrapped at 72 columns), bullet lists and headings. The
statistical parser splits sentences at most newlines; :func:`paragraph_sentences` runs before it
and pins boundaries, so that extractors see whole sentences while offsets still index the original
body. Boilerplate lines (captions, newsletter prompts, related-story links) are found by the
patterns in ``data/boilerplate.yaml`` and stored in ``doc.spans["boilerplate"]``; every extractor
skips records that fall inside them.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

import numpy
import yaml
from spacy.attrs import IS_PUNCT, IS_SPACE, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc, Span, Token  # noqa: F401

DATA = Path(__file__).parent / "data"
TERMINAL = {".", "!", "?", ";", ":", "…", "...", "....", "?!"}
QUOTES = {'"', "”", "’", "'", "»", "“"}
CONTINUATION_PUNCT = {",", "-", "–", "—", "(", "/", "&"}
BULLET = re.compile(r"^[ \t]*(?:[-*•·▪‣+]\s|\d{1,3}[.)]\s|\(?[a-z0-9]{1,3}\)\s|#{1,6}\s|>\s)")


def doc_text(doc: Doc) -> str:
    """The doc's text, built once per doc: ``Doc.text`` joins every token on each access (O(n)),
    so reading it per token or per record makes a component quadratic in the article's length.
    (Keyed on the token count, so a doc made from a span with the user data copied is not fooled.)"""
    cached = doc.user_data.get("_text")
    if cached is None or cached[0] != len(doc):
        cached = doc.user_data["_text"] = (len(doc), doc.text)
    return cached[1]


def id_array(ids) -> numpy.ndarray:
    """String or attribute ids as a sorted uint64 array, for :func:`in_ids`."""
    return numpy.array(sorted(set(int(i) for i in ids)), dtype=numpy.uint64)


def in_ids(values: numpy.ndarray, ids: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(values, ids)`` for a sorted ``ids`` (see :func:`id_array`): a binary search per
    value. ``numpy.isin`` sorts both arrays on every call, which costs more than the scan of a
    doc's token attributes it serves."""
    if not len(ids):
        return numpy.zeros(len(values), dtype=bool)
    pos = numpy.searchsorted(ids, values)
    pos[pos == len(ids)] = 0
    return ids[pos] == values


def word_mask(doc: Doc) -> numpy.ndarray:
    """Per token, whether it is a word: neither space nor punctuation (one array op, not a loop over Tokens)."""
    if not len(doc):
        return numpy.zeros(0, dtype=bool)
    return doc.to_array([IS_SPACE, IS_PUNCT]).sum(axis=1) == 0


def _line_of(text: str, char: int) -> str:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return text[start: end if end >= 0 else len(text)]


def is_continuation(doc: Doc, space: Token) -> bool:
    """True when the sentence goes on across the line break held by the whitespace token."""
    if space.i == 0 or space.i + 1 >= len(doc):
        return False
    prev, nxt = doc[space.i - 1], doc[space.i + 1]
    if BULLET.match(doc_text(doc)[nxt.idx: nxt.idx + 12]):
        return False
    prev_line = _line_of(doc_text(doc), prev.idx)
    if prev_line.lstrip().startswith("#") or BULLET.match(prev_line) and space.text.count("\n") >= 2:
        return False
    if prev.text in TERMINAL or (prev.text in QUOTES and prev.i > 0 and doc[prev.i - 1].text in TERMINAL):
        return False
    if nxt.is_lower or nxt.is_punct and nxt.text in {",", ";", ")"}:
        return True
    if prev.text in CONTINUATION_PUNCT:
        return True
    if prev_line.count("[") > prev_line.count("]") or prev_line.count("(") > prev_line.count(")"):
        return True  # a markdown link or a parenthesis wrapped onto the next line
    if prev.is_lower and prev.is_alpha and prev.is_stop:
        return True
    if space.text.count("\n") == 1:
        # a hard wrap: one newline inside a paragraph, the line before is not a short heading
        return len(prev_line.strip()) > 50 and not prev_line.strip().startswith("**")
    return False


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Pin sentence boundaries at line breaks before the parser runs (see module docstring).

    The boundaries are collected first and written in one ``Doc.from_array``: the
    ``Token.is_sent_start`` setter scans the whole doc for a parse on every call, which made this
    component quadratic in the article's length. Later assignments win, as with the setter."""
    starts: dict[int, bool] = {}
    n = len(doc)
    for i in _newline_tokens(doc):
        if i + 1 >= n:
            continue
        starts[i] = False
        if i == 0:
            continue
        tok = doc[i]
        if is_continuation(doc, tok):
            starts[i + 1] = False
        else:
            starts[i + 1] = True
            if doc[i - 1].text in QUOTES:
                starts[i - 1] = False
            _bind_bullet_marker(doc, doc[i + 1], starts)
    _set_sent_starts(doc, starts)
    return doc


def _newline_tokens(doc: Doc) -> list[int]:
    """Indices of the whitespace tokens that hold a line break (one array op over the doc)."""
    if not len(doc):
        return []
    spaces = numpy.flatnonzero(doc.to_array([IS_SPACE]))
    return [int(i) for i in spaces if "\n" in doc[int(i)].text]


def _set_sent_starts(doc: Doc, starts: dict[int, bool]) -> None:
    """``doc[i].is_sent_start = value`` for every item, in one pass."""
    if not starts:
        return
    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)  # what the Token setter says: boundaries cannot be set after the parse
    values = doc.to_array([SENT_START]).astype(numpy.int64)
    for i, value in starts.items():
        values[i] = 1 if value else -1
    doc.from_array([SENT_START], values.astype(numpy.uint64))


def _bind_bullet_marker(doc: Doc, first: Token, starts: dict[int, bool]) -> None:
    """Keep a bullet or list marker ('-', '1.', '(a)') in the sentence of the item it opens."""
    m = BULLET.match(doc_text(doc)[first.idx: first.idx + 12])
    if not m:
        return
    marker_end = first.idx + m.end()
    for tok in doc[first.i + 1: first.i + 6]:
        if tok.idx >= marker_end and not tok.is_space:
            starts[tok.i] = False
            break
        if tok.idx > first.idx:
            starts[tok.i] = False


# ---------------------------------------------------------------- boilerplate

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


@Language.factory("boilerplate_lines", default_config={"patterns_path": None})
def make_boilerplate_lines(nlp: Language, name: str, patterns_path: str | None):
    patterns = boilerplate_patterns(patterns_path)

    def mark_boilerplate(doc: Doc) -> Doc:
        spans = []
        for start, end in find_boilerplate(doc_text(doc), patterns):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["boilerplate"] = spans
        return doc

    return mark_boilerplate


# ---------------------------------------------------------------- helpers for extractors

def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where sentences start (cached on the doc)."""
    cached = doc.user_data.get("_sent_starts")
    if cached is None:
        cached = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        doc.user_data["_sent_starts"] = cached
    return cached


def sentence_index(doc: Doc, char: int) -> int:
    """Index of the sentence holding character ``char``."""
    return max(0, bisect.bisect_right(sentence_starts(doc), char) - 1)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans without their trailing whitespace."""
    text, out = doc_text(doc), []
    for s in doc.sents:
        end = s.end_char
        while end > s.start_char and text[end - 1].isspace():
            end -= 1
        out.append((s.start_char, end))
    return out


def in_boilerplate(doc: Doc, start: int, end: int) -> bool:
    """True when [start, end) lies inside a boilerplate line."""
    for span in doc.spans.get("boilerplate", []):
        if span.start_char <= start and end <= span.end_char:
            return True
    return False


def clean_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace from both ends of a character span."""
    text = doc_text(doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def span_text(doc: Doc, span: Span) -> str:
    return doc_text(doc)[span.start_char: span.end_char]


def doc_id_of(doc: Doc) -> str:
    article = doc._.article or {}
    return str(article.get("doc_id", ""))


def span_fields(doc: Doc, start: int, end: int) -> dict:
    """The common fields of a SpanRecord for [start, end) of ``doc``."""
    return {"doc_id": doc_id_of(doc), "start": start, "end": end, "text": doc_text(doc)[start:end],
            "sentence": sentence_index(doc, start)}

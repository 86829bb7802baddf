"""Sentence boundaries at line breaks, pinned before the parser runs.

News bodies arrive with paragraph breaks that fall inside a sentence (a crawler's or an editor's
slip), hard-wrapped lines (press releases wrapped at 72 columns), bullet lists and headings. The
statistical parser splits sentences at most newlines; :func:`paragraph_sentences` runs before it
and pins boundaries, so that extractors see whole sentences while offsets still index the original
body.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..core.docs import doc_text
from ..core.guard import guarded

TERMINAL = {".", "!", "?", ";", ":", "…", "...", "....", "?!"}
QUOTES = {'"', "”", "’", "'", "»", "“"}
CONTINUATION_PUNCT = {",", "-", "–", "—", "(", "/", "&"}
BULLET = re.compile(r"^[ \t]*(?:[-*•·▪‣+]\s|\d{1,3}[.)]\s|\(?[a-z0-9]{1,3}\)\s|#{1,6}\s|>\s)")


def _line_of(text: str, char: int) -> str:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return text[start : end if end >= 0 else len(text)]


def is_continuation(doc: Doc, space: Token) -> bool:
    """True when the sentence goes on across the line break held by the whitespace token."""
    if space.i == 0 or space.i + 1 >= len(doc):
        return False
    prev, nxt = doc[space.i - 1], doc[space.i + 1]
    if BULLET.match(doc_text(doc)[nxt.idx : nxt.idx + 12]):
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
@guarded("layout", "paragraph_sentences")  # on failure the parser alone sets the boundaries
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
    m = BULLET.match(doc_text(doc)[first.idx : first.idx + 12])
    if not m:
        return
    marker_end = first.idx + m.end()
    for tok in doc[first.i + 1 : first.i + 6]:
        if tok.idx >= marker_end and not tok.is_space:
            starts[tok.i] = False
            break
        if tok.idx > first.idx:
            starts[tok.i] = False

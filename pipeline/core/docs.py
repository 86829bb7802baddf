"""Reading a processed Doc cheaply: its text, token arrays, sentences, boilerplate, record fields.

Every stage uses these; none of them changes the Doc (except caching its text and sentence starts
in ``doc.user_data``).
"""

from __future__ import annotations

import bisect

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401  (Doc._.article)


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
    return doc_text(doc)[span.start_char : span.end_char]


def doc_id_of(doc: Doc) -> str:
    article = doc._.article or {}
    return str(article.get("doc_id", ""))


def span_fields(doc: Doc, start: int, end: int) -> dict:
    """The common fields of a SpanRecord for [start, end) of ``doc``."""
    return {
        "doc_id": doc_id_of(doc),
        "start": start,
        "end": end,
        "text": doc_text(doc)[start:end],
        "sentence": sentence_index(doc, start),
    }

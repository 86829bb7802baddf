"""Bylines: the author named on a line near the top or the bottom of a body is a PERSON.

"By Anna Roe and Ben Poe" and "Margaret T. Holloway May 4, 2025" are bylines; the patterns, the
number of lines looked at and the words that show a line is something else ("Last Updated June 3,
2025") are in ``data/entities/rules.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...core.docs import doc_text
from .rules import Rules


def edge_lines(doc: Doc, n: int, window: int = 160) -> list[tuple[int, str]]:
    """The first and last n non-empty lines with their offsets (windows of the cached body text)."""

    def lines_of(start_tok: int, end_tok: int, skip_first: bool) -> list[tuple[int, str]]:
        if end_tok <= start_tok:
            return []
        base = doc[start_tok].idx
        out, pos = [], base
        last = doc[end_tok - 1]
        parts = doc_text(doc)[base : last.idx + len(last)].split("\n")
        for k, line in enumerate(parts):
            if line.strip() and not (skip_first and k == 0):
                out.append((pos, line))
            pos += len(line) + 1
        return out

    if len(doc) <= 2 * window:
        every = lines_of(0, len(doc), False)
        return every[:n] + every[max(n, len(every) - n) :]
    head = lines_of(0, window, False)[:-1][:n]  # the last line of the window may be cut
    tail_start = len(doc) - window
    tail = lines_of(
        tail_start,
        len(doc),
        doc[tail_start - 1].text.count("\n") == 0 and "\n" not in doc[tail_start - 1].whitespace_,
    )
    return head + tail[-n:]


def byline_spans(doc: Doc, rules: Rules) -> list[Span]:
    """PERSON spans for the author named in a byline near the top or the bottom of the body."""
    n = rules.byline_lines
    candidates = edge_lines(doc, n)
    spans = []
    for offset, line in candidates:
        stripped = line.strip()
        lead = offset + len(line) - len(line.lstrip())
        for pattern in rules.bylines:
            m = pattern.match(stripped)
            if not m:
                continue
            for part in rules.byline_part.finditer(m.group("name")):
                name = part.group(0).strip()
                words = name.split()
                if (
                    not (2 <= len(words) <= 4)
                    or any(w.lower().strip(".") in rules.byline_stopwords for w in words)
                    or not all(w[:1].isupper() for w in words)
                ):
                    continue
                s = lead + m.start("name") + part.start() + (len(part.group(0)) - len(part.group(0).lstrip()))
                span = doc.char_span(s, s + len(name), label="PERSON", alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
            break
    return spans

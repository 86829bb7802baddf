"""Finding quotations by their quotation marks, robustly.

News text mixes straight and curly marks, uses a doubled apostrophe ('') in some papers, nests
single quotes inside double ones, and leaves a paragraph's quotation open when the next
paragraph goes on quoting (the paragraph then opens with a new mark). Marks are also simply
missing or doubled. The scanner works one line (paragraph) at a time so that a stray mark costs
at most its own paragraph, reads the role of an ambiguous mark from the characters around it,
and links the paragraphs of a quotation that runs over several of them.

It is pure string processing (no spaCy): :func:`find_quotations` returns character spans that
include the marks, which is how quotations are printed and how PolNeAR marks their content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEFT_BOUNDARY = set(" \t\n([{—–-/\u00a0")
MID_SENTENCE_STOP = set('.!?:;"”’»)]…')
RIGHT_BOUNDARY = set(" \t\n.,;:!?)]}—–-/\u00a0…")


@dataclass(frozen=True)
class MarkSet:
    """The quotation marks in use (from patterns.yaml)."""

    open: tuple[str, ...] = ("“", "„", "«")
    close: tuple[str, ...] = ("”", "»")
    either: tuple[str, ...] = ('"', "''")
    single_open: tuple[str, ...] = ("‘",)
    single_close: tuple[str, ...] = ("’",)

    def regex(self) -> re.Pattern:
        double = sorted(set(self.open) | set(self.close) | set(self.either), key=len, reverse=True)
        return re.compile("|".join(re.escape(m) for m in double))

    def single_regex(self) -> re.Pattern | None:
        """The one-character single marks (None when there are none): the scan for single
        quotations visits these characters only, not every character of the text."""
        chars = sorted({m for m in (*self.single_open, *self.single_close) if len(m) == 1})
        return re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else None


@dataclass
class Quotation:
    """One quotation: a span [start, end) including its marks, maybe one part of several.

    ``group`` is shared by the paragraphs of a quotation that runs over several paragraphs;
    ``closed`` is False for a part that ends at its paragraph's end without a closing mark;
    ``single`` marks a quotation in single quotes (only used next to a cue)."""

    start: int
    end: int
    group: int
    closed: bool = True
    single: bool = False
    nested: list[tuple[int, int]] = field(default_factory=list)

    @property
    def inner(self) -> tuple[int, int]:
        return self.start, self.end


def _role(text: str, i: int, j: int, marks: MarkSet) -> str:
    """'open', 'close' or 'either', from the mark itself and the characters around it."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[j] if j < len(text) else " "
    left_free = prev in LEFT_BOUNDARY or prev in marks.open
    right_free = nxt in RIGHT_BOUNDARY or nxt in marks.close
    mark = text[i:j]
    if mark in marks.open:
        return "close" if right_free and not left_free else "open"
    if mark in marks.close:
        return "open" if left_free and not right_free else "close"
    if left_free and not right_free:
        return "open"
    if right_free and not left_free:
        return "close"
    return "either"


def _line_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every paragraph, end before its newline.

    A line break inside a sentence (the line ends without closing punctuation and the next
    line starts in lower case: a crawler's or an editor's slip) does not end the paragraph, so
    that a quotation across it stays one quotation."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < end and not text[start:end].isspace():
            prev_start, prev_end = merged[-1]
            prev = text[prev_start:prev_end].rstrip()
            first = text[start:end].lstrip()
            if prev and prev[-1] not in MID_SENTENCE_STOP and first[:1].islower():
                merged[-1] = (prev_start, end)
                continue
        if start < end and not text[start:end].isspace():
            merged.append((start, end))
    return merged


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _first_char(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def find_quotations(text: str, marks: MarkSet | None = None) -> list[Quotation]:
    """Every top-level quotation in double marks, in text order (see the module docstring).

    Never raises: unmatched marks are dropped, and a quotation never crosses a paragraph break
    (other than one inside a sentence, see :func:`_line_spans`)
    (its continuation in the next paragraph is a new part of the same group)."""
    marks = marks or MarkSet()
    pattern = marks.regex()
    out: list[Quotation] = []
    group = 0
    carry: int | None = None  # group of a quotation left open at the end of the previous paragraph
    for lstart, lend in _line_spans(text):
        if lstart >= lend or text[lstart:lend].isspace():
            continue
        first = _first_char(text, lstart, lend)
        found = [(m.start(), m.end()) for m in pattern.finditer(text, lstart, lend)]
        roles = [_role(text, a, b, marks) for a, b in found]
        opens_line = bool(found) and found[0][0] == first and roles[0] != "close"
        if carry is not None and not opens_line:
            carry = None
        open_at: tuple[int, int] | None = None
        open_group: int | None = None
        for (a, b), role in zip(found, roles):
            if open_at is None:
                if role in ("open", "either"):
                    open_at = (a, b)
                    if carry is not None and a == first:
                        open_group = carry
                    else:
                        group += 1
                        open_group = group
                    carry = None
                continue
            if role == "open" and text[a:b] in marks.open and text[open_at[0] : open_at[1]] in marks.open:
                # two opening curly marks: the first was never closed; start again here
                group += 1
                open_at, open_group = (a, b), group
                continue
            if b - open_at[0] > 2 * (b - a) and _is_text(text, open_at[0], b):
                out.append(Quotation(open_at[0], b, open_group))
            open_at = None
        if open_at is not None:
            end = _trimmed_end(text, open_at[1], lend)
            if end - open_at[1] >= 2:
                out.append(Quotation(open_at[0], end, open_group, closed=False))
                carry = open_group
    return _drop_unsupported_open(text, out)


def _is_text(text: str, start: int, end: int) -> bool:
    """A quotation holds words; markup attribute values (id="123") and bare numbers are not quotes."""
    if start > 0 and text[start - 1] == "=":
        return False
    return any(ch.isalpha() for ch in text[start:end])


def _drop_unsupported_open(text: str, quotes: list[Quotation]) -> list[Quotation]:
    """Keep an unclosed part only when the quotation goes on in the next paragraph or when the
    mark opens its paragraph (a missing closing mark); an unclosed mark in mid-paragraph is a
    stray mark, and the text after it is not a quotation."""
    kept = []
    for k, q in enumerate(quotes):
        if q.closed:
            kept.append(q)
            continue
        continues = k + 1 < len(quotes) and quotes[k + 1].group == q.group
        line_start = text.rfind("\n", 0, q.start) + 1
        at_line_start = text[line_start : q.start].strip() == ""
        if continues or at_line_start:
            kept.append(q)
    return kept


def find_single_quotations(
    text: str, marks: MarkSet | None = None, outside: list[Quotation] | None = None
) -> list[Quotation]:
    """Quotations in single curly marks outside double ones (British style, headlines).

    A closing single mark followed by a letter is an apostrophe (don’t) and is skipped."""
    marks = marks or MarkSet()
    outside = outside or []
    blocked = sorted((q.start, q.end) for q in outside)
    out: list[Quotation] = []
    pattern = marks.single_regex()
    if pattern is None or pattern.search(text) is None:
        return out
    for lstart, lend in _line_spans(text):
        open_at = None
        for m in pattern.finditer(text, lstart, lend):
            i = m.start()
            ch = text[i]
            if ch in marks.single_open:
                prev = text[i - 1] if i > 0 else " "
                if prev in LEFT_BOUNDARY or prev in marks.open or prev in marks.either:
                    open_at = i
            elif ch in marks.single_close and open_at is not None:
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if nxt.isalpha():
                    continue
                if i - open_at > 3 and not any(a <= open_at < b for a, b in blocked):
                    out.append(Quotation(open_at, i + 1, -1, single=True))
                open_at = None
    return out

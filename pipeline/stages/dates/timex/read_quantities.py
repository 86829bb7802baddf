"""Word readers for quantities: numbers in digits and in words, fractions, vague numbers
('several'), number ranges ('two to three'), units ('weeks') and offsets ('ago', 'later')
together with the relative words ('last', 'next').

A number in words is built across words in ``Reader.pending`` ("twenty" + "four", "two
hundred", "two and a half") and added to the numbers read when it is complete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .durations import duration_value
from .keywords import (
    A_COUNTS_BEFORE,
    A_COUNTS_BEFORE_ALSO,
    A_IS_NOT_ONE_BEFORE,
    ARTICLES,
    DAY_RANGE_WORDS,
    HALF_ADDS_AFTER,
    HALF_OF,
    IRREGULAR_PLURAL_UNITS,
    NOT_COUNTED_UNITS,
    RANGE_WORDS,
    VAGUE_BEFORE,
)
from .words import FRACTION_RE, NUM_RE

if TYPE_CHECKING:
    from .features import Reader


def fraction(rd: Reader) -> int:
    """'1/2' in '5 1/2 hours'."""
    m = FRACTION_RE.match(rd.w)
    if not m or not int(m.group(2)):
        return 0
    frac = int(m.group(1)) / int(m.group(2))
    if rd.pending is not None:
        rd.pending += frac
    elif rd.r.numbers and rd.r.numbers[-1] is not None:
        rd.r.numbers[-1] += frac
    else:
        rd.pending = frac
    return 1


def digits(rd: Reader) -> int:
    """A number in digits: a year, a day of a month, the end of a range, or a quantity."""
    w, nxt, r = rd.w, rd.nxt, rd.r
    if not NUM_RE.match(w):
        return 0
    if w.count(".") > 1:
        return 1
    v = float(w.replace(",", ""))
    prev = rd.at(-1) if rd.i > 0 else ""
    if 1000 <= v <= 2199 and "," not in w and "." not in w and rd.pending is None:
        return _year_digits(rd, v)
    if (
        r.month is not None
        and 1 <= v <= 31
        and v == int(v)
        and nxt not in rd.lex.units
        and (r.day is None or prev in DAY_RANGE_WORDS)
    ):
        if r.day is None:
            r.day = int(v)
        else:
            r.day2 = int(v)
    elif nxt in rd.lex.months and 1 <= v <= 31 and r.day is None:
        r.day = int(v)
    elif nxt == "-" and rd.at(2) in rd.lex.months and 1 <= v <= 31:
        r.day = int(v)
    elif r.year is not None and prev in ("-", "/") and v < 100 and r.numbers == [] and rd.pending is None:
        yy = int(v)  # "1990-91"
        r.year2 = (r.year // 100) * 100 + yy if yy > r.year % 100 else (r.year // 100 + 1) * 100 + yy
    elif rd.pending is not None and rd.pending >= 20 and rd.pending % 10 == 0 and v < 10:
        rd.pending += v
    else:
        rd.flush()
        rd.pending = v
    return 1


def _year_digits(rd: Reader, v: float) -> int:
    """'2024' (a year; a second one ends a range: '2024 and 2025'), '1990s' split as '1990' + 's',
    but '1500 years' (a count of units)."""
    r, nxt = rd.r, rd.nxt
    if nxt in rd.lex.units and nxt not in NOT_COUNTED_UNITS:
        rd.pending = v  # "1500 years" counts units
        return 1
    if nxt in ("'s", "s"):
        r.decade = int(v) // 10
        return 2
    if r.year is None:
        r.year = int(v)
    else:
        r.year2 = int(v)
    return 1


def number_word(rd: Reader) -> int:
    """'two', 'twenty four', 'a hundred', 'a couple', 'half', 'and a half'."""
    r, w, nxt, lex = rd.r, rd.w, rd.nxt, rd.lex
    if w in ARTICLES and nxt == "half" and rd.at(-1) == "and" and rd.i > 0:
        return 1  # "a minute and a half": the half is added to the number before
    if w not in lex.numbers or (w in ARTICLES and (nxt in A_IS_NOT_ONE_BEFORE or not nxt)):
        return 0
    v = lex.numbers[w]
    if w in ARTICLES and (
        nxt not in lex.units
        and nxt not in A_COUNTS_BEFORE + A_COUNTS_BEFORE_ALSO
        or nxt in lex.numbers
        and nxt not in A_COUNTS_BEFORE
    ):
        return 1  # an article, not "one": "a two-year truce"
    prev = rd.at(-1) if rd.i > 0 else ""
    if w in lex.multipliers:
        if rd.pending is not None:
            rd.pending *= v
        elif r.numbers and r.numbers[-1] is not None and prev != "-":
            r.numbers[-1] *= v
        else:
            rd.pending = v
    elif w == "half":
        _half(rd, prev)
    elif w == "couple":
        rd.pending = 2
    elif rd.pending is not None and rd.pending >= 20 and rd.pending % 10 == 0 and v < 10:
        rd.pending += v
    else:
        rd.flush()
        rd.pending = v
    return 1


def _half(rd: Reader, prev: str) -> None:
    """'half' adds to a number ('two and a half'), is a number ('half a year') or a half-year."""
    r, nxt = rd.r, rd.nxt
    if rd.pending is not None:
        rd.pending += 0.5
    elif r.numbers and r.numbers[-1] is not None and prev in HALF_ADDS_AFTER:
        r.numbers[-1] += 0.5
    elif nxt in HALF_OF:
        if nxt == "of" and r.ordinal:
            r.quarter = "H"
        if r.quarter is None:
            rd.pending = 0.5
    elif nxt in rd.lex.units or (nxt == "a" and rd.at(2) in rd.lex.units):
        rd.pending = 0.5
    else:
        r.quarter = "H"


def vague_number(rd: Reader) -> int:
    """'several', 'few', 'many' before a unit: a number without a value."""
    if rd.w in rd.lex.vague_numbers and (
        rd.nxt in rd.lex.units or rd.nxt in VAGUE_BEFORE or rd.nxt in rd.lex.vague_numbers
    ):
        rd.flush()
        rd.r.numbers.append(None)
        return 1
    return 0


def number_range(rd: Reader) -> int:
    """'to' / 'or' between two numbers: 'two to three weeks'."""
    r, nxt = rd.r, rd.nxt
    if (
        rd.w in RANGE_WORDS
        and (rd.pending is not None or (r.numbers and r.numbers[-1] is not None))
        and nxt
        and (NUM_RE.match(nxt) or nxt in rd.lex.numbers)
    ):
        rd.flush()
        return 1
    return 0


def unit(rd: Reader) -> int:
    """'days', 'a fortnight' (two weeks), 'five-year' (adjectival); 'weeks or months' keeps the
    second unit as the end of a vague range."""
    r, w = rd.r, rd.w
    if w not in rd.lex.units:
        return 0
    rd.flush()
    u = rd.lex.units[w]
    if r.unit and r.unit_plural and not r.numbers and w.endswith("s") and rd.at(-1) in RANGE_WORDS:
        # "weeks or months": the first unit is the value, the second ends the range
        r.unit2 = duration_value(None, u["code"], bool(u.get("time")))
        return 1
    r.unit, r.unit_time = u["code"], bool(u.get("time"))
    r.unit_plural = w.endswith("s") or w in IRREGULAR_PLURAL_UNITS
    if u.get("factor"):
        r.numbers = [(x or 1) * u["factor"] for x in (r.numbers or [1])]
    r.unit_adjectival = rd.at(-1) == "-" and rd.i > 0
    return 1


def offset(rd: Reader) -> int:
    """'ago', 'earlier', 'later' after a quantity; a relative word ('last', 'next')."""
    r, w = rd.r, rd.w
    if w in rd.lex.offset_words and (
        r.unit or r.numbers or rd.pending is not None or r.weekday is not None or r.deictic is not None
    ):
        rd.flush()
        r.offset, r.offset_word = rd.lex.offset_words[w], w
        return 1
    if w in rd.lex.relative_words:
        r.relative, r.relative_word = rd.lex.relative_words[w], w
        return 1
    return 0

"""Word readers for calendar words: holidays and other multi-word names, whole-date tokens,
decades, ordinals, months, weekdays, seasons, quarters and halves, deictic days, parts of the day.

Each reader takes the :class:`.features.Reader` at a word and returns the number of words it
read (0: not its kind of word); :data:`.reading.READ_ORDER` says which is tried first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..rules import Lexicon
from .keywords import (
    CENTURY_WORDS,
    HALF_WORDS,
    LAST_BEFORE,
    LAST_ORDINALS,
    NIGHT_DEICTICS,
    NIGHT_WORDS,
    NOT_A_HOLIDAY_ALONE,
    QUARTER_WORDS,
    SECOND_IS_ORDINAL_AFTER,
    YEAR_AGO_WORDS,
)
from .words import DECADE_RE, ISO_RE, NUM_RE, NUMERIC_DATE_RE, ORD_RE, TWO_DIGITS_RE

if TYPE_CHECKING:
    from .features import Reader


def phrase(rd: Reader) -> int:
    """Multi-word readings: 'from now', 'year-earlier', 'year-end', holiday names."""
    r, w, nxt = rd.r, rd.w, rd.nxt
    pair = f"{w} {nxt}" if nxt else ""
    if pair in rd.lex.offset_words:
        r.offset, r.offset_word = rd.lex.offset_words[pair], pair
        return 2
    if w == "year" and nxt == "-" and rd.at(2) in YEAR_AGO_WORDS:
        r.year_ago = True
        return 3
    if w == "year" and (nxt == "end" or (nxt in ("-", "'s") and rd.at(2) == "end")):
        r.year_end = True
        return 2 if nxt == "end" else 3
    key = holiday_at(rd.words, rd.i, rd.lex)
    if key:
        r.holiday = ("H", key[0])  # resolved later with the year
        return key[1]
    return 0


def holiday_at(words: list[str], i: int, lex: Lexicon) -> tuple[str, int] | None:
    """The holiday name (lexicon key) starting at word i and its length in words."""
    for k in (4, 3, 2, 1):
        if i + k <= len(words):
            key = " ".join(words[i : i + k]).replace(" 's", "'s").replace(" '", "'")
            if key in lex.holidays and not (k == 1 and key in NOT_A_HOLIDAY_ALONE):
                return key, k
    return None


def date_token(rd: Reader) -> int:
    """A whole date in one token: '2025-06-03', '6/3/2025'."""
    r = rd.r
    m = ISO_RE.match(rd.w)
    if m:
        r.year, r.month, r.day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return 1
    m = NUMERIC_DATE_RE.match(rd.w)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        mo, dd = (a, b) if a <= 12 else (b, a)
        if 1 <= mo <= 12 and 1 <= dd <= 31:
            r.year, r.month, r.day = y, mo, dd
        return 1
    return 0


def decade(rd: Reader) -> int:
    """'1990s', "'90s", 'the nineties', "'98"."""
    r, w = rd.r, rd.w
    m = DECADE_RE.match(w)
    if m:
        rd.flush()
        digits = m.group(1)
        r.decade = int(digits) // 10 if len(digits) == 4 else two_digit_decade(int(digits) // 10, rd.dct_year)
        return 1
    if w in rd.lex.decade_words:
        r.decade = two_digit_decade(rd.lex.decade_words[w], rd.dct_year)
        return 1
    if w == "'" and TWO_DIGITS_RE.match(rd.nxt):
        yy = int(rd.nxt)
        r.year = (1900 + yy) if yy >= 30 else (2000 + yy)
        return 2
    return 0


def two_digit_decade(d: int, dct_year: int | None) -> int:
    """'the 90s' -> 199: the latest such decade that has begun by the reference year."""
    if dct_year is None:
        return 190 + d
    latest = (dct_year // 100) * 10 + d
    return latest - 10 if latest * 10 > dct_year else latest


def ordinal_token(rd: Reader) -> int:
    """'16th' (a day next to a month), '20th century', '3rd quarter'."""
    m = ORD_RE.match(rd.w)
    if not m or NUM_RE.match(rd.w):
        return 0
    r, nxt, v = rd.r, rd.nxt, int(m.group(1))
    if nxt in CENTURY_WORDS:
        r.century = v
        return 2
    if r.month is not None or nxt in rd.lex.months or (nxt == "of" and rd.at(2) in rd.lex.months):
        r.day = v
    else:
        r.ordinal = v
    return 1


def month(rd: Reader) -> int:
    """'June', 'Sept' (the first month named counts; 'may' after a month is the verb)."""
    if rd.w in rd.lex.months and not (rd.w == "may" and rd.r.month is not None):
        rd.flush()
        if rd.r.month is None:
            rd.r.month = rd.lex.months[rd.w]
        return 1
    return 0


def weekday(rd: Reader) -> int:
    """'Friday'; 'Mondays' is a set ("on Mondays")."""
    w = rd.w
    if w in rd.lex.weekdays:
        rd.r.weekday = rd.lex.weekdays[w]
        return 1
    if w.endswith("s") and w[:-1] in rd.lex.weekdays and len(w) > 4:  # "on Mondays"
        rd.r.weekday, rd.r.every = rd.lex.weekdays[w[:-1]], True
        return 1
    return 0


def season(rd: Reader) -> int:
    """'summer', 'autumn'."""
    if rd.w in rd.lex.seasons:
        rd.r.season = rd.lex.seasons[rd.w]
        return 1
    return 0


def quarter(rd: Reader) -> int:
    """'quarter' as a fiscal quarter (after an ordinal, a year, 'fiscal' or 'last'), 'half',
    'century' after an ordinal; otherwise 'quarter' is a unit ('three quarters')."""
    r, w = rd.r, rd.w
    if w in QUARTER_WORDS and (
        r.ordinal is not None
        or r.year is not None
        or r.fiscal
        or (r.relative is not None and not r.numbers and rd.pending is None)
    ):
        rd.flush()
        r.quarter, r.unit_plural = "Q", w == "quarters"
        return 1
    if w in HALF_WORDS and r.ordinal is not None:
        r.quarter = "H"
        return 1
    if w in CENTURY_WORDS and r.ordinal is not None:
        r.century, r.ordinal = r.ordinal, None
        return 1
    return 0


def ordinal_word(rd: Reader) -> int:
    """'third' (quarter), 'first' (half); 'second' after a number is a unit; 'last' is an
    ordinal only before a quarter or half ('the last quarter of 1989')."""
    r, w, nxt = rd.r, rd.w, rd.nxt
    if w not in rd.lex.ordinals:
        return 0
    if w == "second" and (rd.pending is not None or (r.numbers and rd.at(-1) not in SECOND_IS_ORDINAL_AFTER)):
        return 0
    if w in LAST_ORDINALS and nxt not in LAST_BEFORE:
        return 0
    if w == "last" and nxt in QUARTER_WORDS and not r.the and rd.i + 2 >= len(rd.words):
        r.relative, r.relative_word = rd.lex.relative_words["last"], "last"  # "last quarter"
        return 1
    rd.flush()
    r.ordinal = rd.lex.ordinals[w]
    return 1


def deictic_day(rd: Reader) -> int:
    """'yesterday', 'today'; 'tonight' and 'overnight' are also the night."""
    w = rd.w
    if w in rd.lex.deictic_days:
        rd.r.deictic, rd.r.deictic_word = rd.lex.deictic_days[w], w
        if w in NIGHT_DEICTICS:
            rd.r.pod = "NI"
        return 1
    return 0


def part_of_day(rd: Reader) -> int:
    """'morning', 'Tuesday nights' (a set); 'three nights' is a duration (the unit reads it)."""
    r, w = rd.r, rd.w
    if w in rd.lex.parts_of_day and not (w in NIGHT_WORDS and (rd.pending is not None or r.numbers)):
        r.pod = rd.lex.parts_of_day[w]
        if w.endswith("s") and r.weekday is not None:
            r.every = True  # "Tuesday nights"
        return 1
    return 0

"""Reading an expression's words into features (:class:`Reading`), in one left-to-right pass.

The reader is compositional rather than one function per pattern: each word reader tries the
word at the cursor and returns how many words it consumed (0: not its kind of word); the first
of :data:`READ_ORDER` that reads a word wins. The word readers live by kind: calendar words
(:mod:`.read_calendar`), clock times (:mod:`.read_clock`), quantities, units and offsets
(:mod:`.read_quantities`); the words that only set a flag are read here. A word that no reader
reads carries nothing for the value and is skipped ("the", "of", "latest", "local time", "GMT").
"""

from __future__ import annotations

from ..rules import Lexicon
from . import read_calendar as calendar
from . import read_clock as clock
from . import read_quantities as quantities
from .features import Reader, Reading
from .keywords import BARE_OFFSETS


def read(words: list[str], lex: Lexicon, dct_year: int | None = None) -> Reading:
    """Read the features of an expression's words (already split by :func:`.words.split_words`)."""
    reader = Reader(words, lex, dct_year)
    n = len(reader.words)
    while reader.i < n:
        reader.w = reader.words[reader.i]
        reader.nxt = reader.words[reader.i + 1] if reader.i + 1 < n else ""
        for read_word in READ_ORDER:
            used = read_word(reader)
            if used:
                reader.i += used
                break
        else:
            reader.i += 1  # a word no reader reads carries nothing: 'the', 'of', 'latest', 'GMT'...
    reader.flush()
    spelled_year(reader.r)
    return reader.r


def flag_word(rd: Reader) -> int:
    """Set, fiscal and reporting-period words ('every', 'fiscal', 'period'), and 'ago' / 'earlier'
    without a quantity before them ('the year-earlier quarter')."""
    r, w = rd.r, rd.w
    lex = rd.lex
    if w in lex.set_words:
        r.every = True
    elif w in lex.fiscal_words:
        r.fiscal = True
    elif w in lex.period_words:
        r.period = True
    elif w in BARE_OFFSETS:
        if r.offset is None:
            r.offset, r.offset_word = lex.offset_words[w], w
    else:
        return 0
    return 1


# The word readers, in the order they are tried: the first that reads a word wins, so the order
# matters (a clock time before a number, a number before a month day, an ordinal before a unit).
READ_ORDER = (
    calendar.phrase,
    clock.clock_time,
    calendar.date_token,
    calendar.decade,
    calendar.ordinal_token,
    quantities.fraction,
    quantities.digits,
    quantities.number_word,
    quantities.vague_number,
    quantities.number_range,
    calendar.month,
    calendar.weekday,
    calendar.season,
    calendar.quarter,
    calendar.ordinal_word,
    calendar.deictic_day,
    calendar.part_of_day,
    quantities.unit,
    quantities.offset,
    flag_word,
)


def spelled_year(r: Reading) -> None:
    """'nineteen ninety-six' -> 1996, 'the year two thousand' -> 2000 (broadcast transcripts)."""
    if r.year is not None or r.clock is not None:
        return
    nums = [x for x in r.numbers if x is not None]
    if (
        len(nums) == 2
        and len(r.numbers) == 2
        and nums[0] in (19, 20)
        and 10 <= nums[1] < 100
        and (r.unit is None or (r.unit == "Y" and r.the))
    ):
        r.year, r.numbers, r.unit = int(nums[0] * 100 + nums[1]), [], None
    elif (
        len(nums) == 1
        and len(r.numbers) == 1
        and r.unit == "Y"
        and r.the
        and 1000 <= nums[0] <= 2100
        and "year" in r.words
        and r.words.index("year") < len(r.words) - 1
    ):
        r.year, r.numbers, r.unit = int(nums[0]), [], None

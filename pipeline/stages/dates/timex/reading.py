"""Reading an expression's words into features (:class:`Reading`), in one left-to-right pass.

The reader is compositional rather than one function per pattern: each word reader tries the
word at the cursor and returns how many words it consumed (0: not its kind of word); the first
of :data:`READ_ORDER` that reads a word wins. The word readers live by kind: calendar words
(:mod:`.read_calendar`), clock times (:mod:`.read_clock`), quantities, units and offsets
(:mod:`.read_quantities`); the words that only set a flag are read here. A word that no reader
reads carries nothing for the value and is skipped ("the", "of", "latest", "local time", "GMT").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules import Lexicon
from . import read_calendar as calendar
from . import read_clock as clock
from . import read_quantities as quantities
from .keywords import BARE_OFFSETS
from .words import strip_mods


@dataclass
class Reading:
    """Features read from the words."""

    mod: str | None = None
    mods: list[str] = field(default_factory=list)
    the: bool = False
    numbers: list[float | None] = field(default_factory=list)  # None = vague (several, few)
    number_range: tuple[float, float] | None = None
    unit: str | None = None
    unit_time: bool = False
    unit_plural: bool = False
    unit_adjectival: bool = False  # "five-year"
    unit2: str | None = None  # "weeks or months": the duration value of the second unit (PXM)
    month: int | None = None
    day: int | None = None
    day2: int | None = None  # "May 23-25"
    year: int | None = None
    year2: int | None = None
    weekday: int | None = None
    season: str | None = None
    ordinal: int | None = None
    quarter: str | None = None  # "Q" or "H"
    pod: str | None = None
    clock: tuple[int, int] | None = None
    ampm: str | None = None
    deictic: int | None = None
    deictic_word: str | None = None
    relative: dict | None = None
    relative_word: str | None = None
    offset: dict | None = None
    offset_word: str | None = None
    decade: int | None = None  # e.g. 199 or 9 (century unknown)
    century: int | None = None
    every: bool = False
    fiscal: bool = False
    holiday: tuple[str, str] | None = None
    year_ago: bool = False  # "year-earlier", "year-ago": the same period a year before
    year_end: bool = False  # "year-end", "year's end"
    period: bool = False  # "the latest period", "the 1989 period" (a reporting period)
    words: list[str] = field(default_factory=list)


class Reader:
    """The cursor of one pass: the words (modifiers taken off), the position ``i`` with its word
    ``w`` and the next one ``nxt``, the features read so far ``r``, and a number being built
    (``pending``: "twenty" waiting for "four")."""

    def __init__(self, words: list[str], lex: Lexicon, dct_year: int | None):
        self.r = Reading(words=list(words))
        self.lex, self.dct_year = lex, dct_year
        self.words, self.r.mods = strip_mods(list(words), lex)
        self.r.mod = self.r.mods[0] if self.r.mods else None
        self.r.the = "the" in self.words
        self.pending: float | None = None  # a number being built ("twenty" + "four")
        self.i = 0
        self.w = self.nxt = ""

    def flush(self) -> None:
        """The number being built is complete: add it to the numbers read."""
        if self.pending is not None:
            self.r.numbers.append(self.pending)
            self.pending = None

    def at(self, k: int) -> str:
        """The word k places from the cursor ('' outside the words)."""
        j = self.i + k
        return self.words[j] if 0 <= j < len(self.words) else ""


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

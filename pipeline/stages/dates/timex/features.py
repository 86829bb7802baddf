"""The features read from an expression's words (:class:`Reading`) and the cursor of the reading
pass (:class:`Reader`) that the word readers of :mod:`.read_calendar`, :mod:`.read_clock` and
:mod:`.read_quantities` advance."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules import Lexicon
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

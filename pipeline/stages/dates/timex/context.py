"""What the normaliser knows beyond the words (:class:`Context`) and what it returns (:class:`Timex`).

The context is set by the component for each expression of an article: the publication date,
the tense of the governing verb, and the discourse state (the last date and the first fiscal
quarter the article mentioned), which anaphoric expressions ("the following day", "a year
earlier", "the quarter") are read against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .points import Point, coarsen, shift


@dataclass
class Context:
    """What the normaliser knows beyond the words."""

    dct: date | None = None  # publication date
    tense: str | None = None  # past, present, future (of the governing verb)
    ref: Point | None = None  # the last calendar point the text mentioned (for anaphora)
    quarter: Point | None = None  # the last fiscal quarter mentioned (financial news)


@dataclass
class Timex:
    """A TIMEX3 reading: type, value, mod, and how it was resolved."""

    type: str
    value: str | None
    mod: str | None = None
    anchor: str | None = None
    relative: bool = False
    range_start: str | None = None
    range_end: str | None = None
    point: Point | None = field(default=None, repr=False)  # resolved calendar point (for discourse ref)
    anaphoric: bool = False
    sets_quarter: bool = False  # an explicit fiscal quarter: later "the quarter", "a year ago" refer to it


def anchor_iso(ctx: Context) -> str | None:
    """The publication date as the ``anchor`` of a relative value (None without one)."""
    return ctx.dct.isoformat() if ctx.dct else None


def reporting_quarter(ctx: Context) -> Point | None:
    """The quarter 'the quarter' / 'the latest period' refers to: the first one the article
    named, else the last quarter completed before publication (what results published in
    October report on)."""
    if ctx.quarter is not None:
        return ctx.quarter
    if ctx.dct is None:
        return None
    return shift(coarsen(Point(ctx.dct, "day"), "quarter"), "Q", -1)


def anchor_point(ctx: Context, anaphoric: bool) -> Point | None:
    """The day an offset counts from: the last date mentioned for 'a week earlier', else the
    publication date ('three years ago')."""
    if anaphoric and ctx.ref is not None:
        return Point(ctx.ref.d, "day")
    return Point(ctx.dct, "day") if ctx.dct else None

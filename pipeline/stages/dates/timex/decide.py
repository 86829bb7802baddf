"""The decision list: features read from the words -> a TIMEX3 value.

:data:`DECISION_LIST` is an ordered table of rules, each a test on the :class:`.features.Reading`
and a builder of the value. The first rule whose test holds decides; a builder returns None when
the words are not that kind of expression after all, and then the normaliser gives up, except
for rules marked ``final=False`` (a fixed expression, a named calendar period, a quarter), after
which the next rules are tried. The order is the priority of the readings: "the year-end" is
not a year, "every Friday" is a set, not a Friday; "10 p.m. Wednesday" is a time, not a day.

The builders of one rule live here; the families of builders live in :mod:`.periods` (named
calendar periods), :mod:`.units` (durations and unit-based points) and :mod:`.clock` (times).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from ..rules import Lexicon
from .clock import an_hour_of_the_day, clock_value
from .context import Context, Timex, reporting_quarter
from .durations import duration_value, format_number
from .features import Reading
from .keywords import FORWARD_RELATIVES, NIGHT_DEICTICS
from .periods import named_period, quarter_value, season_value, weekday_value
from .points import Point, shift
from .units import unit_value
from .words import strip_mods


@dataclass(frozen=True)
class Rule:
    """One line of the decision list: when ``applies`` holds, ``build`` decides the value."""

    name: str
    applies: Callable[[Reading], bool]
    build: Callable[[Reading, Context, Lexicon], Timex | None]
    final: bool = True  # False: when ``build`` finds nothing, the next rules are tried


def decide(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """The value of the first rule of :data:`DECISION_LIST` that applies (None: not temporal)."""
    for rule in DECISION_LIST:
        if rule.applies(r):
            t = rule.build(r, ctx, lex)
            if t is not None or rule.final:
                return t
    return None


# ---------------------------------------------------------------- the builders of one rule


def fixed_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """A whole expression of lexicon ``fixed``: 'now', 'recently', 'the coming weeks', 'daily'."""
    words, _ = strip_mods(list(r.words), lex)
    key = " ".join(w for w in words if w not in ("-",)).replace(" 's", "'s")
    for k in (key, key.removeprefix("the ")):
        if k in lex.fixed:
            f = lex.fixed[k]
            return Timex(f["type"], f["value"])
    return None


def year_end_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex:
    """'year-end', 'the year's end': the year (named, else the publication year) with mod END."""
    dct = ctx.dct
    y = r.year or (dct.year if dct else None)
    return Timex(
        "DATE", f"{y:04d}" if y else "XXXX", mod="END", relative=r.year is None, anchor=dct.isoformat() if dct else None
    )


def year_ago_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """'year-earlier', 'the year-ago quarter', 'the year-earlier nine months'."""
    if r.numbers and r.unit:
        return Timex("DURATION", duration_value(r.numbers[0], r.unit, r.unit_time))
    base = ctx.quarter if ctx.quarter is not None else None
    if base is None and ctx.dct:
        base = Point(date(ctx.dct.year, 1, 1), "year")
    if base is None:
        return Timex("DATE", "XXXX", relative=True)
    if r.ordinal and r.quarter == "Q" and 1 <= r.ordinal <= 4:
        base = Point(date(base.d.year, 3 * r.ordinal - 2, 1), "quarter")
    p = shift(base, "Y", -1)
    return Timex(
        "DATE", p.value(), point=p, relative=True, anchor=ctx.dct.isoformat() if ctx.dct else None, anaphoric=True
    )


def set_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """SET values: 'each Thursday', 'Tuesday nights', 'each July', 'every three months', 'quarterly'."""
    if r.weekday is not None:
        return Timex("SET", f"XXXX-WXX-{r.weekday}" + (f"T{r.pod}" if r.pod else ""))
    if r.month is not None:
        return Timex("SET", f"XXXX-{r.month:02d}")
    if r.season is not None:
        return Timex("SET", f"XXXX-{r.season}")
    if r.quarter == "Q" and r.ordinal:
        return Timex("SET", f"XXXX-Q{r.ordinal}")
    if r.pod is not None and r.unit is None:
        return Timex("SET", f"XXXX-XX-XXT{r.pod}")
    if r.unit is not None:
        n = r.numbers[0] if r.numbers else 1
        if r.unit == "Q":
            return Timex("SET", "P1Q" if n == 1 else f"P{format_number(3 * (n or 1))}M")
        return Timex("SET", duration_value(n, r.unit, r.unit_time))
    if r.quarter == "Q":
        return Timex("SET", "P1Q")
    return None


def period_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """'the latest period': the reporting quarter; a bare 'period' only where quarters are discussed."""
    p = reporting_quarter(ctx) if "latest" in r.words else ctx.quarter
    if p is None:
        return None
    if r.relative is not None and r.relative["direction"] and not r.relative.get("anaphoric"):
        p = shift(p, "Y", r.relative["direction"])
    return Timex("DATE", p.value(), point=p, relative=True, anaphoric=True)


def deictic_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex:
    """'yesterday', 'tomorrow'; 'tonight', 'yesterday morning' (TIME); 'the day before yesterday'."""
    dct = ctx.dct
    anchor_s = dct.isoformat() if dct else None
    p = Point(dct + timedelta(days=r.deictic), "day") if dct else None
    if r.deictic_word in NIGHT_DEICTICS or r.pod:
        val = (p.value() if p else "XXXX-XX-XX") + "T" + (r.pod or "NI")
        return Timex("TIME", val, anchor=anchor_s, relative=True, point=p)
    if r.offset is not None and r.unit:  # "the day before yesterday"
        p = shift(p, r.unit, -1 if r.offset["direction"] < 0 else 1) if p else None
    return Timex("DATE", p.value() if p else "XXXX-XX-XX", anchor=anchor_s, relative=True, point=p)


def part_of_day_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex:
    """'this morning', 'last night' (the night before publication), 'the following evening'."""
    dct = ctx.dct
    anchor_s = dct.isoformat() if dct else None
    p = Point(dct, "day") if dct else None
    if r.relative_word in ("last",) and r.pod == "NI":
        p = Point(dct - timedelta(days=1), "day") if dct else None
    elif r.relative is not None and r.relative.get("anaphoric") and ctx.ref is not None:
        p = Point(ctx.ref.d, "day")
    elif r.relative_word in FORWARD_RELATIVES and ctx.ref is not None:
        p = Point(ctx.ref.d + timedelta(days=1), "day")
    return Timex("TIME", (p.value() if p else "XXXX-XX-XX") + "T" + r.pod, anchor=anchor_s, relative=True, point=p)


# ---------------------------------------------------------------- the tests of the rules


def names_a_calendar_period(r: Reading) -> bool:
    """A year, month, decade, century or holiday: 'May 16', '2024', 'the 1990s', 'Easter'."""
    return r.year is not None or r.month is not None or r.decade is not None or r.century is not None or bool(r.holiday)


def a_bare_period(r: Reading) -> bool:
    """'the latest period', 'the period' without a quantity ('a six-month period' is a duration)."""
    return r.period and r.unit is None and not r.numbers


def a_part_of_a_known_day(r: Reading) -> bool:
    """'this morning', 'the evening' (a part of the day with 'the' or a relative word)."""
    return r.pod is not None and (r.relative is not None or r.the)


def _build(f: Callable[[Reading, Context], Timex | None]) -> Callable[[Reading, Context, Lexicon], Timex | None]:
    """A builder that needs no lexicon, as a rule's builder."""
    return lambda r, ctx, lex: f(r, ctx)


# The order is the priority: the first rule that applies decides (see the module docstring).
DECISION_LIST: tuple[Rule, ...] = (
    Rule("fixed expression", lambda r: True, fixed_value, final=False),  # "now", "the coming weeks"
    Rule("year end", lambda r: r.year_end, year_end_value),  # "year-end", "the year's end"
    Rule("year ago", lambda r: r.year_ago, year_ago_value),  # "the year-earlier quarter"
    Rule("set", lambda r: r.every, set_value),  # "every week", "each Thursday", "Tuesday nights"
    Rule("clock time", lambda r: r.clock is not None or an_hour_of_the_day(r), clock_value),  # "9:30 a.m."
    Rule("calendar period", names_a_calendar_period, named_period, final=False),  # "May 16", "2024"
    Rule("quarter or half", lambda r: r.quarter is not None, _build(quarter_value), final=False),  # "the third quarter"
    Rule("reporting period", a_bare_period, period_value),  # "the latest period"
    Rule("deictic day", lambda r: r.deictic is not None, deictic_value),  # "yesterday", "tonight"
    Rule("weekday", lambda r: r.weekday is not None, _build(weekday_value)),  # "Friday", "last Wednesday"
    Rule("season", lambda r: r.season is not None, _build(season_value)),  # "this summer"
    Rule("unit", lambda r: r.unit is not None, unit_value),  # "three days", "last week", "a year ago"
    Rule("part of the day", a_part_of_a_known_day, part_of_day_value),  # "this morning", "last night"
)

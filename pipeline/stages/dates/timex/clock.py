"""TIME values: a clock time on the day the expression names, else on the day last mentioned,
else on the publication date ("9:30 a.m.", "10 p.m. Wednesday", "4 in the morning", "noon")."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from ..rules import Lexicon
from .context import Context, Timex
from .features import Reading
from .periods import named_period, weekday_value

LATE_PARTS_OF_DAY = ("AF", "EV", "NI")  # TIMEX3 codes: an hour in the afternoon, evening or night is after noon


def an_hour_of_the_day(r: Reading) -> bool:
    """A bare number 1-12 with a part of the day: '4 in the morning' (read as 4:00)."""
    return (
        r.clock is None
        and bool(r.pod)
        and r.unit is None
        and len(r.numbers) == 1
        and bool(r.numbers[0])
        and 1 <= r.numbers[0] <= 12
        and r.numbers[0] == int(r.numbers[0])
    )


def clock_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex:
    """The TIME value ``<day>T<hh>:<mm>``: am/pm or a late part of the day move the hour past noon."""
    if an_hour_of_the_day(r):
        r.clock, r.numbers = (int(r.numbers[0]), 0), []  # "4 in the morning"
    hh, mm = r.clock
    if r.ampm == "pm" and hh < 12:
        hh += 12
    elif r.ampm == "am" and hh == 12:
        hh = 0
    elif r.ampm is None and r.pod in LATE_PARTS_OF_DAY and hh < 12 and not (r.pod == "NI" and hh < 5):
        hh += 12
    day_part, relative = _day_of(r, ctx, lex)
    value = f"{day_part or 'XXXX-XX-XX'}T{hh:02d}:{mm:02d}"
    dct = ctx.dct
    return Timex("TIME", value, anchor=dct.isoformat() if dct else None, relative=relative)


def _day_of(r: Reading, ctx: Context, lex: Lexicon) -> tuple[str | None, bool]:
    """The day a clock time is on (None: unknown), and whether it was resolved relative to the context."""
    dct = ctx.dct
    if r.month is not None or r.year is not None:
        sub = replace(r, clock=None, ampm=None, pod=None)
        t = named_period(sub, ctx, lex)
        if t and t.point and t.point.gran == "day":
            return t.value, t.relative
        return None, True
    if r.weekday is not None:
        return weekday_value(replace(r, clock=None, pod=None), ctx).value, True
    if r.deictic is not None and dct:
        return (dct + timedelta(days=r.deictic)).isoformat(), True
    if ctx.ref is not None and ctx.ref.gran == "day":
        return ctx.ref.d.isoformat(), True  # "at 10 p.m." -> the day last mentioned
    if dct:
        return dct.isoformat(), True
    return None, True

"""Values of expressions built on a unit: durations ("three days", "two to three weeks"),
offsets ("three years ago", "a week earlier"), relative periods ("last week", "the next day",
"the past two months") and bare units ("the year", "the weekend", "a month").

An offset counts from the publication date, or from the last date mentioned when its word is
anaphoric ("earlier", "later"); in financial news "a year ago" is the reporting quarter a year
before.
"""

from __future__ import annotations

from datetime import timedelta

from ..rules import Lexicon
from .context import Context, Timex, anchor_point, reporting_quarter
from .durations import duration_value
from .features import Reading
from .keywords import NO_OFFSET_AFTER, ONE, PAST_RELATIVES
from .points import UNIT_GRAN, Point, coarsen, shift, unresolved


def unit_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """Expressions built on a unit: durations, 'last week', 'three years ago', 'a day earlier'."""
    if len(r.numbers) >= 2 and r.offset is None:
        t = duration_range(r)
        if t is not None:
            return t
    if r.offset is not None and (r.numbers or not r.unit_plural) and r.relative_word not in NO_OFFSET_AFTER:
        return unit_offset(r, ctx)
    if r.relative is not None:
        return unit_relative(r, ctx)
    return unit_bare(r, ctx)


def duration_range(r: Reading) -> Timex | None:
    """'two to three weeks', '12 to 18 months': the lower bound, EQUAL_OR_MORE (TimeBank), and the range."""
    a, b = r.numbers[0], r.numbers[1]
    if a is None or b is None or b <= a:
        return None
    t = Timex("DURATION", duration_value(a, r.unit, r.unit_time), mod="EQUAL_OR_MORE")
    t.range_start, t.range_end = t.value, duration_value(b, r.unit, r.unit_time)
    return t


def unit_offset(r: Reading, ctx: Context) -> Timex:
    """'three years ago' (from the publication date), 'a week earlier' (from the last date
    mentioned), at the granularity of the unit; in financial news 'a year ago' is the quarter."""
    anchor_s = ctx.dct.isoformat() if ctx.dct else None
    unit, direction = r.unit, r.offset["direction"]
    n = r.numbers[0] if r.numbers else 1
    if n is None:  # "several years ago"
        return Timex("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
    anaphoric = bool(r.offset.get("anaphoric"))
    base = anchor_point(ctx, anaphoric)
    if unit in ("H", "M", "S") and r.unit_time:
        # "three hours ago": a time on the reference day (the day is all a date-line gives)
        if base is None:
            return Timex("DATE", "XXXX-XX-XX", relative=True)
        hours = n * {"H": 1, "M": 1 / 60, "S": 1 / 3600}[unit]
        p = shift(base, "D", direction * int(hours // 24))
        return Timex("DATE", p.value(), point=p, relative=True, anchor=anchor_s, anaphoric=anaphoric)
    gran = UNIT_GRAN.get(unit) or "day"
    if base is None:
        return Timex("DATE", unresolved(gran), relative=True)
    if n != int(n):
        return Timex("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
    k = int(n) * direction
    if unit == "Y" and ctx.quarter is not None and (anaphoric or r.offset_word == "ago"):
        p = shift(ctx.quarter, "Y", k)
        return Timex("DATE", p.value(), point=p, relative=True, anchor=anchor_s, anaphoric=anaphoric)
    if unit == "Y" and anaphoric and ctx.ref is not None and ctx.ref.gran in ("month", "year", "quarter"):
        p = shift(ctx.ref, "Y", k)
        return Timex("DATE", p.value(), point=p, relative=True, anchor=ctx.ref.value(), anaphoric=True)
    if unit == "DE":
        p, gran = shift(base, "Y", 10 * k), "year"
    elif unit == "CE":
        p, gran = shift(base, "Y", 100 * k), "decade"
    else:
        p = shift(base, "W" if unit == "WE" else unit, k)
    p = coarsen(p, gran)
    return Timex(
        "DATE",
        p.value(),
        point=p,
        relative=True,
        anaphoric=anaphoric,
        anchor=ctx.ref.value() if anaphoric and ctx.ref else anchor_s,
    )


def unit_relative(r: Reading, ctx: Context) -> Timex:
    """'last week', 'this year', 'next month', 'the following day', 'the past two months'."""
    dct, unit = ctx.dct, r.unit
    anchor_s = dct.isoformat() if dct else None
    direction = r.relative["direction"]
    anaphoric = bool(r.relative.get("anaphoric")) or (r.the and r.relative_word == "next" and unit == "D")
    if r.numbers:  # "the past two months", "the next few days"
        return Timex("DURATION", duration_value(r.numbers[0], unit, r.unit_time))
    if r.unit_plural:  # "recent weeks", "the coming years"
        return Timex("DURATION", duration_value(None, unit, r.unit_time))
    if r.unit_time:  # "the past hour"
        if r.relative_word in PAST_RELATIVES:
            return Timex("DURATION", duration_value(1, unit, True))
        p = Point(dct, "day") if dct else None
        return Timex("DATE", p.value() if p else "XXXX-XX-XX", point=p, relative=True, anchor=anchor_s)
    if unit == "D":
        return relative_day(ctx, direction, anaphoric)
    base = ctx.ref if (anaphoric and ctx.ref is not None) else (Point(dct, "day") if dct else None)
    gran = UNIT_GRAN.get(unit) or "day"
    if base is None:
        return Timex("DATE", unresolved(gran), relative=True)
    if r.relative_word == "past":
        direction = -1  # "the past year" -> last year (TimeBank)
    if unit == "WE":
        if direction == -1:
            start = base.d - timedelta(days=(base.d.isoweekday() - 6) % 7 or 7)
        elif direction == 1:
            start = base.d + timedelta(days=(6 - base.d.isoweekday()) % 7 or 7)
        else:
            start = base.d
        p = Point(start, "weekend")
        return Timex("DATE", p.value(), point=p, relative=True, anchor=anchor_s)
    p = coarsen(shift(coarsen(base, gran), unit, direction), gran)
    return Timex(
        "DATE", p.value(), point=p, relative=True, anchor=base.value() if anaphoric else anchor_s, anaphoric=anaphoric
    )


def relative_day(ctx: Context, direction: int, anaphoric: bool) -> Timex:
    """'the next day', 'the previous day', 'that day': from the last date mentioned."""
    ref = ctx.ref
    if anaphoric and ref is not None and ref.gran in ("month", "week") and direction == 0:
        # "that day" after "in October": the day is known only to the month
        return Timex(
            "DATE",
            ref.value() + "-XX" if ref.gran == "month" else "XXXX-XX-XX",
            relative=True,
            anchor=ref.value(),
            anaphoric=True,
        )
    if anaphoric and ref is not None:
        p = shift(Point(ref.d, "day"), "D", direction)
        return Timex("DATE", p.value(), point=p, relative=True, anchor=ref.value(), anaphoric=True)
    if not ctx.dct:
        return Timex("DATE", "XXXX-XX-XX", relative=True)
    p = shift(Point(ctx.dct, "day"), "D", direction)
    return Timex("DATE", p.value(), point=p, relative=True, anchor=ctx.dct.isoformat())


def unit_bare(r: Reading, ctx: Context) -> Timex | None:
    """'three days', 'years', 'a week'; with 'the': 'the year', 'the weekend', 'the quarter'."""
    dct, unit = ctx.dct, r.unit
    if r.numbers:
        return Timex("DURATION", duration_value(r.numbers[0], unit, r.unit_time))
    if r.unit_plural:
        t = Timex("DURATION", duration_value(None, unit, r.unit_time))
        if r.unit2:
            t.range_start, t.range_end = t.value, r.unit2
        return t
    if r.the and not r.unit_adjectival:
        gran = UNIT_GRAN.get(unit) or "day"
        if unit == "Q" and reporting_quarter(ctx) is not None:
            p = reporting_quarter(ctx)
            return Timex("DATE", p.value(), point=p, relative=True)
        if not dct:
            return Timex("DATE", unresolved(gran), relative=True)
        if unit == "WE":
            wd = dct.isoweekday()
            if wd >= 6:
                start = dct
            elif ctx.tense == "future":
                start = dct + timedelta(days=6 - wd)
            else:
                start = dct - timedelta(days=wd + 1)
            p = Point(start, "weekend")
            return Timex("DATE", p.value(), point=p, relative=True, anchor=dct.isoformat())
        if unit == "Y" and r.fiscal:
            return Timex("DURATION", "P1Y")
        if unit in ("Y", "W", "M", "Q"):
            p = coarsen(Point(dct, "day"), gran)
            return Timex("DATE", p.value(), point=p, relative=True, anchor=dct.isoformat())
        return None
    if r.unit_adjectival or any(w in ONE for w in r.words):
        return Timex("DURATION", duration_value(1, unit, r.unit_time))
    return None

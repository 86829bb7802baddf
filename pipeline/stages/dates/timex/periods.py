"""Values of named calendar periods: centuries, decades, holidays, month-days, months, years,
quarters and halves, weekdays, seasons ("the 1990s", "Easter", "May 16", "July last year",
"the third quarter of 2023", "last Wednesday", "this summer").

An explicit year makes the value absolute; without one the publication date and the tense
decide (:mod:`.resolve`), and without a publication date the value keeps X's (``XXXX-05-16``).
"""

from __future__ import annotations

from datetime import date, timedelta

from ..rules import Lexicon
from .context import Context, Timex, reporting_quarter
from .durations import format_number
from .features import Reading
from .holidays import holiday_date
from .points import Point, coarsen, shift
from .resolve import resolve_month, resolve_month_day, resolve_season, resolve_weekday


def named_period(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """Named calendar periods: centuries, decades, holidays, month-days, months, years."""
    if r.century is not None and r.year is None and r.month is None:
        return Timex("DATE", f"{r.century - 1:02d}", point=Point(date(max(1, (r.century - 1) * 100), 1, 1), "century"))
    if r.decade is not None and r.month is None:
        return Timex("DATE", f"{r.decade:03d}", point=Point(date(max(1, r.decade * 10), 1, 1), "decade"))
    if r.holiday:
        return holiday_value(r, ctx, lex)
    if r.month is not None and r.day is not None:
        return month_day_value(r, ctx)
    if r.month is not None:
        return month_value(r, ctx)
    if r.year is not None:
        return year_value(r, ctx)
    return None


def holiday_value(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """'Christmas', 'Easter 2024', 'Thanksgiving week': the nearest occurrence, tense permitting."""
    dct = ctx.dct
    spec = lex.holidays[r.holiday[1]]
    y = r.year or (dct.year if dct else None)
    if y is None:
        return Timex("DATE", "XXXX-" + spec if isinstance(spec, str) else "XXXX-XX-XX", relative=True)
    d = holiday_date(spec, y)
    if d is None:
        return None
    if r.year is None and dct:
        options = [x for x in (holiday_date(spec, y - 1), d, holiday_date(spec, y + 1)) if x]
        slack = 7 if r.unit == "W" else 1  # "Easter week began": the week before the feast
        if ctx.tense == "past":
            options = [x for x in options if x <= dct + timedelta(days=slack)] or options
        elif ctx.tense == "future":
            options = [x for x in options if x >= dct - timedelta(days=1)] or options
        d = min(options, key=lambda x: abs((x - dct).days))
    p = Point(d, "week" if r.unit == "W" else "day")
    return Timex("DATE", p.value(), point=p, relative=r.year is None, anchor=dct.isoformat() if dct else None)


def month_day_value(r: Reading, ctx: Context) -> Timex | None:
    """'May 16', 'June 3, 2025', 'May 23-25' (a range), 'the week of March 6'."""
    dct = ctx.dct
    if r.year is not None:
        y, relative = r.year, False
    elif dct:
        y, relative = resolve_month_day(dct, r.month, r.day, ctx.tense), True
    else:
        if not 1 <= r.day <= 31:
            return None
        t = Timex("DATE", f"XXXX-{r.month:02d}-{r.day:02d}", relative=True)
        if r.day2:
            t.range_start, t.range_end = t.value, f"XXXX-{r.month:02d}-{r.day2:02d}"
        return t
    d = date(y, r.month, r.day)
    p = Point(d, "week" if r.unit == "W" and r.the else "day")
    t = Timex("DATE", p.value(), point=p, relative=relative, anchor=dct.isoformat() if relative and dct else None)
    if r.day2 and r.day2 > r.day:
        t.range_start, t.range_end = d.isoformat(), date(y, r.month, r.day2).isoformat()
    if r.clock is None and r.pod:
        t.type, t.value = "TIME", t.value + "T" + r.pod
    return t


def month_value(r: Reading, ctx: Context) -> Timex:
    """'July 2024', 'June', 'last December', 'July last year', 'the following March'."""
    dct = ctx.dct
    if r.year is not None:
        p = Point(date(r.year, r.month, 1), "month")
        return Timex("DATE", p.value(), point=p)
    if not dct:
        return Timex("DATE", f"XXXX-{r.month:02d}", relative=True)
    rel = r.relative
    if rel and r.unit == "Y" and not rel.get("anaphoric"):
        y = dct.year + rel["direction"]  # "July last year"
    elif rel and rel.get("anaphoric") and ctx.ref is not None:
        base = ctx.ref.d
        y = (
            base.year
            + (1 if rel["direction"] > 0 and r.month <= base.month else 0)
            - (1 if rel["direction"] < 0 and r.month >= base.month else 0)
        )
    else:
        y = resolve_month(dct, r.month, ctx.tense, rel["direction"] if rel and not rel.get("anaphoric") else None)
    p = Point(date(y, r.month, 1), "month")
    return Timex("DATE", p.value(), point=p, relative=True, anchor=dct.isoformat())


def year_value(r: Reading, ctx: Context) -> Timex | None:
    """'2024', 'summer 2024', 'the third quarter of 2023', '1990-91', 'the 1988 period'."""
    if (r.period or (r.unit == "Q" and not r.numbers)) and r.ordinal is None and ctx.quarter is not None:
        # "the 1988 period", "the 1988 quarter": the quarter under discussion, in that year
        p = Point(date(r.year, ctx.quarter.d.month, 1), "quarter")
        return Timex("DATE", p.value(), point=p)
    if r.season:
        return Timex("DATE", f"{r.year:04d}-{r.season}", point=Point(date(r.year, 1, 1), "season", r.season))
    if r.quarter is not None:
        return quarter_value(r, ctx)
    if r.unit and r.numbers and not r.unit_adjectival:
        return None
    t = Timex("DATE", f"{r.year:04d}", point=Point(date(r.year, 1, 1), "year"))
    if r.year2 is not None and r.year2 > r.year:
        t.range_start, t.range_end = f"{r.year:04d}", f"{r.year2:04d}"
    return t


def quarter_value(r: Reading, ctx: Context) -> Timex | None:
    """Quarters and halves: 'the third quarter', 'fiscal 1989 second quarter', 'first half of 1990'."""
    if r.numbers and r.numbers[0] and r.numbers[0] > 1 and r.quarter == "Q" and r.ordinal in (None, 1):
        return _quarters_counted(r)
    if r.ordinal is None:
        return _unnumbered_quarter(r, ctx)
    return _numbered_quarter(r, ctx)


def _quarters_counted(r: Reading) -> Timex:
    """'the first two quarters' -> a duration (P6M); 'the first two quarters of 1990' -> 1990-H1."""
    n = r.numbers[0]
    if r.ordinal == 1 and n == 2 and r.year is not None:
        return Timex("DATE", f"{r.year:04d}-H1")
    return Timex("DURATION", f"P{format_number(3 * n)}M")


def _unnumbered_quarter(r: Reading, ctx: Context) -> Timex:
    """'last quarter', 'the previous quarter' (from the reporting quarter), 'the quarter' (the
    reporting quarter), '1989 quarter' without one (1989-QX)."""
    dct, code = ctx.dct, r.quarter
    if r.relative is not None and dct:
        anaphoric = r.relative.get("anaphoric") and ctx.quarter
        base = ctx.quarter if anaphoric else coarsen(Point(dct, "day"), "quarter")
        p = shift(coarsen(base, "quarter"), "Q", r.relative["direction"])
        return Timex("DATE", p.value(), point=p, relative=True, anchor=dct.isoformat())
    p = reporting_quarter(ctx) if code == "Q" and r.year is None else None
    if p is not None:
        return Timex("DATE", p.value(), point=p, relative=True)
    return Timex("DATE", f"{r.year:04d}-{code}X" if r.year else f"XXXX-{code}X")


def _numbered_quarter(r: Reading, ctx: Context) -> Timex | None:
    """'the third quarter of 2023'; without a year: this year's, or last year's when a past-tense
    verb speaks of a quarter not yet begun; 'the last quarter' is the fourth."""
    dct, code = ctx.dct, r.quarter
    nq = 4 if code == "Q" else 2
    k = r.ordinal if r.ordinal > 0 else nq
    if not 1 <= k <= nq:
        return None
    month = (k - 1) * (3 if code == "Q" else 6) + 1
    if r.year is not None:
        y = r.year
    elif r.relative is not None and dct:
        y = dct.year + r.relative["direction"]
    elif dct:
        y = dct.year
        if ctx.tense == "past" and date(y, month, 1) > dct:
            y -= 1
    else:
        return Timex("DATE", f"XXXX-{code}{k}", relative=True)
    p = Point(date(y, month, 1), "quarter" if code == "Q" else "half")
    return Timex(
        "DATE",
        p.value(),
        point=p,
        relative=r.year is None,
        anchor=dct.isoformat() if dct and r.year is None else None,
        sets_quarter=code == "Q",
    )


def weekday_value(r: Reading, ctx: Context) -> Timex:
    """'Friday' (by the tense), 'last Wednesday', 'the following Monday' (from the last date mentioned)."""
    dct = ctx.dct
    direction = r.relative["direction"] if r.relative else None
    if r.relative is not None and r.relative.get("anaphoric") and ctx.ref is not None:
        base = ctx.ref.d
        d = resolve_weekday(base, r.weekday, None, direction if direction else -1)
    elif dct:
        d = resolve_weekday(dct, r.weekday, ctx.tense, direction)
    else:
        val = f"XXXX-WXX-{r.weekday}"
        if r.pod:
            return Timex("TIME", val + "T" + r.pod, relative=True)
        return Timex("DATE", val, relative=True)
    p = Point(d, "day")
    # "Friday night": TimeBank annotates the day (DATE), not the part of the day
    return Timex("DATE", p.value(), point=p, relative=True, anchor=dct.isoformat() if dct else None)


def season_value(r: Reading, ctx: Context) -> Timex:
    """'this summer', 'last winter', 'summer last year' (a named year is read by :func:`year_value`)."""
    dct = ctx.dct
    if not dct:
        return Timex("DATE", f"XXXX-{r.season}", relative=True)
    direction = r.relative["direction"] if r.relative else None
    if r.unit == "Y" and direction is not None:
        y = dct.year + direction  # "summer last year"
    else:
        y = resolve_season(dct, r.season, direction)
    p = Point(date(y, 1, 1), "season", r.season)
    return Timex("DATE", p.value(), point=p, relative=True, anchor=dct.isoformat())

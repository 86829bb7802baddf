"""Calendar points and their arithmetic: the values a DATE expression resolves to.

A :class:`Point` is a day standing for a period at some granularity ("last week" -> the Monday
of that ISO week, granularity ``week``); :meth:`Point.value` writes it as a TIMEX3 value
(``2025-W22``). :func:`shift` moves a point by lexicon unit codes ("three years ago": ``Y``, -3)
and :func:`coarsen` widens it to the period that contains it ("this month" -> ``2025-06``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta


@dataclass(frozen=True)
class Point:
    """A calendar point at some granularity: day, week, weekend, month, quarter, half, season,
    year, decade, century. ``d`` is a representative day (the first day of the period)."""

    d: date
    gran: str
    extra: str = ""  # season code, quarter/half number, part of day

    def value(self) -> str:
        d, g = self.d, self.gran
        if g == "day":
            return d.isoformat()
        if g in ("week", "weekend"):
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}" + ("-WE" if g == "weekend" else "")
        if g == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "half":
            return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
        if g == "season":
            return f"{d.year:04d}-{self.extra}"
        if g == "year":
            return f"{d.year:04d}"
        if g == "decade":
            return f"{d.year // 10:03d}"
        if g == "century":
            return f"{d.year // 100:02d}"
        return d.isoformat()


def unresolved(gran: str, extra: str = "") -> str:
    """The TimeML value of a relative expression with no reference date ("last week" -> XXXX-WXX)."""
    return {
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "half": "XXXX-HX",
        "season": f"XXXX-{extra or 'XX'}",
        "year": "XXXX",
        "decade": "XXX",
        "century": "XX",
    }.get(gran, "XXXX-XX-XX")


def add_months(d: date, n: int) -> date:
    """``d`` moved by n months, the day clipped to the month's length (Jan 31 + 1 -> Feb 28)."""
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1])) if 1 <= y <= 9999 else d


def shift(p: Point, unit: str, n: int) -> Point:
    """Move a point by n units (unit codes of the lexicon: D, W, WE, M, Q, Y, DE, CE)."""
    d = p.d
    try:
        if unit in ("D",):
            d = d + timedelta(days=n)
        elif unit in ("W", "WE"):
            d = d + timedelta(weeks=n)
        elif unit == "M":
            d = add_months(d, n)
        elif unit == "Q":
            d = add_months(d, 3 * n)
        elif unit == "H":
            d = add_months(d, 6 * n)
        elif unit == "Y":
            d = add_months(d, 12 * n)
        elif unit == "DE":
            d = add_months(d, 120 * n)
        elif unit == "CE":
            d = add_months(d, 1200 * n)
    except (OverflowError, ValueError):
        return p
    return replace(p, d=d)


# the granularity of the point an expression on a unit names ("last week" -> a week)
UNIT_GRAN = {
    "D": "day",
    "W": "week",
    "WE": "weekend",
    "M": "month",
    "Q": "quarter",
    "H": "half",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
}


def coarsen(p: Point, gran: str) -> Point:
    """The point at a coarser granularity (the first day of the containing period)."""
    d = p.d
    if gran == "week" or gran == "weekend":
        d = d - timedelta(days=d.weekday()) if gran == "week" else d - timedelta(days=d.weekday()) + timedelta(days=5)
    elif gran == "month":
        d = d.replace(day=1)
    elif gran == "quarter":
        d = date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    elif gran == "half":
        d = date(d.year, (d.month - 1) // 6 * 6 + 1, 1)
    elif gran == "year":
        d = date(d.year, 1, 1)
    elif gran == "decade":
        d = date(max(1, d.year // 10 * 10), 1, 1)
    elif gran == "century":
        d = date(max(1, d.year // 100 * 100), 1, 1)
    return Point(d, gran)

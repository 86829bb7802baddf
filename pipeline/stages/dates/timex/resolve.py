"""News conventions for expressions named without a year: which weekday, which year of a month,
a month-day or a season ("Friday", "May 16", "last winter"), given the publication date, the
tense of the governing verb and the direction of a relative word ("last", "next", "this").

A month-day within :data:`NEAR_DAYS` of the publication date is in its year whatever the tense;
farther away the tense decides; without a tense the nearest wins, a date ahead counting
:data:`PAST_BIAS` times farther than one behind (news report what happened).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from .points import add_months


def resolve_weekday(dct: date, wd: int, tense: str | None, direction: int | None) -> date:
    """The weekday (1=Monday) nearest the publication date in the direction the text implies."""
    cur = dct.isoweekday()
    back = (cur - wd) % 7  # days back to the most recent such weekday (0 = today)
    fwd = (wd - cur) % 7
    if direction == -1:  # "last Wednesday"
        return dct - timedelta(days=back or 7)
    if direction == 1:  # "next Wednesday"
        return dct + timedelta(days=fwd or 7)
    if direction == 0:  # "this Wednesday": the same ISO week
        return dct - timedelta(days=cur - 1) + timedelta(days=wd - 1)
    if back == 0:
        return dct
    if tense == "future":
        return dct + timedelta(days=fwd)
    if tense == "past":
        return dct - timedelta(days=back)
    # no tense: the nearest, leaning a day to the past (news report what happened)
    return dct - timedelta(days=back) if back <= fwd + 1 else dct + timedelta(days=fwd)


NEAR_DAYS = 75  # a month-day this close to the publication date is in its year, whatever the tense
PAST_BIAS = 2.0  # news lean to the past: a date ahead counts this much farther than one behind


def _pick(dct: date, options: list[date], tense: str | None) -> date:
    """The option nearest the publication date: tense decides beyond NEAR_DAYS, else a past bias."""
    near = min(options, key=lambda d: abs((d - dct).days))
    if abs((near - dct).days) <= NEAR_DAYS:
        return near
    if tense == "past":
        past = [d for d in options if d <= dct]
        return max(past) if past else near
    if tense == "future":
        fut = [d for d in options if d >= dct]
        return min(fut) if fut else near
    return min(options, key=lambda d: (dct - d).days if d <= dct else PAST_BIAS * (d - dct).days)


def resolve_month(dct: date, month: int, tense: str | None, direction: int | None = None) -> int:
    """The year of a month named without one."""
    y = dct.year
    if direction == -1:
        return y if month < dct.month else y - 1
    if direction == 1:
        return y if month > dct.month else y + 1
    if direction == 0 or month == dct.month:
        return y
    mid = lambda yy: date(yy, month, 15)  # noqa: E731
    return _pick(dct, [mid(y - 1), mid(y), mid(y + 1)], tense).year


def resolve_month_day(dct: date, month: int, day: int, tense: str | None) -> int:
    """The year of a month-day named without one."""
    y = dct.year
    options = []
    for yy in (y - 1, y, y + 1):
        try:
            options.append(date(yy, month, min(day, calendar.monthrange(yy, month)[1])))
        except ValueError:
            pass
    return _pick(dct, options, tense).year if options else y


SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def resolve_season(dct: date, season: str, direction: int | None) -> int:
    """The year of a season (a winter is labelled by the year of its December).

    -1 ("last winter"): the latest one already over; +1 ("next summer"): the first one not yet
    begun; otherwise ("this summer") the one of the publication year, except that in January
    and February "this winter" is the one that began the December before."""

    def start(y: int) -> date:
        return date(y, SEASON_START[season], 1)

    years = range(dct.year - 2, dct.year + 2)
    if direction == -1:
        return max(y for y in years if add_months(start(y), 3) <= dct)
    if direction == 1:
        return min(y for y in years if start(y) > dct)
    if season == "WI" and dct.month <= 2:
        return dct.year - 1
    return dct.year

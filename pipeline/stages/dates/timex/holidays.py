"""Holiday dates: a fixed month-day of the lexicon ("12-25") or a rule ("easter",
"fourth_thursday_november") computed for the year."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any


def easter(y: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def orthodox_easter(y: int) -> date:
    """Orthodox Easter Sunday (Julian computus, as a Gregorian date)."""
    a, b, c = y % 4, y % 7, y % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month = (d + e + 114) // 31
    day = (d + e + 114) % 31 + 1
    return date(y, month, day) + timedelta(days=13)


def nth_weekday(y: int, month: int, wd: int, n: int) -> date:
    """n-th (1-based; -1 = last) weekday wd (1=Monday) of a month."""
    if n > 0:
        d = date(y, month, 1)
        d += timedelta(days=(wd - d.isoweekday()) % 7)
        return d + timedelta(weeks=n - 1)
    d = date(y, month, calendar.monthrange(y, month)[1])
    return d - timedelta(days=(d.isoweekday() - wd) % 7)


# the rule names lexicon.yaml `holidays` may use
HOLIDAY_RULES = {
    "easter": easter,
    "good_friday": lambda y: easter(y) - timedelta(days=2),
    "orthodox_easter": orthodox_easter,
    "first_monday_september": lambda y: nth_weekday(y, 9, 1, 1),
    "last_monday_may": lambda y: nth_weekday(y, 5, 1, -1),
    "fourth_thursday_november": lambda y: nth_weekday(y, 11, 4, 4),
    "us_election_day": lambda y: nth_weekday(y, 11, 1, 1) + timedelta(days=1),
}


def holiday_date(spec: Any, y: int) -> date | None:
    """The date of a lexicon holiday in year y: ``"12-25"`` or ``{rule: easter}`` (None: unknown rule)."""
    if isinstance(spec, str):
        mm, dd = spec.split("-")
        return date(y, int(mm), int(dd))
    rule = HOLIDAY_RULES.get(spec.get("rule", ""))
    return rule(y) if rule else None

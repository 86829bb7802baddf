"""Publication dates: front matter values in any common shape, and dates in file names, URLs and
the text (a closing byline, an opening dateline)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MONTHS = {
    m.lower(): i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), 1
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
MDY = re.compile(rf"\b(?P<month>{MONTH_RE})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")
DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b")
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)")
ISO_TIME = re.compile(r"[Tt ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d))?")  # right after the date
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|\b)")
FILENAME_DATE = re.compile(r"(?:^|[_\-. ])((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?=T\d{4,6}Z?|[_\-. ]|$)")
DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}},\s+(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})\s+\((?:Reuters|AP|AFP|Bloomberg)\)"
)


def month_number(name: str) -> int:
    """'Sept.', 'sep', 'September' -> 9."""
    return MONTHS[name.rstrip(".").lower()[:3]]


def _make_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _possible_time(t: re.Match) -> bool:
    return int(t["hour"]) <= 23 and int(t["minute"]) <= 59 and int(t["second"] or 0) <= 60


def normalise_date(value: Any) -> str | None:
    """Front matter dates in any common shape to ISO ``YYYY-MM-DD``; None when unknown."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip().strip("'\"")
    if not s or s.lower() in {"unknown", "none", "null", "n/a", "na", "-"}:
        return None
    if m := ISO.search(s):
        if (t := ISO_TIME.match(s, m.end())) and not _possible_time(t):
            return None  # 2025-06-03T25:61 is not a moment: the value is not trusted
        return _make_date(int(m["year"]), int(m["month"]), int(m["day"]))
    for rx in (MDY, DMY):
        if m := rx.search(s):
            return _make_date(int(m["year"]), month_number(m["month"]), int(m["day"]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)", s):
        return _make_date(int(m[3]), int(m[1]), int(m[2]))
    return None


def date_from_filename(name: str) -> str | None:
    m = FILENAME_DATE.search(name)
    return _make_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def date_from_url(url: str | None) -> str | None:
    """News sites put the date in the path: /2025/06/03/ or /2025-06-03-."""
    m = URL_DATE.search(url or "")
    return _make_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def date_from_text(body: str, year_hint: int | None = None) -> tuple[str | None, str | None]:
    """A publication date written in the text: a dateline in the first lines or a byline date in
    the last lines (the last line of an article is often 'Author Name June 3, 2025')."""
    lines = [ln for ln in body.split("\n") if ln.strip()]
    for ln in lines[-3:][::-1]:
        if len(ln) < 120:
            for rx in (MDY, DMY, ISO):
                if m := rx.search(ln):
                    d = normalise_date(m.group(0))
                    if d:
                        return d, "byline"
    for ln in lines[:6]:
        if len(ln) < 100:
            for rx in (MDY, DMY):
                if (m := rx.search(ln)) and m.start() < 40:
                    d = normalise_date(m.group(0))
                    if d:
                        return d, "dateline"
        if year_hint and (m := DATELINE.search(ln)):
            d = _make_date(year_hint, month_number(m["month"]), int(m["day"]))
            if d:
                return d, "dateline"
    return None, None

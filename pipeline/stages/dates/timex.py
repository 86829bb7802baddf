"""TIMEX3 normaliser: the words of a temporal expression -> type, value, mod (TimeML).

Pure Python, no spaCy: :func:`normalise` takes the expression's words (as the tokenizer split
them), a :class:`Context` (publication date, tense of the governing verb, the last date the text
mentioned) and the :class:`Lexicon` of ``data/dates/lexicon.yaml``, and returns a :class:`Timex`
or ``None`` when the words are not a temporal expression after all.

The interpretation is compositional rather than one function per pattern: the words are read
into features (modifiers, numbers, units, month, day, year, weekday, season, quarter, part of
day, clock time, deictic and relative words, offsets such as "ago"), and a small decision list
turns features into a value. News conventions: the publication date is the reference for deictic
words ("yesterday", "last week", "three years ago"); "earlier/later/the following" words are
anaphoric (relative to the last date mentioned); bare weekdays, months and month-days lean to the
past for past-tense verbs and forward for future ones. Without a publication date, relative
expressions keep X's in the value, as TimeML does.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from .rules import Lexicon, load_lexicon  # noqa: F401  (load_lexicon: the normaliser's default lexicon)

# ---------------------------------------------------------------- values


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
    """The TimeML value of a relative expression with no reference date."""
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
GRAN_ORDER = ["day", "weekend", "week", "month", "quarter", "half", "season", "year", "decade", "century"]


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


def duration_value(n: float | None, code: str, time: bool = False) -> str:
    """P2D, PT5H, 1.5 years -> P1Y6M, 5.5 hours -> PT5H30M, vague -> PXY."""
    if code == "WE":
        return "P2D" if n in (None, 1) else f"P{_num(n * 2)}D"
    if code in ("DE", "CE", "ML"):
        if n is None:
            return f"PX{code}"
        return f"P{_num(n * {'DE': 10, 'CE': 100, 'ML': 1000}[code])}Y"
    prefix = "PT" if time else "P"
    if n is None:
        return f"{prefix}X{code}"
    if n == int(n):
        return f"{prefix}{int(n)}{code}"
    whole, frac = int(n), n - int(n)
    head = f"{whole}{code}" if whole else ""
    if time:
        sub = {"H": (60, "M"), "M": (60, "S")}.get(code)
        if sub:
            return f"PT{head}{_num(frac * sub[0])}{sub[1]}"
    elif code == "D":
        return f"P{head}T{_num(frac * 24)}H"
    else:
        sub = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "Q": (3, "M")}.get(code)
        if sub:
            return f"P{head}{_num(frac * sub[0])}{sub[1]}"
    return f"{prefix}{_num(n)}{code}"


def _num(n: float) -> str:
    return str(int(n)) if float(n) == int(n) else f"{n:g}"


# ---------------------------------------------------------------- context and result


@dataclass
class Context:
    """What the normaliser knows beyond the words."""

    dct: date | None = None  # publication date
    tense: str | None = None  # past, present, future (of the governing verb)
    ref: Point | None = None  # the last calendar point the text mentioned (for anaphora)
    quarter: Point | None = None  # the last fiscal quarter mentioned (financial news)


@dataclass
class Timex:
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


# ---------------------------------------------------------------- reading the words

NUM_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
ORD_RE = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
CLOCK_RE = re.compile(r"^(\d{1,2})[:.](\d\d)(?::(\d\d))?(am|pm|a\.m\.?|p\.m\.?)?$")
HOUR_AMPM_RE = re.compile(r"^(\d{1,2})(am|pm|a\.m\.?|p\.m\.?)$")
DECADE_RE = re.compile(r"^'?(\d{2}|\d{4})'?s$")
FRACTION_RE = re.compile(r"^(\d+)/(\d+)$")
ISO_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")
AMPM = {"am": "am", "a.m": "am", "a.m.": "am", "pm": "pm", "p.m": "pm", "p.m.": "pm"}
TIMEZONES = {
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "eet",
    "eest",
    "msk",
    "et",
    "pt",
    "ct",
    "local",
    "time",
    "eastern",
    "central",
    "mountain",
    "pacific",
    "daylight",
    "standard",
    "kyiv",
    "moscow",
    "european",
}
GLUE = {"the", "of", "in", "on", ",", "'s", "'", "’s", "s", "at", "a", "an", "and", "its", "their"}


def split_words(words: list[str]) -> list[str]:
    """Lowercase words; split hyphenated ones ('mid-1990s' -> 'mid', '-', '1990s'); strip
    abbreviation dots ('Sept.' -> 'sept')."""
    out = []
    for w in words:
        w = w.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
        if w in AMPM or w in ("a.m.", "p.m."):
            out.append(AMPM.get(w, w.replace(".", "")))
            continue
        if "-" in w and w != "-" and not ISO_RE.match(w):
            parts = w.split("-")
            for i, part in enumerate(parts):
                if i:
                    out.append("-")
                if part:
                    out.append(part.rstrip(".") if len(part) > 1 else part)
            continue
        out.append(w.rstrip(".") if len(w) > 1 and not re.match(r"^[ap]\.m\.$", w) else w)
    return _join_iso(out)


def mod_phrases(lex: Lexicon) -> list[tuple[tuple[str, ...], str]]:
    """Modifier phrases as word tuples, longest first (computed once)."""
    cached = lex.__dict__.get("_mod_phrases")
    if cached is None:
        items = [(tuple(split_words(k.split())), v) for k, v in lex.mods.items()]
        cached = sorted(items, key=lambda kv: -len(kv[0]))
        lex.__dict__["_mod_phrases"] = cached
    return cached


def mod_phrases_by_first(
    lex: Lexicon,
) -> tuple[dict[str, list[tuple[tuple[str, ...], str]]], list[tuple[tuple[str, ...], str]]]:
    """:func:`mod_phrases` by first word (in the same order), and those that start with 'or'
    ("or so", "or more"): the only ones that can match at the front or at the end of words."""
    cached = lex.__dict__.get("_mod_phrases_by_first")
    if cached is None:
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, mod in mod_phrases(lex):
            by_first.setdefault(phrase[0], []).append((phrase, mod))
        cached = (by_first, by_first.get("or", []))
        lex.__dict__["_mod_phrases_by_first"] = cached
    return cached


def _join_iso(words: list[str]) -> list[str]:
    """'2025', '-', '06', '-', '03' (as the tokenizer splits an ISO date) -> '2025-06-03'."""
    i = 0
    while i + 4 < len(words):
        if words[i + 1] == "-" == words[i + 3] and ISO_RE.match("".join(words[i : i + 5])):
            words = words[:i] + ["".join(words[i : i + 5])] + words[i + 5 :]
        i += 1
    return words


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
    unknown: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def _strip_mods(words: list[str], lex: Lexicon) -> tuple[list[str], list[str]]:
    """Take modifier phrases off both ends of the words."""
    by_first, or_phrases = mod_phrases_by_first(lex)
    mods: list[str] = []
    changed = True
    while changed and words:
        changed = False
        for phrase, mod in by_first.get(words[0], ()):
            n = len(phrase)
            if tuple(words[:n]) == phrase and len(words) > n:
                nxt = words[n]
                if phrase == ("some",) and not (nxt in lex.numbers or NUM_RE.match(nxt)):
                    continue
                if phrase in (("earlier",), ("later",)) and nxt in lex.units and nxt not in ("week", "month", "year"):
                    continue
                words = words[n:]
                if words and words[0] == "-":
                    words = words[1:]
                mods.append(mod)
                changed = True
                break
        for phrase, mod in or_phrases:
            n = len(phrase)
            if len(words) > n and tuple(words[-n:]) == phrase:
                words = words[:-n]
                mods.append(mod)
                changed = True
                break
    return words, mods


def _holiday_at(words: list[str], i: int, lex: Lexicon) -> tuple[str, int] | None:
    """The holiday name (lexicon key) starting at word i and its length in words."""
    for k in (4, 3, 2, 1):
        if i + k <= len(words):
            key = " ".join(words[i : i + k]).replace(" 's", "'s").replace(" '", "'")
            if key in lex.holidays and not (k == 1 and key in ("new", "may")):
                return key, k
    return None


def _two_digit_decade(d: int, dct_year: int | None) -> int:
    """'the 90s' -> 199: the latest such decade that has begun by the reference year."""
    if dct_year is None:
        return 190 + d
    decade = (dct_year // 100) * 10 + d
    return decade - 10 if decade * 10 > dct_year else decade


def read(words: list[str], lex: Lexicon, dct_year: int | None = None) -> Reading:
    """Read the features of an expression's words (already split by :func:`split_words`)."""
    return _Reader(words, lex, dct_year).run()


class _Reader:
    """One left-to-right pass over the words. Each ``_word_*`` method tries to read the word at
    ``self.i`` and returns how many words it consumed (0: not its kind of word); the first
    that reads it wins, so the order of ``HANDLERS`` matters (a clock time before a number, a
    number before a month day, an ordinal before a unit)."""

    HANDLERS = (
        "_phrase",
        "_clock",
        "_calendar_token",
        "_decade",
        "_ordinal_token",
        "_fraction",
        "_digits",
        "_number_word",
        "_vague",
        "_number_range",
        "_month",
        "_weekday",
        "_season",
        "_quarter",
        "_ordinal_word",
        "_deictic",
        "_part_of_day",
        "_unit",
        "_offset",
        "_other",
    )

    def __init__(self, words: list[str], lex: Lexicon, dct_year: int | None):
        self.r = Reading(words=list(words))
        self.lex, self.dct_year = lex, dct_year
        self.words, self.r.mods = _strip_mods(list(words), lex)
        self.r.mod = self.r.mods[0] if self.r.mods else None
        self.r.the = "the" in self.words
        self.pending: float | None = None  # a number being built ("twenty" + "four")
        self.i = 0

    def run(self) -> Reading:
        n = len(self.words)
        while self.i < n:
            self.w = self.words[self.i]
            self.nxt = self.words[self.i + 1] if self.i + 1 < n else ""
            for handler in _READER_HANDLERS:
                used = handler(self)
                if used:
                    self.i += used
                    break
            else:
                self.r.unknown.append(self.w)
                self.i += 1
        self.flush()
        _spelled_year(self.r)
        return self.r

    # -------------------------------------------------------- helpers

    def flush(self) -> None:
        if self.pending is not None:
            self.r.numbers.append(self.pending)
            self.pending = None

    def at(self, k: int) -> str:
        j = self.i + k
        return self.words[j] if 0 <= j < len(self.words) else ""

    # -------------------------------------------------------- handlers

    def _phrase(self) -> int:
        """Multi-word readings: 'from now', 'year-earlier', 'year-end', holiday names."""
        r, w, nxt = self.r, self.w, self.nxt
        pair = f"{w} {nxt}" if nxt else ""
        if pair in self.lex.offset_words:
            r.offset, r.offset_word = self.lex.offset_words[pair], pair
            return 2
        if w == "year" and nxt == "-" and self.at(2) in ("ago", "earlier"):
            r.year_ago = True
            return 3
        if w == "year" and (nxt == "end" or (nxt in ("-", "'s") and self.at(2) == "end")):
            r.year_end = True
            return 2 if nxt == "end" else 3
        key = _holiday_at(self.words, self.i, self.lex)
        if key:
            r.holiday = ("H", key[0])  # resolved later with the year
            return key[1]
        return 0

    def _clock(self) -> int:
        """'9:30', '10am', 'p.m.' after a number, "o'clock", 'noon'."""
        r, w = self.r, self.w
        m = CLOCK_RE.match(w)
        if m and int(m.group(1)) <= 24:
            r.clock = (int(m.group(1)), int(m.group(2)))
            if m.group(4):
                r.ampm = "am" if m.group(4).startswith("a") else "pm"
            return 1
        m = HOUR_AMPM_RE.match(w)
        if m:
            r.clock = (int(m.group(1)), 0)
            r.ampm = "am" if m.group(2).startswith("a") else "pm"
            return 1
        if w in ("am", "pm"):
            r.ampm = w
            if self.pending is not None and self.pending <= 12 and r.clock is None:
                r.clock, self.pending = (int(self.pending), 0), None
            elif r.numbers and r.clock is None and r.numbers[-1] is not None and r.numbers[-1] <= 12:
                r.clock = (int(r.numbers.pop()), 0)
            return 1
        if w == "o'clock" or (w == "o" and self.nxt == "'clock"):
            if self.pending is not None:
                r.clock, self.pending = (int(self.pending), 0), None
            return 1 if w == "o'clock" else 2
        if w in self.lex.clock_words and not (w == "midday" and r.pod):
            hh, mm = self.lex.clock_words[w].split(":")
            r.clock = (int(hh), int(mm))
            return 1
        return 0

    def _calendar_token(self) -> int:
        """A whole date in one token: '2025-06-03', '6/3/2025'."""
        r = self.r
        m = ISO_RE.match(self.w)
        if m:
            r.year, r.month, r.day = int(m.group(1)), int(m.group(2)), int(m.group(3))
            return 1
        m = NUMERIC_DATE_RE.match(self.w)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = y + (1900 if y >= 50 else 2000) if y < 100 else y
            mo, dd = (a, b) if a <= 12 else (b, a)
            if 1 <= mo <= 12 and 1 <= dd <= 31:
                r.year, r.month, r.day = y, mo, dd
            return 1
        return 0

    def _decade(self) -> int:
        """'1990s', "'90s", 'the nineties', "'98"."""
        r, w = self.r, self.w
        m = DECADE_RE.match(w)
        if m:
            self.flush()
            digits = m.group(1)
            r.decade = int(digits) // 10 if len(digits) == 4 else _two_digit_decade(int(digits) // 10, self.dct_year)
            return 1
        if w in self.lex.decade_words:
            r.decade = _two_digit_decade(self.lex.decade_words[w], self.dct_year)
            return 1
        if w == "'" and re.match(r"^\d\d$", self.nxt):
            yy = int(self.nxt)
            r.year = (1900 + yy) if yy >= 30 else (2000 + yy)
            return 2
        return 0

    def _ordinal_token(self) -> int:
        """'16th' (a day next to a month), '20th century', '3rd quarter'."""
        m = ORD_RE.match(self.w)
        if not m or NUM_RE.match(self.w):
            return 0
        r, nxt, v = self.r, self.nxt, int(m.group(1))
        if nxt in ("century", "centuries"):
            r.century = v
            return 2
        if r.month is not None or nxt in self.lex.months or (nxt == "of" and self.at(2) in self.lex.months):
            r.day = v
        else:
            r.ordinal = v
        return 1

    def _fraction(self) -> int:
        """'1/2' in '5 1/2 hours'."""
        m = FRACTION_RE.match(self.w)
        if not m or not int(m.group(2)):
            return 0
        frac = int(m.group(1)) / int(m.group(2))
        if self.pending is not None:
            self.pending += frac
        elif self.r.numbers and self.r.numbers[-1] is not None:
            self.r.numbers[-1] += frac
        else:
            self.pending = frac
        return 1

    def _digits(self) -> int:
        """A number in digits: a year, a day of a month, the end of a range, or a quantity."""
        w, nxt, r = self.w, self.nxt, self.r
        if not NUM_RE.match(w):
            return 0
        if w.count(".") > 1:
            return 1
        v = float(w.replace(",", ""))
        prev = self.at(-1) if self.i > 0 else ""
        if 1000 <= v <= 2199 and "," not in w and "." not in w and self.pending is None:
            if nxt in self.lex.units and nxt not in ("quarter", "second"):
                self.pending = v  # "1500 years" counts units
                return 1
            if nxt in ("'s", "s"):
                r.decade = int(v) // 10
                return 2
            if r.year is None:
                r.year = int(v)
            else:
                r.year2 = int(v)
            return 1
        if (
            r.month is not None
            and 1 <= v <= 31
            and v == int(v)
            and nxt not in self.lex.units
            and (r.day is None or prev in ("-", "to", "and", "through", "until", "till"))
        ):
            if r.day is None:
                r.day = int(v)
            else:
                r.day2 = int(v)
        elif nxt in self.lex.months and 1 <= v <= 31 and r.day is None:
            r.day = int(v)
        elif nxt == "-" and self.at(2) in self.lex.months and 1 <= v <= 31:
            r.day = int(v)
        elif r.year is not None and prev in ("-", "/") and v < 100 and r.numbers == [] and self.pending is None:
            yy = int(v)  # "1990-91"
            r.year2 = (r.year // 100) * 100 + yy if yy > r.year % 100 else (r.year // 100 + 1) * 100 + yy
        elif self.pending is not None and self.pending >= 20 and self.pending % 10 == 0 and v < 10:
            self.pending += v
        else:
            self.flush()
            self.pending = v
        return 1

    def _number_word(self) -> int:
        """'two', 'twenty four', 'a hundred', 'a couple', 'half', 'and a half'."""
        r, w, nxt, lex = self.r, self.w, self.nxt, self.lex
        if w in ("a", "an") and nxt == "half" and self.at(-1) == "and" and self.i > 0:
            return 1  # "a minute and a half": the half is added to the number before
        if w not in lex.numbers or (
            w in ("a", "an") and (nxt in ("few", "couple", "while", "later", "dozen") or not nxt)
        ):
            return 0
        v = lex.numbers[w]
        multipliers = ("half", "couple", "dozen", "hundred", "thousand")
        if w in ("a", "an") and (
            nxt not in lex.units
            and nxt not in multipliers + ("quarter", "-", "fortnight", "decade")
            or nxt in lex.numbers
            and nxt not in multipliers
        ):
            return 1  # an article, not "one": "a two-year truce"
        prev = self.at(-1) if self.i > 0 else ""
        if w in ("hundred", "thousand", "dozen"):
            if self.pending is not None:
                self.pending *= v
            elif r.numbers and r.numbers[-1] is not None and prev != "-":
                r.numbers[-1] *= v
            else:
                self.pending = v
        elif w == "half":
            self._half(prev)
        elif w == "couple":
            self.pending = 2
        elif self.pending is not None and self.pending >= 20 and self.pending % 10 == 0 and v < 10:
            self.pending += v
        else:
            self.flush()
            self.pending = v
        return 1

    def _half(self, prev: str) -> None:
        """'half' adds to a number ('two and a half'), is a number ('half a year') or a half-year."""
        r, nxt = self.r, self.nxt
        if self.pending is not None:
            self.pending += 0.5
        elif r.numbers and r.numbers[-1] is not None and prev in ("a", "and"):
            r.numbers[-1] += 0.5
        elif nxt in ("of", "-"):
            if nxt == "of" and r.ordinal:
                r.quarter = "H"
            if r.quarter is None:
                self.pending = 0.5
        elif nxt in self.lex.units or (nxt == "a" and self.at(2) in self.lex.units):
            self.pending = 0.5
        else:
            r.quarter = "H"

    def _vague(self) -> int:
        """'several', 'few', 'many' before a unit: a number without a value."""
        if self.w in self.lex.vague_numbers and (
            self.nxt in self.lex.units or self.nxt in ("of", "more", "-") or self.nxt in self.lex.vague_numbers
        ):
            self.flush()
            self.r.numbers.append(None)
            return 1
        return 0

    def _number_range(self) -> int:
        """'to' / 'or' between two numbers: 'two to three weeks'."""
        r, nxt = self.r, self.nxt
        if (
            self.w in ("to", "or")
            and (self.pending is not None or (r.numbers and r.numbers[-1] is not None))
            and nxt
            and (NUM_RE.match(nxt) or nxt in self.lex.numbers)
        ):
            self.flush()
            return 1
        return 0

    def _month(self) -> int:
        if self.w in self.lex.months and not (self.w == "may" and self.r.month is not None):
            self.flush()
            if self.r.month is None:
                self.r.month = self.lex.months[self.w]
            return 1
        return 0

    def _weekday(self) -> int:
        w = self.w
        if w in self.lex.weekdays:
            self.r.weekday = self.lex.weekdays[w]
            return 1
        if w.endswith("s") and w[:-1] in self.lex.weekdays and len(w) > 4:  # "on Mondays"
            self.r.weekday, self.r.every = self.lex.weekdays[w[:-1]], True
            return 1
        return 0

    def _season(self) -> int:
        if self.w in self.lex.seasons:
            self.r.season = self.lex.seasons[self.w]
            return 1
        return 0

    def _quarter(self) -> int:
        """'quarter' as a fiscal quarter (after an ordinal, a year, 'fiscal' or 'last'), 'half',
        'century' after an ordinal; otherwise 'quarter' is a unit ('three quarters')."""
        r, w = self.r, self.w
        if w in ("quarter", "quarters") and (
            r.ordinal is not None
            or r.year is not None
            or r.fiscal
            or (r.relative is not None and not r.numbers and self.pending is None)
        ):
            self.flush()
            r.quarter, r.unit_plural = "Q", w == "quarters"
            return 1
        if w in ("half", "halves") and r.ordinal is not None:
            r.quarter = "H"
            return 1
        if w in ("century", "centuries") and r.ordinal is not None:
            r.century, r.ordinal = r.ordinal, None
            return 1
        return 0

    def _ordinal_word(self) -> int:
        """'third' (quarter), 'first' (half); 'second' after a number is a unit; 'last' is an
        ordinal only before a quarter or half ('the last quarter of 1989')."""
        r, w, nxt = self.r, self.w, self.nxt
        if w not in self.lex.ordinals:
            return 0
        if w == "second" and (self.pending is not None or (r.numbers and self.at(-1) not in ("the", "-"))):
            return 0
        if w in ("last", "final") and nxt not in ("quarter", "half", "quarters", "-"):
            return 0
        if w == "last" and nxt in ("quarter", "quarters") and not r.the and self.i + 2 >= len(self.words):
            r.relative, r.relative_word = self.lex.relative_words["last"], "last"  # "last quarter"
            return 1
        self.flush()
        r.ordinal = self.lex.ordinals[w]
        return 1

    def _deictic(self) -> int:
        w = self.w
        if w in self.lex.deictic_days:
            self.r.deictic, self.r.deictic_word = self.lex.deictic_days[w], w
            if w in ("tonight", "overnight"):
                self.r.pod = "NI"
            return 1
        return 0

    def _part_of_day(self) -> int:
        r, w = self.r, self.w
        if w in self.lex.parts_of_day and not (w in ("night", "nights") and (self.pending is not None or r.numbers)):
            r.pod = self.lex.parts_of_day[w]
            if w.endswith("s") and r.weekday is not None:
                r.every = True  # "Tuesday nights"
            return 1
        return 0

    def _unit(self) -> int:
        r, w = self.r, self.w
        if w not in self.lex.units:
            return 0
        self.flush()
        u = self.lex.units[w]
        if r.unit and r.unit_plural and not r.numbers and w.endswith("s") and self.at(-1) in ("or", "to"):
            r.unit2 = duration_value(
                None, u["code"], bool(u.get("time"))
            )  # "weeks or months": the first unit, the range kept
            return 1
        r.unit, r.unit_time = u["code"], bool(u.get("time"))
        r.unit_plural = w.endswith("s") or w in ("centuries", "millennia")
        if u.get("factor"):
            r.numbers = [(x or 1) * u["factor"] for x in (r.numbers or [1])]
        r.unit_adjectival = self.at(-1) == "-" and self.i > 0
        return 1

    def _offset(self) -> int:
        """'ago', 'earlier', 'later' after a quantity; a relative word ('last', 'next')."""
        r, w = self.r, self.w
        if w in self.lex.offset_words and (
            r.unit or r.numbers or self.pending is not None or r.weekday is not None or r.deictic is not None
        ):
            self.flush()
            r.offset, r.offset_word = self.lex.offset_words[w], w
            return 1
        if w in self.lex.relative_words:
            r.relative, r.relative_word = self.lex.relative_words[w], w
            return 1
        return 0

    def _other(self) -> int:
        """Set, fiscal and reporting-period words; words that carry nothing ('the', 'of', time zones)."""
        r, w = self.r, self.w
        if w in ("every", "each", "per"):
            r.every = True
        elif w in ("fiscal", "financial", "fy"):
            r.fiscal = True
        elif w in ("period", "periods"):
            r.period = True
        elif w in ("ago", "earlier"):
            if r.offset is None:
                r.offset, r.offset_word = self.lex.offset_words[w], w
        elif not (w in IGNORED or w in TIMEZONES or w in GLUE):
            return 0
        return 1


IGNORED = {
    "latest",
    "recent",
    "most",
    "corresponding",
    "comparable",
    "year-ago",
    "same",
    "term",
    "more",
    "additional",
    "other",
    "long",
    "old",
    "full",
    "entire",
    "whole",
    "calendar",
    "trading",
    "business",
    "working",
    "straight",
    "consecutive",
    "another",
    "further",
    "week-long",
    "-",
    "–",
    "/",
    "to",
    "or",
    "through",
    "until",
    "till",
    "and",
    "'",
    "o",
    "early",
    "late",
    "mid",
}


# the handlers as plain functions, looked up once rather than bound for every expression read
_READER_HANDLERS = [getattr(_Reader, name) for name in _Reader.HANDLERS]


def _spelled_year(r: Reading) -> None:
    """'nineteen ninety-six' -> 1996, 'the year two thousand' -> 2000 (broadcast transcripts)."""
    if r.year is not None or r.clock is not None:
        return
    nums = [x for x in r.numbers if x is not None]
    if (
        len(nums) == 2
        and len(r.numbers) == 2
        and nums[0] in (19, 20)
        and 10 <= nums[1] < 100
        and (r.unit is None or (r.unit == "Y" and r.the))
    ):
        r.year, r.numbers, r.unit = int(nums[0] * 100 + nums[1]), [], None
    elif (
        len(nums) == 1
        and len(r.numbers) == 1
        and r.unit == "Y"
        and r.the
        and 1000 <= nums[0] <= 2100
        and "year" in r.words
        and r.words.index("year") < len(r.words) - 1
    ):
        r.year, r.numbers, r.unit = int(nums[0]), [], None


# ---------------------------------------------------------------- resolution helpers


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
    if isinstance(spec, str):
        mm, dd = spec.split("-")
        return date(y, int(mm), int(dd))
    rule = HOLIDAY_RULES.get(spec.get("rule", ""))
    return rule(y) if rule else None


# ---------------------------------------------------------------- normalisation

MEMO_MAX = 20_000  # entries kept per lexicon before the memo starts afresh


def normalise(words: list[str], ctx: Context, lex: Lexicon | None = None) -> Timex | None:
    """The TIMEX3 reading of an expression's words, or None when it is not one.

    Memoised (per lexicon) on the words and the whole context, of which the reading is a pure
    function: the same expression in the same setting ("last week" twice in an article, "Monday"
    in two articles of the same day and tense) is read once. The caller gets its own copy."""
    lex = lex or load_lexicon()
    memo = lex.__dict__.setdefault("_normalise_memo", {})
    key = (tuple(words), ctx.dct, ctx.tense, ctx.ref, ctx.quarter)
    if key in memo:
        t = memo[key]
    else:
        if len(memo) >= MEMO_MAX:
            memo.clear()
        t = memo[key] = _normalise(words, ctx, lex)
    return replace(t) if t is not None else None


def _normalise(words: list[str], ctx: Context, lex: Lexicon) -> Timex | None:
    ws = split_words(words)
    if not ws:
        return None
    r = read(ws, lex, ctx.dct.year if ctx.dct else None)
    try:
        t = _decide(r, ctx, lex)
    except (ValueError, OverflowError):
        return None
    if t is None:
        return None
    if t.mod is None and r.mod:
        t.mod = r.mod
    return t


def _fixed(r: Reading, lex: Lexicon) -> Timex | None:
    words, _ = _strip_mods(list(r.words), lex)
    key = " ".join(w for w in words if w not in ("-",)).replace(" 's", "'s")
    for k in (key, key.removeprefix("the ")):
        if k in lex.fixed:
            f = lex.fixed[k]
            return Timex(f["type"], f["value"])
    return None


def reporting_quarter(ctx: Context) -> Point | None:
    """The quarter 'the quarter' / 'the latest period' refers to: the first one the article
    named, else the last quarter completed before publication (what results published in
    October report on)."""
    if ctx.quarter is not None:
        return ctx.quarter
    if ctx.dct is None:
        return None
    return shift(coarsen(Point(ctx.dct, "day"), "quarter"), "Q", -1)


def _anchor_point(ctx: Context, anaphoric: bool) -> Point | None:
    if anaphoric and ctx.ref is not None:
        return Point(ctx.ref.d, "day")
    return Point(ctx.dct, "day") if ctx.dct else None


def _decide(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    dct = ctx.dct
    anchor_s = dct.isoformat() if dct else None
    fixed = _fixed(r, lex)
    if fixed is not None:
        return fixed
    if r.year_end:
        y = r.year or (dct.year if dct else None)
        t = Timex("DATE", f"{y:04d}" if y else "XXXX", mod="END", relative=r.year is None, anchor=anchor_s)
        return t
    if r.year_ago:
        return _year_ago(r, ctx)
    # SET: every week, each Thursday, Tuesday nights, daily
    if r.every:
        return _set(r, lex)
    if (
        r.clock is None
        and r.pod
        and r.unit is None
        and len(r.numbers) == 1
        and r.numbers[0]
        and 1 <= r.numbers[0] <= 12
        and r.numbers[0] == int(r.numbers[0])
    ):
        r.clock, r.numbers = (int(r.numbers[0]), 0), []  # "4 in the morning"
    # clock times
    if r.clock is not None:
        return _time(r, ctx)
    # explicit calendar dates
    if r.year is not None or r.month is not None or r.decade is not None or r.century is not None or r.holiday:
        t = _calendar(r, ctx, lex)
        if t is not None:
            return t
    if r.quarter is not None:
        t = _quarter(r, ctx)
        if t is not None:
            return t
    if r.period and r.unit is None and not r.numbers:
        # "the latest period": a reporting quarter; a bare "period" only where quarters are discussed
        p = reporting_quarter(ctx) if "latest" in r.words else ctx.quarter
        if p is None:
            return None
        if r.relative is not None and r.relative["direction"] and not r.relative.get("anaphoric"):
            p = shift(p, "Y", r.relative["direction"])
        return Timex("DATE", p.value(), point=p, relative=True, anaphoric=True)
    if r.deictic is not None:
        p = Point(dct + timedelta(days=r.deictic), "day") if dct else None
        if r.deictic_word in ("tonight", "overnight") or r.pod:
            val = (p.value() if p else "XXXX-XX-XX") + "T" + (r.pod or "NI")
            return Timex("TIME", val, anchor=anchor_s, relative=True, point=p)
        if r.offset is not None and r.unit:  # "the day before yesterday"
            p = shift(p, r.unit, -1 if r.offset["direction"] < 0 else 1) if p else None
        return Timex("DATE", p.value() if p else "XXXX-XX-XX", anchor=anchor_s, relative=True, point=p)
    if r.weekday is not None:
        return _weekday(r, ctx)
    if r.season is not None:
        return _season(r, ctx)
    if r.unit is not None:
        return _unit(r, ctx, lex)
    if r.pod is not None and (r.relative is not None or r.the):
        p = Point(dct, "day") if dct else None
        if r.relative_word in ("last",) and r.pod == "NI":
            p = Point(dct - timedelta(days=1), "day") if dct else None
        elif r.relative is not None and r.relative.get("anaphoric") and ctx.ref is not None:
            p = Point(ctx.ref.d, "day")
        elif r.relative_word in ("next", "following") and ctx.ref is not None:
            p = Point(ctx.ref.d + timedelta(days=1), "day")
        return Timex("TIME", (p.value() if p else "XXXX-XX-XX") + "T" + r.pod, anchor=anchor_s, relative=True, point=p)
    return None


def _year_ago(r: Reading, ctx: Context) -> Timex | None:
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


def _set(r: Reading, lex: Lexicon) -> Timex | None:
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
            return Timex("SET", "P1Q" if n == 1 else f"P{_num(3 * (n or 1))}M")
        return Timex("SET", duration_value(n, r.unit, r.unit_time))
    if r.quarter == "Q":
        return Timex("SET", "P1Q")
    return None


def _time(r: Reading, ctx: Context) -> Timex:
    hh, mm = r.clock
    if r.ampm == "pm" and hh < 12:
        hh += 12
    elif r.ampm == "am" and hh == 12:
        hh = 0
    elif r.ampm is None and r.pod in ("AF", "EV", "NI") and hh < 12 and not (r.pod == "NI" and hh < 5):
        hh += 12
    day_part: str | None = None
    relative = True
    dct = ctx.dct
    if r.month is not None or r.year is not None:
        sub = replace(r, clock=None, ampm=None, pod=None)
        t = _calendar(sub, ctx, load_lexicon())
        if t and t.point and t.point.gran == "day":
            day_part, relative = t.value, t.relative
    elif r.weekday is not None:
        day_part = _weekday(replace(r, clock=None, pod=None), ctx).value
    elif r.deictic is not None and dct:
        day_part = (dct + timedelta(days=r.deictic)).isoformat()
    elif ctx.ref is not None and ctx.ref.gran == "day":
        day_part = ctx.ref.d.isoformat()  # "at 10 p.m." -> the day last mentioned
    elif dct:
        day_part = dct.isoformat()
    value = f"{day_part or 'XXXX-XX-XX'}T{hh:02d}:{mm:02d}"
    return Timex("TIME", value, anchor=dct.isoformat() if dct else None, relative=relative)


def _calendar(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """Named calendar periods: centuries, decades, holidays, month-days, months, years."""
    if r.century is not None and r.year is None and r.month is None:
        return Timex("DATE", f"{r.century - 1:02d}", point=Point(date(max(1, (r.century - 1) * 100), 1, 1), "century"))
    if r.decade is not None and r.month is None:
        return Timex("DATE", f"{r.decade:03d}", point=Point(date(max(1, r.decade * 10), 1, 1), "decade"))
    if r.holiday:
        return _holiday(r, ctx, lex)
    if r.month is not None and r.day is not None:
        return _month_day(r, ctx)
    if r.month is not None:
        return _month(r, ctx)
    if r.year is not None:
        return _year(r, ctx)
    return None


def _holiday(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
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


def _month_day(r: Reading, ctx: Context) -> Timex | None:
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


def _month(r: Reading, ctx: Context) -> Timex:
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


def _year(r: Reading, ctx: Context) -> Timex | None:
    """'2024', 'summer 2024', 'the third quarter of 2023', '1990-91', 'the 1988 period'."""
    if (r.period or (r.unit == "Q" and not r.numbers)) and r.ordinal is None and ctx.quarter is not None:
        # "the 1988 period", "the 1988 quarter": the quarter under discussion, in that year
        p = Point(date(r.year, ctx.quarter.d.month, 1), "quarter")
        return Timex("DATE", p.value(), point=p)
    if r.season:
        return Timex("DATE", f"{r.year:04d}-{r.season}", point=Point(date(r.year, 1, 1), "season", r.season))
    if r.quarter is not None:
        return _quarter(r, ctx)
    if r.unit and r.numbers and not r.unit_adjectival:
        return None
    t = Timex("DATE", f"{r.year:04d}", point=Point(date(r.year, 1, 1), "year"))
    if r.year2 is not None and r.year2 > r.year:
        t.range_start, t.range_end = f"{r.year:04d}", f"{r.year2:04d}"
    return t


def _quarter(r: Reading, ctx: Context) -> Timex | None:
    """Quarters and halves: 'the third quarter', 'fiscal 1989 second quarter', 'first half of 1990'."""
    dct = ctx.dct
    code = r.quarter
    nq = 4 if code == "Q" else 2
    if r.numbers and r.numbers[0] and r.numbers[0] > 1 and code == "Q" and r.ordinal in (None, 1):
        # "the first two quarters" -> a duration; "the first two quarters of 1990" -> 1990-H1
        n = r.numbers[0]
        if r.ordinal == 1 and n == 2 and r.year is not None:
            return Timex("DATE", f"{r.year:04d}-H1")
        return Timex("DURATION", f"P{_num(3 * n)}M")
    if r.ordinal is None:
        if r.relative is not None and dct:
            base = (
                ctx.quarter if (r.relative.get("anaphoric") and ctx.quarter) else coarsen(Point(dct, "day"), "quarter")
            )
            p = shift(coarsen(base, "quarter"), "Q", r.relative["direction"])
            return Timex("DATE", p.value(), point=p, relative=True, anchor=dct.isoformat())
        p = reporting_quarter(ctx) if code == "Q" and r.year is None else None
        if p is not None:
            return Timex("DATE", p.value(), point=p, relative=True)
        return Timex("DATE", f"{r.year:04d}-{code}X" if r.year else f"XXXX-{code}X")
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


def _weekday(r: Reading, ctx: Context) -> Timex:
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


def _season(r: Reading, ctx: Context) -> Timex:
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


def _unit(r: Reading, ctx: Context, lex: Lexicon) -> Timex | None:
    """Expressions built on a unit: durations, 'last week', 'three years ago', 'a day earlier'."""
    if len(r.numbers) >= 2 and r.offset is None:
        t = _duration_range(r)
        if t is not None:
            return t
    if r.offset is not None and (r.numbers or not r.unit_plural) and r.relative_word not in ("the", "past", "last"):
        return _unit_offset(r, ctx)
    if r.relative is not None:
        return _unit_relative(r, ctx)
    return _unit_bare(r, ctx)


def _duration_range(r: Reading) -> Timex | None:
    """'two to three weeks', '12 to 18 months': the lower bound, EQUAL_OR_MORE (TimeBank), and the range."""
    a, b = r.numbers[0], r.numbers[1]
    if a is None or b is None or b <= a:
        return None
    t = Timex("DURATION", duration_value(a, r.unit, r.unit_time), mod="EQUAL_OR_MORE")
    t.range_start, t.range_end = t.value, duration_value(b, r.unit, r.unit_time)
    return t


def _unit_offset(r: Reading, ctx: Context) -> Timex:
    """'three years ago' (from the publication date), 'a week earlier' (from the last date
    mentioned), at the granularity of the unit; in financial news 'a year ago' is the quarter."""
    anchor_s = ctx.dct.isoformat() if ctx.dct else None
    unit, direction = r.unit, r.offset["direction"]
    n = r.numbers[0] if r.numbers else 1
    if n is None:  # "several years ago"
        return Timex("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
    anaphoric = bool(r.offset.get("anaphoric"))
    base = _anchor_point(ctx, anaphoric)
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


def _unit_relative(r: Reading, ctx: Context) -> Timex:
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
        if r.relative_word in ("past", "last"):
            return Timex("DURATION", duration_value(1, unit, True))
        p = Point(dct, "day") if dct else None
        return Timex("DATE", p.value() if p else "XXXX-XX-XX", point=p, relative=True, anchor=anchor_s)
    if unit == "D":
        return _relative_day(ctx, direction, anaphoric)
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


def _relative_day(ctx: Context, direction: int, anaphoric: bool) -> Timex:
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


def _unit_bare(r: Reading, ctx: Context) -> Timex | None:
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
    if r.unit_adjectival or any(w in ("a", "an", "one") for w in r.words):
        return Timex("DURATION", duration_value(1, unit, r.unit_time))
    return None

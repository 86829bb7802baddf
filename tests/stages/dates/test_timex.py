"""The TIMEX3 normaliser, expression by expression (no spaCy: words in, value out)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.stages.dates.timex import Context, Point, duration_value, load_lexicon, normalise, resolve_weekday

DCT = date(2025, 6, 3)  # a Tuesday


def norm(text: str, dct: date | None = DCT, tense: str | None = None, **ctx):
    t = normalise(text.split(), Context(dct=dct, tense=tense, **ctx))
    assert t is not None, text
    return t


@pytest.mark.parametrize(
    "text,tense,type_,value",
    [
        # deictic days and weekdays
        ("yesterday", "past", "DATE", "2025-06-02"),
        ("today", None, "DATE", "2025-06-03"),
        ("tomorrow", "future", "DATE", "2025-06-04"),
        ("Last Wednesday", "past", "DATE", "2025-05-28"),
        ("Wednesday", "past", "DATE", "2025-05-28"),
        ("Wednesday", "future", "DATE", "2025-06-04"),
        ("Tuesday", "past", "DATE", "2025-06-03"),
        ("next Friday", None, "DATE", "2025-06-06"),
        ("this Thursday", None, "DATE", "2025-06-05"),
        ("Friday night", "past", "DATE", "2025-05-30"),
        ("last night", None, "TIME", "2025-06-02TNI"),
        ("this morning", None, "TIME", "2025-06-03TMO"),
        ("tonight", None, "TIME", "2025-06-03TNI"),
        # calendar dates; a month-day without a year is the nearest, leaning to the past
        ("May 16", "past", "DATE", "2025-05-16"),
        ("May 16", None, "DATE", "2025-05-16"),
        ("June 3 , 2025", None, "DATE", "2025-06-03"),
        ("3 June 2025", None, "DATE", "2025-06-03"),
        ("Sept. 30 , 1989", None, "DATE", "1989-09-30"),
        ("the 16th of May", None, "DATE", "2025-05-16"),
        ("December", "past", "DATE", "2024-12"),
        ("December", "future", "DATE", "2025-12"),
        ("July 2024", None, "DATE", "2024-07"),
        ("2024", None, "DATE", "2024"),
        ("fiscal 2024", None, "DATE", "2024"),
        ("the 1990s", None, "DATE", "199"),
        ("the '90s", None, "DATE", "199"),
        ("the 20th century", None, "DATE", "19"),
        ("2025 - 06 - 03", None, "DATE", "2025-06-03"),
        # relative to the publication date
        ("last week", None, "DATE", "2025-W22"),
        ("this week", None, "DATE", "2025-W23"),
        ("next month", None, "DATE", "2025-07"),
        ("last year", None, "DATE", "2024"),
        ("the past year", None, "DATE", "2024"),
        ("this year", None, "DATE", "2025"),
        ("next year", None, "DATE", "2026"),
        ("last December", None, "DATE", "2024-12"),
        ("this summer", None, "DATE", "2025-SU"),
        ("last winter", None, "DATE", "2024-WI"),
        ("the winter of 1994", None, "DATE", "1994-WI"),
        ("July last year", None, "DATE", "2024-07"),
        ("three years ago", None, "DATE", "2022"),
        ("two months ago", None, "DATE", "2025-04"),
        ("five days ago", None, "DATE", "2025-05-29"),
        ("a decade ago", None, "DATE", "2015"),
        ("the weekend", "past", "DATE", "2025-W22-WE"),
        # quarters and halves
        ("the second quarter", None, "DATE", "2025-Q2"),
        ("the fourth quarter", "past", "DATE", "2024-Q4"),
        ("third - quarter", None, "DATE", "2025-Q3"),
        ("the first half of 2024", None, "DATE", "2024-H1"),
        ("the third quarter of 2023", None, "DATE", "2023-Q3"),
        ("last quarter", None, "DATE", "2025-Q1"),
        # durations
        ("three days", None, "DURATION", "P3D"),
        ("100 days", None, "DURATION", "P100D"),
        ("two weeks", None, "DURATION", "P2W"),
        ("a year", None, "DURATION", "P1Y"),
        ("18 months", None, "DURATION", "P18M"),
        ("five - year", None, "DURATION", "P5Y"),
        ("twenty four hours", None, "DURATION", "PT24H"),
        ("90 minutes", None, "DURATION", "PT90M"),
        ("several years", None, "DURATION", "PXY"),
        ("the past two months", None, "DURATION", "P2M"),
        ("the next few days", None, "DURATION", "PXD"),
        ("the first nine months", None, "DURATION", "P9M"),
        ("two decades", None, "DURATION", "P20Y"),
        ("2 1/2 years", None, "DURATION", "P2Y6M"),
        ("an hour and a half", None, "DURATION", "PT1H30M"),
        # sets
        ("every week", None, "SET", "P1W"),
        ("each Thursday", None, "SET", "XXXX-WXX-4"),
        ("each July", None, "SET", "XXXX-07"),
        ("every three months", None, "SET", "P3M"),
        ("daily", None, "SET", "P1D"),
        # references
        ("now", None, "DATE", "PRESENT_REF"),
        ("currently", None, "DATE", "PRESENT_REF"),
        ("recently", None, "DATE", "PAST_REF"),
        ("the future", None, "DATE", "FUTURE_REF"),
        # times
        ("9:30 a.m.", None, "TIME", "2025-06-03T09:30"),
        ("10 p.m. Wednesday", "past", "TIME", "2025-05-28T22:00"),
        ("noon", None, "TIME", "2025-06-03T12:00"),
        # holidays
        ("Christmas", "past", "DATE", "2024-12-25"),
        ("Easter 2024", None, "DATE", "2024-03-31"),
    ],
)
def test_values(text, tense, type_, value):
    t = norm(text, tense=tense)
    assert (t.type, t.value) == (type_, value)


@pytest.mark.parametrize(
    "text,mod",
    [
        ("early next year", "START"),
        ("the end of November", "END"),
        ("mid - to - late June", "END"),
        ("late 2024", "END"),
        ("mid - 1990s", "MID"),
        ("more than four hours", "MORE_THAN"),
        ("at least 30 days", "EQUAL_OR_MORE"),
        ("nearly two years", "APPROX"),
        ("up to 180 days", "EQUAL_OR_LESS"),
        ("the next two years or so", "APPROX"),
    ],
)
def test_mods(text, mod):
    assert norm(text).mod == mod


def test_mid_to_late_month_value():
    t = norm("mid - to - late June", tense="future")
    assert (t.type, t.value, t.mod) == ("DATE", "2025-06", "END")


def test_month_day_range():
    t = norm("May 23 - 25", tense="past")
    assert (t.value, t.range_start, t.range_end) == ("2025-05-23", "2025-05-23", "2025-05-25")


def test_duration_range():
    t = norm("two - to - three - day")
    assert (t.type, t.value, t.range_start, t.range_end, t.mod) == ("DURATION", "P2D", "P2D", "P3D", "EQUAL_OR_MORE")
    t = norm("12 to 18 months")
    assert (t.range_start, t.range_end) == ("P12M", "P18M")


def test_relative_flag_and_anchor():
    t = norm("yesterday")
    assert t.relative and t.anchor == "2025-06-03"
    t = norm("June 3 , 2025")
    assert not t.relative


@pytest.mark.parametrize(
    "text,value",
    [
        ("yesterday", "XXXX-XX-XX"),
        ("Wednesday", "XXXX-WXX-3"),
        ("last week", "XXXX-WXX"),
        ("last year", "XXXX"),
        ("May 16", "XXXX-05-16"),
        ("June", "XXXX-06"),
        ("three years ago", "XXXX"),
        ("June 3 , 2025", "2025-06-03"),  # absolute values need no publication date
        ("2024", "2024"),
        ("P3D" and "three days", "P3D"),
    ],
)
def test_without_publication_date(text, value):
    assert norm(text, dct=None).value == value


def test_anaphoric_expressions_follow_the_last_date():
    ref = Point(date(2024, 11, 5), "day")
    assert norm("the following day", ref=ref).value == "2024-11-06"
    assert norm("the next day", ref=ref).value == "2024-11-06"
    assert norm("a year earlier", ref=Point(date(2024, 1, 1), "year")).value == "2023"
    month = Point(date(2024, 10, 1), "month")
    assert norm("that day", ref=month).value == "2024-10-XX"


def test_financial_quarter_context():
    q3 = Point(date(2024, 7, 1), "quarter")
    assert norm("a year ago", quarter=q3).value == "2023-Q3"
    assert norm("the year - earlier quarter", quarter=q3).value == "2023-Q3"
    assert norm("the quarter", quarter=q3).value == "2024-Q3"
    assert norm("the latest period", quarter=q3).value == "2024-Q3"


def test_not_temporal():
    ctx = Context(dct=DCT)
    for text in ["the", "of", "people", "big deal"]:
        assert normalise(text.split(), ctx) is None


def test_weekday_resolution_directions():
    tue = date(2025, 6, 3)
    assert resolve_weekday(tue, 2, None, -1) == date(2025, 5, 27)  # last Tuesday
    assert resolve_weekday(tue, 2, None, 1) == date(2025, 6, 10)  # next Tuesday
    assert resolve_weekday(tue, 1, None, None) == date(2025, 6, 2)  # Monday: nearest
    assert resolve_weekday(tue, 5, None, None) == date(2025, 5, 30)  # Friday: nearest, back 4 vs ahead 3
    assert resolve_weekday(tue, 5, "future", None) == date(2025, 6, 6)


def test_duration_values():
    assert duration_value(1.5, "Y") == "P1Y6M"
    assert duration_value(None, "W") == "PXW"
    assert duration_value(2, "DE") == "P20Y"
    assert duration_value(5, "H", True) == "PT5H"


def test_lexicon_validates():
    lex = load_lexicon()
    assert lex.months["sept"] == 9 and lex.weekdays["wednesday"] == 3


def test_vague_unit_range_keeps_the_first_unit():
    from pipeline.stages.dates.timex import Context, normalise

    t = normalise(["weeks", "or", "months"], Context())
    assert (t.type, t.value, t.range_start, t.range_end) == ("DURATION", "PXW", "PXW", "PXM")
    t = normalise(["hours", "or", "days"], Context())
    assert (t.value, t.range_end) == ("PTXH", "PXD")


def test_the_normaliser_is_pure_python():
    """The timex package imports no spaCy (it reads words, not Docs)."""
    import subprocess
    import sys

    code = "import sys, pipeline.stages.dates.timex; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)

"""The normaliser's reader: the words as it sees them (timex.words) and the features it reads
(timex.reading and the word readers); words in, no spaCy."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.stages.dates.rules import load_lexicon
from pipeline.stages.dates.timex.reading import READ_ORDER, read
from pipeline.stages.dates.timex.words import split_words, strip_mods

DCT = date(2025, 6, 3)


def reading(text: str):
    return read(split_words(text.split()), load_lexicon(), DCT.year)


@pytest.mark.parametrize(
    "tokens,words",
    [
        (["Sept."], ["sept"]),
        (["mid-1990s"], ["mid", "-", "1990s"]),
        (["2025", "-", "06", "-", "03"], ["2025-06-03"]),
        (["9:30", "a.m."], ["9:30", "am"]),
        (["the", "group’s", "anniversary"], ["the", "group's", "anniversary"]),
    ],
)
def test_split_words(tokens, words):
    assert split_words(tokens) == words


def test_modifiers_come_off_both_ends():
    assert strip_mods(["at", "least", "30", "days"], load_lexicon()) == (["30", "days"], ["EQUAL_OR_MORE"])
    assert strip_mods(["three", "weeks", "or", "so"], load_lexicon()) == (["three", "weeks"], ["APPROX"])
    # "some" is a modifier only before a number
    assert strip_mods(["some", "time"], load_lexicon()) == (["some", "time"], [])


@pytest.mark.parametrize(
    "text,features",
    [
        ("two and a half years", {"numbers": [2.5], "unit": "Y"}),
        ("twenty four hours", {"numbers": [24], "unit": "H", "unit_time": True}),
        ("May 23 - 25", {"month": 5, "day": 23, "day2": 25}),
        ("the 1990 - 91 season", {"year": 1990, "year2": 1991}),
        ("the third quarter of 2023", {"ordinal": 3, "quarter": "Q", "year": 2023}),
        ("a five - year", {"numbers": [5], "unit": "Y", "unit_adjectival": True}),
        ("Tuesday nights", {"weekday": 2, "pod": "NI", "every": True}),
        ("10 p.m.", {"clock": (10, 0), "ampm": "pm"}),
        ("three years ago", {"numbers": [3], "unit": "Y", "offset_word": "ago"}),
        ("nineteen ninety - six", {"year": 1996, "numbers": []}),
        ("fiscal 2024", {"fiscal": True, "year": 2024}),
        ("the year - earlier period", {"year_ago": True, "period": True}),
    ],
)
def test_features_read_from_the_words(text, features):
    r = reading(text)
    assert {k: getattr(r, k) for k in features} == features


def test_read_order_puts_clock_times_before_numbers():
    names = [f.__name__ for f in READ_ORDER]
    assert names.index("clock_time") < names.index("digits") < names.index("month")
    assert names.index("ordinal_token") < names.index("unit") and names[-1] == "flag_word"

"""How names are written and keyed (names.py): clean text, a person's words, keys, acronyms."""

from __future__ import annotations

import pytest

from pipeline.stages.entities.names import (
    acronym,
    clean_text,
    initials,
    person_key,
    person_words,
    place_key,
    words_key,
)
from pipeline.stages.entities.rules import load_rules

RULES = load_rules()


@pytest.mark.parametrize(
    "text, start, end, clean",
    [
        ("the Kremlin's reply", 0, 3, "Kremlin"),
        ("The Hollow Bay’s port", 0, 4, "Hollow Bay"),
        ("Northern Valley\nGrain Council", 0, 5, "Northern Valley Grain Council"),
        ("theatre Square", 0, 2, "theatre Square"),  # an article only as a word of its own
    ],
)
def test_clean_text(tokens, text, start, end, clean):
    assert clean_text(tokens(text)[start:end], RULES) == clean


def test_person_words_drop_titles_and_honorifics():
    assert person_words("Foreign Minister Lev Roe", RULES) == ["Lev", "Roe"]
    assert person_words("Mr. Roe", RULES) == ["Roe"]
    assert person_words("Minister", RULES) == []


def test_keys_do_not_depend_on_spelling_initials_or_place_suffixes():
    assert words_key(["Sergei", "Lavrov"], RULES) == words_key(["Sergey", "Lavrov"], RULES)
    assert person_key(["Hanne", "K.", "Voss"], RULES) == person_key(["Hanne", "Voss"], RULES)
    assert words_key(["Hanne", "K.", "Voss"], RULES) != words_key(["Hanne", "Voss"], RULES)
    assert place_key("Orlivka district", RULES) == place_key("Orlivka", RULES) == ("orlivka",)
    assert place_key("Region", RULES) == ("region",)  # a suffix alone stays


@pytest.mark.parametrize(
    "word, expected",
    [("NATO", True), ("KhPG", True), ("EGEA", True), ("Nato", False), ("A", False), ("NATO2", False), ("kPG", False)],
)
def test_acronym(word, expected):
    assert acronym(word) is expected


def test_initials():
    assert initials("Center for Countering Disinformation") == "CCD"
    assert initials("Eastern Grain-Exporters Association") == "EGEA"

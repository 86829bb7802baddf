"""Linking (linking.py): which mentions of an article are one entity.

All sentences are written for these tests (facts paraphrased, no article text)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        # transliteration variants of one person in one article share one canonical name
        (
            "Volodymyr Zelenskiy met aides on Friday. Later Zelensky spoke to reporters, and Zelenskyy's office "
            "confirmed it.",
            {"Volodymyr Zelenskiy", "Zelensky", "Zelenskyy"},
        ),
        ("Sergei Lavrov arrived in Ankara. Lavrov said the meeting was useful.", {"Sergei Lavrov", "Lavrov"}),
    ],
)
def test_aliases_merge(ents, text, expected):
    recs = [r for r in ents(text) if r["label"] == "PERSON"]
    assert {r["text"] for r in recs} == expected
    assert len({r["canonical"] for r in recs}) == 1 and recs[0]["canonical"] in expected
    assert len({r["kb_id"] for r in recs}) == 1 and recs[0]["kb_id"]


def test_surname_links_to_full_name_of_unknown_person(ents):
    text = (
        "Maryna Hlushchenko, a local teacher, said the school had no power. "
        "Hlushchenko added that the children now study online."
    )
    recs = [r for r in ents(text) if r["label"] == "PERSON"]
    assert {r["canonical"] for r in recs} == {"Maryna Hlushchenko"}
    assert all(r["kb_id"] is None for r in recs)


def test_middle_initial_is_another_person_than_the_gazetteer_one(ents):
    # the gazetteer knows a David Cameron; "David Q. Cameron" is not him
    recs = ents("A new book by David Q. Cameron looks at the talks. Cameron argues they failed.")
    people = [r for r in recs if r["label"] == "PERSON"]
    assert {r["canonical"] for r in people} == {"David Q. Cameron"}
    assert all(r["kb_id"] is None for r in people)


def test_possessive_and_title_are_not_part_of_the_name(ents):
    recs = ents("President Putin's envoy travelled to Washington. Mr. Putin did not comment.")
    people = [r for r in recs if r["label"] == "PERSON"]
    assert {r["text"] for r in people} == {"Putin"}
    assert {(r["canonical"], r["kb_name"], r["kb_id"]) for r in people} == {("Putin", "Vladimir Putin", "Q7747")}


@pytest.mark.parametrize(
    "text",
    [
        "The Kharkiv Human Rights Protection Group (KhPG) documented the case. KhPG said more cases exist.",
        "The Eastern Grain Exporters Association (EGEA) objected. Later EGEA softened its tone.",
    ],
)
def test_acronym_joins_its_full_name(ents, text):
    recs = [r for r in ents(text) if r["label"] == "ORG"]
    assert len({r["canonical"] for r in recs}) == 1 and len(recs) >= 2

"""Roles and affiliations (roles.py): from the words before a person's name or in apposition after it.

All sentences are written for these tests (facts paraphrased, no article text)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from pipeline.stages.entities.roles import Neighbours


@pytest.mark.parametrize(
    "text, person, role, affiliation",
    [
        ("Russian Foreign Minister Sergey Lavrov spoke on Tuesday.", "Sergey Lavrov", "Foreign Minister", "Russia"),
        ("The delegation was led by Defense Minister Rustem Umerov.", "Rustem Umerov", "Defense Minister", "Ukraine"),
        (
            "The other side sent presidential aide Vladimir Medinsky.",
            "Vladimir Medinsky",
            "presidential aide",
            "Russia",
        ),
        (
            "Ukrainian representative Oksana Melnychuk asked for a vote.",
            "Oksana Melnychuk",
            "representative",
            "Ukraine",
        ),
        ("Kremlin spokesman Dmitry Peskov declined to comment.", "Dmitry Peskov", "spokesman", "Kremlin"),
        (
            "Marco Rubio, the U.S. secretary of state, flew to Riyadh.",
            "Marco Rubio",
            "secretary of state",
            "United States",
        ),
        (
            "Minister of Foreign Affairs of Ukraine Andrii Sybiha met his counterpart.",
            "Andrii Sybiha",
            "Minister of Foreign Affairs",
            "Ukraine",
        ),
        (
            "Poland's foreign minister, Radoslaw Sikorski, arrived first.",
            "Radosław Sikorski",
            "foreign minister",
            "Poland",
        ),
        (
            "The President of the European Commission, Ursula von der Leyen, spoke.",
            "Ursula von der Leyen",
            "President",
            "European Commission",
        ),
        # a role link ("of", "the") inside the role: the search goes on past the affiliation
        (
            "Yesterday the head of the Russian delegation Medinsky read out a short statement.",
            "Vladimir Medinsky",
            "head of the Russian delegation",
            "Russia",
        ),
        # an apposition of an unknown person
        (
            "Ukraine's energy minister, Svitlana Hrynchuk, said the grid held.",
            "Svitlana Hrynchuk",
            "energy minister",
            "Ukraine",
        ),
    ],
)
def test_roles_and_affiliations(ents, text, person, role, affiliation):
    recs = [r for r in ents(text) if person in (r["canonical"], r["kb_name"])]
    assert recs, f"{person} not found"
    assert (recs[0]["role"], recs[0]["affiliation"]) == (role, affiliation)


def test_a_title_before_another_person_is_not_an_apposition(ents):
    recs = ents("The team included Jared Kushner, President Donald Trump's longtime adviser.")
    kushner = [r for r in recs if r["canonical"] == "Jared Kushner"][0]
    assert kushner["role"] is None


def test_neighbours_give_only_affiliations(tokens):
    doc = tokens("Norland envoy Ada Vos met Tuesday staff")
    norland, ada, tuesday = Span(doc, 0, 1, "GPE"), Span(doc, 2, 4, "PERSON"), Span(doc, 5, 6, "DATE")
    near = Neighbours.of([norland, ada, tuesday])
    assert near.affiliation_ending_at(0) == norland and near.affiliation_starting_at(0) == norland
    assert near.affiliation_ending_at(3) is None and near.affiliation_starting_at(2) is None  # a person
    assert near.affiliation_ending_at(5) is None and near.affiliation_ending_at(-1) is None

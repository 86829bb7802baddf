"""A cue's content (quotes/content.py): clauses, infinitives, objects, and where tidy() cuts.
Sentences written for these tests."""

from __future__ import annotations

import pytest


def test_indirect_speech_with_that_after_an_adjunct(quotes_of):
    text = (
        "Defence Minister Rustem Umerov noted after the talks that the delegations did agree to swap wounded prisoners."
    )
    recs = quotes_of(text)
    assert len(recs) == 1  # "agree" inside the reported clause is not a second attribution
    r = recs[0]
    assert r["kind"] == "indirect" and r["text"].startswith("that the delegations")
    assert r["speaker"].endswith("Umerov")


def test_indirect_speech_without_that(quotes_of, one):
    text = "President Zelenskyy said afterwards Ukraine had asked Russia to return the deported children."
    r = one(quotes_of(text), "Ukraine had asked")
    assert r["kind"] == "indirect"
    assert r["text"] == "Ukraine had asked Russia to return the deported children"
    assert "Zelensk" in r["speaker"]


def test_parenthetical_cue_splits_the_reported_clause(quotes_of):
    text = "After the exchange of prisoners, Foreign Minister Andrii Sybiha said, the talks will resume in Istanbul."
    recs = quotes_of(text)
    assert {r["text"] for r in recs} == {"After the exchange of prisoners", "the talks will resume in Istanbul"}
    assert len({r["quote_id"] for r in recs}) == 1 and all("Sybiha" in r["speaker"] for r in recs)


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "The senator painted the governor as a friend of polluters.",
            "the governor as a friend of polluters",
            "The senator",
        ),
        ("The campaign released a memo on the state of the race.", "a memo on the state of the race", "The campaign"),
        # a list of verb phrases after a comma stays in the content; a clause with its own subject does not
        (
            "The mayor said the city would repair the bridge, widen the road and plant new trees.",
            "the city would repair the bridge, widen the road and plant new trees",
            "The mayor",
        ),
        (
            "The union said the offer was too low, and the company said it would not raise it.",
            "the offer was too low",
            "The union",
        ),
        (
            "The union said the offer was too low, and the company said it would not raise it.",
            "it would not raise it",
            "the company",
        ),
        # the bare verbs the parser hangs on the cue belong to the infinitive
        (
            "The governor wants to cut taxes, raise the minimum wage and fix the roads.",
            "to cut taxes, raise the minimum wage and fix the roads",
            "The governor",
        ),
    ],
)
def test_more_stance_cues_and_content_edges(text, content, speaker, found):
    found(text, content, speaker)


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # a gerund or infinitive complement of a stance or cognition verb
        (
            "The council supports building a new bridge over the river.",
            "building a new bridge over the river",
            "The council",
        ),
        (
            "Several farmers advocate letting the river flood the lower fields.",
            "letting the river flood the lower fields",
            "Several farmers",
        ),
        ("The company decided to close the plant in March.", "to close the plant in March", "The company"),
        (
            "Few economists understand the new rules on grain exports.",
            "the new rules on grain exports",
            "Few economists",
        ),
    ],
)
def test_gerund_and_infinitive_complements(text, content, speaker, found):
    found(text, content, speaker)


def test_trailing_according_to_is_cut_from_a_reported_clause(quotes_of, one):
    text = "Most voters said the economy was the main issue, according to early exit polls."
    r = one(quotes_of(text), "the economy")
    assert r["text"] == "the economy was the main issue"

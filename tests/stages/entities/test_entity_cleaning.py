"""Model entities the gazetteer does not know (cleaning.py): trimmed to their names, relabelled by shape.

All sentences are written for these tests (facts paraphrased, no article text)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from pipeline.stages.entities.cleaning import in_url


def test_given_name_joins_a_one_word_person(ents):
    people = [
        r for r in ents("The station's reporter Anders Hagstrom contributed to this story.") if r["label"] == "PERSON"
    ]
    assert [r["text"] for r in people] in (["Anders Hagstrom"],)


def test_generic_title_words_are_not_organisations(ents):
    recs = ents("The Defense Minister and the Foreign Minister arrived late.")
    assert not [r for r in recs if r["label"] in ("ORG", "PERSON")]


@pytest.fixture(scope="module")
def cleaner(nlp):
    return nlp.get_pipe("entity_gazetteer").cleaner


TEXT = (
    "Scroll . Defense Minister . Olena Kovalenko . Novopavlivka . Shahed . JATEC . George Washington University . "
    "Grand Lakeside Palace . Hollow Yar . at 9:42 . Pavlo Roe3"
)


@pytest.mark.parametrize(
    "start, end, label, name_like, relabelled",
    [
        (0, 1, "ORG", False, "ORG"),  # web furniture (noise)
        (2, 4, "ORG", False, "ORG"),  # a title without a name
        (5, 7, "ORG", True, "PERSON"),  # starts with a given name
        (8, 9, "PERSON", True, "GPE"),  # a village ending
        (10, 11, "ORG", True, "PRODUCT"),  # a weapon
        (12, 13, "PERSON", True, "ORG"),  # an acronym
        (14, 17, "ORG", True, "ORG"),  # a given name, but an organisation word
        (18, 21, "ORG", True, "FAC"),  # a facility word
        (22, 24, "ORG", True, "GPE"),  # a place-name word ("Yar")
        (26, 27, "ORG", False, "ORG"),  # a clock time
        (28, 30, "PERSON", False, "PERSON"),  # a person with a digit
    ],
)
def test_name_shapes(cleaner, tokens, start, end, label, name_like, relabelled):
    span = tokens(TEXT)[start:end]
    assert (cleaner.looks_like_name(span, label), cleaner.relabel(span, label)) == (name_like, relabelled)


def test_what_goes_before_a_name(cleaner, tokens):
    doc = tokens("the Mr. envoy Lev Roe")
    assert [t.text for t in doc if cleaner.droppable_before_name(t, "PERSON")] == ["the", "Mr.", "envoy"]
    assert [t.text for t in doc if cleaner.droppable_before_name(t, "ORG")] == ["the", "Mr."]  # a role word stays


def test_a_model_entity_is_cut_at_commas_and_slashes(cleaner, tokens):
    doc = tokens("Kyiv, Ukraine / Lviv")
    assert [s.text for s in cleaner.clean(doc, Span(doc, 0, len(doc), label="GPE"))] == ["Kyiv", "Ukraine", "Lviv"]


def test_a_name_inside_a_web_address(nlp):
    doc = Doc(
        nlp.vocab, words=["See", "x.com/", "HanneVoss", "/status/77", "now"], spaces=[True, False, False, True, False]
    )
    assert in_url(doc, doc[2:3])
    plain = Doc(nlp.vocab, words=["Hanne", "Voss", "said", "so", "."], spaces=[True, True, True, False, False])
    assert not in_url(plain, plain[0:2])

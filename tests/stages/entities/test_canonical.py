"""entity_canonical (canonical.py): one label, canonical name and kb_id per entity of an article.

All sentences are written for these tests (facts paraphrased, no article text)."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Span

from pipeline.stages.entities.canonical import EntityCanonical
from pipeline.stages.entities.linking import Mention


@pytest.mark.parametrize(
    "text, surface, label, canonical, kb_name",
    [
        ("Shelling hit Kherson and Zaporizhzhia overnight, officials said.", "Kherson", "GPE", "Kherson", "Kherson"),
        (
            "Shelling hit Kherson and Zaporizhzhia overnight, officials said.",
            "Zaporizhzhia",
            "GPE",
            "Zaporizhzhia",
            "Zaporizhzhia",
        ),
        (
            "The army said it pushed back an attack in the Zaporozhye region on Monday.",
            "Zaporozhye region",
            "GPE",
            "Zaporozhye",
            "Zaporizhzhia",
        ),
        ("Troops were seen near Kiev and in Kharkov last year.", "Kiev", "GPE", "Kiev", "Kyiv"),
        ("Troops were seen near Kiev and in Kharkov last year.", "Kharkov", "GPE", "Kharkov", "Kharkiv"),
        ("Ukrainian forces withdrew from parts of the Kursk region in March.", "Kursk region", "GPE", "Kursk", "Kursk"),
        ("The annexation of Crimea was condemned by most governments.", "Crimea", "GPE", "Crimea", "Crimea"),
        ("The Kremlin declined to comment on the report.", "Kremlin", "ORG", "Kremlin", "Kremlin"),
        ("A statement was carried by TASS and later by Reuters.", "TASS", "ORG", "TASS", "TASS"),
        (
            "Officials at the North Atlantic Treaty Organization met in Brussels.",
            "North Atlantic Treaty Organization",
            "ORG",
            "North Atlantic Treaty Organization",
            "NATO",
        ),
        (
            "The talks were held at the Grand Lakeside Palace, a hotel in Geneva.",
            "Grand Lakeside Palace",
            "FAC",
            "Grand Lakeside Palace",
            None,
        ),
    ],
)
def test_label_and_canonical(ents, text, surface, label, canonical, kb_name):
    """The canonical name is one the article uses; kb_name is the gazetteer's, the same everywhere."""
    rec = {r["text"]: r for r in ents(text)}[surface]
    assert (rec["label"], rec["canonical"], rec["kb_name"]) == (label, canonical, kb_name)


def test_one_label_per_entity_in_an_article(ents):
    text = (
        "Keir Starmer spoke in London. Later Starmer met the cabinet, and Starmer said the plan would work. "
        "Critics of Starmer were not convinced."
    )
    recs = [r for r in ents(text) if r["kb_name"] == "Keir Starmer"]
    assert len(recs) == 4 and {r["label"] for r in recs} == {"PERSON"}


def test_demonyms_are_norp_and_point_to_their_country(ents):
    recs = ents("Russian and Ukrainian negotiators met again.")
    norp = [r for r in recs if r["text"] in ("Russian", "Ukrainian")]
    assert {r["label"] for r in norp} == {"NORP"}
    assert {r["kb_id"] for r in norp} == {"Q159", "Q212"}


# ---------------------------------------------------------------- the decisions, on mentions made by hand


def mention(doc, start: int, end: int, label: str, full: bool = False, boiler: bool = False) -> Mention:
    m = Mention(Span(doc, start, end, label=label), boiler)
    m.full = full
    return m


def test_a_full_person_name_outvotes_any_number_of_other_labels(tokens):
    doc = tokens("Halvard Brekke came . Brekke left . Brekke won . Brekke lost .")
    ms = [mention(doc, 0, 2, "PERSON", full=True)] + [mention(doc, i, i + 1, "ORG") for i in (4, 7, 10)]
    assert EntityCanonical.voted_label(ms, None) == "PERSON"


def test_the_vote_weighs_longer_mentions_and_breaks_ties_by_the_first_mention(tokens):
    doc = tokens("Orvane Basin held . Orvane fell . Orvane rose .")
    basin, first, second = mention(doc, 0, 2, "LOC"), mention(doc, 4, 5, "ORG"), mention(doc, 7, 8, "GPE")
    assert EntityCanonical.voted_label([first, basin], Counter({"ORG": 1, "LOC": 2})) == "LOC"
    assert EntityCanonical.voted_label([second, first], Counter({"ORG": 1, "GPE": 1})) == "GPE"
    assert EntityCanonical.voted_label([first, second], None) == "ORG"  # no votes: every mention counts once


@pytest.fixture(scope="module")
def canonical(nlp) -> EntityCanonical:
    return nlp.get_pipe("entity_canonical")


def test_an_organisation_is_named_by_its_full_name_not_its_acronym(canonical, tokens):
    doc = tokens("NVGC said . Northern Valley Grain Council agreed . NVGC left .")
    ms = [mention(doc, 0, 1, "ORG"), mention(doc, 3, 7, "ORG"), mention(doc, 9, 10, "ORG")]
    assert canonical.unknown_canonical("ORG", ms) == "Northern Valley Grain Council"


def test_a_place_is_named_by_its_bare_name_when_the_article_uses_it(canonical, tokens):
    doc = tokens("Orlivka district was hit . Orlivka was hit again . Orlivka district burned .")
    ms = [mention(doc, 0, 2, "GPE"), mention(doc, 5, 6, "GPE"), mention(doc, 10, 12, "GPE")]
    assert canonical.unknown_canonical("GPE", ms) == "Orlivka"


def test_a_person_is_named_by_the_longest_name_the_article_gives(canonical, tokens):
    doc = tokens("Brekke spoke . Halvard Brekke spoke .")
    short, full = mention(doc, 0, 1, "PERSON"), mention(doc, 3, 5, "PERSON", full=True)
    short.name, full.name = "Brekke", "Halvard Brekke"
    assert canonical.unknown_canonical("PERSON", [short, full]) == "Halvard Brekke"

"""entity_gazetteer (gazetteer.py): gazetteer matches combined with the model's entities.

All sentences are written for these tests (facts paraphrased, no article text)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy

from pipeline.stages.entities.rules import GAZETTEER_DIR
from pipeline.stages.entities.stage import extract_entities


def test_hyphenated_pair_of_leaders_is_two_people_not_an_org(ents):
    recs = ents("Both sides discussed a possible Zelenskyy-Putin meeting in the summer.")
    assert not [r for r in recs if r["label"] == "ORG"]
    assert {r["kb_name"] for r in recs if r["label"] == "PERSON"} == {"Volodymyr Zelenskyy", "Vladimir Putin"}


def test_unknown_entities_from_the_model_still_come_through(ents):
    text = "The mayor of Toronto, Olivia Chow, visited the Royal Ontario Museum with Canadian officials."
    recs = ents(text)
    names = {r["canonical"] for r in recs}
    assert "Toronto" in names and "Olivia Chow" in names
    assert any(r["source"] == "model" for r in recs)


def test_a_generic_word_next_to_a_known_name_is_dropped(ents):
    recs = ents("NATO Allies pledged more air defence for Ukraine.")
    assert {(r["text"], r["source"]) for r in recs} == {("NATO", "gazetteer"), ("Ukraine", "gazetteer")}


def test_a_longer_model_name_holding_a_known_name_stays_the_models(ents):
    recs = ents("Analysts at the Kyiv School of Economics published the estimate.")
    assert [(r["text"], r["label"], r["source"]) for r in recs] == [("Kyiv School of Economics", "ORG", "model")]


@pytest.mark.parametrize(
    "text, surface, kb_name",
    [
        ("The delegation was led by Rustem\nUmerov, who arrived late.", "Rustem\nUmerov", "Rustem Umerov"),  # hard wrap
        ("Officials from Kharkiv Oblast and the Kursk Oblast met.", "Kursk Oblast", "Kursk"),  # oblast: true
        ("Officials from the Republic of Moldova attended.", "Republic of Moldova", "Moldova"),  # a country form
    ],
)
def test_generated_forms_of_gazetteer_names_are_matched(ents, text, surface, kb_name):
    rec = {r["text"]: r for r in ents(text)}[surface]
    assert (rec["kb_name"], rec["source"]) == (kb_name, "gazetteer")


def test_words_that_may_go_around_a_known_name(nlp, tokens):
    gazetteer = nlp.get_pipe("entity_gazetteer")
    doc = tokens("the and Allies region meets Minister ’s - Kyiv von Economics")
    assert [t.text for t in doc if gazetteer.ignorable(t)] == [
        "the",
        "and",
        "Allies",
        "region",
        "meets",
        "Minister",
        "’s",
        "-",
    ]


def test_new_gazetteer_line_takes_effect_without_code_changes(tmp_path: Path):
    """A user adds one line to a copy of people.yaml; the component picks it up from its factory argument."""
    for f in GAZETTEER_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    people = tmp_path / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8")
        + "  - {name: Ostap Vyshnevetskyi, aliases: [Ostap Vishnevetsky], affiliation: Ukraine}\n",
        encoding="utf-8",
    )
    from pipeline.run.nlp import make_doc
    from pipeline.settings import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)
    paths = sorted(str(p) for p in tmp_path.glob("*.yaml"))
    nlp.add_pipe("entity_gazetteer", config={"gazetteer_paths": paths})
    nlp.add_pipe("entity_canonical", config={"gazetteer_paths": paths})
    text = "Negotiator Ostap Vishnevetsky arrived on Monday. Vyshnevetskyi said little."
    doc = nlp(make_doc(nlp, text, {"doc_id": "t", "date": None, "title": None, "path": "t"}))
    recs = [r for r in extract_entities(doc)["entities"] if r.label == "PERSON"]
    assert {r.canonical for r in recs} == {"Ostap Vishnevetsky"}  # the article's own full form
    assert {r.kb_name for r in recs} == {"Ostap Vyshnevetskyi"}
    assert {r.kb_id for r in recs} == {"local:person/ostap-vyshnevetskyi"}
    assert {r.affiliation for r in recs} == {"Ukraine"}

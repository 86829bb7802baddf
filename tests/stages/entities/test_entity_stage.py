"""The stage (stage.py): its components, the records function, boilerplate lines, offsets, robustness.

All sentences are written for these tests (facts paraphrased, no article text)."""

from __future__ import annotations

import pytest

from pipeline.stages.entities.stage import STAGE, extract_entities

# ---------------------------------------------------------------- boilerplate


def test_entities_in_boilerplate_lines_are_skipped(ents):
    text = (
        "Ukraine and Poland signed a deal.\n* [](https://example.org/germany-france-talks/)\n"
        "Scroll carousel left Scroll carousel right France"
    )
    recs = ents(text)
    assert {r["canonical"] for r in recs} == {"Ukraine", "Poland"}


# ---------------------------------------------------------------- contract and robustness


def test_offsets_and_span_extensions(make_doc):
    text = "On Monday, NATO Secretary General Mark Rutte met Volodymyr Zelenskyy in Kyiv."
    doc = make_doc(text)
    recs = extract_entities(doc)["entities"]
    assert recs and all(text[r.start : r.end] == r.text for r in recs)
    rutte = [e for e in doc.ents if e.text == "Mark Rutte"][0]
    assert rutte._.canonical == "Mark Rutte" and rutte._.kb_id and rutte._.ent_source == "gazetteer"
    assert rutte._.affiliation == "NATO"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "“”‘’\"'",
        "A" * 5000,
        "Putin " * 2000,
        "By \n",
        "- [x](y)\n" * 50,
        "Zelenskyy-Putin-Trump-Erdoğan-Xi",
    ],
)
def test_never_crashes(make_doc, text):
    doc = make_doc(text)
    for r in extract_entities(doc)["entities"]:
        assert text[r.start : r.end] == r.text


def test_stage_declares_components():
    assert STAGE.name == "entities"
    assert [c[0] for c in STAGE.components] == ["entity_gazetteer", "entity_canonical"]

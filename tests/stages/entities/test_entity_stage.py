"""The stage (stage.py): its components, the records function, boilerplate lines, offsets, robustness.

All sentences are written for these tests (facts paraphrased, no article text)."""

from __future__ import annotations

import pytest

from pipeline.layout.boilerplate import boilerplate_patterns, find_boilerplate
from pipeline.stages.entities.stage import STAGE, extract_entities

# ---------------------------------------------------------------- boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "* [](https://example.org/world/some-story-2026-02-10/)",
        "Africacategory · March 4, 2026 · 9:42 AM UTC · 6 min ago",
        "EuropecategoryLeaders meet in Paris to discuss energy",
        "Scroll carousel left Scroll carousel right",
        "**Maximum Storage Duration** : Session**Type** : HTTP Cookie",
        "Stream all the matches for a small monthly fee without a contract.---",
        "Your browser does not support the audio element.",
        "* list 2 of 4Talks resume in Geneva after a pause",
        "A rescuer works at the site of a strike in Odesa [File: Jane Doe/Reuters]",
        'alt="The two leaders shake hands in the Oval Office. (Official Photo by John Roe)" />',
        'srcset="https://example.org/a.jpg 3000w, https://example.org/a.jpg?resize=600,400 600w"',
    ],
)
def test_new_boilerplate_patterns(line):
    assert find_boilerplate(line, boilerplate_patterns()) == [(0, len(line))]


@pytest.mark.parametrize(
    "line",
    [
        "Kremlin spokesman Dmitry Peskov said the talks were useful.",
        "[Rep. Mike",  # a wrapped link text in a statement: content, not furniture
        '<span style="text-decoration: underline">Sec. 12</span>. The ban takes effect at once.',
    ],
)
def test_content_lines_are_not_boilerplate(line):
    assert find_boilerplate(line, boilerplate_patterns()) == []


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

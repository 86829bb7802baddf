"""Sentence boundaries at line breaks and boilerplate lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.layout.boilerplate import boilerplate_patterns, find_boilerplate


def _sentences(doc):
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_paragraph_break_inside_a_sentence_does_not_split_it(make_doc):
    doc = make_doc(
        "The parties exchanged drafts outlining the\n\nterms for a settlement. Talks resume later either at the front "
        "or by\n\nUkraine agreeing to stop."
    )
    sents = _sentences(doc)
    assert sents[0] == "The parties exchanged drafts outlining the\n\nterms for a settlement."
    assert sents[1].endswith("by\n\nUkraine agreeing to stop.")


def test_headline_and_closing_quote_stay_in_their_sentences(make_doc):
    doc = make_doc('Talks resume in Geneva\n\nThe envoy said: "We are ready."\n\nNext, the delegations met.')
    sents = _sentences(doc)
    assert sents[0] == "Talks resume in Geneva"
    assert sents[1] == 'The envoy said: "We are ready."'
    assert sents[2] == "Next, the delegations met."


def test_hard_wrapped_lines_are_joined_and_bullets_split(make_doc):
    text = (
        "The two governments have agreed on the following points, which they will put before\n"
        "their parliaments as soon as possible after the signing ceremony:\n"
        "- Prisoners of war will be exchanged\n"
        "- A working group will meet in Geneva\n"
    )
    sents = _sentences(make_doc(text))
    assert sents[0].startswith("The two governments") and sents[0].endswith("ceremony:")
    assert sents[1] == "- Prisoners of war will be exchanged"
    assert sents[2] == "- A working group will meet in Geneva"


def test_boilerplate_lines():
    text = (
        "Real sentence about talks.\nItem 1 of 5 Soldiers at the front\nSign up for our daily newsletter\n"
        "Another real line."
    )
    spans = find_boilerplate(text)
    assert [text[a:b] for a, b in spans] == ["Item 1 of 5 Soldiers at the front", "Sign up for our daily newsletter"]


def test_wrapped_markdown_link_is_one_sentence(make_doc):
    text = "Some praise:\n\n[Senate Leader Jane\nDoe](https://example.org/x): “The President made the right call.”\n"
    sents = _sentences(make_doc(text))
    assert sents[1].startswith("[Senate Leader Jane\nDoe]")


_IDS = st.integers(min_value=0, max_value=2**64 - 1)


@given(st.lists(_IDS, max_size=30), st.lists(_IDS, max_size=30))
def test_in_ids_is_isin(values, ids):
    """The binary-search membership the components use on token attribute arrays answers as
    numpy.isin does, for any 64-bit ids (hashes), including values past the largest id."""
    import numpy

    from pipeline.core.docs import id_array, in_ids

    vals = numpy.array(values + ids[:3], dtype=numpy.uint64)
    got = in_ids(vals, id_array(ids))
    assert got.tolist() == numpy.isin(vals, numpy.array(ids, dtype=numpy.uint64)).tolist()


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

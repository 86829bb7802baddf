"""Per-article state (quotes/context.py): the DocContext's text measures and look-ups, on a tokenised
Doc (no parse needed). Sentences written for these tests."""

from __future__ import annotations

import pytest
import spacy

from pipeline.stages.quotes.context import DocContext
from pipeline.stages.quotes.lexicon import Lexicon
from pipeline.stages.quotes.rules import load_cues, load_patterns, load_speakers


@pytest.fixture(scope="module")
def context_of():
    nlp = spacy.blank("en")
    lex = Lexicon(load_cues(), load_speakers(), load_patterns())
    return lambda text: DocContext.of(nlp(text), lex)


@pytest.mark.parametrize(
    "text, lead, content",
    [
        ("The pilot said: the ferry will sail at noon and", "said", "the ferry will sail at noon"),
        ("The pilot said, the ferry will sail at noon.", "said", "the ferry will sail at noon"),
        ("The pilot said — the ferry sails at noon, but", "said", "the ferry sails at noon"),
    ],
)
def test_trim_strips_the_lead_a_trailing_conjunction_and_the_final_stop(context_of, text, lead, content):
    ctx = context_of(text)
    a, b = ctx.trim(text.index(lead) + len(lead), len(text))
    assert text[a:b] == content


def test_a_stop_inside_a_quotation_is_kept(context_of):
    text = "He said “the ferry sails.” and"
    ctx = context_of(text)
    a, b = ctx.trim(text.index("“"), len(text))
    assert text[a:b] == "“the ferry sails.”"


def test_quotations_and_words_are_looked_up_by_offset(context_of):
    text = "The pilot said “we sail at noon” and left.\n\n“Not today,” she said."
    ctx = context_of(text)
    assert [text[q.start : q.end] for q in ctx.quotes] == ["“we sail at noon”", "“Not today,”"]
    assert ctx.quote_at(text.index("sail")) == 0 and ctx.quote_at(text.index("left")) is None
    assert ctx.quotes_overlapping(0, text.index("left")) == [0]
    assert ctx.words(text.index("“we"), text.index("” and") + 1) == 4  # the marks are not words
    assert ctx.opens_paragraph(text.index("“Not")) and not ctx.opens_paragraph(text.index("“we"))
    assert ctx.token_at(text.index("left")).text == "left"


def test_each_doc_gets_its_own_state(context_of):
    a, b = context_of("One."), context_of("Two.")
    a.extra.append(object())
    a.provision_spans.append((0, 3))
    assert b.extra == [] and b.provision_spans == [] and b.speakers == []

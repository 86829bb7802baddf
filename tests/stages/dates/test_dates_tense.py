"""The tense of the verb that governs an expression, on parsed sentences (our own)."""

from __future__ import annotations

import pytest

from pipeline.stages.dates.tense import tense_of

PUB = "2025-06-03"


def span_of(doc, text: str):
    start = doc.text.index(text)
    return doc.char_span(start, start + len(text))


@pytest.mark.parametrize(
    "sentence,text,tense",
    [
        ("The envoys met on Friday.", "Friday", "past"),
        ("The envoys will meet on Friday.", "Friday", "future"),
        ("The vote is scheduled for Friday.", "Friday", "future"),
        ("Fighting has continued since May.", "May", "past"),
        ("The talks are expected to resume in June.", "June", "future"),
        ("The mission ends in June.", "June", "present"),
    ],
)
def test_tense_of_the_governing_verb(make_doc, sentence, text, tense):
    assert tense_of(span_of(make_doc(sentence, PUB), text)) == tense

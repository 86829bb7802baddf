"""False friends on parsed sentences: which test rejects a span (sentences are our own)."""

from __future__ import annotations

import pytest

from pipeline.stages.dates.false_friends import FalseFriends
from pipeline.stages.dates.rules import load_lexicon

PUB = "2025-06-03"


def span_of(doc, text: str):
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text))
    assert span is not None, text
    return span


@pytest.mark.parametrize(
    "sentence,text,test",
    [
        ("Both delegations may sign the text.", "may", "a_common_word"),
        ("The ministry sent 2000 troops north.", "2000", "a_number_not_a_year"),
        ("The ceasefire ended the night of the vote.", "the night of", "a_fragment"),
        ("The transition period lasts long.", "period", "a_bare_period"),
        ("A 9-year-old boy was found.", "9-year", "an_age_in_years"),
        ("The airline runs four flights a week.", "a week", "a_rate"),
        ("Rebels hold more than a quarter of the city.", "a quarter", "a_fraction"),
        ("A second convoy crossed the border.", "A second", "an_ordinal"),
        ("After the fall of the town, talks stalled.", "fall", "not_a_season"),
    ],
)
def test_each_false_friend_has_its_test(make_doc, sentence, text, test):
    friends = FalseFriends(load_lexicon())
    span = span_of(make_doc(sentence, PUB), text)
    assert getattr(friends, test)(span)
    assert not friends.plausible(span)


def test_a_real_date_passes_every_test(make_doc):
    friends = FalseFriends(load_lexicon())
    doc = make_doc("The envoys met on Friday, May 16, 2025, in the capital.", PUB)
    for text in ("Friday", "May 16, 2025"):
        span = span_of(doc, text)
        assert friends.plausible(span), [t.__name__ for t in friends.tests if t(span)]

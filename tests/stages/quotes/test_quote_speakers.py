"""Pass 3, speakers (quotes/speakers.py): pronouns, titles and mention spans resolved to names.
Sentences written for these tests."""

from __future__ import annotations

import pytest


def test_pronoun_after_multi_sentence_quote_with_ellipses_resolves(quotes_of, one, spoken_by):
    text = (
        "Russian Foreign Minister Sergey Lavrov was asked on Monday whether Moscow still backed the talks. "
        'He said, "Yes, we back them fully.... We are also preparing a draft of our own.... It will be ready soon."'
    )
    recs = quotes_of(text)
    r = one(recs, "We are also preparing")
    assert r["kind"] == "direct"
    assert r["text"].startswith('"Yes') and r["text"].endswith('soon."')
    assert spoken_by(text, r) == "He"
    assert r["speaker"] == "Sergey Lavrov"
    assert r["cue"] == "said"


def test_definite_description_resolves_to_person(quotes_of, one, spoken_by):
    text = (
        "Ukraine's foreign minister, Andrii Sybiha, met his Turkish counterpart in Ankara on Monday. "
        "The minister said Kyiv would not accept ultimatums."
    )
    r = one(quotes_of(text), "Kyiv would not accept")
    assert spoken_by(text, r) == "The minister"
    assert r["speaker"] == "Andrii Sybiha"


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # a relative pronoun's mention reaches back to the noun it stands for
        (
            "The agency published a report that said the river was safe to swim in.",
            "the river was safe to swim in",
            "a report that",
        ),
        # "according to" takes the whole phrase of its object as the mention
        (
            "Rents rose by a third last year, according to figures from Jane Roe at the state housing institute.",
            "Rents rose by a third last year",
            "figures from Jane Roe",
        ),
    ],
)
def test_speaker_mention_spans(text, content, speaker, found):
    r = found(text, content, speaker)
    if "Jane Roe" in text:
        assert r["speaker"] == "Jane Roe"

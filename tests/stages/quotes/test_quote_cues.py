"""Pass 1, cues (quotes/cues.py): cue phrases, documents' provisions, speaker labels, cue nouns and
adjectives. Sentences written for these tests."""

from __future__ import annotations

import pytest


def test_according_to(quotes_of, one, spoken_by):
    text = "The talks will resume in June, according to Turkish officials."
    r = one(quotes_of(text), "talks will resume")
    assert r["kind"] == "indirect" and r["cue"] == "according to"
    assert spoken_by(text, r) == "Turkish officials"


def test_memorandum_provision_is_not_a_quote(quotes_of):
    assert quotes_of("Russia's memorandum calls for a ceasefire after Ukraine withdraws its troops.") == []


def test_agentless_passive_of_a_stance_verb_is_not_attributed(quotes_of):
    assert not any(r["text"] == "The plan" for r in quotes_of("The plan was approved last year."))


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "Q: Will the port reopen before the winter?\n\nA: We expect the first ships in October, if the weather "
            "holds.",
            "We expect the first ships in October, if the weather holds",
            "A",
        ),
        (
            "Q: Will the port reopen before the winter?\n\nA: We expect the first ships in October.",
            "Will the port reopen before the winter",
            "Q",
        ),
        (
            "HOLT: We have waited long enough for this harbor.\n\nREYES: So have we.",
            "We have waited long enough for this harbor",
            "HOLT",
        ),
        (
            "Mayor Jane Holt: Harbor will reopen before the winter.\n\nThe city council voted on Monday.",
            "Harbor will reopen before the winter",
            "Jane Holt",
        ),
        (
            "Poll: Most residents back the harbor plan.\n\nThe survey was taken last week.",
            "Most residents back the harbor plan",
            "Poll",
        ),
    ],
)
def test_speaker_label_opens_a_paragraph(text, content, speaker, found):
    found(text, content, speaker)


@pytest.mark.parametrize(
    "text",
    [
        "The results so far.\n\nHolt: 1,204.\n\nReyes: 980.",
        "The harbor reopened.\n\nContributing: Tom Reyes and Ann Lee.",
        "Harbor Plan Wins Support: Council Votes Yes On Monday.",
        "A good week.\n\nBIG WIN FOR THE PORT: The council approved the new harbor plan on Monday.",
        "A bad week.\n\nAnother setback for Mayor Jane Holt: The council rejected the harbor plan.",
        "HARBOR, PORT CLOSED: STORM HITS THE COAST\n\nROADS, RAIL: DELAYS ACROSS THE REGION",
    ],
)
def test_bylines_tallies_and_headlines_are_not_speaker_labels(quotes_of, text):
    assert not any(r["cue"] == ":" for r in quotes_of(text))


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # a cue noun as the object of a light verb takes the verb's subject as its source
        (
            "The senator made the case that the tax would hurt farmers.",
            "that the tax would hurt farmers",
            "The senator",
        ),
        ("Several unions voiced support for the strike on Friday.", "support for the strike", "Several unions"),
        # a cue noun as the subject of "be": the complement is the content
        ("Her view is that the tax is too high.", "that the tax is too high", "Her"),
        (
            "Our advice is, the council should wait for the spring survey.",
            "the council should wait for the spring survey",
            "Our",
        ),
    ],
)
def test_cue_nouns_after_light_verbs(text, content, speaker, found):
    found(text, content, speaker)


def test_a_noun_a_speaker_has_is_not_their_speech(quotes_of):
    assert not any(
        "most farmers" in r["text"] for r in quotes_of("The rival candidate has the support of most farmers.")
    )


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "A few of the older members are less confident in the new chair.",
            "the new chair",
            "A few of the older members",
        ),
        ("The governor was more upbeat about the harbor plan.", "the harbor plan", "The governor"),
        (
            "About a fifth of the residents asked were undecided about the bridge project.",
            "the bridge project",
            "About a fifth",
        ),
        # a relative "that" stands for its noun
        (
            "It is a council that has refused to approve the new harbor plan.",
            "to approve the new harbor plan",
            "a council that",
        ),
        (
            "The polls that show the mayor with a big lead were taken in May.",
            "the mayor with a big lead",
            "The polls that",
        ),
    ],
)
def test_attitude_adjectives(text, content, speaker, found):
    found(text, content, speaker)

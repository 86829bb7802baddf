"""Pass 2, quotations (quotes/quotations.py): direct, mixed, split, follow-on, floating, titles.
Sentences written for these tests."""

from __future__ import annotations

import pytest


def test_direct_quote_opened_by_agreed_that(quotes_of, one, spoken_by):
    text = (
        'Speaking to journalists after the call, Putin said he had agreed that "Moscow would draft a document '
        'on a future settlement. It would list principles and a timetable."'
    )
    r = one(quotes_of(text), "Moscow would draft")
    assert r["kind"] == "direct"
    assert "Putin" in r["speaker"]
    assert spoken_by(text, r) == "Putin"


def test_split_quote_shares_one_speaker(quotes_of, one):
    text = 'Prime Minister Kaja Kallas spoke in Brussels. "We are ready," she said, "but not at any price."'
    recs = quotes_of(text)
    a, b = one(recs, "We are ready"), one(recs, "not at any price")
    assert a["quote_id"] == b["quote_id"] and a["part"] != b["part"]
    assert a["speaker"] == b["speaker"] == "Kaja Kallas"


def test_quote_over_paragraphs_and_follow_on_sentence(quotes_of, one):
    text = (
        'Prime Minister Kaja Kallas spoke in Brussels. "We will keep up the pressure," she said. "Sanctions work.\n\n'
        '"And they will keep working until the guns fall silent."'
    )
    recs = quotes_of(text)
    parts = [one(recs, s) for s in ("keep up the pressure", "Sanctions work", "guns fall silent")]
    assert len({p["quote_id"] for p in parts}) == 1
    assert all(p["speaker"] == "Kaja Kallas" for p in parts)


def test_floating_quote_paragraph_takes_previous_speaker(quotes_of, one):
    text = (
        "“We will not give up our land,” President Volodymyr Zelensky told reporters in Kyiv on Tuesday.\n\n"
        "“No Ukrainian leader could ever sign such a paper, and I will not be the first one to sign it.”"
    )
    recs = quotes_of(text)
    r = one(recs, "No Ukrainian leader")
    assert r["floating"] and r["kind"] == "direct"
    assert "Zelensk" in r["speaker"]


def test_colon_introduction(quotes_of, one, spoken_by):
    text = 'Lavrov told the UN Security Council: "The West must stop sending weapons to Kyiv."'
    r = one(quotes_of(text), "The West must stop")
    assert r["kind"] == "direct" and spoken_by(text, r) == "Lavrov"


def test_inverted_speaker_after_quote(quotes_of, one):
    text = "“It was a productive meeting,” said Turkish Foreign Minister Hakan Fidan. “We agreed to meet again.”"
    recs = quotes_of(text)
    a, b = one(recs, "productive meeting"), one(recs, "meet again")
    assert a["speaker"] == b["speaker"] == "Hakan Fidan"


def test_mixed_quote(quotes_of, one):
    text = 'The Kremlin spokesman said the proposal was "a step in the right direction" but needed more work.'
    r = one(quotes_of(text), "step in the right direction")
    assert r["kind"] == "mixed"
    assert r["text"].startswith("the proposal")


def test_scare_quotes_and_titles_are_not_speech(quotes_of):
    assert quotes_of('The "coalition of the willing" met in Paris on Friday.') == []
    assert quotes_of("Ukraine would keep its “non-nuclear state” status under the draft.") == []


def test_odd_quote_marks_keep_the_rest_of_the_article(quotes_of, one):
    text = (
        'He said "we will win. The rest of this paragraph has no closing mark.\n\n'
        'Later, Foreign Minister Andrii Sybiha said: "This second quotation must be found."'
    )
    r = one(quotes_of(text), "This second quotation")
    assert r["kind"] == "direct" and "Sybiha" in r["speaker"]


def test_colon_at_the_end_of_a_paragraph_introduces_the_next(quotes_of, one, spoken_by):
    text = (
        "The mayor issued a statement on Friday:\n\n"
        '"We will not accept any deal that closes the harbor. The city depends on it."\n\n'
        '"We will fight it in every court."'
    )
    recs = quotes_of(text)
    first, second = one(recs, "We will not accept"), one(recs, "every court")
    assert first["kind"] == "direct" and spoken_by(text, first) == "The mayor"
    assert second["floating"] and spoken_by(text, second) == "The mayor"


@pytest.mark.parametrize(
    "text, content, kind",
    [
        # quoted words inside a reported clause before the cue make it mixed, not direct
        (
            "The coalition had “turned a corner” on housing, the minister said in a radio interview.",
            "The coalition had “turned a corner” on housing",
            "mixed",
        ),
        (
            "The new tax would be “a disaster,” said the mayor of the town.",
            "The new tax would be “a disaster,”",
            "mixed",
        ),
        # a quotation set off by a colon next to the cue is its whole content
        ("The minister repeated his position: “We will not sign,” she said.", "“We will not sign,”", "direct"),
    ],
)
def test_quotation_next_to_the_cue(quotes_of, text, content, kind, one):
    r = one(quotes_of(text), content)
    assert r["text"] == content and r["kind"] == kind


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "In a heated exchange on Tuesday, after the mayor labeled the plan “a gift to developers,” the council "
            "adjourned.",
            "the plan “a gift to developers,”",
        ),
        ("The union called the offer “an insult to every worker.”", "the offer “an insult to every worker.”"),
    ],
)
def test_naming_verbs_with_a_quoted_predicate_are_mixed(quotes_of, text, content, one):
    r = one(quotes_of(text), content)
    assert r["text"] == content and r["kind"] == "mixed"

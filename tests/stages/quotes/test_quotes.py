"""Quotes stage: quotation marks, cues, speakers, robustness.

The sentences are written for these tests (they paraphrase the structures of the seed article
and of news in general, not its text)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.stages.quotes.quotemarks import MID_SENTENCE_STOP, find_quotations, find_single_quotations

# ---------------------------------------------------------------- quotation marks (pure)


def spans(text):
    return [text[q.start : q.end] for q in find_quotations(text)]


def test_straight_and_curly_marks():
    assert spans('He said "we will win" and left.') == ['"we will win"']
    assert spans("She said “we will win” and left.") == ["“we will win”"]
    assert spans("He said ''we will win,'' and left.") == ["''we will win,''"]


def test_mixed_curly_and_straight_marks_pair_up():
    assert spans('He said “we will win" and left.') == ['“we will win"']


def test_apostrophes_are_not_quotes():
    assert spans("Russia’s envoy didn’t say it.") == []
    assert find_single_quotations("Russia’s envoy didn’t say it.") == []


def test_single_quotes_nested_in_double_are_one_quotation():
    assert spans("“They called it ‘a farce’ in private,” he said.") == ["“They called it ‘a farce’ in private,”"]


def test_paragraph_continuation_links_parts():
    text = "“We are ready to talk.\n\n“But not under threats,” she said."
    qs = find_quotations(text)
    assert [text[q.start : q.end] for q in qs] == ["“We are ready to talk.", "“But not under threats,”"]
    assert qs[0].group == qs[1].group and not qs[0].closed


def test_paragraph_break_inside_a_sentence_does_not_end_the_quotation():
    text = 'He said, "We are drafting the\n\nterms of a settlement. It will be ready soon."'
    assert spans(text) == ['"We are drafting the\n\nterms of a settlement. It will be ready soon."']


def test_stray_mark_costs_only_its_paragraph():
    text = 'He said "we will win. The rest has no closing mark.\n\nLater she said: "This one is fine."'
    assert spans(text) == ['"This one is fine."']


def test_odd_marks_in_one_paragraph_never_swallow_the_next():
    text = '"One" two "three.\n\nFour "five" six'
    found = spans(text)
    assert '"five"' in found
    assert all("\n" not in s for s in found)


MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", "''", "«", "»", "„"])
WORDS = st.sampled_from(
    ["he", "said", "We", "will", "win", ".", ",", ":", " ", "\n", "\n\n", "told", "Putin", "…", "—"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKS, WORDS, st.text(max_size=4)), max_size=60))
def test_scanner_never_raises_and_spans_are_valid(parts):
    text = " ".join(parts)
    qs = find_quotations(text)
    singles = find_single_quotations(text, outside=qs)
    for q in qs + singles:
        assert 0 <= q.start < q.end <= len(text)
        inner = text[q.start : q.end]
        for m in re.finditer(r"\n\s*", inner):  # only a break inside a sentence is crossed
            before, after = inner[: m.start()].rstrip(), inner[m.end() :]
            assert before[-1:] not in MID_SENTENCE_STOP and after[:1].islower()
    starts = [q.start for q in qs]
    assert starts == sorted(starts)
    for a, b in zip(qs, qs[1:]):
        assert a.end <= b.start


# ---------------------------------------------------------------- the component


@pytest.fixture(scope="module")
def quotes_nlp():
    from pipeline.run.nlp import cached_nlp
    from pipeline.settings import DEFAULT_MODEL

    return cached_nlp(os.environ.get("PIPELINE_MODEL", DEFAULT_MODEL), ("quotes",))


@pytest.fixture(scope="module")
def quotes_of(quotes_nlp):
    from pipeline.run.nlp import make_doc
    from pipeline.stages.quotes.stage import extract_quotes

    def run(text: str) -> list[dict]:
        doc = quotes_nlp(make_doc(quotes_nlp, text, {"doc_id": "t", "date": None, "title": None, "path": "t"}))
        recs = [r.to_json_dict() for r in extract_quotes(doc)["quotes"]]
        for r in recs:  # offsets are sacred
            assert r["text"] == text[r["start"] : r["end"]]
            if r["speaker_start"] is not None:
                assert 0 <= r["speaker_start"] < r["speaker_end"] <= len(text)
            if r["cue_start"] is not None:
                assert r["cue"] == text[r["cue_start"] : r["cue_end"]]
        return recs

    return run


def one(recs, contains):
    hits = [r for r in recs if contains in r["text"]]
    assert hits, f"no quote containing {contains!r} in {[r['text'] for r in recs]}"
    return hits[0]


def spoken_by(text, r):
    return text[r["speaker_start"] : r["speaker_end"]] if r["speaker_start"] is not None else None


def test_pronoun_after_multi_sentence_quote_with_ellipses_resolves(quotes_of):
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


def test_direct_quote_opened_by_agreed_that(quotes_of):
    text = (
        'Speaking to journalists after the call, Putin said he had agreed that "Moscow would draft a document '
        'on a future settlement. It would list principles and a timetable."'
    )
    r = one(quotes_of(text), "Moscow would draft")
    assert r["kind"] == "direct"
    assert "Putin" in r["speaker"]
    assert spoken_by(text, r) == "Putin"


def test_indirect_speech_with_that_after_an_adjunct(quotes_of):
    text = (
        "Defence Minister Rustem Umerov noted after the talks that the delegations did agree to swap wounded prisoners."
    )
    recs = quotes_of(text)
    assert len(recs) == 1  # "agree" inside the reported clause is not a second attribution
    r = recs[0]
    assert r["kind"] == "indirect" and r["text"].startswith("that the delegations")
    assert r["speaker"].endswith("Umerov")


def test_indirect_speech_without_that(quotes_of):
    text = "President Zelenskyy said afterwards Ukraine had asked Russia to return the deported children."
    r = one(quotes_of(text), "Ukraine had asked")
    assert r["kind"] == "indirect"
    assert r["text"] == "Ukraine had asked Russia to return the deported children"
    assert "Zelensk" in r["speaker"]


def test_split_quote_shares_one_speaker(quotes_of):
    text = 'Prime Minister Kaja Kallas spoke in Brussels. "We are ready," she said, "but not at any price."'
    recs = quotes_of(text)
    a, b = one(recs, "We are ready"), one(recs, "not at any price")
    assert a["quote_id"] == b["quote_id"] and a["part"] != b["part"]
    assert a["speaker"] == b["speaker"] == "Kaja Kallas"


def test_quote_over_paragraphs_and_follow_on_sentence(quotes_of):
    text = (
        'Prime Minister Kaja Kallas spoke in Brussels. "We will keep up the pressure," she said. "Sanctions work.\n\n'
        '"And they will keep working until the guns fall silent."'
    )
    recs = quotes_of(text)
    parts = [one(recs, s) for s in ("keep up the pressure", "Sanctions work", "guns fall silent")]
    assert len({p["quote_id"] for p in parts}) == 1
    assert all(p["speaker"] == "Kaja Kallas" for p in parts)


def test_floating_quote_paragraph_takes_previous_speaker(quotes_of):
    text = (
        "“We will not give up our land,” President Volodymyr Zelensky told reporters in Kyiv on Tuesday.\n\n"
        "“No Ukrainian leader could ever sign such a paper, and I will not be the first one to sign it.”"
    )
    recs = quotes_of(text)
    r = one(recs, "No Ukrainian leader")
    assert r["floating"] and r["kind"] == "direct"
    assert "Zelensk" in r["speaker"]


def test_colon_introduction(quotes_of):
    text = 'Lavrov told the UN Security Council: "The West must stop sending weapons to Kyiv."'
    r = one(quotes_of(text), "The West must stop")
    assert r["kind"] == "direct" and spoken_by(text, r) == "Lavrov"


def test_inverted_speaker_after_quote(quotes_of):
    text = "“It was a productive meeting,” said Turkish Foreign Minister Hakan Fidan. “We agreed to meet again.”"
    recs = quotes_of(text)
    a, b = one(recs, "productive meeting"), one(recs, "meet again")
    assert a["speaker"] == b["speaker"] == "Hakan Fidan"


def test_parenthetical_cue_splits_the_reported_clause(quotes_of):
    text = "After the exchange of prisoners, Foreign Minister Andrii Sybiha said, the talks will resume in Istanbul."
    recs = quotes_of(text)
    assert {r["text"] for r in recs} == {"After the exchange of prisoners", "the talks will resume in Istanbul"}
    assert len({r["quote_id"] for r in recs}) == 1 and all("Sybiha" in r["speaker"] for r in recs)


def test_according_to(quotes_of):
    text = "The talks will resume in June, according to Turkish officials."
    r = one(quotes_of(text), "talks will resume")
    assert r["kind"] == "indirect" and r["cue"] == "according to"
    assert spoken_by(text, r) == "Turkish officials"


def test_mixed_quote(quotes_of):
    text = 'The Kremlin spokesman said the proposal was "a step in the right direction" but needed more work.'
    r = one(quotes_of(text), "step in the right direction")
    assert r["kind"] == "mixed"
    assert r["text"].startswith("the proposal")


def test_definite_description_resolves_to_person(quotes_of):
    text = (
        "Ukraine's foreign minister, Andrii Sybiha, met his Turkish counterpart in Ankara on Monday. "
        "The minister said Kyiv would not accept ultimatums."
    )
    r = one(quotes_of(text), "Kyiv would not accept")
    assert spoken_by(text, r) == "The minister"
    assert r["speaker"] == "Andrii Sybiha"


def test_scare_quotes_and_titles_are_not_speech(quotes_of):
    assert quotes_of('The "coalition of the willing" met in Paris on Friday.') == []
    assert quotes_of("Ukraine would keep its “non-nuclear state” status under the draft.") == []


def test_memorandum_provision_is_not_a_quote(quotes_of):
    assert quotes_of("Russia's memorandum calls for a ceasefire after Ukraine withdraws its troops.") == []


def test_odd_quote_marks_keep_the_rest_of_the_article(quotes_of):
    text = (
        'He said "we will win. The rest of this paragraph has no closing mark.\n\n'
        'Later, Foreign Minister Andrii Sybiha said: "This second quotation must be found."'
    )
    r = one(quotes_of(text), "This second quotation")
    assert r["kind"] == "direct" and "Sybiha" in r["speaker"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        '"',
        '""',
        "“”",
        "“",
        "”",
        "''",
        '"a',
        'a"',
        "« »",
        "‘’",
        "He said:",
        "said",
        '\u00a0"\n"',
        '"' * 50,
        "“" * 20 + "”" * 3,
        "He said, “" + "word " * 400,
        "according to",
        "according to\n\nthe",
    ],
)
def test_odd_input_never_raises(quotes_of, text):
    quotes_of(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(MARKS, WORDS, st.sampled_from(["Lavrov", "the minister", "according", "to", "that", "asked"])),
        max_size=40,
    )
)
def test_component_never_raises_on_random_text(quotes_of, parts):
    quotes_of(" ".join(parts))


def test_a_cue_verb_can_be_added_in_data(quotes_nlp, tmp_path: Path):
    """Adding a verb to cues.yaml (no code) makes it a cue."""
    import yaml

    from pipeline.run.nlp import make_doc
    from pipeline.stages.quotes.component import Attributor
    from pipeline.stages.quotes.rules import DATA, load_cues, load_patterns, load_speakers

    text = "The envoy grumbled that the talks were going nowhere."
    doc = quotes_nlp(make_doc(quotes_nlp, text, {"doc_id": "t"}))
    assert not any(s._.quote["cue"] == "grumbled" for s in doc.spans["quotes"])
    data = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))
    data["classes"]["speech"]["lemmas"].append("grumble")
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    finder = Attributor(quotes_nlp, load_cues(str(path)), load_speakers(), load_patterns())
    spans = finder(doc).spans["quotes"]
    assert [s._.quote["cue"] for s in spans] == ["grumbled"]
    assert spans[0]._.quote["start"] == text.index("that the talks")


# ---------------------------------------------------------------- stance of groups, passives, objects
# (content, speaker mention) per sentence; sentences written for these tests.


def found(quotes_of, text, content, speaker):
    """A record whose text is ``content`` and whose speaker mention holds ``speaker``."""
    recs = quotes_of(text)
    hits = [r for r in recs if r["text"] == content]
    assert hits, f"no quote {content!r} in {[(r['text'], r['cue']) for r in recs]}"
    if speaker is None:
        assert hits[0]["speaker_start"] is None
    else:
        assert speaker in (spoken_by(text, hits[0]) or ""), spoken_by(text, hits[0])
    return hits[0]


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # any noun phrase may hold a stance, not only names and titles
        (
            "Some of the delegates welcomed the proposal for a ceasefire.",
            "the proposal for a ceasefire",
            "Some of the delegates",
        ),
        ("A majority of the voters rejected the plan.", "the plan", "A majority of the voters"),
        ("Most of the farmers in the region oppose the new tariff.", "the new tariff", "Most of the farmers"),
        # a passive with an agent: the subject is the content, the agent the source
        ("The proposal was rejected by most of the shareholders.", "The proposal", "most of the shareholders"),
        ("The new budget was criticized by several senators as reckless.", "The new budget", "several senators"),
        # the object of a stance verb keeps its "to" phrase
        ("The senator likened the tax to a penalty on work.", "the tax to a penalty on work", "The senator"),
    ],
)
def test_stance_of_groups_and_passives(quotes_of, text, content, speaker):
    found(quotes_of, text, content, speaker)


def test_agentless_passive_of_a_stance_verb_is_not_attributed(quotes_of):
    assert not any(r["text"] == "The plan" for r in quotes_of("The plan was approved last year."))


def test_colon_at_the_end_of_a_paragraph_introduces_the_next(quotes_of):
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
def test_speaker_label_opens_a_paragraph(quotes_of, text, content, speaker):
    found(quotes_of, text, content, speaker)


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
        (
            "The senator painted the governor as a friend of polluters.",
            "the governor as a friend of polluters",
            "The senator",
        ),
        ("The campaign released a memo on the state of the race.", "a memo on the state of the race", "The campaign"),
        # a list of verb phrases after a comma stays in the content; a clause with its own subject does not
        (
            "The mayor said the city would repair the bridge, widen the road and plant new trees.",
            "the city would repair the bridge, widen the road and plant new trees",
            "The mayor",
        ),
        (
            "The union said the offer was too low, and the company said it would not raise it.",
            "the offer was too low",
            "The union",
        ),
        (
            "The union said the offer was too low, and the company said it would not raise it.",
            "it would not raise it",
            "the company",
        ),
        # the bare verbs the parser hangs on the cue belong to the infinitive
        (
            "The governor wants to cut taxes, raise the minimum wage and fix the roads.",
            "to cut taxes, raise the minimum wage and fix the roads",
            "The governor",
        ),
    ],
)
def test_more_stance_cues_and_content_edges(quotes_of, text, content, speaker):
    found(quotes_of, text, content, speaker)


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # a participle or conjoined speech verb hung inside the reported clause keeps the outer speaker
        (
            "The minister said the plan was flawed, noting that it ignored the farmers.",
            "that it ignored the farmers",
            "The minister",
        ),
        (
            "The analyst wrote that exports had fallen in May and asked whether the recovery would last.",
            "whether the recovery would last",
            "The analyst",
        ),
        # a gerund after a preposition takes the subject of what the preposition hangs on
        ("Residents of the valley are united in opposing the new quarry.", "the new quarry", "Residents of the valley"),
        ("The chairman came under fire for defending the contractor.", "the contractor", "The chairman"),
    ],
)
def test_speakers_of_participles_and_gerunds(quotes_of, text, content, speaker):
    found(quotes_of, text, content, speaker)


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
def test_speaker_mention_spans(quotes_of, text, content, speaker):
    r = found(quotes_of, text, content, speaker)
    if "Jane Roe" in text:
        assert r["speaker"] == "Jane Roe"


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # a gerund or infinitive complement of a stance or cognition verb
        (
            "The council supports building a new bridge over the river.",
            "building a new bridge over the river",
            "The council",
        ),
        (
            "Several farmers advocate letting the river flood the lower fields.",
            "letting the river flood the lower fields",
            "Several farmers",
        ),
        ("The company decided to close the plant in March.", "to close the plant in March", "The company"),
        (
            "Few economists understand the new rules on grain exports.",
            "the new rules on grain exports",
            "Few economists",
        ),
    ],
)
def test_gerund_and_infinitive_complements(quotes_of, text, content, speaker):
    found(quotes_of, text, content, speaker)


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
def test_quotation_next_to_the_cue(quotes_of, text, content, kind):
    r = one(quotes_of(text), content)
    assert r["text"] == content and r["kind"] == kind


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
def test_cue_nouns_after_light_verbs(quotes_of, text, content, speaker):
    found(quotes_of, text, content, speaker)


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
def test_attitude_adjectives(quotes_of, text, content, speaker):
    found(quotes_of, text, content, speaker)


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
def test_naming_verbs_with_a_quoted_predicate_are_mixed(quotes_of, text, content):
    r = one(quotes_of(text), content)
    assert r["text"] == content and r["kind"] == "mixed"


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # a participle after a comma is a cue of its own, not part of what the verb before reports
        (
            "Dock workers urged the port authority not to cut shifts in winter, citing rising rents and fuel prices.",
            "the port authority not to cut shifts in winter",
            "Dock workers",
        ),
        (
            "Dock workers urged the port authority not to cut shifts in winter, citing rising rents and fuel prices.",
            "rising rents and fuel prices",
            "Dock workers",
        ),
        (
            "The inspector pointed to the old pier as the weakest link, adding that repairs could not wait.",
            "that repairs could not wait",
            "The inspector",
        ),
        (
            "The inspector pointed to the old pier as the weakest link, adding that repairs could not wait.",
            "to the old pier as the weakest link",
            "The inspector",
        ),
    ],
)
def test_participle_after_a_comma_is_its_own_attribution(quotes_of, text, content, speaker):
    found(quotes_of, text, content, speaker)


def test_trailing_according_to_is_cut_from_a_reported_clause(quotes_of):
    text = "Most voters said the economy was the main issue, according to early exit polls."
    r = one(quotes_of(text), "the economy")
    assert r["text"] == "the economy was the main issue"

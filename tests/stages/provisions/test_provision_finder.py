"""The provision_finder component (component.py): whole articles, odd input, configuration.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest


def test_plain_news_sentence_has_no_provision(records):
    recs = records(
        "The talks lasted two hours. Drones struck an oil depot overnight, officials said. "
        "The president will travel to Paris next week.",
        "2025-07-24",
    )
    assert recs["provisions"] == [] and recs["memoranda"] == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n ",
        "“”\"'«»",
        ":" * 50,
        "1) 2) 3)",
        "- \n- \n-",
        "The plan calls for " + "a ceasefire, " * 400 + "and peace.",
    ],
)
def test_never_crashes_on_odd_input(records, text):
    recs = records(text, None)
    for p in recs["provisions"]:
        assert text[p["start"] : p["end"]] == p["text"]


def test_component_is_configurable(nlp):
    assert "provision_finder" in nlp.pipe_names
    cfg = nlp.get_pipe_config("provision_finder")
    assert "data_path" in cfg


@pytest.mark.parametrize(
    "text",
    [
        "NATO Allies agreed to provide an extra EUR 10 billion in military aid for Ukraine next year.",
        "Allies agreed at the summit that Ukraine will one day join the alliance.",
        "The grid operator said the strikes hit eight regions. It said the shortfall of power across the country has "
        "grown.",
        "Trump said his plan was very good. Russia would likely need six months to repair the refinery.",
    ],
)
def test_no_provision_in_alliance_decisions_and_plain_reports(records, text):
    assert records(text, "2025-08-05")["provisions"] == []


# ---------------------------------------------------------------- the frame interface and the per-article state


def test_frame_order_and_verb_frames_are_explicit():
    from pipeline.stages.provisions.frames import FRAME_ORDER, VERB_FRAMES
    from pipeline.stages.provisions.rules import Cues

    assert [f.name for f in FRAME_ORDER] == ["list", "verb", "modal", "complement", "position", "part"]
    assert [f.name for f in FRAME_ORDER if f.only_if_none] == ["modal", "position", "part"]
    assert [v.cues for v in VERB_FRAMES] == [
        "agreement_verbs",
        "refusal_verbs",
        "revision_verbs",
        "condition_verbs",
        "truce_verbs",
        "content_verbs",
    ]
    assert all(v.cues in Cues.model_fields for v in VERB_FRAMES)


def test_a_new_frame_family_is_one_entry_in_frame_order(make_doc, nlp, monkeypatch):
    """A family receives the Reading and the Sentence and returns Frames; its frames become provisions."""
    from pipeline.stages.provisions import frames
    from pipeline.stages.provisions.frames.base import Frame, SentenceFamily
    from pipeline.stages.provisions.reading import Reading, Sentence
    from pipeline.stages.provisions.stage import extract_provisions

    seen = []

    def wishes(reading, sentence):
        """'Kyiv wishes X': Ukraine's demand (a toy family for this test)."""
        seen.append((type(reading), type(sentence), sentence.index))
        verb = next((t for t in sentence.span if t.lower_ == "wishes"), None)
        if verb is None:
            return []
        memo = reading.memoranda.position("Ukraine", "demands", (verb.idx, verb.idx + len(verb)), sentence.index)
        return [Frame(memo, verb.i + 1, sentence.span.end, "wish", "demand", memo.status, cue=verb)]

    monkeypatch.setattr(frames, "FRAME_ORDER", (*frames.FRAME_ORDER, SentenceFamily("wish", wishes)))
    doc = make_doc("Under pressure, Kyiv wishes a full ceasefire along the front line.", "2025-06-03")
    finder = nlp.get_pipe("provision_finder")
    recs = extract_provisions(finder(doc))["provisions"]
    assert seen and all(r is Reading and s is Sentence for r, s, _ in seen)
    assert [(p.text, p.frame, p.party, p.category) for p in recs] == [
        ("a full ceasefire along the front line", "wish", "Ukraine", "CEASEFIRE")
    ]


def test_the_component_keeps_no_article_state(make_doc, nlp):
    finder = nlp.get_pipe("provision_finder")
    before = dict(vars(finder))
    make_doc("The Ukrainian memorandum calls for a full ceasefire. It also demands the return of all children.")
    make_doc("Russia rejected the plan. The two sides agreed to exchange prisoners.")
    assert vars(finder) == before and set(before) == {"data", "lex", "model"}

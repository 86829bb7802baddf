"""The decision layer: document scope, candidates, signals, the model file and its decisions, training.

Every text here is written for the test."""

from __future__ import annotations

import json

import pytest

from pipeline.core.rules import RuleFileError
from pipeline.stages.provisions.decide import (
    DecisionModel,
    article_candidates,
    candidate_probabilities,
    decode,
    fingerprint_of,
    load_model,
    read_model,
)
from pipeline.stages.provisions.scope import NONE_BACK, paragraph_starts, sentence_scopes
from pipeline.stages.provisions.signals import candidate_signals, sentence_signals

EXPLAINER = (
    "The Russian memorandum was handed over on Monday. It runs to twelve points.\n\n"
    "The Ukrainian army would be capped at 90,000 troops. A referendum would follow within three months.\n\n"
    "Shelling continued overnight near the front, officials said."
)


@pytest.fixture
def read(make_doc, nlp):
    """Text -> the rules' reading of it (Reading, rule segments with their outcomes)."""
    finder = nlp.get_pipe("provision_finder")

    def run(text: str):
        out = finder.read(make_doc(text, "2025-06-03"))
        assert out is not None
        return out

    return run


def sentence_index(reading, fragment: str) -> int:
    return next(i for i, s in enumerate(reading.sentences) if fragment in s.text)


# ---------------------------------------------------------------- scope


def test_a_document_stays_in_scope_over_the_sentences_and_paragraphs_after_it(read):
    reading, _ = read(EXPLAINER)
    scopes = sentence_scopes(reading)
    capped, vote = sentence_index(reading, "capped"), sentence_index(reading, "referendum")
    assert scopes[capped].memo is not None and scopes[capped].memo.kind == "memorandum"
    assert scopes[capped].back >= 1 and scopes[vote].back == scopes[capped].back + 1
    assert scopes[capped].paragraphs == 1  # named in the paragraph before
    assert scopes[sentence_index(reading, "Shelling")].back > scopes[vote].back


def test_no_document_no_scope(read):
    reading, _ = read("Shelling continued overnight. Two villages lost power, officials said. The plan is unclear.")
    assert sentence_scopes(reading)[0].memo is None and sentence_scopes(reading)[0].back == NONE_BACK


def test_paragraphs_start_after_a_blank_line_or_a_finished_line_not_inside_a_hard_wrapped_sentence():
    text = "First line of a sentence that\nwraps here. Next one.\nA new paragraph.\n\nAnother."
    starts = paragraph_starts(text)
    assert 0 in starts and text.index("wraps") not in starts
    assert text.index("A new") in starts and text.index("Another") in starts


# ---------------------------------------------------------------- candidates and signals


def test_every_rule_segment_is_a_candidate_and_conjuncts_are_proposed_apart(read, nlp):
    reading, outcomes = read(
        "Russia and Ukraine agreed to exchange all wounded prisoners. "
        "Both teams settled on a swap of the wounded and on a new round of talks in Doha."
    )
    ac, _ = article_candidates(reading, outcomes, nlp.get_pipe("provision_finder").lex.signals)
    spans = {(c.start_char, c.end_char): c for c in ac.candidates}
    for rs in outcomes:
        assert (rs.span.start_char, rs.span.end_char) in spans
    texts = [reading.text[a:b] for a, b in spans]
    assert any(t.startswith("a swap of the wounded") and "Doha" not in t for t in texts)
    assert any("a new round of talks in Doha" in t and "swap" not in t for t in texts)
    assert all(reading.text[c.start_char : c.end_char] == reading.doc[c.start : c.end].text for c in ac.candidates)


def test_rule_segments_keep_what_the_filters_did(read):
    _, outcomes = read(
        "The Russian memorandum calls for a full ceasefire. It also calls for a full ceasefire. "
        "It calls for purchases of grain."
    )
    assert [rs.outcome for rs in outcomes][:2] == ["kept", "repeat"]
    assert {"kept", "repeat"} <= {rs.outcome for rs in outcomes}


@pytest.mark.parametrize(
    "text, fragment, signal",
    [
        ("Under the plan, Ukraine would cut its army to 600,000.", "Under the plan", "root_modal=deontic"),
        ("Under the plan, Ukraine would cut its army to 600,000.", "Under the plan", "under_doc"),
        ("The Russian memorandum calls for a full ceasefire.", "memorandum", "kept=1"),
        ("Under the plan, the envoy will travel to Berlin on Friday.", "envoy", "cl=event|deontic|other|0"),
        ("Hamas will release ten hostages under the deal.", "Hamas", "cl=other|deontic|party|1"),
    ],
)
def test_sentence_signals(read, nlp, text, fragment, signal):
    reading, outcomes = read(text)
    ac, _ = article_candidates(reading, outcomes, nlp.get_pipe("provision_finder").lex.signals)
    assert signal in sentence_signals(ac.ctx, sentence_index(reading, fragment))


def test_candidate_signals_name_the_source_modality_and_rule_outcome(read, nlp):
    reading, outcomes = read("The deal was announced on Monday. Israel would withdraw its troops to the agreed line.")
    ac, _ = article_candidates(reading, outcomes, nlp.get_pipe("provision_finder").lex.signals)
    by_text = {reading.text[c.start_char : c.end_char]: c for c in ac.candidates}
    clause = by_text["Israel would withdraw its troops to the agreed line"]
    sig = candidate_signals(ac.ctx, clause)
    assert "modal=deontic" in sig and "subj=party" in sig and any(s.startswith("src=clause") for s in sig)
    assert not any(s.startswith(("lex", "word=")) for s in sig)  # no word of the text is a signal


# ---------------------------------------------------------------- the model file


def tiny_artifact(mode: str = "model", threshold: float = 0.5) -> dict:
    """A hand-written model: sentences with a deontic modal are likely, clause candidates with a party subject too."""
    art = {
        "format": "provisions-decision/1",
        "mode": mode,
        "sentence": {"bias": -2.0, "weights": {"deontic=1": 4.0}},
        "candidate": {"bias": -1.0, "weights": {"subj=party": 3.0, "src=clause:ROOT": 1.0}},
        "cascade": threshold,
        "threshold": threshold,
        "meta": {"test": True},
    }
    art["fingerprint"] = fingerprint_of(art)
    return art


def write(tmp_path, art: dict, name: str = "model.json"):
    path = tmp_path / name
    path.write_text(json.dumps(art), encoding="utf-8")
    return path


def test_a_tiny_artifact_gives_known_probabilities(tmp_path):
    model = read_model(write(tmp_path, tiny_artifact()))
    assert model.sentence.probability(["deontic=1"]) == pytest.approx(1 / (1 + 2.718281828459045**-2.0))
    assert model.candidate.probability(["subj=party", "src=clause:ROOT", "unknown"]) == pytest.approx(
        1 / (1 + 2.718281828459045**-3.0)
    )


def test_the_model_decides_on_the_parse_candidates(read, nlp, tmp_path):
    model = read_model(write(tmp_path, tiny_artifact()))
    reading, outcomes = read("The deal was announced on Monday. Israel would withdraw its troops to the agreed line.")
    ac, p_sent = article_candidates(reading, outcomes, nlp.get_pipe("provision_finder").lex.signals, model)
    probs = candidate_probabilities(model, ac, p_sent)
    kept = [reading.text[ac.candidates[j].start_char : ac.candidates[j].end_char] for j in range(len(probs))]
    best = kept[max(range(len(probs)), key=probs.__getitem__)]
    assert "withdraw its troops" in best


def test_decode_keeps_the_best_spans_that_do_not_overlap():
    spans = [(0, 10), (5, 15), (20, 30), (22, 25)]
    assert decode(spans, [0.9, 0.95, 0.2, 0.6], 0.5) == [1, 3]
    assert decode(spans, [0.9, 0.95, 0.2, 0.6], 0.99) == []


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda a: a["candidate"]["weights"].update({"subj=party": 9.0}), "fingerprint"),
        (lambda a: a.update({"format": "something/2"}), "format"),
        (lambda a: a.update({"threshold": 2.0}), "threshold"),
        (lambda a: a.update({"extra": 1}), "extra"),
    ],
)
def test_a_bad_artifact_is_refused_naming_the_file_and_key(tmp_path, edit, message):
    art = tiny_artifact()
    edit(art)
    path = write(tmp_path, art, "bad-model.json")
    with pytest.raises(RuleFileError) as err:
        read_model(path)
    assert "bad-model.json" in str(err.value) and message in str(err.value)


def test_broken_json_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(RuleFileError, match="broken.json.*not valid JSON"):
        read_model(path)


def test_no_artifact_means_the_rules_alone(nlp, make_doc):
    from pipeline.stages.provisions.component import ProvisionFinder

    assert load_model("") is None
    finder = ProvisionFinder(nlp, model_path="")
    assert finder.model is None
    doc = make_doc("The Russian memorandum calls for a full ceasefire. Both teams settled on a swap of the wounded.")
    spans = finder.find(doc)[1]
    assert [s.text for s in spans] == ["a full ceasefire"]
    assert spans[0]._.provision.get("score") is None and spans[0]._.provision["frame"].kind == "content"


def test_the_committed_artifact_is_valid_and_small():
    from pipeline.stages.provisions.decide import MODEL_FILE

    if not MODEL_FILE.exists():
        pytest.skip("no decision model committed")
    model = load_model()
    assert isinstance(model, DecisionModel) and MODEL_FILE.stat().st_size < 400_000
    assert not any(" " in name for name in {**model.sentence.weights, **model.candidate.weights})


def test_with_the_model_a_modal_clause_under_a_document_is_a_provision(records, with_model):
    recs = records(
        "The 20-point plan was presented in Geneva on Sunday. Under the plan, Israel would withdraw its troops "
        "to an agreed line, and all hostages would be released within 72 hours.",
        "2025-10-01",
    )
    texts = [p["text"] for p in recs["provisions"]]
    assert any("withdraw its troops" in t for t in texts), texts
    for p in recs["provisions"]:
        assert p["score"] is not None and 0 <= p["score"] <= 1 and p["memorandum_id"]


# ---------------------------------------------------------------- training


def synthetic_rows():
    """Three tiny articles: a provision sentence with a deontic modal, a background sentence without."""
    from pipeline.stages.provisions.learn import ArticleRows

    rows = []
    for k in range(6):
        r = ArticleRows("news", f"a{k}", "x" * 100)
        r.sentences = [0, 1]
        r.sentence_signals = [["bias", "deontic=1", f"len={k % 2}"], ["bias", "deontic=0"]]
        r.sentence_bounds = [(0, 50), (50, 100)]
        r.sentence_labels = [1, 0]
        r.cand_si = [0, 0, 1]
        r.spans = [(0, 20), (0, 45), (50, 90)]
        r.cand_signals = [["bias", "len=7-12"], ["bias", "len=36+"], ["bias", "len=7-12"]]
        r.rule_kept = [False, False, False]
        r.fields = [{"party": "Russia", "category": "CEASEFIRE", "status": "proposed", "memorandum_id": "m"}] * 3
        r.labels = [1, 0, 0]
        rows.append(r)
    return rows


def test_training_twice_gives_byte_identical_files(tmp_path):
    pytest.importorskip("sklearn")
    from pipeline.stages.provisions.learn import Anchor, Params, train_artifact, write_artifact

    rows = synthetic_rows()
    gold = {r.doc_id: [Anchor(0, 20, False, "m", ("Russia",), ("CEASEFIRE",), "proposed")] for r in rows}
    params = Params(mode="model", inner_folds=3)
    for name in ("one.json", "two.json"):
        write_artifact(train_artifact(synthetic_rows(), gold, params, meta={"n": 6}), tmp_path / name)
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    model = read_model(tmp_path / "one.json")  # what training writes, the component reads
    assert model.sentence.probability(["bias", "deontic=1"]) > model.sentence.probability(["bias", "deontic=0"])


def test_labels_follow_the_scorers_rule():
    from pipeline.stages.provisions.learn import Anchor, ArticleRows, label_rows

    r = ArticleRows("news", "d", "y" * 200)
    r.sentence_bounds = [(0, 100), (100, 200)]
    r.spans = [(10, 30), (0, 100), (120, 140), (150, 160)]
    anchors = [
        Anchor(10, 28, False, "m", ("Russia",), ("CEASEFIRE",), "proposed"),
        Anchor(150, 170, True, "positions", ("Russia",), ("CEASEFIRE",), "proposed"),
    ]
    label_rows(r, anchors)
    assert r.labels == [1, 0, 0, None]  # pure enough; a whole sentence is too coarse; no anchor; only an optional one
    assert r.sentence_labels == [1, None]


def test_rules_first_keeps_every_rule_provision_even_where_the_sentence_model_says_no(nlp, make_doc, tmp_path):
    from pipeline.stages.provisions.component import ProvisionFinder

    art = tiny_artifact(mode="rules_first")
    art["sentence"] = {"bias": -20.0, "weights": {}}  # no sentence clears the cascade
    art["fingerprint"] = fingerprint_of(art)
    path = write(tmp_path, art)
    text = "The Russian memorandum calls for a full ceasefire. It also demands the return of all children."
    rules = [s.text for s in ProvisionFinder(nlp, model_path="").find(make_doc(text))[1]]
    with_model = ProvisionFinder(nlp, model_path=str(path)).find(make_doc(text))[1]
    assert rules and [s.text for s in with_model] == rules
    assert all(s._.provision["score"] == 1.0 for s in with_model)

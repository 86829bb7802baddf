"""The decision model in a run: the bundled corpus through the pipeline with the committed model, and offsets on
random articles assembled from sentences written for the test."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.files import read_jsonl
from pipeline.run.extract import extract
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[3]

SENTENCES = [
    "The Russian memorandum was handed over in Istanbul on Monday.",
    "Under the plan, Ukraine would cut its army to 600,000 troops.",
    "A referendum on the new border would follow within three months.",
    "Both teams settled on a swap of the wounded and on a new round of talks in Doha.",
    "Kyiv's counter-proposal drops the clause on frozen assets.",
    "Shelling continued overnight near the front, officials said.",
    '"The parties will establish a joint monitoring commission."',
    "The plan's other points are that sanctions would be lifted and that the grain corridor would reopen.",
    "- Israel will withdraw to the agreed line within 72 hours.",
    "Moscow called the proposal unacceptable.",
]


def test_the_bundled_corpus_keeps_the_rules_provisions_with_the_model(tmp_path, with_model):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    out = tmp_path / "out"
    extract(corpus, out, Settings(n_process=1), progress=False)
    docs = {d["doc_id"]: d["text"] for d in read_jsonl(out / "documents.jsonl")}
    provisions = read_jsonl(out / "provisions.jsonl")
    texts = {(p["doc_id"], p["text"]) for p in provisions}
    for doc_id, text in [
        ("istanbul-talks-2025", "presidential elections in Ukraine within 100 days of the end of martial law"),
        ("brief-energy-truce", "halt strikes on Ukrainian energy facilities for 30 days"),
    ]:
        assert (doc_id, text) in texts, text
    for p in provisions:
        assert docs[p["doc_id"]][p["start"] : p["end"]] == p["text"]
        assert p["score"] is None or 0.0 <= p["score"] <= 1.0
        assert p["change"] in (None, "removed", "changed", "added")
    ids = {m["memorandum_id"] for m in read_jsonl(out / "memoranda.jsonl")}
    assert {p["memorandum_id"] for p in provisions} <= ids


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8), st.sampled_from([" ", "\n", "\n\n"]))
def test_offsets_are_exact_with_the_model(records, with_model, sentences, joint):
    body = joint.join(sentences)
    recs = records(body, "2025-11-25")
    for kind in ("provisions", "memoranda"):
        for r in recs[kind]:
            assert body[r["start"] : r["end"]] == r["text"]
    for p in recs["provisions"]:
        assert p["memorandum_id"] in {m["memorandum_id"] for m in recs["memoranda"]}

"""The guarded component call: a component that raises costs its article alone, and says so."""

from __future__ import annotations

import json

import pytest
import spacy

from pipeline.core.guard import GuardedComponent, failures, guarded


class Exploding(GuardedComponent):
    stage, component = "quotes", "exploding"

    def process(self, doc):
        doc.spans["mine"] = [doc[0:1]]
        raise RuntimeError("a rule bug")

    def fallback(self, doc):
        doc.spans["mine"] = []


def test_a_raising_component_is_recorded_and_reset():
    doc = Exploding()(spacy.blank("en")("Talks resumed in Geneva."))
    assert list(doc.spans["mine"]) == []
    assert failures(doc) == [
        {"stage": "quotes", "component": "exploding", "kind": "RuntimeError", "message": "a rule bug"}
    ]


def test_a_guarded_function_component_records_and_falls_back():
    seen = []

    @guarded("layout", "noisy", lambda doc: seen.append("fallback"))
    def noisy(doc):
        raise MemoryError("out of memory")

    doc = noisy(spacy.blank("en")("A short text."))
    assert seen == ["fallback"] and failures(doc)[0]["kind"] == "MemoryError"


def test_a_component_that_works_records_nothing():
    class Fine(GuardedComponent):
        def process(self, doc):
            return doc

    assert failures(Fine()(spacy.blank("en")("Nothing to report."))) == []


@pytest.mark.slow
def test_failing_components_are_errors_of_their_article_not_cached(tmp_path, monkeypatch):
    """With the quotes and provisions components raising on every article, the run records an error
    per article and stage, exits 1, keeps every other record, and tries the articles again next run."""
    from pipeline.cli import main
    from pipeline.stages.provisions.component import ProvisionFinder
    from pipeline.stages.quotes.component import Attributor

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "---\ndate: 2025-03-04\n---\nThe envoy said in Geneva on Monday that the truce would hold.\n"
    )
    (corpus / "b.txt").write_text(
        "---\ndate: 2025-03-05\n---\nUkraine and Russia agreed to exchange 200 prisoners on Friday.\n"
    )

    def boom(self, doc):
        raise ValueError(f"broken on {len(doc)} tokens")

    monkeypatch.setattr(Attributor, "find", boom)
    monkeypatch.setattr(ProvisionFinder, "find", boom)
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--n-process", "1"]) == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted((e["path"], e["stage"], e["kind"]) for e in errors) == [
        ("a.txt", "provisions", "exception"),
        ("a.txt", "quotes", "exception"),
        ("b.txt", "provisions", "exception"),
        ("b.txt", "quotes", "exception"),
    ]
    assert all("ValueError: broken on" in e["message"] and e["severity"] == "error" for e in errors)
    assert (out / "quotes.jsonl").read_text() == "" and (out / "entities.jsonl").read_text() != ""
    assert (out / "dates.jsonl").read_text() != ""
    run = json.loads((out / "run.json").read_text())
    assert run["errors"] == 4
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--n-process", "1"]) == 1
    assert json.loads((out / "run.json").read_text())["processed"] == 2  # retried, not served from the cache
    monkeypatch.undo()
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--n-process", "1"]) == 0
    assert (out / "errors.jsonl").read_text() == "" and (out / "quotes.jsonl").read_text() != ""

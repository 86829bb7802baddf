"""A component that raises (finding 10), MemoryError included: the article's other records are
written, the failure is in errors.jsonl with the file, the line of a JSONL article, the stage and
the exception, exit status 1; nothing is cached as good, so every later run retries the article and
says so, until the fault is gone and the outputs are those of a clean run."""

from __future__ import annotations

import json

from .conftest import cli, snapshot


def _component_of(nlp, stage: str):
    from pipeline.core.guard import GuardedComponent

    return next(c for _, c in nlp.components if isinstance(c, GuardedComponent) and c.stage == stage)


def test_memory_error_in_a_component_costs_its_article_only(corpus, tmp_path, clean, monkeypatch, nlp):
    component = _component_of(nlp, "dates")
    real = component.process

    def out_of_memory(doc):
        if doc._.article["doc_id"] == "brief-energy-truce":
            raise MemoryError("cannot allocate 4 GB")
        return real(doc)

    monkeypatch.setattr(component, "process", out_of_memory)
    out = tmp_path / "out"
    for _ in range(2):  # and again: the failed article is not served from the cache as good
        assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 1
        run = json.loads((out / "run.json").read_text())
        assert run["errors"] == 1 and run["processed"] >= 1
        errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
        assert [(e["path"], e["line"], e["doc_id"], e["stage"], e["kind"], e["severity"]) for e in errors] == [
            ("wire-briefs.jsonl", 1, "brief-energy-truce", "dates", "exception", "error")
        ]
        assert "MemoryError: cannot allocate 4 GB" in errors[0]["message"]
        dates = [json.loads(x) for x in (out / "dates.jsonl").read_text().splitlines()]
        assert dates and all(d["doc_id"] != "brief-energy-truce" for d in dates)
        ents = [json.loads(x)["doc_id"] for x in (out / "entities.jsonl").read_text().splitlines()]
        assert "brief-energy-truce" in ents  # its other records are written
    assert json.loads((out / "run.json").read_text())["processed"] == 1  # only it was processed again
    monkeypatch.undo()
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    assert snapshot(out) == clean

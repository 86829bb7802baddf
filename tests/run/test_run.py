"""End to end: a temporary corpus through `extract`, offsets, reruns, interruptions, pandas."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline.core.files import atomic_write_text, read_jsonl
from pipeline.run import cache, process
from pipeline.run.extract import extract
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
OUTPUT_FILES = ["documents", "entities", "dates", "quotes", "memoranda", "provisions", "errors"]


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    (folder / "empty.txt").write_text("")
    return folder


def _run(corpus, out, **kw):
    return extract(corpus, out, Settings(n_process=1), progress=False, **kw)


def _snapshot(out: Path) -> dict[str, str]:
    return {name: (out / f"{name}.jsonl").read_text(encoding="utf-8") for name in OUTPUT_FILES}


def test_every_output_is_written_with_valid_offsets(corpus, tmp_path):
    out = tmp_path / "out"
    summary = _run(corpus, out)
    assert summary.failed  # the empty file is an error, reported in the exit status
    for name in OUTPUT_FILES:
        assert (out / f"{name}.jsonl").exists()
    assert (out / "tables").is_dir()
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert set(docs) == {"istanbul-talks-2025", "geneva-statement", "brief-energy-truce", "brief-black-sea"}
    assert docs["geneva-statement"]["date"] == "2025-11-24" and docs["geneva-statement"]["date_source"] == "byline"
    assert docs["istanbul-talks-2025"]["date"] == "2025-06-03"
    for kind in ("entities", "dates", "quotes", "provisions", "memoranda"):
        recs = read_jsonl(out / f"{kind}.jsonl")
        assert recs or kind in ("provisions", "memoranda"), kind
        for r in recs:
            body = docs[r["doc_id"]]["text"]
            assert body[r["start"] : r["end"]] == r["text"], (kind, r)
            for prefix in ("speaker", "cue"):
                if r.get(f"{prefix}_start") is not None:
                    assert 0 <= r[f"{prefix}_start"] < r[f"{prefix}_end"] <= len(body)
    errors = read_jsonl(out / "errors.jsonl")
    assert [e["path"] for e in errors if e["severity"] == "error"] == ["empty.txt"]


def test_rerun_reprocesses_nothing_and_changes_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    _run(corpus, out)
    before = _snapshot(out)
    second = _run(corpus, out)
    assert second.processed == 0 and second.cached == 4
    assert _snapshot(out) == before
    (corpus / "geneva-statement.txt").write_text(
        (corpus / "geneva-statement.txt").read_text() + "\nA new closing line.\n"
    )
    third = _run(corpus, out)
    assert third.processed == 1


def test_interrupted_run_resumes_and_matches_a_clean_run(corpus, tmp_path, monkeypatch):
    clean = tmp_path / "clean"
    _run(corpus, clean)
    out = tmp_path / "out"
    calls = {"n": 0}
    real_put = cache.ResultCache.put

    def crash_after_two(self, result):
        real_put(self, result)
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(cache.ResultCache, "put", crash_after_two)
    with pytest.raises(KeyboardInterrupt):
        _run(corpus, out)
    assert not list(out.glob("*.jsonl"))  # nothing half-written
    monkeypatch.setattr(cache.ResultCache, "put", real_put)
    resumed = _run(corpus, out)
    assert resumed.cached == 2 and resumed.processed == 2
    assert _snapshot(out) == _snapshot(clean)


def test_atomic_write_keeps_the_old_file_when_interrupted(tmp_path, monkeypatch):
    path = tmp_path / "x.jsonl"
    atomic_write_text(path, "old\n")

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "new\n" * 1000)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.jsonl"]


def test_load_gives_typed_frames(corpus, tmp_path):
    out = tmp_path / "out"
    _run(corpus, out)
    frames = pipeline.load(out)
    assert set(frames) >= set(OUTPUT_FILES) | {"provisions_table", "comparisons"}
    docs = frames.documents
    assert str(docs["doc_id"].dtype) == "string"
    assert str(docs["date"].dtype).startswith("datetime64")
    assert str(frames.entities["start"].dtype) == "Int64"
    summary = frames.entity_summary()
    assert {"doc_id", "canonical", "label", "count", "first_start"} <= set(summary.columns)


def test_cli_exit_status_and_outputs(corpus, tmp_path):
    from pipeline.cli import main

    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--outputs", str(out), "--quiet", "--n-process", "1"]) == 1
    (corpus / "empty.txt").unlink()
    assert main(["extract", str(corpus), "--outputs", str(out), "--quiet", "--n-process", "1"]) == 0
    assert main(["extract", str(tmp_path / "missing"), "--outputs", str(out), "--quiet"]) == 2


def test_schema_covers_every_output(tmp_path):
    from pipeline.schema import record_models, write_schemas

    written = write_schemas(tmp_path)
    assert {p.name.split(".")[0] for p in written} == set(record_models()) == set(OUTPUT_FILES)
    schema = json.loads((tmp_path / "quotes.schema.json").read_text())
    assert {"doc_id", "start", "end", "speaker_start", "speaker_end"} <= set(schema["properties"])


def test_first_batches_warm_the_vocabulary_then_batches_run_in_memory_zones():
    import spacy

    nlp = spacy.blank("en")
    start = len(nlp.vocab.strings)
    with process.warm_or_zone(nlp, 5):  # under the warm-up: no zone, the new words stay
        assert not nlp.vocab.in_memory_zone
        nlp("alpha bravo charlie delta echo foxtrot golf")
    grown = len(nlp.vocab.strings)
    assert grown - start >= 5
    with process.warm_or_zone(nlp, 5):  # over it: a memory zone, and what it adds goes at the end
        assert nlp.vocab.in_memory_zone
        nlp("hotel india juliett kilo lima mike")
    assert len(nlp.vocab.strings) == grown


def test_memory_zones_do_not_change_the_records(corpus):
    from pipeline.ingest import read_corpus

    articles = read_corpus(corpus, [])
    keys = [a.doc_id for a in articles]

    def lines(warmup: int) -> list[str]:
        settings = Settings(n_process=1, vocab_warmup=warmup)
        return [cache.pack(r).blob for r in process.process_articles(articles, settings, keys, "fp")]

    assert lines(0) == lines(10**9)  # every batch in a zone, or none

"""The speed machinery: component timing, work chunks, the no-change rerun, and the bench itself.

No assertion here depends on how fast the machine is: time is faked where it is measured."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline import bench
from pipeline.ingest import Article
from pipeline.run import cache, fingerprint, pool, process, results
from pipeline.run.extract import extract
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


CLOCK = FakeClock()


@Language.component("bench_test_one")
def _one(doc):
    CLOCK.now += 1.0  # one "second" per doc
    return doc


class _Batched:
    """A component with a pipe() that pulls its input in batches, as trainable components do."""

    def __call__(self, doc):
        CLOCK.now += 2.0
        return doc

    def pipe(self, docs, batch_size=2):
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == batch_size:
                yield from (self(d) for d in batch)
                batch = []
        yield from (self(d) for d in batch)


@Language.factory("bench_test_batched")
def _make_batched(nlp, name):
    return _Batched()


def test_timed_pipes_count_each_component_alone(monkeypatch):
    monkeypatch.setattr(bench.time, "perf_counter", CLOCK)
    nlp = spacy.blank("en")
    nlp.add_pipe("bench_test_one")
    nlp.add_pipe("bench_test_batched")
    seconds: dict[str, float] = {}
    bench.instrument(nlp, seconds)
    texts = ["one two", "three", "four five six", "", "seven"]
    docs = list(nlp.pipe(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    assert seconds == {"bench_test_one": 5.0, "bench_test_batched": 10.0}
    nlp("eight nine")  # the __call__ path is timed too
    assert seconds == {"bench_test_one": 6.0, "bench_test_batched": 12.0}
    bench.instrument(nlp, seconds)  # instrumenting twice does not wrap twice
    with nlp.memory_zone():
        list(nlp.pipe(["ten"]))
    assert seconds == {"bench_test_one": 7.0, "bench_test_batched": 14.0}


def _articles(sizes: list[int], files: list[str] | None = None) -> list[Article]:
    files = files or [f"a{i}.txt" for i in range(len(sizes))]
    return [
        Article(doc_id=f"d{i}", path=f, format="jsonl" if ":" in f else "txt", text="x" * n)
        for i, (n, f) in enumerate(zip(sizes, files))
    ]


def test_batches_are_capped_by_count_and_by_text():
    items = [(a, a.doc_id) for a in _articles([100] * 10 + [300_000] + [50_000] * 5)]
    got = [[a.doc_id for a, _ in b] for b in process.batches(items, 4, max_chars=200_000)]
    assert sum(got, []) == [a.doc_id for a, _ in items]  # every article once, in order
    assert [len(b) for b in got] == [4, 4, 2, 1, 4, 1]  # the long article alone; 4 x 50k fit in 200k


def test_chunks_go_longest_first_and_shrink():
    articles = _articles([1000 * (i % 37 + 1) for i in range(300)])
    keys = [a.doc_id for a in articles]
    chunks = pool.plan_chunks(articles, keys, 2, 32)
    assert sorted(k for _, ks in chunks for k in ks) == sorted(keys)
    sizes = [sum(len(a.text) for a in arts) for arts, _ in chunks]
    assert max(sizes) <= process.MAX_BATCH_CHARS and all(len(a) <= 32 for a, _ in chunks)
    assert sizes[-1] < sizes[0] / 4  # the last chunks are small: workers finish together
    firsts = [len(arts[0].text) for arts, _ in chunks]
    assert firsts == sorted(firsts, reverse=True)
    for arts, ks in chunks:
        assert [a.doc_id for a in arts] == ks


def test_choose_n_process():
    small = _articles([1000] * 20)
    big = _articles([10_000] * 40)
    assert pool.choose_n_process(Settings(n_process=0), small) == 1
    assert pool.choose_n_process(Settings(n_process=0), big) == pool.available_cpus()
    assert pool.choose_n_process(Settings(n_process=3), small) == 3


def test_cache_entry_round_trip_and_torn_entries(tmp_path):
    res = results.ArticleResult(
        doc_id="d",
        key="k",
        records={
            "documents": [{"doc_id": "d", "text": "a\nb\u2028c"}],
            "entities": [{"start": 5, "end": 6, "text": "x"}, {"start": 1, "end": 2, "text": "line\nbreak"}],
            "dates": [],
        },
        errors=[{"path": "p", "stage": "quotes", "message": "m", "severity": "error"}],
    )
    store = cache.ResultCache(tmp_path)
    store.put(res)
    assert store.has("d", "k") and not store.has("d", "other") and not store.has("e", "k")
    got = store.get("d", "k")
    assert got.records["entities"] == sorted(res.records["entities"], key=lambda r: r["start"])
    assert got.records["documents"] == res.records["documents"] and got.records["dates"] == []
    assert got.errors == res.errors
    path = next(store.dir.iterdir())
    path.write_text(path.read_text()[:-10])  # a torn entry is a miss, not a crash
    assert store.get("d", "k") is None


def test_no_change_rerun_skips_spacy_and_repairs_touched_outputs(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    out = tmp_path / "out"
    first = extract(corpus, out, Settings(n_process=1), progress=False)
    before = {p.name: p.read_bytes() for p in out.glob("*.jsonl")}
    probe = (
        "import sys; from pipeline.run import extract; from pipeline.settings import Settings; "
        f"s = extract({str(corpus)!r}, {str(out)!r}, Settings(n_process=1), progress=False); "
        "print(s.processed, s.cached, 'spacy' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    if fingerprint.pipeline_fingerprint(Settings()) != first.pipeline_version:
        pytest.skip("the package's files changed during the test (someone is editing them)")
    assert run.stdout.split() == ["0", "4", "False"], run.stderr
    assert {p.name: p.read_bytes() for p in out.glob("*.jsonl")} == before
    (out / "entities.jsonl").unlink()  # a touched output is written again, from the cache
    (out / "quotes.jsonl").write_text("edited\n")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.split() == ["0", "4", "False"], run.stderr
    assert {p.name: p.read_bytes() for p in out.glob("*.jsonl")} == before


def test_sample_corpus_spreads_over_the_files(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(20):
        (corpus / f"{i:02d}.txt").write_text(f"Article {i}.\n")
    sample = bench.sample_corpus(corpus, 5, tmp_path / "s")
    assert sorted(p.name for p in sample.iterdir()) == ["00.txt", "04.txt", "08.txt", "12.txt", "16.txt"]
    assert bench.sample_corpus(corpus, None, tmp_path / "t") == corpus


@pytest.mark.slow
def test_bench_end_to_end_on_a_tiny_corpus(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    report_path = tmp_path / "bench.json"
    assert bench.main(["--corpus", str(corpus), "--n-process", "1", "--json", str(report_path)]) == 0
    printed = capsys.readouterr().out
    report = json.loads(report_path.read_text())
    fig = report["figures"]
    assert fig["articles"] == 4 and fig["words"] > 100
    assert {"base_wps", "full_wps", "ratio", "rerun_seconds", "rss_peak_mb"} <= set(fig)
    assert report["rerun"]["processed"] == 0 and report["rerun"]["unchanged_outputs"]
    names = {r["name"] for r in fig["stages"]}
    assert {"tokenizer", "base", "foundation", "entities", "dates", "quotes", "provisions"} <= names
    base = next(r for r in fig["stages"] if r["name"] == "base")
    assert "ner" in base["components"] and "parser" in base["components"]
    assert "b / a" in printed and "time per stage" in printed
    assert bench.main(["--corpus", str(tmp_path / "missing")]) == 2
    assert "compared with" in bench.compare(report, report)

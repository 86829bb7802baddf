"""Running the pipeline over a corpus: ingest, cache, NLP, records, outputs.

The unit of work is :func:`process_articles`: plain articles in, plain records out. The local
engine calls it in this process or in a pool of worker processes; the Dask engine calls it on
workers. Results are cached per article under ``OUTPUTS/.cache`` (keyed by a hash of the article
and of the pipeline: code, rule data, model, stages), so an unchanged article is never processed
twice and an interrupted run resumes where it stopped.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .ingest import Article, read_corpus
from .records import DocumentRecord, ErrorRecord
from .settings import Settings
from .store import atomic_write_jsonl, atomic_write_text

log = logging.getLogger("pipeline")

OUTPUT_ORDER = ("documents", "entities", "dates", "quotes", "memoranda", "provisions")
SMALL_CORPUS = 50  # below this many articles to process, one process is faster than starting workers


@dataclass
class ArticleResult:
    """Everything one article produced: records by output kind (plain dicts), and its errors."""

    doc_id: str
    key: str
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)


# ---------------------------------------------------------------- fingerprints

def pipeline_fingerprint(settings: Settings) -> str:
    """Version of everything that shapes the output: package code, rule data, model, stages."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).parent
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".json", ".jsonl", ".yaml", ".yml", ".cfg", ".txt", ".csv"}):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    h.update(json.dumps(settings.fingerprint_items(), sort_keys=True).encode())
    return f"{__version__}+{h.hexdigest()[:12]}"


def article_key(article: Article, fingerprint: str) -> str:
    payload = json.dumps(asdict(article), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((fingerprint + "\0" + payload).encode()).hexdigest()


# ---------------------------------------------------------------- processing

def _article_context(article: Article) -> dict[str, Any]:
    return {"doc_id": article.doc_id, "date": article.date, "title": article.title, "path": article.path,
            "date_source": article.date_source, "source": article.source}


def document_record(doc, article: Article, key: str, fingerprint: str, model: str) -> dict[str, Any]:
    from .text import sentence_spans

    return DocumentRecord(
        doc_id=article.doc_id, path=article.path, format=article.format, title=article.title, date=article.date,
        date_source=article.date_source, source=article.source, url=article.url, author=article.author,
        meta=article.meta, text=doc.text, n_chars=len(doc.text),
        n_words=sum(1 for t in doc if not (t.is_space or t.is_punct)),
        sentences=sentence_spans(doc),
        boilerplate=[(s.start_char, s.end_char) for s in doc.spans.get("boilerplate", [])],
        sha256=key, pipeline_version=fingerprint, model=model,
    ).to_json_dict()


def doc_to_result(doc, article: Article, key: str, fingerprint: str, settings: Settings, stages) -> ArticleResult:
    """Turn a processed Doc into records; a failing extractor costs only its own records."""
    result = ArticleResult(doc_id=article.doc_id, key=key)
    result.records["documents"] = [document_record(doc, article, key, fingerprint, settings.model)]
    for stage in stages:
        try:
            produced = stage.extract(doc)
        except Exception as exc:  # an extractor bug must not lose the article
            log.debug("extractor %s failed on %s", stage.name, article.doc_id, exc_info=True)
            result.errors.append(ErrorRecord(path=article.path, doc_id=article.doc_id, stage=stage.name, kind="exception",
                                             message=f"{article.path}: {stage.name} failed: {type(exc).__name__}: {exc}").to_json_dict())
            produced = {kind: [] for kind in stage.outputs}
        for kind, recs in produced.items():
            result.records[kind] = [r.to_json_dict() if hasattr(r, "to_json_dict") else dict(r) for r in recs]
    return result


def process_articles(articles: list[Article], settings: Settings, keys: list[str], fingerprint: str) -> list[ArticleResult]:
    """Process articles with the pipeline (built once per process) and return plain records.

    Docs go through ``nlp.pipe`` in batches; if a batch fails, its articles are retried one by one
    so that only the article that breaks the model is lost (and reported)."""
    from .nlp import cached_nlp, make_doc
    from .stages import resolve

    nlp = cached_nlp(settings.model, tuple(settings.stages))
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    stages = resolve(tuple(settings.stages))
    results: list[ArticleResult] = []
    for start in range(0, len(articles), settings.batch_size):
        batch = list(zip(articles[start:start + settings.batch_size], keys[start:start + settings.batch_size]))
        with nlp.memory_zone():
            try:
                docs = list(nlp.pipe((make_doc(nlp, a.text, _article_context(a)) for a, _ in batch), batch_size=settings.batch_size))
                results.extend(doc_to_result(d, a, k, fingerprint, settings, stages) for d, (a, k) in zip(docs, batch))
            except Exception:
                for article, key in batch:
                    results.append(_process_one(nlp, article, key, fingerprint, settings, stages))
    return results


def _process_one(nlp, article: Article, key: str, fingerprint: str, settings: Settings, stages) -> ArticleResult:
    from .nlp import make_doc

    try:
        doc = nlp(make_doc(nlp, article.text, _article_context(article)))
    except Exception as exc:
        res = ArticleResult(doc_id=article.doc_id, key=key)
        res.errors.append(ErrorRecord(path=article.path, doc_id=article.doc_id, stage="nlp", kind="exception",
                                      message=f"{article.path}: the spaCy pipeline failed: {type(exc).__name__}: {exc}").to_json_dict())
        return res
    return doc_to_result(doc, article, key, fingerprint, settings, stages)


def _worker_process(args) -> list[ArticleResult]:
    articles, settings, keys, fingerprint = args
    return process_articles(articles, settings, keys, fingerprint)


def chunked(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def run_local(articles: list[Article], keys: list[str], settings: Settings, fingerprint: str,
              on_result: Callable[[ArticleResult], None]) -> None:
    """One process for a handful of articles, a pool of ``n_process`` workers for many."""
    n_process = settings.n_process or (os.cpu_count() or 1 if len(articles) >= SMALL_CORPUS else 1)
    if n_process <= 1 or len(articles) < 2:
        for chunk, kchunk in zip(chunked(articles, settings.batch_size), chunked(keys, settings.batch_size)):
            for res in process_articles(chunk, settings, kchunk, fingerprint):
                on_result(res)
        return
    size = max(1, min(settings.batch_size, len(articles) // (n_process * 4) or 1))
    jobs = [(a, settings, k, fingerprint) for a, k in zip(chunked(articles, size), chunked(keys, size))]
    with ProcessPoolExecutor(max_workers=n_process) as pool:
        for results in pool.map(_worker_process, jobs):
            for res in results:
                on_result(res)


# ---------------------------------------------------------------- cache

class ResultCache:
    """Per-article results under OUTPUTS/.cache/records, one JSON file per doc_id."""

    def __init__(self, outputs: Path):
        self.dir = Path(outputs) / ".cache" / "records"

    def _path(self, doc_id: str) -> Path:
        return self.dir / (hashlib.sha1(doc_id.encode()).hexdigest() + ".json")

    def get(self, doc_id: str, key: str) -> ArticleResult | None:
        path = self._path(doc_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("key") != key or data.get("doc_id") != doc_id:
            return None
        return ArticleResult(doc_id=doc_id, key=key, records=data["records"], errors=data["errors"])

    def put(self, result: ArticleResult) -> None:
        atomic_write_text(self._path(result.doc_id), json.dumps(asdict(result), ensure_ascii=False))

    def prune(self, keep: Iterable[str]) -> int:
        wanted = {self._path(d).name for d in keep}
        removed = 0
        if self.dir.exists():
            for path in self.dir.iterdir():
                if path.name not in wanted:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


# ---------------------------------------------------------------- the run

@dataclass
class RunSummary:
    articles: int = 0
    processed: int = 0
    cached: int = 0
    errors: int = 0
    warnings: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    pipeline_version: str = ""

    @property
    def failed(self) -> bool:
        return self.errors > 0


def _sort_key(rec: dict[str, Any]) -> tuple:
    return (rec.get("start", -1), rec.get("end", -1))


def extract(corpus: Path, outputs: Path, settings: Settings | None = None, force: bool = False,
            engine: str = "local", scheduler: str | None = None, progress: bool = True) -> RunSummary:
    """Read ``corpus``, process what changed, write every output file under ``outputs``."""
    from .stages import resolve

    settings = settings or Settings()
    t0 = time.perf_counter()
    outputs = Path(outputs)
    errors: list[ErrorRecord] = []
    articles = read_corpus(Path(corpus), errors, max_bytes=settings.max_bytes)
    for err in errors:
        log.log(logging.ERROR if err.severity == "error" else logging.WARNING, err.message)
    articles, too_long = _drop_overlong(articles, settings, errors)
    fingerprint = pipeline_fingerprint(settings)
    cache = ResultCache(outputs)
    keys = {a.doc_id: article_key(a, fingerprint) for a in articles}
    results: dict[str, ArticleResult] = {}
    todo: list[Article] = []
    for a in articles:
        hit = None if force else cache.get(a.doc_id, keys[a.doc_id])
        if hit is not None:
            results[a.doc_id] = hit
        else:
            todo.append(a)
    summary = RunSummary(articles=len(articles), cached=len(results), processed=len(todo), pipeline_version=fingerprint)
    log.info("%d articles: %d unchanged, %d to process", len(articles), len(results), len(todo))

    if todo:
        bar = _progress(len(todo), progress)

        def on_result(res: ArticleResult) -> None:
            results[res.doc_id] = res
            for err in res.errors:
                log.error(err["message"])
            if not any(e["stage"] == "nlp" for e in res.errors):
                cache.put(res)
            bar.update(1)

        todo_keys = [keys[a.doc_id] for a in todo]
        if engine == "dask":
            from .distributed import run_dask

            run_dask(todo, todo_keys, settings, fingerprint, on_result, scheduler=scheduler)
        else:
            run_local(todo, todo_keys, settings, fingerprint, on_result)
        bar.close()

    kinds = ["documents"] + [k for s in resolve(tuple(settings.stages)) for k in s.outputs]
    kinds = [k for k in OUTPUT_ORDER if k in kinds]
    outputs.mkdir(parents=True, exist_ok=True)
    merged: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
    all_errors = [e.to_json_dict() for e in errors]
    for doc_id in sorted(results):
        res = results[doc_id]
        for kind in kinds:
            recs = res.records.get(kind, [])
            merged[kind].extend(recs if kind == "documents" else sorted(recs, key=_sort_key))
        all_errors.extend(res.errors)
    for kind in kinds:
        summary.counts[kind] = atomic_write_jsonl(outputs / f"{kind}.jsonl", merged[kind])
    all_errors.sort(key=lambda e: (e["path"], e.get("line") or 0, e["stage"], e["message"]))
    atomic_write_jsonl(outputs / "errors.jsonl", all_errors)
    if "provisions" in kinds:
        from .tables import write_tables

        write_tables(outputs, merged["memoranda"], merged["provisions"])
    cache.prune(results)
    summary.errors = sum(1 for e in all_errors if e["severity"] == "error")
    summary.warnings = len(all_errors) - summary.errors
    summary.seconds = round(time.perf_counter() - t0, 3)
    atomic_write_text(outputs / "run.json", json.dumps({**asdict(summary), "model": settings.model, "stages": list(settings.stages),
                                                         "too_long": too_long}, indent=2) + "\n")
    return summary


def _drop_overlong(articles: list[Article], settings: Settings, errors: list[ErrorRecord]) -> tuple[list[Article], int]:
    kept, dropped = [], 0
    for a in articles:
        if len(a.text) > settings.max_chars:
            dropped += 1
            err = ErrorRecord(path=a.path, doc_id=a.doc_id, stage="ingest", kind="too_large",
                              message=f"{a.path}: body of {len(a.text):,} characters is over the limit of {settings.max_chars:,}; skipped")
            errors.append(err)
            log.error(err.message)
        else:
            kept.append(a)
    return kept, dropped


class _NoBar:
    def update(self, n: int) -> None: ...
    def close(self) -> None: ...


def _progress(total: int, enabled: bool):
    if not enabled or total <= 5:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="extract", disable=None)

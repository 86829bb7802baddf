"""Running the pipeline over a corpus: ingest, cache, NLP, records, outputs.

The unit of work is :func:`process_articles`: plain articles in, plain records out. The local
engine calls it in this process or in a pool of worker processes; the Dask engine
(:mod:`pipeline.distributed`) calls it on cluster workers. Results are cached per article under
``OUTPUTS/.cache`` (keyed by a hash of the article and of the pipeline: code, rule data, model,
stages), so an unchanged article is never processed twice and an interrupted run resumes where it
stopped.

Why it is shaped this way (speed and scale):

- A cache entry holds the article's records already serialised as output lines, in output order,
  behind a one-line header. Checking an entry reads the header only; writing the outputs is a
  concatenation of lines, with no JSON parsing. Workers serialise their own results, so the main
  process only moves bytes.
- The outputs are streamed from the cache, article by article, into temporary files that replace
  the old ones at the end: the main process never holds the records of the whole corpus.
- A run that finds every article unchanged and the output files as it left them (a manifest in
  ``.cache`` says so) writes nothing and never imports spaCy.
- The worker pool gets the longest articles first, in chunks that shrink as the work runs out, so
  that no worker idles at the end while another finishes a big chunk.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..core.files import atomic_write_text
from ..core.records import ErrorRecord
from ..ingest import Article, read_corpus
from ..settings import Settings
from ..stages import output_kinds
from .cache import ResultCache, pack
from .fingerprint import article_key, pipeline_fingerprint
from .outputs import file_stats, outputs_current, read_manifest, run_digest, write_outputs, written_files
from .results import ArticleResult
from .timing import timed

log = logging.getLogger("pipeline")


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
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase of the run

    @property
    def failed(self) -> bool:
        return self.errors > 0


def extract(
    corpus: Path,
    outputs: Path,
    settings: Settings | None = None,
    force: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = True,
) -> RunSummary:
    """Read ``corpus``, process what changed, write every output file under ``outputs``."""
    settings = settings or Settings()
    t0 = time.perf_counter()
    phases: dict[str, float] = {}
    mark = [t0]

    def phase(name: str) -> None:
        now = time.perf_counter()
        phases[name] = round(phases.get(name, 0.0) + now - mark[0], 4)
        mark[0] = now

    outputs = Path(outputs)
    errors: list[ErrorRecord] = []
    articles = read_corpus(Path(corpus), errors, max_bytes=settings.max_bytes)
    for err in errors:
        log.log(logging.ERROR if err.severity == "error" else logging.WARNING, err.message)
    articles, too_long = _drop_overlong(articles, settings, errors)
    ingest_errors = [e.to_json_dict() for e in errors]
    phase("ingest")
    fingerprint = pipeline_fingerprint(settings)
    cache = ResultCache(outputs)
    keys = {a.doc_id: article_key(a, fingerprint) for a in articles}
    digest = run_digest(fingerprint, keys, ingest_errors)
    phase("hash")
    todo = articles if force else [a for a in articles if not cache.has(a.doc_id, keys[a.doc_id])]
    summary = RunSummary(
        articles=len(articles), cached=len(articles) - len(todo), processed=len(todo), pipeline_version=fingerprint
    )
    manifest = read_manifest(outputs)
    phase("cache_check")

    if not todo and not force and outputs_current(outputs, manifest, digest):
        log.info("%d articles, all unchanged; the outputs are up to date", len(articles))
        summary.counts = dict(manifest["counts"])
        summary.errors, summary.warnings = manifest["errors"], manifest["warnings"]
        return _finish(summary, outputs, settings, too_long, t0, phases)

    log.info("%d articles: %d unchanged, %d to process", len(articles), summary.cached, len(todo))
    uncached: dict[str, ArticleResult] = {}  # results that are not cached (the model or a component failed)
    kinds: list[str] | None = None
    if todo:
        kinds = output_kinds(settings.stages)
        bar = _progress(len(todo), progress)

        def on_result(res: ArticleResult) -> None:
            for err in res.errors:
                log.error(err["message"])
            if res.cacheable:
                with timed("cache_write"):
                    cache.put(res)
            else:
                uncached[res.doc_id] = pack(res)
            bar.update(1)

        todo_keys = [keys[a.doc_id] for a in todo]
        try:
            if engine == "dask":
                from .dask import run_dask  # the engines import spaCy: a no-change rerun never gets here

                run_dask(todo, todo_keys, settings, fingerprint, on_result, scheduler=scheduler)
            else:
                from .pool import run_local

                run_local(todo, todo_keys, settings, fingerprint, on_result)
        finally:
            bar.close()
        phase("process")

    summary.counts, all_errors = write_outputs(
        outputs, keys, cache, uncached, kinds, tuple(settings.stages), ingest_errors
    )
    phase("write")
    summary.errors = sum(1 for e in all_errors if e["severity"] == "error")
    summary.warnings = len(all_errors) - summary.errors
    cache.prune(keys)
    written = list(summary.counts)
    files = file_stats(outputs, written_files(outputs, [k for k in written if k != "errors"]))
    if files is not None and not uncached:
        atomic_write_text(
            outputs / ".cache" / "manifest.json",
            json.dumps(
                {
                    "digest": digest,
                    "files": files,
                    "counts": summary.counts,
                    "errors": summary.errors,
                    "warnings": summary.warnings,
                },
                indent=1,
            )
            + "\n",
        )
    return _finish(summary, outputs, settings, too_long, t0, phases)


def _finish(
    summary: RunSummary, outputs: Path, settings: Settings, too_long: int, t0: float, phases: dict[str, float]
) -> RunSummary:
    """Seconds and phase timings into the summary, and the summary into run.json."""
    outputs.mkdir(parents=True, exist_ok=True)
    summary.timings = phases
    summary.seconds = round(time.perf_counter() - t0, 3)
    atomic_write_text(
        outputs / "run.json",
        json.dumps(
            {**asdict(summary), "model": settings.model, "stages": list(settings.stages), "too_long": too_long},
            indent=2,
        )
        + "\n",
    )
    return summary


def _drop_overlong(articles: list[Article], settings: Settings, errors: list[ErrorRecord]) -> tuple[list[Article], int]:
    kept, dropped = [], 0
    for a in articles:
        if len(a.text) > settings.max_chars:
            dropped += 1
            err = ErrorRecord(
                path=a.path,
                doc_id=a.doc_id,
                stage="ingest",
                kind="too_large",
                message=f"{a.path}: body of {len(a.text):,} characters is over the limit of {settings.max_chars:,}; "
                f"skipped",
            )
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

    # no monitor thread: the worker pool forks after the bar exists, and a fork should not copy threads
    tqdm.monitor_interval = 0
    return tqdm(total=total, unit="article", desc="extract", disable=None)

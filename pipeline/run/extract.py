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
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.files import atomic_write_text, remove_temp_files
from ..core.records import ErrorRecord
from ..ingest import Article, read_corpus, source_of
from ..settings import Settings, SettingsError
from ..stages import output_kinds
from .cache import ResultCache, pack
from .errors import SetupError
from .fingerprint import article_key, pipeline_fingerprint
from .lock import OutputsLock
from .outputs import (
    file_stats,
    files_of,
    outputs_current,
    read_manifest,
    remove_stale,
    run_digest,
    write_manifest,
    write_outputs,
)
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
    wait: bool = False,
) -> RunSummary:
    """Read ``corpus``, process what changed, write every output file under ``outputs``.

    Holds the outputs folder's lock for the whole run (``wait``: until the run holding it ends).
    Raises :class:`~pipeline.run.errors.SetupError` before any work when the settings, the corpus
    or the outputs folder are unusable, :class:`~pipeline.run.errors.OutputsLocked` when another
    run holds the folder; an ``OSError`` on the way (a full disk) stops the run with the outputs of
    the last complete run in place."""
    settings = settings or Settings()
    try:
        settings.validate()
    except SettingsError as exc:
        raise SetupError(str(exc)) from None
    corpus, outputs = Path(corpus), Path(outputs)
    if not corpus.exists():
        raise SetupError(f"corpus folder {corpus} does not exist")
    prepare_outputs(outputs)
    with OutputsLock(outputs, wait=wait):
        for folder in (outputs, outputs / "tables", outputs / ".cache"):
            remove_temp_files(folder)
        remove_temp_files(outputs / ".cache" / "records")
        return _run(corpus, outputs, settings, force, engine, scheduler, progress)


def prepare_outputs(outputs: Path) -> None:
    """Make sure the outputs folder exists and can be written, before any work is done."""
    if outputs.exists() and not outputs.is_dir():
        raise SetupError(f"the outputs path {outputs} is a file, not a folder")
    try:
        (outputs / ".cache").mkdir(parents=True, exist_ok=True)
        for folder in (outputs, outputs / ".cache"):
            probe = tempfile.NamedTemporaryFile(dir=folder, prefix=".probe.", suffix=".tmp")
            probe.close()
    except OSError as exc:
        raise SetupError(f"cannot write in the outputs folder {outputs}: {exc.strerror or exc}") from None


def _run(
    corpus: Path, outputs: Path, settings: Settings, force: bool, engine: str, scheduler: str | None, progress: bool
) -> RunSummary:
    t0 = time.perf_counter()
    phases: dict[str, float] = {}
    mark = [t0]

    def phase(name: str) -> None:
        now = time.perf_counter()
        phases[name] = round(phases.get(name, 0.0) + now - mark[0], 4)
        mark[0] = now

    errors: list[ErrorRecord] = []
    manifest = read_manifest(outputs)
    # never read back as input: the outputs folder, and the files our runs wrote when it is the corpus itself
    own = [outputs, outputs / "run.json", *(outputs / name for name in files_of(manifest))]
    articles = read_corpus(corpus, errors, max_bytes=settings.max_bytes, exclude=own)
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
    if not todo and not force and outputs_current(outputs, manifest, digest):
        phase("cache_check")
        log.info("%d articles, all unchanged; the outputs are up to date", len(articles))
        summary = RunSummary(articles=len(articles), cached=len(articles), pipeline_version=fingerprint)
        summary.counts = dict(manifest["counts"])
        summary.errors, summary.warnings = manifest["errors"], manifest["warnings"]
        return _finish(summary, outputs, settings, too_long, t0, phases)
    if not force:  # the entries are about to be used: each is checked against its seal first
        todo_ids = {a.doc_id for a in todo}
        damaged = [a for a in articles if a.doc_id not in todo_ids and cache.read(a.doc_id, keys[a.doc_id]) is None]
        for a in damaged:
            log.warning("%s: its cache entry is damaged (torn or altered); processing it again", a.path)
            cache.remove(a.doc_id)
        if damaged:
            again = todo_ids | {a.doc_id for a in damaged}
            todo = [a for a in articles if a.doc_id in again]
    summary = RunSummary(
        articles=len(articles), cached=len(articles) - len(todo), processed=len(todo), pipeline_version=fingerprint
    )
    phase("cache_check")

    log.info("%d articles: %d unchanged, %d to process", len(articles), summary.cached, len(todo))
    uncached: dict[str, ArticleResult] = {}  # results that are not cached (the model or a component failed)
    kinds: list[str] | None = None
    if todo:
        kinds = output_kinds(settings.stages)
        bar = _progress(len(todo), progress)

        def on_result(res: ArticleResult) -> None:
            for err in res.errors:
                log.error(err["message"])
            if res.stored:
                pass  # a pool worker cached it already
            elif res.cacheable:
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

                run_local(todo, todo_keys, settings, fingerprint, on_result, cache=cache)
        finally:
            bar.close()
        phase("process")

    ours_before = files_of(manifest)
    summary.counts, all_errors, written, complete = write_outputs(
        outputs, keys, cache, uncached, kinds, tuple(settings.stages), ingest_errors
    )
    phase("write")
    summary.errors = sum(1 for e in all_errors if e["severity"] == "error")
    summary.warnings = len(all_errors) - summary.errors
    cache.prune(keys)
    complete = complete and not uncached
    files = file_stats(outputs, written) or {}
    # the union first: if the run dies between these two writes, no file of ours is forgotten
    write_manifest(outputs, None, {**dict.fromkeys(ours_before, [0, 0]), **files}, _counts(summary))
    remove_stale(outputs, ours_before, written)
    write_manifest(outputs, digest if complete else None, files, _counts(summary))
    return _finish(summary, outputs, settings, too_long, t0, phases)


def _counts(summary: RunSummary) -> dict[str, Any]:
    return {"counts": summary.counts, "errors": summary.errors, "warnings": summary.warnings}


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
            path, line = source_of(a)
            err = ErrorRecord(
                path=path,
                line=line,
                doc_id=a.doc_id,
                stage="ingest",
                kind="too_large",
                message=f"{a.path}: body of {len(a.text):,} characters is over the limit of {settings.max_chars:,} "
                f"(--max-chars); skipped",
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

"""The Dask engine: the work of the local pool, spread over a Dask cluster.

    pipeline extract CORPUS --engine dask                                  # a LocalCluster here
    pipeline extract CORPUS --engine dask --scheduler tcp://host:8786      # an existing cluster

What stays where: the client (the machine running ``pipeline extract``) reads the corpus, checks
the cache, and writes the outputs, exactly as a local run does. Only the processing moves: the
articles to process are cut into chunks of whole files (a big JSONL file into several), longest
first, and each chunk is one task. A worker builds the pipeline once (per worker process, kept
between tasks), runs :func:`pipeline.run.process.process_articles` and sends back plain records,
serialised as cache entries, never ``Doc`` objects. The client caches them as they arrive and
merges everything into the same output files as a local run, byte for byte.

Every worker must run the same pipeline as the client: the same package version with the same rule
data and the same spaCy model installed. A worker checks this (the pipeline fingerprint) before
its first task and refuses to work otherwise, so a cluster with a stale installation fails loudly
instead of mixing outputs. Workers need no access to the corpus or to the output folder.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import asdict
from functools import lru_cache
from typing import Any, Callable, Iterator

from ..ingest import Article
from ..settings import Settings
from .cache import pack
from .fingerprint import pipeline_fingerprint
from .pool import available_cpus, plan_chunks
from .process import article_error, process_articles
from .results import ArticleResult

log = logging.getLogger("pipeline")

MIN_CHUNK_CHARS = 12_000  # the smallest task worth a round trip to the scheduler (~2,000 words)
CONNECT_TIMEOUT = "20s"  # to reach an existing scheduler
WORKERS_TIMEOUT = 60  # seconds to wait for a first worker of an existing cluster
TASKS_AHEAD = 2  # tasks queued per worker thread: enough to keep it busy, not the whole corpus
_PIPELINE_LOCK = threading.Lock()  # a worker with several threads runs one pipeline at a time


class PipelineMismatch(RuntimeError):
    """A worker runs other code, rule data or model than the client."""


def source_file(article: Article) -> str:
    """The file an article was read from (a JSONL article's path carries ':LINE')."""
    return article.path.rsplit(":", 1)[0] if article.format == "jsonl" else article.path


# ---------------------------------------------------------------- on the workers


@lru_cache(maxsize=8)
def _worker_fingerprint(model: str, stages: tuple[str, ...]) -> str:
    return pipeline_fingerprint(Settings(model=model, stages=stages))


def process_chunk(
    articles: list[Article], keys: list[str], settings: Settings, fingerprint: str
) -> list[dict[str, Any]]:
    """A task: process one chunk on a worker and return its results as plain dicts.

    The pipeline is built on the first task of the worker process and reused (``cached_nlp``).
    spaCy pipelines are not safe to share between threads (memory zones), hence the lock."""
    mine = _worker_fingerprint(settings.model, tuple(settings.stages))
    if mine != fingerprint:
        raise PipelineMismatch(
            f"this Dask worker runs pipeline {mine}, the client {fingerprint}: install the same "
            f"version of the package (code, rule data) and the same spaCy model on every worker"
        )
    with _PIPELINE_LOCK:
        try:
            results = process_articles(articles, settings, keys, fingerprint)
        except SystemExit as exc:  # build_nlp's way of saying the model is missing
            raise RuntimeError(f"a Dask worker cannot build the pipeline: {exc}") from None
    return [asdict(pack(r)) for r in results]


# ---------------------------------------------------------------- on the client


@contextmanager
def connect(scheduler: str | None, n_workers: int) -> Iterator[Any]:
    """A Client of the scheduler at ``scheduler``, or of a new LocalCluster of ``n_workers``
    single-threaded worker processes (closed again on the way out)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise SystemExit("the Dask engine needs dask.distributed: pip install 'peace-pipeline[dask]'") from exc
    if not log.isEnabledFor(logging.DEBUG):  # the cluster's own chatter only with --verbose
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise SystemExit(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.WARNING
    )
    try:
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def run_dask(
    articles: list[Article],
    keys: list[str],
    settings: Settings,
    fingerprint: str,
    on_result: Callable[[ArticleResult], None],
    scheduler: str | None = None,
) -> None:
    """Process ``articles`` on a Dask cluster; call ``on_result`` for each result as it arrives.

    Tasks are submitted a few per worker thread ahead of the results, so a corpus of any size
    never sits in the scheduler's memory at once."""
    from dask.distributed import as_completed

    n_local = settings.n_process if settings.n_process and settings.n_process > 0 else available_cpus()
    with connect(scheduler, n_local) as client:
        if scheduler:
            try:
                client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
            except TimeoutError:
                raise SystemExit(
                    f"no Dask worker joined the scheduler at {scheduler} within {WORKERS_TIMEOUT} s"
                ) from None
        threads = max(1, sum(client.nthreads().values()))
        log.info("Dask: %d worker threads at %s", threads, client.scheduler.address)
        chunks = iter(
            plan_chunks(articles, keys, threads, settings.batch_size, group=source_file, min_chars=MIN_CHUNK_CHARS)
        )
        pending = as_completed()
        work: dict[Any, tuple[list[Article], list[str], bool]] = {}  # future -> (articles, keys, alone)

        def submit(arts: list[Article], ks: list[str], alone: bool) -> None:
            future = client.submit(process_chunk, arts, ks, settings, fingerprint, pure=False)
            work[future] = (arts, ks, alone)
            pending.add(future)

        def submit_next() -> None:
            chunk = next(chunks, None)
            if chunk is not None:
                submit(chunk[0], chunk[1], False)

        for _ in range(TASKS_AHEAD * threads):
            submit_next()
        for future in pending:
            arts, ks, alone = work.pop(future)
            try:
                results = future.result()
            except PipelineMismatch as exc:
                raise SystemExit(f"error: {exc}") from None
            except Exception as exc:  # KilledWorker (a worker died on it, several times), or a bug
                log.debug("a Dask task failed", exc_info=True)
                future.release()
                if not alone:  # each article alone, so that only the one that fails is lost
                    for article, key in zip(arts, ks):
                        submit([article], [key], True)
                else:
                    on_result(_failed(arts[0], ks[0], exc))
                submit_next()
                continue
            future.release()
            submit_next()
            for data in results:
                on_result(ArticleResult(**data))


def _failed(article: Article, key: str, exc: Exception) -> ArticleResult:
    """The result of an article whose task failed on its own: an error, never cached."""
    killed = type(exc).__name__ == "KilledWorker"
    why = "the Dask workers processing it died" if killed else f"its Dask task failed: {type(exc).__name__}: {exc}"
    res = ArticleResult(doc_id=article.doc_id, key=key)
    res.errors.append(
        article_error(
            article, "nlp", f"{why}; not cached, the next run retries it", "worker_died" if killed else "exception"
        )
    )
    return pack(res)

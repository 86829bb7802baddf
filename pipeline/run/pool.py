"""The local engine: one process for a handful of articles, a pool of worker processes for many.

A pool worker caches each article's result itself, as soon as the article is done (flushed to
disk), and sends back only its errors; a result that must not be cached (a component failed)
travels back whole. A worker that dies (the kernel's out-of-memory killer, a C-level abort,
``kill -9``) costs no finished article: the articles of the chunks that were in flight and are
not in the cache are processed again, one at a time, and only an article whose worker dies again
is reported (``worker_died``, not cached: the next run retries it). Workers die with the run
(Linux ``PR_SET_PDEATHSIG``), so a run killed with ``kill -9`` leaves no worker behind.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterator

from ..ingest import Article
from ..settings import Settings
from .cache import ResultCache, pack
from .process import MAX_BATCH_CHARS, article_error, iter_results
from .results import ArticleResult

log = logging.getLogger("pipeline")

# Below this much text (~20,000 words, a few seconds of model time) one process is faster than
# starting workers; above it, the automatic choice (n_process 0) uses every core.
SMALL_CORPUS_CHARS = 120_000
MIN_CHUNK_CHARS = 12_000  # a chunk of work for a pool worker: at least ~2,000 words (~0.3 s)


def _init_worker(parent: int) -> None:
    """Pool worker set-up: be killed when the run's process ends (Linux), whatever ends it."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: orphaned workers end when their queue closes
        return
    if os.getppid() != parent:  # the run ended before the call above
        os._exit(1)


def _worker_process(args) -> list[ArticleResult]:
    """Pool job: process a chunk, caching each result as it is done (``outputs`` given); return
    the cached results without their records (``stored``), the others packed."""
    articles, settings, keys, fingerprint, outputs = args
    cache = ResultCache(outputs) if outputs is not None else None
    done = []
    for res in iter_results(articles, settings, keys, fingerprint):
        if cache is not None and res.cacheable:
            cache.put(res)
            done.append(ArticleResult(doc_id=res.doc_id, key=res.key, errors=res.errors, stored=True))
        else:
            done.append(pack(res))
    return done


def chunked(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def available_cpus() -> int:
    """Cores this process may run on (the affinity mask in a container, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def choose_n_process(settings: Settings, articles: list[Article]) -> int:
    """``settings.n_process`` if set; else one process for a small corpus (start-up would cost more
    than it saves), every core for a large one."""
    if settings.n_process and settings.n_process > 0:
        return settings.n_process
    chars = sum(len(a.text) for a in articles)
    if len(articles) < 4 or chars < SMALL_CORPUS_CHARS:
        return 1
    return available_cpus()


def plan_chunks(
    articles: list[Article],
    keys: list[str],
    n_process: int,
    batch_size: int,
    group: Callable[[Article], str] | None = None,
    min_chars: int = MIN_CHUNK_CHARS,
) -> list[tuple[list[Article], list[str]]]:
    """Chunks of work for ``n_process`` workers, longest first, shrinking as the work runs out.

    Each chunk is about 1/(3 n) of the text still to assign (guided self-scheduling), at least
    ``min_chars``, at most MAX_BATCH_CHARS and ``batch_size`` articles: big chunks early keep the
    per-chunk cost low, small chunks at the end let every worker finish at about the same time.
    With ``group`` (e.g. the source file), the articles of a group stay in one chunk unless the
    group alone is over the limits."""
    groups: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        groups.setdefault(group(a) if group else str(i), []).append(i)
    size = {g: sum(len(articles[i].text) for i in idx) for g, idx in groups.items()}
    order = sorted(groups, key=lambda g: -size[g])  # stable: equal sizes keep corpus order
    remaining = sum(size.values())
    chunks: list[tuple[list[Article], list[str]]] = []
    cur: list[int] = []
    cur_chars = 0

    def target() -> float:
        return min(MAX_BATCH_CHARS, max(min_chars, remaining / (3 * n_process)))

    def flush() -> None:
        nonlocal cur, cur_chars
        if cur:
            chunks.append(([articles[i] for i in cur], [keys[i] for i in cur]))
        cur, cur_chars = [], 0

    for g in order:
        if cur and (cur_chars + size[g] > MAX_BATCH_CHARS or len(cur) + len(groups[g]) > batch_size):
            flush()
        for i in groups[g]:
            n = len(articles[i].text)
            if cur and (cur_chars + n > MAX_BATCH_CHARS or len(cur) >= batch_size):
                flush()  # a group larger than a chunk is split
            cur.append(i)
            cur_chars += n
            remaining -= n
        if cur_chars >= target():
            flush()
    flush()
    return chunks


def run_local(
    articles: list[Article],
    keys: list[str],
    settings: Settings,
    fingerprint: str,
    on_result: Callable[[ArticleResult], None],
    cache: ResultCache | None = None,
) -> None:
    """One process for a handful of articles, a pool of ``n_process`` workers for many.

    The pool is fed a few chunks ahead of the workers (not the whole corpus at once), and results
    are handled as they complete, whatever their order. With ``cache``, pool workers cache their
    results themselves (see the module's docstring)."""
    n_process = choose_n_process(settings, articles)
    if n_process <= 1 or len(articles) < 2:
        for chunk, kchunk in zip(chunked(articles, settings.batch_size), chunked(keys, settings.batch_size)):
            for res in iter_results(chunk, settings, kchunk, fingerprint):
                on_result(res)
        return
    WorkerPool(n_process, settings, fingerprint, on_result, cache).run(
        plan_chunks(articles, keys, n_process, settings.batch_size)
    )


Chunk = tuple[list[Article], list[str]]


class WorkerPool:
    """A ``ProcessPoolExecutor`` that survives the death of its workers (see the module's docstring)."""

    def __init__(
        self,
        n_process: int,
        settings: Settings,
        fingerprint: str,
        on_result: Callable[[ArticleResult], None],
        cache: ResultCache | None,
    ):
        self.n_process = n_process
        self.settings = settings
        self.fingerprint = fingerprint
        self.on_result = on_result
        self.cache = cache
        self.outputs: Path | None = cache.dir.parent.parent if cache is not None else None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.n_process, initializer=_init_worker, initargs=(os.getpid(),))

    def run(self, chunks: list[Chunk]) -> None:
        queue: deque[Chunk] = deque(chunks)
        suspects: deque[tuple[Article, str]] = deque()

        def retry_alone(chunk: Chunk, why: str) -> None:
            suspects.extend(self._unfinished(chunk))

        pool: ProcessPoolExecutor | None = None
        try:
            while queue or suspects:
                pool = pool or self._new_pool()
                if queue:
                    lost = self._drain(pool, queue, 2 * self.n_process, retry_alone)
                    if lost:
                        pool = self._discard(pool)
                        for chunk in lost:
                            retry_alone(chunk, "")
                        log.warning(
                            "a worker process died; the %d articles it may have been processing are processed "
                            "again, one at a time",
                            len(suspects),
                        )
                    continue
                article, key = suspects.popleft()  # one at a time: a death now names its article

                def report(chunk: Chunk, why: str) -> None:
                    self._report(article, key, why, "exception")

                if self._drain(pool, deque([([article], [key])]), 1, report):
                    self._report(article, key, self._death_cause(pool), "worker_died")
                    pool = self._discard(pool)
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def _drain(
        self, pool: ProcessPoolExecutor, queue: deque[Chunk], ahead: int, on_failure: Callable[[Chunk, str], None]
    ) -> list[Chunk]:
        """Run the queued chunks, ``ahead`` in flight at most. A chunk whose job raised goes to
        ``on_failure``; when a worker dies (the pool is broken) return every chunk in flight then
        (the rest stay queued)."""
        in_flight: dict[Future, Chunk] = {}
        while queue or in_flight:
            while queue and len(in_flight) < ahead:
                articles, keys = queue.popleft()
                args = (articles, self.settings, keys, self.fingerprint, self.outputs)
                in_flight[pool.submit(_worker_process, args)] = (articles, keys)
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                try:
                    results = fut.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except OSError:  # the worker could not write its cache entry (a full disk): the run stops
                    raise
                except Exception as exc:  # the job raised outside the guarded code
                    log.debug("a pool job failed", exc_info=True)
                    on_failure(in_flight.pop(fut), f"{type(exc).__name__}: {exc}")
                    continue
                del in_flight[fut]
                for res in results:
                    self.on_result(res)
            if broken:
                return list(in_flight.values())
        return []

    def _unfinished(self, chunk: Chunk) -> list[tuple[Article, str]]:
        """The articles of a lost chunk that its worker had not cached; the cached ones are
        delivered from the cache."""
        todo = []
        for article, key in zip(*chunk):
            entry = self.cache.read(article.doc_id, key) if self.cache is not None else None
            if entry is None:
                todo.append((article, key))
            else:
                self.on_result(ArticleResult(doc_id=article.doc_id, key=key, errors=entry[0]["errors"], stored=True))
        return todo

    @staticmethod
    def _death_cause(pool: ProcessPoolExecutor) -> str:
        """How the worker died, from its exit status (the pool stops the other workers with SIGTERM).
        The pool learns of a death when the worker's pipe closes, a moment before the kernel has
        its exit status: wait for it a little."""
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for _ in range(50):
            codes = [p.exitcode for p in processes if p.exitcode and p.exitcode != -signal.SIGTERM]
            if codes:
                code = codes[0]
                if code > 0:
                    return f"the worker process exited with status {code}"
                try:
                    return f"the worker process was killed by {signal.Signals(-code).name}"
                except ValueError:
                    return f"the worker process was killed by signal {-code}"
            time.sleep(0.01)
        return "the worker process died"

    def _report(self, article: Article, key: str, why: str, kind: str) -> None:
        """The article could not be processed: an error result, never cached (retried next run)."""
        hint = (
            " (the kernel's out-of-memory killer, a crash in native code, or kill -9)" if kind == "worker_died" else ""
        )
        res = ArticleResult(doc_id=article.doc_id, key=key)
        res.errors.append(
            article_error(
                article, "nlp", f"{why} while processing this article{hint}; not cached, the next run retries it", kind
            )
        )
        self.on_result(pack(res))

    @staticmethod
    def _discard(pool: ProcessPoolExecutor) -> None:
        pool.shutdown(wait=True, cancel_futures=True)
        return None

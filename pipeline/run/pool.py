"""The local engine: one process for a handful of articles, a pool of worker processes for many."""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Callable, Iterator

from ..ingest import Article
from ..settings import Settings
from .cache import pack
from .process import MAX_BATCH_CHARS, process_articles
from .results import ArticleResult

# Below this much text (~20,000 words, a few seconds of model time) one process is faster than
# starting workers; above it, the automatic choice (n_process 0) uses every core.
SMALL_CORPUS_CHARS = 120_000
MIN_CHUNK_CHARS = 12_000  # a chunk of work for a pool worker: at least ~2,000 words (~0.3 s)


def _worker_process(args) -> list[ArticleResult]:
    """Pool job: process a chunk and return its results packed (serialised in the worker)."""
    articles, settings, keys, fingerprint = args
    return [pack(r) for r in process_articles(articles, settings, keys, fingerprint)]


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
) -> None:
    """One process for a handful of articles, a pool of ``n_process`` workers for many.

    The pool is fed a few chunks ahead of the workers (not the whole corpus at once), and results
    are handled as they complete, whatever their order."""
    n_process = choose_n_process(settings, articles)
    if n_process <= 1 or len(articles) < 2:
        for chunk, kchunk in zip(chunked(articles, settings.batch_size), chunked(keys, settings.batch_size)):
            for res in process_articles(chunk, settings, kchunk, fingerprint):
                on_result(res)
        return
    jobs = iter(plan_chunks(articles, keys, n_process, settings.batch_size))
    pool = ProcessPoolExecutor(max_workers=n_process)
    pending: set[Future] = set()
    try:
        for _ in range(2 * n_process):
            _submit_next(pool, jobs, pending, settings, fingerprint)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                _submit_next(pool, jobs, pending, settings, fingerprint)
                for res in fut.result():
                    on_result(res)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _submit_next(pool: ProcessPoolExecutor, jobs, pending: set, settings: Settings, fingerprint: str) -> None:
    job = next(jobs, None)
    if job is not None:
        pending.add(pool.submit(_worker_process, (job[0], settings, job[1], fingerprint)))

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

import hashlib
import json
import logging
import os
import tempfile
import time
import weakref
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .ingest import Article, read_corpus
from .records import DocumentRecord, ErrorRecord
from .settings import Settings
from .store import atomic_write_jsonl, atomic_write_text, dumps_line

log = logging.getLogger("pipeline")

OUTPUT_ORDER = ("documents", "entities", "dates", "quotes", "memoranda", "provisions")
# Below this much text (~20,000 words, a few seconds of model time) one process is faster than
# starting workers; above it, the automatic choice (n_process 0) uses every core.
SMALL_CORPUS_CHARS = 120_000
MIN_CHUNK_CHARS = 12_000  # a chunk of work for a pool worker: at least ~2,000 words (~0.3 s)...
MAX_BATCH_CHARS = 200_000  # ...and at most this much text, as is a batch for nlp.pipe: it bounds the memory of a batch
CACHE_FORMAT = 2

# Optional per-phase timings (seconds), summed over a run in this process; None means off.
# pipeline.bench switches it on; the cost of a timing is one perf_counter() call.
TIMINGS: dict[str, float] | None = None


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Add the block's wall time to ``TIMINGS[name]`` when timings are on."""
    if TIMINGS is None:
        yield
        return
    t0 = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[name] = TIMINGS.get(name, 0.0) + time.perf_counter() - t0


@dataclass
class ArticleResult:
    """Everything one article produced: records by output kind (plain dicts), and its errors.

    ``blob`` is the same result serialised as a cache entry (see :func:`pack`); a result that
    crossed a process boundary carries only the blob, so that the records are dumped once."""

    doc_id: str
    key: str
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    blob: str | None = None

    @property
    def cacheable(self) -> bool:
        """A result whose model run failed is not cached: the next run tries the article again."""
        return not any(e.get("stage") == "nlp" for e in self.errors)


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
    from .text import doc_text, sentence_spans

    text = doc_text(doc)  # Doc.text joins every token on each access: read it once per doc
    return DocumentRecord(
        doc_id=article.doc_id, path=article.path, format=article.format, title=article.title, date=article.date,
        date_source=article.date_source, source=article.source, url=article.url, author=article.author,
        meta=article.meta, text=text, n_chars=len(text), n_words=_n_words(doc), sentences=sentence_spans(doc),
        boilerplate=[(s.start_char, s.end_char) for s in doc.spans.get("boilerplate", [])],
        sha256=key, pipeline_version=fingerprint, model=model,
    ).to_json_dict()


def _n_words(doc) -> int:
    """Tokens that are neither space nor punctuation."""
    from .text import word_mask

    return int(word_mask(doc).sum())


def doc_to_result(doc, article: Article, key: str, fingerprint: str, settings: Settings, stages) -> ArticleResult:
    """Turn a processed Doc into records; a failing extractor costs only its own records."""
    result = ArticleResult(doc_id=article.doc_id, key=key)
    with timed("records:documents"):
        result.records["documents"] = [document_record(doc, article, key, fingerprint, settings.model)]
    for stage in stages:
        with timed(f"records:{stage.name}"):
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


def output_kinds(stages) -> list[str]:
    """The output files of a run of ``stages``, in output order (documents always)."""
    kinds = {"documents"} | {k for s in stages for k in s.outputs}
    return [k for k in OUTPUT_ORDER if k in kinds]


def process_articles(articles: list[Article], settings: Settings, keys: list[str], fingerprint: str) -> list[ArticleResult]:
    """Process articles with the pipeline (built once per process) and return plain records.

    Docs go through ``nlp.pipe`` in batches inside a memory zone (so that a long run does not
    grow); if a batch fails, its articles are retried one by one so that only the article that
    breaks the model is lost (and reported). Every result lists all the output kinds of the
    stages, empty ones included."""
    from .nlp import cached_nlp, make_doc
    from .stages import resolve

    with timed("load"):
        nlp = cached_nlp(settings.model, tuple(settings.stages))
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    stages = resolve(tuple(settings.stages))
    kinds = output_kinds(stages)
    results: list[ArticleResult] = []
    for batch in batches(list(zip(articles, keys)), settings.batch_size):
        with warm_or_zone(nlp, settings.vocab_warmup):
            try:
                with timed("tokenizer"):
                    inputs = [make_doc(nlp, a.text, _article_context(a)) for a, _ in batch]
                with timed("pipeline"):
                    docs = list(nlp.pipe(inputs, batch_size=settings.batch_size))
                done = [doc_to_result(d, a, k, fingerprint, settings, stages) for d, (a, k) in zip(docs, batch)]
            except Exception:
                done = [_process_one(nlp, article, key, fingerprint, settings, stages) for article, key in batch]
        for res in done:
            for kind in kinds:
                res.records.setdefault(kind, [])
        results.extend(done)
    return results


_VOCAB_START: "weakref.WeakKeyDictionary[Any, int]" = weakref.WeakKeyDictionary()  # nlp -> its string count when first used here


def warm_or_zone(nlp, warmup: int):
    """The context a batch runs in: none while the vocabulary has grown by fewer than ``warmup``
    strings in this process, ``nlp.memory_zone()`` after.

    Inside a memory zone spaCy frees the batch's new strings and lexemes at the end and its
    tokenizer caches nothing, so every common word ("the", "said,") is segmented and its lexeme
    built again in every batch: tokenizing the 840 PolNeAR training articles took 5.3 s in
    batches of 32 so zoned, 2.0 s unzoned (3 % of the base model's time). The first batches of
    a process run outside a zone and leave the common words in the vocabulary and the
    tokenizer's cache for good; growth stops at ``warmup`` strings (those 840 articles add about
    12,000, some 5 MB), so a long run stays flat."""
    start = _VOCAB_START.setdefault(nlp, len(nlp.vocab.strings))
    if len(nlp.vocab.strings) - start < warmup:
        return nullcontext()
    return nlp.memory_zone()


def batches(items: list[tuple[Article, str]], size: int, max_chars: int = MAX_BATCH_CHARS) -> Iterator[list[tuple[Article, str]]]:
    """Consecutive batches of at most ``size`` articles and, unless one article is longer alone,
    ``max_chars`` characters: a batch of long articles takes memory in proportion to its text."""
    batch: list[tuple[Article, str]] = []
    chars = 0
    for item in items:
        n = len(item[0].text)
        if batch and (len(batch) >= size or chars + n > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += n
    if batch:
        yield batch


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


# ---------------------------------------------------------------- cache entries

def _sort_key(rec: dict[str, Any]) -> tuple:
    return (rec.get("start", -1), rec.get("end", -1))


def pack(result: ArticleResult) -> ArticleResult:
    """The result as a cache entry: a JSON header line (doc_id, key, errors, number of records per
    kind), then every record as its output line, kinds in output order, span records sorted by
    offsets. Records are dropped from the returned result: the blob is all that travels."""
    if result.blob is not None:
        return result
    kinds = [k for k in OUTPUT_ORDER if k in result.records] + sorted(k for k in result.records if k not in OUTPUT_ORDER)
    lines: list[str] = []
    counts: dict[str, int] = {}
    for kind in kinds:
        recs = result.records[kind]
        if kind != "documents":
            recs = sorted(recs, key=_sort_key)
        counts[kind] = len(recs)
        lines.extend(dumps_line(r) for r in recs)
    header = {"format": CACHE_FORMAT, "doc_id": result.doc_id, "key": result.key, "counts": counts, "errors": result.errors}
    blob = "".join(line + "\n" for line in [dumps_line(header), *lines])
    return ArticleResult(doc_id=result.doc_id, key=result.key, errors=result.errors, blob=blob)


def unpack(blob: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(header, output lines by kind) of a cache entry; ValueError when it is torn or foreign."""
    lines = blob.split("\n")  # JSON escapes every newline inside a record: one record, one line
    header = json.loads(lines[0])
    if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT:
        raise ValueError("not a cache entry of this format")
    counts = header["counts"]
    if len(lines) != 2 + sum(counts.values()) or lines[-1] != "":
        raise ValueError("truncated cache entry")
    by_kind, pos = {}, 1
    for kind, n in counts.items():
        by_kind[kind] = lines[pos:pos + n]
        pos += n
    return header, by_kind


def _worker_process(args) -> list[ArticleResult]:
    """Pool job: process a chunk and return its results packed (serialised in the worker)."""
    articles, settings, keys, fingerprint = args
    return [pack(r) for r in process_articles(articles, settings, keys, fingerprint)]


# ---------------------------------------------------------------- the local engine

def chunked(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


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


def plan_chunks(articles: list[Article], keys: list[str], n_process: int, batch_size: int,
                group: Callable[[Article], str] | None = None,
                min_chars: int = MIN_CHUNK_CHARS) -> list[tuple[list[Article], list[str]]]:
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


def run_local(articles: list[Article], keys: list[str], settings: Settings, fingerprint: str,
              on_result: Callable[[ArticleResult], None]) -> None:
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


# ---------------------------------------------------------------- cache

class ResultCache:
    """Per-article results under OUTPUTS/.cache/records, one entry (see :func:`pack`) per doc_id.

    Entries are renamed into place (a reader never sees half of one) but not flushed to disk one
    by one: after a crash an entry may be torn, which its header and line count reveal, and the
    article is then processed again."""

    def __init__(self, outputs: Path):
        self.dir = Path(outputs) / ".cache" / "records"

    def _path(self, doc_id: str) -> Path:
        return self.dir / (hashlib.sha1(doc_id.encode()).hexdigest() + ".json")

    def has(self, doc_id: str, key: str) -> bool:
        """True when the entry for ``doc_id`` was made for ``key`` (reads the header line only)."""
        try:
            with open(self._path(doc_id), encoding="utf-8") as fh:
                header = json.loads(fh.readline())
        except (OSError, ValueError):
            return False
        return isinstance(header, dict) and header.get("format") == CACHE_FORMAT and header.get("key") == key \
            and header.get("doc_id") == doc_id

    def read(self, doc_id: str, key: str) -> tuple[dict[str, Any], dict[str, list[str]]] | None:
        """(header, output lines by kind) of a valid entry for (doc_id, key), else None."""
        try:
            header, lines = unpack(self._path(doc_id).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if header.get("key") != key or header.get("doc_id") != doc_id:
            return None
        return header, lines

    def get(self, doc_id: str, key: str) -> ArticleResult | None:
        entry = self.read(doc_id, key)
        if entry is None:
            return None
        header, lines = entry
        records = {kind: [json.loads(x) for x in recs] for kind, recs in lines.items()}
        return ArticleResult(doc_id=doc_id, key=key, records=records, errors=header["errors"])

    def put(self, result: ArticleResult) -> None:
        _replace_text(self._path(result.doc_id), pack(result).blob or "", durable=False)

    def prune(self, keep: Iterable[str]) -> int:
        wanted = {self._path(d).name for d in keep}
        removed = 0
        if self.dir.exists():
            for path in self.dir.iterdir():
                if path.name not in wanted:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


def _replace_text(path: Path, text: str, durable: bool) -> None:
    """Write beside ``path`` and rename over it; ``durable`` also flushes to disk first."""
    if durable:
        atomic_write_text(path, text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _OutputWriters:
    """One temporary file per output kind, filled line by line and renamed over the outputs only
    when all are complete (each file is replaced atomically, as with store.atomic_write_text)."""

    def __init__(self, outputs: Path, kinds: list[str]):
        self.paths = {k: outputs / f"{k}.jsonl" for k in kinds}
        self.files: dict[str, Any] = {}
        self.tmps: dict[str, str] = {}
        self.counts = {k: 0 for k in kinds}
        try:
            for kind, path in self.paths.items():
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=outputs)
                self.tmps[kind] = tmp
                self.files[kind] = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except BaseException:
            self.abort()
            raise

    def write(self, kind: str, lines: list[str]) -> None:
        if lines:
            self.files[kind].write("\n".join(lines) + "\n")
            self.counts[kind] += len(lines)

    def commit(self) -> None:
        for kind, fh in self.files.items():
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        for kind, tmp in self.tmps.items():
            os.replace(tmp, self.paths[kind])
        self.tmps = {}

    def abort(self) -> None:
        for fh in self.files.values():
            fh.close()
        for tmp in self.tmps.values():
            Path(tmp).unlink(missing_ok=True)


# ---------------------------------------------------------------- manifest (the no-change rerun)

def _run_digest(fingerprint: str, keys: dict[str, str], ingest_errors: list[dict[str, Any]]) -> str:
    """Everything the output files are a function of: pipeline, articles, ingest problems."""
    h = hashlib.sha256(fingerprint.encode())
    for doc_id in sorted(keys):
        h.update(f"\0{doc_id}\0{keys[doc_id]}".encode())
    h.update(json.dumps(ingest_errors, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def _file_stats(outputs: Path, names: Iterable[str]) -> dict[str, list[int]] | None:
    stats = {}
    for name in names:
        try:
            st = (outputs / name).stat()
        except OSError:
            return None
        stats[name] = [st.st_size, st.st_mtime_ns]
    return stats


def _written_files(outputs: Path, kinds: list[str]) -> list[str]:
    names = [f"{k}.jsonl" for k in kinds] + ["errors.jsonl"]
    tables = outputs / "tables"
    if tables.is_dir():
        names += sorted(p.relative_to(outputs).as_posix() for p in tables.rglob("*") if p.is_file() and not p.name.startswith("."))
    return names


def _read_manifest(outputs: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((outputs / ".cache" / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _outputs_current(outputs: Path, manifest: dict[str, Any] | None, digest: str) -> bool:
    """True when the last run wrote these very outputs and nobody has touched them since."""
    if not manifest or manifest.get("digest") != digest or not isinstance(manifest.get("files"), dict):
        return False
    return _file_stats(outputs, manifest["files"]) == manifest["files"]


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


def extract(corpus: Path, outputs: Path, settings: Settings | None = None, force: bool = False,
            engine: str = "local", scheduler: str | None = None, progress: bool = True) -> RunSummary:
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
    digest = _run_digest(fingerprint, keys, ingest_errors)
    phase("hash")
    todo = articles if force else [a for a in articles if not cache.has(a.doc_id, keys[a.doc_id])]
    summary = RunSummary(articles=len(articles), cached=len(articles) - len(todo), processed=len(todo), pipeline_version=fingerprint)
    manifest = _read_manifest(outputs)
    phase("cache_check")

    if not todo and not force and _outputs_current(outputs, manifest, digest):
        log.info("%d articles, all unchanged; the outputs are up to date", len(articles))
        summary.counts = dict(manifest["counts"])
        summary.errors, summary.warnings = manifest["errors"], manifest["warnings"]
        return _finish(summary, outputs, settings, too_long, t0, phases)

    log.info("%d articles: %d unchanged, %d to process", len(articles), summary.cached, len(todo))
    uncached: dict[str, ArticleResult] = {}  # results that are not cached (the model failed on them)
    kinds: list[str] | None = None
    if todo:
        from .stages import resolve

        kinds = output_kinds(resolve(tuple(settings.stages)))
        bar = _progress(len(todo), progress)

        def on_result(res: ArticleResult) -> None:
            for err in res.errors:
                log.error(err["message"])
            if res.cacheable:
                with timed("cache_write"):
                    cache.put(res)
            else:
                uncached[res.doc_id] = res
            bar.update(1)

        todo_keys = [keys[a.doc_id] for a in todo]
        try:
            if engine == "dask":
                from .distributed import run_dask

                run_dask(todo, todo_keys, settings, fingerprint, on_result, scheduler=scheduler)
            else:
                run_local(todo, todo_keys, settings, fingerprint, on_result)
        finally:
            bar.close()
        phase("process")

    summary.counts, all_errors = _write_outputs(outputs, keys, cache, uncached, kinds,
                                                 tuple(settings.stages), ingest_errors)
    phase("write")
    summary.errors = sum(1 for e in all_errors if e["severity"] == "error")
    summary.warnings = len(all_errors) - summary.errors
    cache.prune(keys)
    written = list(summary.counts)
    files = _file_stats(outputs, _written_files(outputs, [k for k in written if k != "errors"]))
    if files is not None and not uncached:
        atomic_write_text(outputs / ".cache" / "manifest.json", json.dumps(
            {"digest": digest, "files": files, "counts": summary.counts, "errors": summary.errors,
             "warnings": summary.warnings}, indent=1) + "\n")
    return _finish(summary, outputs, settings, too_long, t0, phases)


def _write_outputs(outputs: Path, keys: dict[str, str], cache: ResultCache,
                   uncached: dict[str, ArticleResult], kinds: list[str] | None, stages: tuple[str, ...],
                   ingest_errors: list[dict[str, Any]]) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Stream every article's records, in doc_id order, from the cache into the output files."""
    outputs.mkdir(parents=True, exist_ok=True)
    doc_ids = sorted(keys)
    if kinds is None:  # nothing was processed: the cache entries know the output kinds
        kinds = _kinds_from_cache(cache, keys, doc_ids, stages)
    writers = _OutputWriters(outputs, kinds)
    all_errors = list(ingest_errors)
    tables_in: dict[str, list[dict[str, Any]]] = {"memoranda": [], "provisions": []}
    try:
        for doc_id in doc_ids:
            entry = None if doc_id in uncached else cache.read(doc_id, keys[doc_id])
            if entry is None:
                res = uncached.get(doc_id)
                if res is None:  # the entry vanished or tore since it was checked: report, do not crash
                    all_errors.append(ErrorRecord(path=doc_id, doc_id=doc_id, stage="cache", kind="cache",
                                                  message=f"{doc_id}: its cache entry could not be read; run again").to_json_dict())
                    continue
                all_errors.extend(res.errors)
                continue
            header, lines = entry
            all_errors.extend(header["errors"])
            for kind in kinds:
                recs = lines.get(kind, [])
                writers.write(kind, recs)
                if kind in tables_in and recs:
                    tables_in[kind].extend(json.loads(x) for x in recs)
        all_errors.sort(key=lambda e: (e["path"], e.get("line") or 0, e["stage"], e["message"]))
        writers.commit()
    except BaseException:
        writers.abort()
        raise
    counts = dict(writers.counts)
    atomic_write_jsonl(outputs / "errors.jsonl", all_errors)
    if "provisions" in kinds:
        from .tables import write_tables

        write_tables(outputs, tables_in["memoranda"], tables_in["provisions"])
    return counts, all_errors


def _kinds_from_cache(cache: ResultCache, keys: dict[str, str], doc_ids: list[str], stages: tuple[str, ...]) -> list[str]:
    """The output kinds recorded in the first readable cache entry (every entry of a pipeline
    fingerprint has the same); the stages' kinds when there is none (an empty corpus)."""
    for doc_id in doc_ids:
        entry = cache.read(doc_id, keys[doc_id])
        if entry is not None:
            return [k for k in OUTPUT_ORDER if k in entry[1]]
    from .stages import resolve

    return output_kinds(resolve(stages))


def _finish(summary: RunSummary, outputs: Path, settings: Settings, too_long: int, t0: float,
            phases: dict[str, float]) -> RunSummary:
    """Seconds and phase timings into the summary, and the summary into run.json."""
    outputs.mkdir(parents=True, exist_ok=True)
    summary.timings = phases
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

    # no monitor thread: the worker pool forks after the bar exists, and a fork should not copy threads
    tqdm.monitor_interval = 0
    return tqdm(total=total, unit="article", desc="extract", disable=None)

"""The unit of work: plain articles in, plain records out (in this process, a worker or on Dask).

Docs go through ``nlp.pipe`` in batches; each processed Doc is turned into records by every
stage's pure records function. See :func:`process_articles`.
"""

from __future__ import annotations

import logging
import weakref
from contextlib import nullcontext
from typing import Any, Iterator

from ..core.docs import doc_text, sentence_spans, word_mask
from ..core.guard import failures
from ..core.records import DocumentRecord, ErrorRecord
from ..ingest import Article, source_of
from ..settings import Settings
from ..stages import output_kinds, resolve
from .nlp import cached_nlp, make_doc
from .results import ArticleResult
from .timing import timed

log = logging.getLogger("pipeline")

MAX_BATCH_CHARS = (
    200_000  # the most text in a batch for nlp.pipe (and in a pool chunk): it bounds the memory of a batch
)


def article_context(article: Article) -> dict[str, Any]:
    return {
        "doc_id": article.doc_id,
        "date": article.date,
        "title": article.title,
        "path": article.path,
        "date_source": article.date_source,
        "source": article.source,
    }


def document_record(doc, article: Article, key: str, fingerprint: str, model: str) -> dict[str, Any]:
    text = doc_text(doc)  # Doc.text joins every token on each access: read it once per doc
    return DocumentRecord(
        doc_id=article.doc_id,
        path=article.path,
        format=article.format,
        title=article.title,
        date=article.date,
        date_source=article.date_source,
        source=article.source,
        url=article.url,
        author=article.author,
        meta=article.meta,
        text=text,
        n_chars=len(text),
        n_words=_n_words(doc),
        sentences=sentence_spans(doc),
        boilerplate=[(s.start_char, s.end_char) for s in doc.spans.get("boilerplate", [])],
        sha256=key,
        pipeline_version=fingerprint,
        model=model,
    ).to_json_dict()


def _n_words(doc) -> int:
    """Tokens that are neither space nor punctuation."""
    return int(word_mask(doc).sum())


def article_error(article: Article, stage: str, message: str, kind: str = "exception") -> dict[str, Any]:
    """An error of one article met while processing it, as a plain errors.jsonl record."""
    path, line = source_of(article)
    return ErrorRecord(
        path=path, line=line, doc_id=article.doc_id, stage=stage, kind=kind, message=f"{article.path}: {message}"
    ).to_json_dict()


def doc_to_result(doc, article: Article, key: str, fingerprint: str, settings: Settings, stages) -> ArticleResult:
    """Turn a processed Doc into records, with the failures of its components as errors; a failing
    records function costs only its own records."""
    result = ArticleResult(doc_id=article.doc_id, key=key)
    for failure in failures(doc):
        result.errors.append(
            article_error(
                article,
                failure["stage"],
                f"component {failure['component']} failed: {failure['kind']}: {failure['message']}",
            )
        )
    with timed("records:documents"):
        result.records["documents"] = [document_record(doc, article, key, fingerprint, settings.model)]
    for stage in stages:
        with timed(f"records:{stage.name}"):
            try:
                produced = stage.extract(doc)
            except Exception as exc:  # an extractor bug must not lose the article
                log.debug("extractor %s failed on %s", stage.name, article.doc_id, exc_info=True)
                result.errors.append(
                    article_error(article, stage.name, f"{stage.name} failed: {type(exc).__name__}: {exc}")
                )
                produced = {kind: [] for kind in stage.outputs}
            for kind, recs in produced.items():
                result.records[kind] = [r.to_json_dict() if hasattr(r, "to_json_dict") else dict(r) for r in recs]
    return result


def iter_results(
    articles: list[Article], settings: Settings, keys: list[str], fingerprint: str
) -> Iterator[ArticleResult]:
    """Process articles with the pipeline (built once per process) and yield each article's plain
    records as soon as its Doc leaves ``nlp.pipe``, so that the caller can cache it at once.

    Docs go through ``nlp.pipe`` in batches (inside a memory zone once the vocabulary is warm);
    if a batch fails, its remaining articles are retried one by one so that only the article that
    breaks the model is lost (and reported). Every result lists all the output kinds of the
    stages, empty ones included."""
    with timed("load"):
        nlp = cached_nlp(settings.model, tuple(settings.stages))
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    stages = resolve(tuple(settings.stages))
    kinds = output_kinds(settings.stages)
    for batch in batches(list(zip(articles, keys)), settings.batch_size):
        with warm_or_zone(nlp, settings.vocab_warmup):
            done = 0
            try:
                with timed("tokenizer"):
                    inputs = [make_doc(nlp, a.text, article_context(a)) for a, _ in batch]
                docs = nlp.pipe(inputs, batch_size=settings.batch_size)
                for article, key in batch:
                    with timed("pipeline"):
                        doc = next(docs)
                    result = doc_to_result(doc, article, key, fingerprint, settings, stages)
                    done += 1
                    yield _complete(result, kinds)
            except Exception:
                log.debug("a batch failed; its articles are processed one by one", exc_info=True)
                for article, key in batch[done:]:
                    yield _complete(_process_one(nlp, article, key, fingerprint, settings, stages), kinds)


def _complete(result: ArticleResult, kinds: list[str]) -> ArticleResult:
    for kind in kinds:
        result.records.setdefault(kind, [])
    return result


def process_articles(
    articles: list[Article], settings: Settings, keys: list[str], fingerprint: str
) -> list[ArticleResult]:
    """Every result of :func:`iter_results`, as a list."""
    return list(iter_results(articles, settings, keys, fingerprint))


_VOCAB_START: "weakref.WeakKeyDictionary[Any, int]" = (
    weakref.WeakKeyDictionary()
)  # nlp -> its string count when first used here


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


def batches(
    items: list[tuple[Article, str]], size: int, max_chars: int = MAX_BATCH_CHARS
) -> Iterator[list[tuple[Article, str]]]:
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
    """One article alone (after its batch failed): what fails costs this article only."""
    try:
        doc = nlp(make_doc(nlp, article.text, article_context(article)))
    except Exception as exc:  # MemoryError included
        res = ArticleResult(doc_id=article.doc_id, key=key)
        res.errors.append(article_error(article, "nlp", f"the spaCy pipeline failed: {type(exc).__name__}: {exc}"))
        return res
    try:
        return doc_to_result(doc, article, key, fingerprint, settings, stages)
    except Exception as exc:
        res = ArticleResult(doc_id=article.doc_id, key=key)
        res.errors.append(
            article_error(article, "records", f"its records could not be made: {type(exc).__name__}: {exc}")
        )
        return res

"""Typed records: the output contract of the pipeline.

Every output file is JSON Lines, one record per line, and every record type is a pydantic model
declared here or in the module of its stage. The fields that ``../shared/eval/score.py`` reads are
a contract: stages may add fields, never drop or rename these. ``pipeline schema`` writes the JSON
Schema of every record type to ``docs/schema/``.

Offsets (``start``, ``end`` and every ``*_start`` / ``*_end``) are character offsets into the
article body, the ``text`` of the article's record in ``documents.jsonl``; ``end`` is exclusive,
so ``body[start:end] == record.text``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base of all output records: strict fields, stable field order in JSON."""

    model_config = ConfigDict(extra="forbid")

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class SpanRecord(Record):
    """A record anchored to a span of an article body."""

    doc_id: str = Field(
        description="Id of the article (front matter doc_id, else its path in the corpus without extension)."
    )
    start: int = Field(ge=0, description="Start character offset into the article body.")
    end: int = Field(ge=0, description="End character offset (exclusive) into the article body.")
    text: str = Field(description="The body slice body[start:end].")
    sentence: int | None = Field(
        default=None,
        description="Index of the sentence (0-based) that holds the start offset; see documents.sentences.",
    )


class DocumentRecord(Record):
    """One article: its metadata and the body that every offset indexes into."""

    doc_id: str = Field(
        description="Front matter doc_id, else the file's path inside the corpus without extension (JSONL: PATH/LINE)."
    )
    path: str = Field(description="Path of the source file inside the corpus (with ':LINE' for JSONL input).")
    format: Literal["txt", "md", "jsonl", "html"] = Field(description="Input format the article was read from.")
    title: str | None = Field(default=None, description="Front matter title, else the first short line of the body.")
    date: str | None = Field(default=None, description="Publication date, ISO YYYY-MM-DD, or null when unknown.")
    date_source: str | None = Field(
        default=None,
        description="Where the date came from: front_matter, jsonl, html, filename, url, title, dateline, byline.",
    )
    source: str | None = Field(default=None, description="Publisher or URL from the front matter.")
    url: str | None = Field(
        default=None, description="URL of the article (front matter url/source_url, or a source that is a URL)."
    )
    author: str | None = Field(default=None, description="Author from the front matter.")
    meta: dict[str, Any] = Field(default_factory=dict, description="Other front matter keys, as given.")
    text: str = Field(description="The article body (after front matter, decoded, newlines normalised to \\n).")
    n_chars: int = Field(description="Length of the body in characters.")
    n_words: int = Field(description="Number of non-space, non-punctuation tokens.")
    sentences: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Sentence spans [start, end) in the body; records' `sentence` indexes this list.",
    )
    boilerplate: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Spans of web boilerplate lines (captions, prompts, link lists) that extractors skip.",
    )
    sha256: str = Field(description="Hash of the body and metadata: a changed article is reprocessed.")
    pipeline_version: str = Field(
        description="Package version + fingerprint of the code, rule data, model and stages that produced the records."
    )
    model: str = Field(description="The spaCy base pipeline used.")


class ErrorRecord(Record):
    """A problem met while reading or processing one input. The run goes on."""

    path: str = Field(description="File inside the corpus.")
    line: int | None = Field(default=None, description="1-based line in the file, where one applies.")
    doc_id: str | None = None
    stage: str = Field(description="ingest, nlp, or the extractor (entities, dates, quotes, provisions).")
    severity: Literal["error", "warning"] = "error"
    kind: str = Field(
        description="Short code: empty, binary, encoding, too_large, front_matter, jsonl, html, unsupported, no_date, "
        "bad_date, duplicate_id, symlink, unreadable, outputs_folder, cache, worker_died, exception (see the README's "
        "bad-input table)"
    )
    message: str

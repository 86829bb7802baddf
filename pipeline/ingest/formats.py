"""The input formats: .txt/.md (with front matter), .jsonl (one article a line) and .html.

Every reader gets the file's bytes from :func:`read_decoded` (size limit, one decoder) and records
what it cannot read in ``errors``; a bad line of a JSONL file costs that line alone.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Iterator

import jsonlines

from ..core.records import ErrorRecord
from .article import Article, build_article, doc_id_from, problem
from .decode import decode, normalise_newlines
from .front_matter import split_front_matter

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
DEFAULT_MAX_BYTES = 5_000_000
JSONL_SIZE_FACTOR = 100  # a JSONL file holds many articles: its limit is 100 x --max-bytes


def path_id(rel: str) -> str:
    """The doc_id of a file without one: its path inside the corpus without the extension."""
    p = Path(rel)
    return p.with_suffix("").as_posix() if p.suffix else p.as_posix()


def read_decoded(path: Path, rel: str, errors: list[ErrorRecord], max_bytes: int) -> str | None:
    """The decoded text of a file, or None (and an error) when it is too large, unreadable, empty
    or binary. At most ``max_bytes + 1`` bytes are ever read, whatever the file claims to be."""
    try:
        # O_NONBLOCK: a FIFO put in the corpus must not hang the run (regular files ignore it)
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)), "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                problem(errors, rel, "unsupported", "not a regular file; skipped", severity="warning")
                return None
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        problem(errors, rel, "unreadable", f"cannot be read ({exc.strerror or exc})")
        return None
    if len(data) > max_bytes:
        size = max(st.st_size, len(data))
        problem(errors, rel, "too_large", f"{size:,} bytes is over the limit of {max_bytes:,} (--max-bytes); skipped")
        return None
    if not data.strip():
        problem(errors, rel, "empty", "the file is empty")
        return None
    decoded = decode(data)
    if decoded.text is None:
        problem(errors, rel, "binary", f"{decoded.problem}; skipped")
        return None
    if decoded.problem:
        line = data.count(b"\n", 0, decoded.bad_offset) + 1 if decoded.bad_offset is not None else None
        problem(errors, rel, "encoding", decoded.problem, line=line, severity="warning")
    return decoded.text


def read_text_file(
    path: Path, rel: str, errors: list[ErrorRecord], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article]:
    fmt = TEXT_SUFFIXES[path.suffix.lower()]
    text = read_decoded(path, rel, errors, max_bytes)
    if text is None:
        return
    meta, body, first_line, problems = split_front_matter(normalise_newlines(text))
    for line, msg in problems:
        problem(errors, rel, "front_matter", msg, line=line, severity="warning")
    if not body.strip():
        errors.append(
            ErrorRecord(
                path=rel, line=first_line, stage="ingest", kind="empty", message=f"{rel}: the article has no body text"
            )
        )
        return
    yield build_article(doc_id_from(meta, path_id(rel)), rel, fmt, body, meta, errors, filename=path.name)


def _loads(line: str) -> Any:
    """json.loads for one JSONL line; nesting too deep for the parser is a bad line, not a crash."""
    try:
        return json.loads(line)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_jsonl_file(
    path: Path, rel: str, errors: list[ErrorRecord], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article]:
    """One article per line (``text`` and optional ``doc_id``, ``title``, ``date``, ...); a line
    that is not a JSON object with a string ``text`` is reported with its number and skipped."""
    text = read_decoded(path, rel, errors, max_bytes * JSONL_SIZE_FACTOR)
    if text is None:
        return
    lines = _Numbered(normalise_newlines(text).split("\n"))
    reader = jsonlines.Reader(lines, loads=_loads)
    while True:
        try:
            obj = reader.read(skip_empty=True, allow_none=True)
        except EOFError:
            break
        except jsonlines.InvalidLineError as exc:
            cause = exc.__cause__
            why = f"{cause.msg} at column {cause.colno}" if isinstance(cause, json.JSONDecodeError) else str(cause)
            problem(errors, rel, "jsonl", f"not valid JSON ({why}); line skipped", line=exc.lineno)
            continue
        lineno = lines.lineno
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            problem(errors, rel, "jsonl", "expected an object with a string 'text' field; line skipped", line=lineno)
            continue
        if not obj["text"].strip():
            problem(errors, rel, "empty", "'text' is empty; line skipped", line=lineno)
            continue
        meta = {k: v for k, v in obj.items() if k != "text"}
        yield build_article(
            doc_id_from(obj, f"{path_id(rel)}/{lineno}"),
            f"{rel}:{lineno}",
            "jsonl",
            obj["text"],
            meta,
            errors,
            line=lineno,
            filename=path.name,
            default_date_source="jsonl",
        )


class _Numbered:
    """Lines counted as ``jsonlines.Reader`` takes them: the reader numbers only its bad lines, so
    the number of the line it just read comes from here."""

    def __init__(self, lines: list[str]):
        self._it = iter(lines)
        self.lineno = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._it)
        self.lineno += 1
        return line


def read_html_file(
    path: Path, rel: str, errors: list[ErrorRecord], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article]:
    text = read_decoded(path, rel, errors, max_bytes)
    if text is None:
        return
    try:
        import trafilatura

        extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        problem(errors, rel, "html", f"HTML could not be parsed ({exc})")
        return
    data = {} if extracted is None else extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = (data.get("text") or "").strip()
    if not body:
        problem(errors, rel, "empty", "no article text found in the HTML")
        return
    meta = {k: data.get(k) for k in ("title", "date", "author", "url", "sitename", "description") if data.get(k)}
    if "sitename" in meta:
        meta["source"] = meta.pop("sitename")
    yield build_article(path_id(rel), rel, "html", body, meta, errors, filename=path.name, default_date_source="html")


READERS = {
    **{suffix: read_text_file for suffix in TEXT_SUFFIXES},
    **{suffix: read_jsonl_file for suffix in JSONL_SUFFIXES},
    **{suffix: read_html_file for suffix in HTML_SUFFIXES},
}

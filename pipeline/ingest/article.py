"""An article as read from the corpus, and how its title, date and metadata are filled in."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..core.records import ErrorRecord
from .dates import DMY, MDY, date_from_filename, date_from_text, date_from_url, normalise_date
from .decode import has_lone_surrogates, normalise_newlines, replace_lone_surrogates
from .front_matter import json_safe

KNOWN_KEYS = {"doc_id", "title", "date", "source", "url", "author", "text"}
URL_KEYS = ("url", "source_url", "link", "canonical_url")
DATE_KEYS = ("date", "published", "published_time", "published_at", "pubdate", "publication_date")


@dataclass
class Article:
    """An article as read from the corpus, before any NLP."""

    doc_id: str
    path: str
    format: str
    text: str
    title: str | None = None
    date: str | None = None
    date_source: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def source_of(article: Article) -> tuple[str, int | None]:
    """(file, line) an article was read from: a JSONL article's path is ``FILE:LINE``."""
    if article.format == "jsonl":
        file, _, line = article.path.rpartition(":")
        if file and line.isdigit():
            return file, int(line)
    return article.path, None


def problem(
    errors: list[ErrorRecord],
    path: str,
    kind: str,
    message: str,
    *,
    line: int | None = None,
    severity: str = "error",
    doc_id: str | None = None,
) -> None:
    """Record a problem with ``path`` (the message is prefixed with the path, and the line)."""
    where = f"{path}:{line}" if line is not None else path
    errors.append(
        ErrorRecord(
            path=path,
            line=line,
            doc_id=doc_id,
            stage="ingest",
            severity=severity,
            kind=kind,
            message=f"{where}: {message}",
        )
    )


def guess_title(body: str) -> str | None:
    """The first non-empty line when it is short and reads as a headline."""
    for line in body.split("\n"):
        line = line.strip()
        if not line:
            continue
        line = line.lstrip("#").strip().strip("*").strip()
        if (
            0 < len(line) <= 200
            and not line.endswith((".", ",", ";", ":"))
            or (line.endswith(".") and len(line) < 120 and line.count(".") == 1 and len(line.split()) < 16)
        ):
            return line.rstrip(".") if line.endswith(".") else line
        return None
    return None


def _meta_str(meta: dict[str, Any], *keys: str) -> str | None:
    for k in keys:
        v = meta.get(k)
        if v not in (None, ""):
            return str(v).strip()
    return None


def _utf8_writable(meta: dict[str, Any]) -> bool:
    """No string of ``meta`` holds a lone surrogate (checked at C speed: most metadata is clean)."""
    try:
        json.dumps(meta, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def doc_id_from(meta: dict[str, Any], fallback: str) -> str:
    """The metadata's ``doc_id`` when it has a non-blank one, else ``fallback``."""
    value = meta.get("doc_id")
    if value in (None, ""):
        return fallback
    return str(value).strip() or fallback


def build_article(
    doc_id: str,
    path: str,
    fmt: str,
    body: str,
    meta: dict[str, Any],
    errors: list[ErrorRecord],
    line: int | None = None,
    filename: str = "",
    default_date_source: str = "front_matter",
) -> Article:
    """Fill title, date and the rest from metadata, then from the text and the file name.

    Strings that cannot be written as UTF-8 (lone surrogates: ``"\\ud800"`` in a JSONL line) are
    repaired here, with a warning, whatever the format."""
    body = normalise_newlines(body)
    if has_lone_surrogates(doc_id) or has_lone_surrogates(body) or not _utf8_writable(meta):
        (doc_id, body, meta), _ = replace_lone_surrogates([doc_id, body, meta])
        where = path.rsplit(":", 1)[0] if line is not None else path
        problem(
            errors,
            where,
            "encoding",
            "lone UTF-16 surrogates (such as \\ud800) are not text; replaced by U+FFFD",
            line=line,
            severity="warning",
            doc_id=doc_id,
        )
    date_value = next((meta[k] for k in DATE_KEYS if meta.get(k) not in (None, "")), None)
    date = normalise_date(date_value)
    date_source = default_date_source if date else None
    if (
        date_value is not None
        and date is None
        and str(date_value).strip().lower() not in {"unknown", "none", "null", ""}
    ):
        errors.append(
            ErrorRecord(
                path=path,
                line=line,
                doc_id=doc_id,
                stage="ingest",
                severity="warning",
                kind="bad_date",
                message=f"{path}: date {date_value!r} is not a date; looking in the text",
            )
        )
    url = _meta_str(meta, *URL_KEYS)
    source = _meta_str(meta, "source", "publisher", "site")
    if url is None and source and source.startswith(("http://", "https://")):
        url = source
    if date is None:
        date, date_source = date_from_filename(filename), "filename"
    if date is None:
        date, date_source = date_from_url(url), "url"
    if date is None:
        headline = " ".join(str(meta.get(k) or "") for k in ("title", "headline"))
        date, date_source = (
            normalise_date(headline) if (MDY.search(headline) or DMY.search(headline)) else None,
            "title",
        )
    if date is None:
        years = re.findall(r"\b((?:19|20)\d\d)\b", " ".join(str(v) for v in meta.values()))
        date, date_source = date_from_text(body, int(years[0]) if years else None)
    if date is None:
        date_source = None
        errors.append(
            ErrorRecord(
                path=path,
                line=line,
                doc_id=doc_id,
                stage="ingest",
                severity="warning",
                kind="no_date",
                message=f"{path}: no publication date found; relative dates stay unresolved",
            )
        )
    other = {k: json_safe(v) for k, v in meta.items() if k not in KNOWN_KEYS and k not in URL_KEYS}
    return Article(
        doc_id=doc_id,
        path=path,
        format=fmt,
        text=body,
        title=_meta_str(meta, "title", "headline") or guess_title(body),
        date=date,
        date_source=date_source,
        source=source,
        url=url,
        author=_meta_str(meta, "author", "authors", "byline"),
        meta=other,
    )

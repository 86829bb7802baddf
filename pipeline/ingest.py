"""Reading a corpus folder into articles.

Every file is read defensively: an empty, binary, mis-encoded, oversized or malformed file yields
an :class:`~pipeline.records.ErrorRecord` naming it (and the line, where one applies) and the
walk goes on. Whatever can be salvaged is salvaged: a cp1252 file is decoded with a warning, front
matter that is not valid YAML is read line by line, a bad JSONL line costs only that line.

The body of an article is the text after the front matter, decoded, with ``\\r\\n`` and ``\\r``
turned into ``\\n``. Every offset the pipeline writes indexes into that body.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .core.records import ErrorRecord

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader: same results, ~9x faster
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # below 32, except \t \n \v \f \r

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
DEFAULT_MAX_BYTES = 5_000_000
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


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Decode file bytes; return (text, encoding, problem).

    ``text`` is None for binary data. ``problem`` is a warning for text that was not clean UTF-8
    (the encoding that worked is named), so that a user can fix the file."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", None
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec, f"decoded as {codec.upper()} (byte order mark)"
            except UnicodeDecodeError:
                return None, None, f"has a {codec.upper()} byte order mark but does not decode as {codec.upper()}"
    if b"\x00" in data[:4096]:
        codec = _guess_utf16(data)
        if codec:
            try:
                return data.decode(codec), codec, f"decoded as {codec.upper()} (no byte order mark)"
            except UnicodeDecodeError:
                pass
        return None, None, "binary file (NUL bytes); not a text article"
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1252")
        return text, "cp1252", f"not valid UTF-8 (byte {bad}); decoded as cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", f"not valid UTF-8 (byte {bad}); decoded as Latin-1"


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if odd and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(text: str) -> bool:
    """Control characters other than whitespace in more than 1% of the text: not prose."""
    sample = text[:20000]
    if not sample:
        return False
    controls = len(CONTROL_CHARS.findall(sample))
    return controls > 0.01 * len(sample)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- front matter

FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\n")
FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int, list[tuple[int | None, str]]]:
    """Split YAML front matter from the body.

    Returns (meta, body, first_body_line, problems) where problems are (line, message) pairs.
    Invalid YAML is read again as ``key: value`` lines so that title and date survive."""
    m = FRONT_MATTER_OPEN.match(text)
    if not m:
        return {}, text, 1, []
    close = FRONT_MATTER_CLOSE.search(text, m.end())
    if not close:
        return {}, text, 1, [(1, "front matter opened with '---' is never closed; the whole file is read as the body")]
    raw = text[m.end() : close.start()]
    body = text[close.end() :]
    if body.startswith("\n"):
        body = body[1:]
    first_body_line = text.count("\n", 0, close.end()) + 2
    problems: list[tuple[int | None, str]] = []
    try:
        meta = yaml.load(raw, Loader=YAML_LOADER) if raw.strip() else {}
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            problems.append((2, "front matter is not a mapping of keys to values; ignored"))
            meta = {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problems.append(
            (line, f"front matter is not valid YAML ({getattr(exc, 'problem', None) or exc}); read line by line")
        )
        meta = _lenient_front_matter(raw)
    return meta, body, first_body_line, problems


def _lenient_front_matter(raw: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for line in raw.splitlines():
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z_][\w-]*", key.strip()):
            meta[key.strip()] = value.strip().strip("'\"")
    return meta


# ---------------------------------------------------------------- dates

MONTHS = {
    m.lower(): i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), 1
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
MDY = re.compile(rf"\b(?P<month>{MONTH_RE})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")
DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b")
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)")
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|\b)")
FILENAME_DATE = re.compile(r"(?:^|[_\-. ])((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?=T\d{4,6}Z?|[_\-. ]|$)")
DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}},\s+(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})\s+\((?:Reuters|AP|AFP|Bloomberg)\)"
)


def month_number(name: str) -> int:
    """'Sept.', 'sep', 'September' -> 9."""
    return MONTHS[name.rstrip(".").lower()[:3]]


def _make_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: Any) -> str | None:
    """Front matter dates in any common shape to ISO ``YYYY-MM-DD``; None when unknown."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip().strip("'\"")
    if not s or s.lower() in {"unknown", "none", "null", "n/a", "na", "-"}:
        return None
    if m := ISO.search(s):
        return _make_date(int(m["year"]), int(m["month"]), int(m["day"]))
    for rx in (MDY, DMY):
        if m := rx.search(s):
            return _make_date(int(m["year"]), month_number(m["month"]), int(m["day"]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)", s):
        return _make_date(int(m[3]), int(m[1]), int(m[2]))
    return None


def date_from_filename(name: str) -> str | None:
    m = FILENAME_DATE.search(name)
    return _make_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def date_from_url(url: str | None) -> str | None:
    """News sites put the date in the path: /2025/06/03/ or /2025-06-03-."""
    m = URL_DATE.search(url or "")
    return _make_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def date_from_text(body: str, year_hint: int | None = None) -> tuple[str | None, str | None]:
    """A publication date written in the text: a dateline in the first lines or a byline date in
    the last lines (the last line of an article is often 'Author Name June 3, 2025')."""
    lines = [ln for ln in body.split("\n") if ln.strip()]
    for ln in lines[-3:][::-1]:
        if len(ln) < 120:
            for rx in (MDY, DMY, ISO):
                if m := rx.search(ln):
                    d = normalise_date(m.group(0))
                    if d:
                        return d, "byline"
    for ln in lines[:6]:
        if len(ln) < 100:
            for rx in (MDY, DMY):
                if (m := rx.search(ln)) and m.start() < 40:
                    d = normalise_date(m.group(0))
                    if d:
                        return d, "dateline"
        if year_hint and (m := DATELINE.search(ln)):
            d = _make_date(year_hint, month_number(m["month"]), int(m["day"]))
            if d:
                return d, "dateline"
    return None, None


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


# ---------------------------------------------------------------- articles


def _meta_str(meta: dict[str, Any], *keys: str) -> str | None:
    for k in keys:
        v = meta.get(k)
        if v not in (None, ""):
            return str(v).strip()
    return None


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
    """Fill title, date and the rest from metadata, then from the text and the file name."""
    body = normalise_newlines(body)
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
    other = {k: _jsonable(v) for k, v in meta.items() if k not in KNOWN_KEYS and k not in URL_KEYS}
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


def _jsonable(v: Any) -> Any:
    """Front matter values as JSON can hold them (YAML gives dates and datetimes)."""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    return v


def read_text_file(
    path: Path, rel: str, errors: list[ErrorRecord], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article]:
    fmt = TEXT_SUFFIXES[path.suffix.lower()]
    text = _read_decoded(path, rel, errors, max_bytes)
    if text is None:
        return
    meta, body, first_line, problems = split_front_matter(text)
    for line, msg in problems:
        errors.append(
            ErrorRecord(
                path=rel,
                line=line,
                stage="ingest",
                severity="warning",
                kind="front_matter",
                message=f"{rel}:{line}: {msg}",
            )
        )
    if not body.strip():
        errors.append(
            ErrorRecord(
                path=rel, line=first_line, stage="ingest", kind="empty", message=f"{rel}: the article has no body text"
            )
        )
        return
    doc_id = str(meta.get("doc_id")).strip() if meta.get("doc_id") not in (None, "") else _path_id(rel)
    yield build_article(doc_id, rel, fmt, body, meta, errors, filename=path.name)


def read_jsonl_file(
    path: Path, rel: str, errors: list[ErrorRecord], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article]:
    text = _read_decoded(path, rel, errors, max_bytes * 100)
    if text is None:
        return
    for lineno, line in enumerate(normalise_newlines(text).split("\n"), 1):
        if not line.strip():
            continue
        where = f"{rel}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(
                ErrorRecord(
                    path=rel,
                    line=lineno,
                    stage="ingest",
                    kind="jsonl",
                    message=f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); line skipped",
                )
            )
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            errors.append(
                ErrorRecord(
                    path=rel,
                    line=lineno,
                    stage="ingest",
                    kind="jsonl",
                    message=f"{where}: expected an object with a string 'text' field; line skipped",
                )
            )
            continue
        if not obj["text"].strip():
            errors.append(
                ErrorRecord(
                    path=rel,
                    line=lineno,
                    stage="ingest",
                    kind="empty",
                    message=f"{where}: 'text' is empty; line skipped",
                )
            )
            continue
        doc_id = str(obj["doc_id"]).strip() if obj.get("doc_id") not in (None, "") else f"{_path_id(rel)}/{lineno}"
        meta = {k: v for k, v in obj.items() if k != "text"}
        yield build_article(
            doc_id,
            where,
            "jsonl",
            obj["text"],
            meta,
            errors,
            line=lineno,
            filename=path.name,
            default_date_source="jsonl",
        )


def read_html_file(
    path: Path, rel: str, errors: list[ErrorRecord], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article]:
    text = _read_decoded(path, rel, errors, max_bytes)
    if text is None:
        return
    try:
        import trafilatura

        extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        errors.append(
            ErrorRecord(path=rel, stage="ingest", kind="html", message=f"{rel}: HTML could not be parsed ({exc})")
        )
        return
    if extracted is None:
        errors.append(
            ErrorRecord(path=rel, stage="ingest", kind="empty", message=f"{rel}: no article text found in the HTML")
        )
        return
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = (data.get("text") or "").strip()
    if not body:
        errors.append(
            ErrorRecord(path=rel, stage="ingest", kind="empty", message=f"{rel}: no article text found in the HTML")
        )
        return
    meta = {k: data.get(k) for k in ("title", "date", "author", "url", "sitename", "description") if data.get(k)}
    if "sitename" in meta:
        meta["source"] = meta.pop("sitename")
    yield build_article(_path_id(rel), rel, "html", body, meta, errors, filename=path.name, default_date_source="html")


def _read_decoded(path: Path, rel: str, errors: list[ErrorRecord], max_bytes: int) -> str | None:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            errors.append(
                ErrorRecord(
                    path=rel,
                    stage="ingest",
                    kind="too_large",
                    message=f"{rel}: {size:,} bytes is over the limit of {max_bytes:,} (--max-bytes); skipped",
                )
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        errors.append(
            ErrorRecord(
                path=rel, stage="ingest", kind="unreadable", message=f"{rel}: cannot be read ({exc.strerror or exc})"
            )
        )
        return None
    if not data.strip():
        errors.append(ErrorRecord(path=rel, stage="ingest", kind="empty", message=f"{rel}: the file is empty"))
        return None
    text, _codec, problem = decode_bytes(data)
    if text is None or looks_binary(text):
        errors.append(
            ErrorRecord(
                path=rel,
                stage="ingest",
                kind="binary",
                message=f"{rel}: {problem or 'binary content (control characters)'}; skipped",
            )
        )
        return None
    if problem:
        errors.append(
            ErrorRecord(path=rel, stage="ingest", severity="warning", kind="encoding", message=f"{rel}: {problem}")
        )
    return text


def _path_id(rel: str) -> str:
    p = Path(rel)
    return p.with_suffix("").as_posix() if p.suffix else p.as_posix()


def iter_files(root: Path) -> Iterator[Path]:
    """Files below root in a stable order; hidden files and folders are passed over."""
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            yield path


def read_corpus(root: Path, errors: list[ErrorRecord], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """All articles below ``root``; problems go to ``errors``. doc_ids are made unique.

    A JSONL file may hold many articles, so its size limit is a hundred times ``max_bytes``."""
    root = Path(root)
    if not root.exists():
        raise FileNotFoundError(f"corpus folder {root} does not exist")
    articles: list[Article] = []
    base = root.parent if root.is_file() else root
    for path in iter_files(root):
        rel = path.relative_to(base).as_posix()
        suffix = path.suffix.lower()
        try:
            if suffix in TEXT_SUFFIXES:
                articles.extend(read_text_file(path, rel, errors, max_bytes))
            elif suffix in JSONL_SUFFIXES:
                articles.extend(read_jsonl_file(path, rel, errors, max_bytes))
            elif suffix in HTML_SUFFIXES:
                articles.extend(read_html_file(path, rel, errors, max_bytes))
            else:
                errors.append(
                    ErrorRecord(
                        path=rel,
                        stage="ingest",
                        severity="warning",
                        kind="unsupported",
                        message=f"{rel}: not an article format (.txt, .md, .jsonl, .html); skipped",
                    )
                )
        except Exception as exc:  # a reader bug must not stop the run
            errors.append(
                ErrorRecord(path=rel, stage="ingest", kind="exception", message=f"{rel}: {type(exc).__name__}: {exc}")
            )
    return _unique_ids(articles, errors)


def _unique_ids(articles: list[Article], errors: list[ErrorRecord]) -> list[Article]:
    seen: dict[str, str] = {}
    for art in articles:
        if art.doc_id in seen:
            new_id, n = art.doc_id, 2
            while new_id in seen:
                new_id, n = f"{art.doc_id}~{n}", n + 1
            errors.append(
                ErrorRecord(
                    path=art.path,
                    doc_id=new_id,
                    stage="ingest",
                    severity="warning",
                    kind="duplicate_id",
                    message=f"{art.path}: doc_id {art.doc_id!r} already used by {seen[art.doc_id]}; renamed {new_id!r}",
                )
            )
            art.doc_id = new_id
        seen[art.doc_id] = art.path
    return articles

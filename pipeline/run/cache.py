"""The per-article cache under ``OUTPUTS/.cache/records``: one entry per article, its records as output lines."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

from ..core.files import atomic_write_text, dumps_line
from ..stages import OUTPUT_ORDER
from .results import ArticleResult

CACHE_FORMAT = 2


def _sort_key(rec: dict[str, Any]) -> tuple:
    return (rec.get("start", -1), rec.get("end", -1))


def pack(result: ArticleResult) -> ArticleResult:
    """The result as a cache entry: a JSON header line (doc_id, key, errors, number of records per
    kind), then every record as its output line, kinds in output order, span records sorted by
    offsets. Records are dropped from the returned result: the blob is all that travels."""
    if result.blob is not None:
        return result
    kinds = [k for k in OUTPUT_ORDER if k in result.records] + sorted(
        k for k in result.records if k not in OUTPUT_ORDER
    )
    lines: list[str] = []
    counts: dict[str, int] = {}
    for kind in kinds:
        recs = result.records[kind]
        if kind != "documents":
            recs = sorted(recs, key=_sort_key)
        counts[kind] = len(recs)
        lines.extend(dumps_line(r) for r in recs)
    header = {
        "format": CACHE_FORMAT,
        "doc_id": result.doc_id,
        "key": result.key,
        "counts": counts,
        "errors": result.errors,
    }
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
        by_kind[kind] = lines[pos : pos + n]
        pos += n
    return header, by_kind


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
        return (
            isinstance(header, dict)
            and header.get("format") == CACHE_FORMAT
            and header.get("key") == key
            and header.get("doc_id") == doc_id
        )

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
        atomic_write_text(self._path(result.doc_id), pack(result).blob or "", durable=False)

    def prune(self, keep: Iterable[str]) -> int:
        wanted = {self._path(d).name for d in keep}
        removed = 0
        if self.dir.exists():
            for path in self.dir.iterdir():
                if path.name not in wanted:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed

"""The per-article cache under ``OUTPUTS/.cache/records``: one entry per article, its records as output lines."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

from ..core.files import AtomicFile, dumps_line
from ..stages import OUTPUT_ORDER
from .results import ArticleResult

CACHE_FORMAT = 2  # of a packed result (pack / unpack)
ENTRY_FORMAT = 1  # of a stored entry: a seal line, then a packed result (seal / unseal)


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


def seal(blob: str) -> bytes:
    """A cache entry as stored: a seal line (entry format, SHA-256 of what follows), then the packed
    result. The seal tells a whole entry from a torn or altered one before any line of it is used."""
    data = blob.encode("utf-8")
    seal_line = dumps_line({"entry": ENTRY_FORMAT, "sha256": hashlib.sha256(data).hexdigest()})
    return seal_line.encode("ascii") + b"\n" + data


def unseal(data: bytes) -> str:
    """The packed result inside a stored entry; ValueError when the entry is torn or altered."""
    first, sep, rest = data.partition(b"\n")
    seal_line = json.loads(first) if sep else None
    if not isinstance(seal_line, dict) or seal_line.get("entry") != ENTRY_FORMAT:
        raise ValueError("not a cache entry of this format")
    if hashlib.sha256(rest).hexdigest() != seal_line.get("sha256"):
        raise ValueError("the entry does not match its seal (torn or altered)")
    return rest.decode("utf-8")


class ResultCache:
    """Per-article results under OUTPUTS/.cache/records, one entry per doc_id: a seal line (see
    :func:`seal`) and the packed result (see :func:`pack`).

    An entry is written as soon as its article is done (by the process that did it), flushed to
    disk and renamed into place: a reader never sees half of one, and after a crash or a power cut
    an entry is whole or absent. Every entry is checked against its seal before its lines are
    used; a damaged one is removed and its article processed again."""

    def __init__(self, outputs: Path):
        self.dir = Path(outputs) / ".cache" / "records"

    def _path(self, doc_id: str) -> Path:
        return self.dir / (hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest() + ".json")

    def has(self, doc_id: str, key: str) -> bool:
        """True when the entry for ``doc_id`` says it was made for ``key`` (reads its first two
        lines only: the seal is checked by :meth:`read`)."""
        try:
            with open(self._path(doc_id), "rb") as fh:
                seal_line = json.loads(fh.readline())
                header = json.loads(fh.readline())
        except (OSError, ValueError):
            return False
        return (
            isinstance(seal_line, dict)
            and seal_line.get("entry") == ENTRY_FORMAT
            and isinstance(header, dict)
            and header.get("format") == CACHE_FORMAT
            and header.get("key") == key
            and header.get("doc_id") == doc_id
        )

    def read(self, doc_id: str, key: str) -> tuple[dict[str, Any], dict[str, list[str]]] | None:
        """(header, output lines by kind) of a whole entry for (doc_id, key), else None."""
        try:
            header, lines = unpack(unseal(self._path(doc_id).read_bytes()))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if header.get("key") != key or header.get("doc_id") != doc_id:
            return None
        return header, lines

    def damaged(self, doc_id: str, key: str) -> bool:
        """The entry claims to be for (doc_id, key) but is torn or altered."""
        return self.has(doc_id, key) and self.read(doc_id, key) is None

    def get(self, doc_id: str, key: str) -> ArticleResult | None:
        entry = self.read(doc_id, key)
        if entry is None:
            return None
        header, lines = entry
        records = {kind: [json.loads(x) for x in recs] for kind, recs in lines.items()}
        return ArticleResult(doc_id=doc_id, key=key, records=records, errors=header["errors"])

    def put(self, result: ArticleResult) -> None:
        """Store the result, durably (flushed to disk before the rename)."""
        data = seal(pack(result).blob or "")
        with AtomicFile(self._path(result.doc_id)) as fh:
            fh.buffer.write(data)

    def remove(self, doc_id: str) -> None:
        self._path(doc_id).unlink(missing_ok=True)

    def prune(self, keep: Iterable[str]) -> int:
        """Remove the entries of articles not in ``keep`` (and temporary files of interrupted writes)."""
        wanted = {self._path(d).name for d in keep}
        removed = 0
        if self.dir.exists():
            for path in self.dir.iterdir():
                if path.name not in wanted:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed

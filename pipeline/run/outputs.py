"""The output files: streamed from the cache into temporary files renamed into place, and the
manifest that lets a no-change rerun write nothing."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

from ..core.files import atomic_write_jsonl
from ..core.records import ErrorRecord
from ..stages import OUTPUT_ORDER, entries, output_kinds
from .cache import ResultCache, pack, unpack
from .results import ArticleResult


class OutputWriters:
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


def run_digest(fingerprint: str, keys: dict[str, str], ingest_errors: list[dict[str, Any]]) -> str:
    """Everything the output files are a function of: pipeline, articles, ingest problems."""
    h = hashlib.sha256(fingerprint.encode())
    for doc_id in sorted(keys):
        h.update(f"\0{doc_id}\0{keys[doc_id]}".encode())
    h.update(json.dumps(ingest_errors, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def file_stats(outputs: Path, names: Iterable[str]) -> dict[str, list[int]] | None:
    stats = {}
    for name in names:
        try:
            st = (outputs / name).stat()
        except OSError:
            return None
        stats[name] = [st.st_size, st.st_mtime_ns]
    return stats


def written_files(outputs: Path, kinds: list[str]) -> list[str]:
    names = [f"{k}.jsonl" for k in kinds] + ["errors.jsonl"]
    tables = outputs / "tables"
    if tables.is_dir():
        names += sorted(
            p.relative_to(outputs).as_posix() for p in tables.rglob("*") if p.is_file() and not p.name.startswith(".")
        )
    return names


def read_manifest(outputs: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((outputs / ".cache" / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def outputs_current(outputs: Path, manifest: dict[str, Any] | None, digest: str) -> bool:
    """True when the last run wrote these very outputs and nobody has touched them since."""
    if not manifest or manifest.get("digest") != digest or not isinstance(manifest.get("files"), dict):
        return False
    return file_stats(outputs, manifest["files"]) == manifest["files"]


def write_outputs(
    outputs: Path,
    keys: dict[str, str],
    cache: ResultCache,
    uncached: dict[str, ArticleResult],
    kinds: list[str] | None,
    stages: tuple[str, ...],
    ingest_errors: list[dict[str, Any]],
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Stream every article's records, in doc_id order, from the cache (or, for the results that
    are not cached, from ``uncached``) into the output files."""
    outputs.mkdir(parents=True, exist_ok=True)
    doc_ids = sorted(keys)
    if kinds is None:  # nothing was processed: the cache entries know the output kinds
        kinds = kinds_from_cache(cache, keys, doc_ids, stages)
    writers = OutputWriters(outputs, kinds)
    all_errors = list(ingest_errors)
    writers_of_tables = [(e.table_writer(), e.outputs) for e in entries(stages) if e.writes_tables]
    tables_in: dict[str, list[dict[str, Any]]] = {k: [] for _, kinds_read in writers_of_tables for k in kinds_read}
    try:
        for doc_id in doc_ids:
            # a result that is not cached (a component failed on it) is written all the same
            entry = unpack(pack(uncached[doc_id]).blob) if doc_id in uncached else cache.read(doc_id, keys[doc_id])
            if entry is None:  # the entry vanished or tore since it was checked: report, do not crash
                all_errors.append(
                    ErrorRecord(
                        path=doc_id,
                        doc_id=doc_id,
                        stage="cache",
                        kind="cache",
                        message=f"{doc_id}: its cache entry could not be read; run again",
                    ).to_json_dict()
                )
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
    for write_tables, kinds_read in writers_of_tables:
        write_tables(outputs, {k: tables_in[k] for k in kinds_read})
    return counts, all_errors


def kinds_from_cache(
    cache: ResultCache, keys: dict[str, str], doc_ids: list[str], stages: tuple[str, ...]
) -> list[str]:
    """The output kinds recorded in the first readable cache entry (every entry of a pipeline
    fingerprint has the same); the stages' kinds when there is none (an empty corpus)."""
    for doc_id in doc_ids:
        entry = cache.read(doc_id, keys[doc_id])
        if entry is not None:
            return [k for k in OUTPUT_ORDER if k in entry[1]]
    return output_kinds(stages)

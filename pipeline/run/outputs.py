"""The output files: streamed from the cache into temporary files renamed into place, and the
manifest that lets a no-change rerun write nothing.

The manifest (``OUTPUTS/.cache/manifest.json``) lists every file the last run wrote, with its size
and time. It serves twice: a rerun whose inputs and pipeline are unchanged and whose files are as
listed writes nothing; and a run removes a file only when an earlier run of ours wrote it and this
run did not (an output kind of a stage no longer run, a table of a memorandum no longer reported).
Any other file in the outputs folder (a user's notes in ``tables/``, corpus files when the
outputs folder is the corpus) is never touched.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path, PurePosixPath
from typing import Any, Iterable

from ..core.files import AtomicFile, atomic_write_jsonl, atomic_write_text
from ..core.records import ErrorRecord
from ..stages import OUTPUT_ORDER, entries, output_kinds
from .cache import ResultCache, pack, unpack
from .results import ArticleResult

log = logging.getLogger("pipeline")

MANIFEST = ".cache/manifest.json"
MANIFEST_FORMAT = 2  # format 1 listed every file under tables/, ours or not: never trusted for removals


class OutputWriters:
    """One atomic file per output kind (see :class:`~pipeline.core.files.AtomicFile`), filled line
    by line and renamed over the outputs only when all are complete."""

    def __init__(self, outputs: Path, kinds: list[str]):
        self.files = {k: AtomicFile(outputs / f"{k}.jsonl") for k in kinds}
        self.handles: dict[str, Any] = {}
        self.counts = {k: 0 for k in kinds}
        try:
            for kind, f in self.files.items():
                self.handles[kind] = f.open()
        except BaseException:
            self.abort()
            raise

    def write(self, kind: str, lines: list[str]) -> None:
        if lines:
            self.handles[kind].write("\n".join(lines) + "\n")
            self.counts[kind] += len(lines)

    def commit(self) -> None:
        """Every file flushed to disk first, then every rename: a full disk replaces none."""
        for f in self.files.values():
            f.finish()
        for f in self.files.values():
            f.install()

    def abort(self) -> None:
        for f in self.files.values():
            f.abort()


# ---------------------------------------------------------------- manifest (the no-change rerun, removals)


def run_digest(fingerprint: str, keys: dict[str, str], ingest_errors: list[dict[str, Any]]) -> str:
    """Everything the output files are a function of: pipeline, articles, ingest problems."""
    h = hashlib.sha256(fingerprint.encode())
    for doc_id in sorted(keys):
        h.update(f"\0{doc_id}\0{keys[doc_id]}".encode("utf-8", "surrogatepass"))
    h.update(json.dumps(ingest_errors, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
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


def read_manifest(outputs: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((outputs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_manifest(outputs: Path, digest: str | None, files: dict[str, list[int]], summary: dict[str, Any]) -> None:
    """``digest`` None: the outputs are not complete (an article failed), so the next run cannot
    skip its work; the list of files still serves for removals."""
    data = {"format": MANIFEST_FORMAT, "digest": digest, "files": files, **summary}
    atomic_write_text(outputs / MANIFEST, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def outputs_current(outputs: Path, manifest: dict[str, Any] | None, digest: str) -> bool:
    """True when the last run wrote these very outputs, completely, and nobody has touched them since."""
    if not manifest or manifest.get("digest") != digest or not isinstance(manifest.get("files"), dict):
        return False
    return file_stats(outputs, manifest["files"]) == manifest["files"]


def files_of(manifest: dict[str, Any] | None) -> set[str]:
    """The files an earlier run of ours wrote, by the manifest (a manifest of format 1 vouches for none)."""
    if not manifest or manifest.get("format") != MANIFEST_FORMAT or not isinstance(manifest.get("files"), dict):
        return set()
    return {name for name in manifest["files"] if isinstance(name, str)}


def _inside(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and parts[0] != ".cache"


def remove_stale(outputs: Path, ours_before: set[str], written: Iterable[str]) -> list[str]:
    """Remove the files an earlier run of ours wrote that this run did not write; return their names."""
    removed = []
    for name in sorted(ours_before - set(written)):
        path = outputs / name
        if _inside(name) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(name)
    if removed:
        log.info("removed %d output files of earlier runs that this run does not write", len(removed))
    return removed


# ---------------------------------------------------------------- writing


def write_outputs(
    outputs: Path,
    keys: dict[str, str],
    cache: ResultCache,
    uncached: dict[str, ArticleResult],
    kinds: list[str] | None,
    stages: tuple[str, ...],
    ingest_errors: list[dict[str, Any]],
) -> tuple[dict[str, int], list[dict[str, Any]], list[str], bool]:
    """Stream every article's records, in doc_id order, from the cache (or, for the results that
    are not cached, from ``uncached``) into the output files.

    Returns (record counts by kind, every error, the files written relative to ``outputs``,
    complete): ``complete`` is False when a cache entry could not be used (it is removed, so that
    the next run processes its article again)."""
    outputs.mkdir(parents=True, exist_ok=True)
    doc_ids = sorted(keys)
    if kinds is None:  # nothing was processed: the cache entries know the output kinds
        kinds = kinds_from_cache(cache, keys, doc_ids, stages)
    writers = OutputWriters(outputs, kinds)
    all_errors = list(ingest_errors)
    complete = True
    writers_of_tables = [(e.table_writer(), e.outputs) for e in entries(stages) if e.writes_tables]
    tables_in: dict[str, list[dict[str, Any]]] = {k: [] for _, kinds_read in writers_of_tables for k in kinds_read}
    try:
        for doc_id in doc_ids:
            # a result that is not cached (a component failed on it) is written all the same
            entry = unpack(pack(uncached[doc_id]).blob) if doc_id in uncached else cache.read(doc_id, keys[doc_id])
            if entry is None:  # the entry was damaged or removed since it was checked: report, do not crash
                cache.remove(doc_id)
                complete = False
                all_errors.append(
                    ErrorRecord(
                        path=doc_id,
                        doc_id=doc_id,
                        stage="cache",
                        kind="cache",
                        message=f"{doc_id}: its cache entry was damaged or removed during the run; its records are "
                        f"missing from these outputs and the next run processes it again",
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
    written = [f"{k}.jsonl" for k in kinds] + ["errors.jsonl"]
    for write_tables, kinds_read in writers_of_tables:
        names = write_tables(outputs, {k: tables_in[k] for k in kinds_read}) or []
        written += sorted(f"tables/{name}" for name in names)
    return counts, all_errors, written, complete


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

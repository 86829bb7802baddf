"""Files written so that no reader ever sees half of one, and JSON Lines read and written one way.

:class:`AtomicFile` is the one atomic writer: every output file, every cache entry, the manifest
and ``run.json`` go through it. It writes to a temporary file beside the target (named
``.NAME.XXXX.tmp``, see :data:`TEMP_GLOB`), flushes it to disk, gives it the mode that the umask
gives any new file, and renames it over the target; a failure on the way (a full disk, an
interruption) removes the temporary file without hiding the first error. A run killed with
``kill -9`` leaves its temporary files behind; the next run removes them
(:func:`remove_temp_files`) before it writes anything.

JSON Lines go through the ``jsonlines`` package with one compact encoder (:func:`dumps_line`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import IO, Any, Iterable

import jsonlines

TEMP_SUFFIX = ".tmp"
TEMP_GLOB = ".*" + TEMP_SUFFIX
# the names mkstemp gives the temporary files of AtomicFile: .NAME.XXXXXXXX.tmp
TEMP_NAME = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()  # read once: os.umask can only be read by setting it
FILE_MODE = 0o666 & ~_UMASK  # what open() would give a new file


class AtomicFile:
    """A file that appears at ``path`` complete or not at all.

    ::

        with AtomicFile(path) as fh:       # renamed into place when the block ends normally
            fh.write("...")

    or, to decide later: ``f = AtomicFile(path); f.open(); ...; f.commit()`` (or ``f.abort()``).
    ``durable`` flushes the data to disk before the rename, so that after a power cut the file
    is the old one or the new one, never a torn mix."""

    def __init__(self, path: Path, durable: bool = True):
        self.path = Path(path)
        self.durable = durable
        self.tmp: str | None = None
        self.fh: IO[str] | None = None

    def open(self) -> IO[str]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=TEMP_SUFFIX, dir=self.path.parent)
        try:
            os.fchmod(fd, FILE_MODE)  # mkstemp makes 0600 files whatever the umask
            self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except BaseException:
            os.close(fd)
            self.abort()
            raise
        return self.fh

    def commit(self) -> None:
        """Flush, close and rename over the target; on any failure the temporary file is removed."""
        self.finish()
        self.install()

    def finish(self) -> None:
        """The first half of :meth:`commit`: flush to disk and close (a full disk fails here)."""
        assert self.fh is not None and self.tmp is not None, "finish() before open()"
        try:
            self.fh.flush()
            if self.durable:
                os.fsync(self.fh.fileno())
            self.fh.close()
        except BaseException:
            self.abort()
            raise

    def install(self) -> None:
        """The second half of :meth:`commit`: rename over the target. Several files finished
        first and installed together are replaced all or (but for an interruption) none."""
        assert self.tmp is not None, "install() before finish()"
        try:
            os.replace(self.tmp, self.path)
        except BaseException:
            self.abort()
            raise
        self.tmp = self.fh = None

    def abort(self) -> None:
        """Remove the temporary file. Never raises: it runs while another error is on its way up
        (closing a file on a full disk fails again, and must not hide the first message)."""
        if self.fh is not None:
            with contextlib.suppress(OSError, ValueError):
                self.fh.close()  # closes the descriptor even when the flush before it fails
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
        self.tmp = self.fh = None

    def __enter__(self) -> IO[str]:
        return self.open()

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    """Write ``text`` to ``path`` atomically (see :class:`AtomicFile`)."""
    with AtomicFile(path, durable=durable) as fh:
        fh.write(text)


def remove_temp_files(folder: Path, recursive: bool = False) -> int:
    """Remove the temporary files that interrupted writers left in ``folder`` (and below it with
    ``recursive``); return how many. Only names that :class:`AtomicFile` makes are touched."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.rglob(TEMP_GLOB) if recursive else folder.glob(TEMP_GLOB):
        if TEMP_NAME.fullmatch(path.name) and path.is_file() and not path.is_symlink():
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed


# ---------------------------------------------------------------- JSON Lines

_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def dumps_line(record: dict[str, Any]) -> str:
    """One record as one compact JSON line (UTF-8 text, keys in field order). One encoder serves
    every line: ``json.dumps`` with options builds a new one per call."""
    return _LINE_ENCODER.encode(record)


def jsonl_writer(fh: IO[str]) -> jsonlines.Writer:
    """A ``jsonlines`` writer of compact lines (:func:`dumps_line`) on an open text file."""
    return jsonlines.Writer(fh, dumps=dumps_line)


def atomic_write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write ``records`` as JSON Lines to ``path`` atomically; return how many."""
    n = 0
    with AtomicFile(path) as fh:
        writer = jsonl_writer(fh)
        for record in records:
            writer.write(record)
            n += 1
    return n


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every record of a JSON Lines file (blank lines skipped); ``jsonlines.InvalidLineError``
    (a ``ValueError`` with ``lineno``) names the line of a bad record."""
    with open(path, encoding="utf-8") as fh, jsonlines.Reader(fh) as reader:
        return list(reader.iter(skip_empty=True))

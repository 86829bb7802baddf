"""Walking the corpus folder: which files are read, in what order, and what is reported.

- Files are read in a stable order (by path); hidden files and folders (``.name``) are passed over.
- A folder that cannot be listed is an error (its files are missing from the run); so is an
  unreadable file.
- Symbolic links are followed when they point inside the corpus (a loop is reported and cut).
  A link to a file or folder outside the corpus is **not** followed: it is reported as a warning
  naming its target (``/etc/hostname`` must not become an article of a corpus someone sent you).
  To include files from elsewhere, copy them in, or make the folder that holds them the corpus.
- A folder that is an outputs folder of this pipeline (it holds ``.cache/``) is not input: a run's
  own outputs folder inside the corpus is skipped quietly, any other with a warning.
- Sockets, FIFOs and devices are skipped with a warning.
- A file name that is not valid UTF-8 is read all the same; its path in the records has U+FFFD
  for the bad bytes (with a warning).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from ..core.records import ErrorRecord
from .article import Article, problem
from .formats import DEFAULT_MAX_BYTES, READERS

log = logging.getLogger("pipeline")

OUTPUTS_MARKERS = (".cache/records", ".cache/manifest.json", ".cache/lock")


def display_name(name: str) -> str:
    """A path component as text: bytes that are not UTF-8 (kept by Python as lone surrogates)
    become U+FFFD."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="replace")


def is_outputs_folder(path: Path) -> bool:
    return any((path / marker).exists() for marker in OUTPUTS_MARKERS)


class CorpusWalk:
    """The files of a corpus folder, with every problem met on the way in ``errors``."""

    def __init__(self, root: Path, errors: list[ErrorRecord], exclude: Iterable[Path] = ()):
        self.root = Path(root)
        self.real_root = self.root.resolve()
        self.errors = errors
        self.exclude = {Path(p).resolve() for p in exclude}

    def files(self) -> list[tuple[Path, str]]:
        """(path to open, path to record) of every file to read, in path order."""
        if self.root.is_file():
            return [(self.root, display_name(self.root.name))]
        found: list[tuple[tuple[str, ...], Path]] = []
        self._walk(self.root, (), found, frozenset())
        found.sort(key=lambda item: item[0])
        return [(path, "/".join(display_name(p) for p in parts)) for parts, path in found]

    def _rel(self, parts: tuple[str, ...]) -> str:
        return "/".join(display_name(p) for p in parts) or "."

    def _walk(self, folder: Path, parts: tuple[str, ...], found: list, ancestors: frozenset) -> None:
        """Read ``folder``; ``ancestors`` are the (device, inode) of the folders above it, so that a
        link to one of them (a loop) is cut."""
        try:
            st = folder.stat()
            here = (st.st_dev, st.st_ino)
            if here in ancestors:
                problem(
                    self.errors,
                    self._rel(parts),
                    "symlink",
                    "symbolic link to a folder that holds it (a loop); not followed",
                    severity="warning",
                )
                return
            real = folder.resolve()
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problem(
                self.errors,
                self._rel(parts),
                "unreadable",
                f"folder cannot be read ({exc.strerror or exc}); the files in it are not in this run",
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if real / entry.name in self.exclude:
                log.debug("%s: written by an earlier run into this outputs folder; not read as input", entry.path)
                continue
            self._entry(entry, parts + (entry.name,), found, ancestors | {here})

    def _entry(self, entry: os.DirEntry, parts: tuple[str, ...], found: list, ancestors: frozenset) -> None:
        rel = self._rel(parts)
        path = Path(entry.path)
        if display_name(entry.name) != entry.name:
            problem(
                self.errors,
                rel,
                "encoding",
                "the file name is not valid UTF-8; the bad bytes are shown as U+FFFD",
                severity="warning",
            )
        try:
            if entry.is_symlink():
                target = path.resolve()
                if not target.exists():
                    problem(self.errors, rel, "symlink", "broken symbolic link; skipped", severity="warning")
                    return
                if not target.is_relative_to(self.real_root):
                    problem(
                        self.errors,
                        rel,
                        "symlink",
                        f"symbolic link to {target}, outside the corpus; not followed "
                        f"(copy the file into the corpus to read it)",
                        severity="warning",
                    )
                    return
            st = path.stat()
        except OSError as exc:
            problem(self.errors, rel, "unreadable", f"cannot be read ({exc.strerror or exc})")
            return
        if stat.S_ISDIR(st.st_mode):
            if path.resolve() in self.exclude:
                log.info("%s: the outputs folder of this run; not read as input", rel)
                return
            if is_outputs_folder(path):
                problem(
                    self.errors,
                    rel,
                    "outputs_folder",
                    "an outputs folder of the pipeline (it holds .cache/); not read as input",
                    severity="warning",
                )
                return
            self._walk(path, parts, found, ancestors)
        elif stat.S_ISREG(st.st_mode):
            found.append((parts, path))
        else:
            problem(
                self.errors,
                rel,
                "unsupported",
                "not a regular file (a FIFO, socket or device); skipped",
                severity="warning",
            )


def iter_files(root: Path) -> Iterator[Path]:
    """Files below root in a stable order (the walk of :func:`read_corpus`, problems ignored)."""
    for path, _ in CorpusWalk(Path(root), []).files():
        yield path


def read_corpus(
    root: Path, errors: list[ErrorRecord], max_bytes: int = DEFAULT_MAX_BYTES, exclude: Iterable[Path] = ()
) -> list[Article]:
    """All articles below ``root``; problems go to ``errors``. doc_ids are made unique.

    A JSONL file may hold many articles, so its size limit is a hundred times ``max_bytes``.
    Folders in ``exclude`` (the run's outputs folder) are not read."""
    root = Path(root)
    if not root.exists():
        raise FileNotFoundError(f"corpus folder {root} does not exist")
    articles: list[Article] = []
    for path, rel in CorpusWalk(root, errors, exclude).files():
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            problem(
                errors,
                rel,
                "unsupported",
                "not an article format (.txt, .md, .jsonl, .html); skipped",
                severity="warning",
            )
            continue
        try:
            articles.extend(reader(path, rel, errors, max_bytes))
        except Exception as exc:  # a reader bug must not stop the run (MemoryError included)
            problem(errors, rel, "exception", f"{type(exc).__name__}: {exc}")
    return unique_ids(articles, errors)


def unique_ids(articles: list[Article], errors: list[ErrorRecord]) -> list[Article]:
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

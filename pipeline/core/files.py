"""Files written so that no reader ever sees half of one, and JSON Lines read and written one way."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, flush it to disk (``durable``), then rename it over ``path``.

    A rename within one folder is atomic: an interrupted run leaves the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def dumps_line(record: dict[str, Any]) -> str:
    """One record as one compact JSON line (UTF-8 text, keys in field order). One encoder serves
    every line: ``json.dumps`` with options builds a new one per call."""
    return _LINE_ENCODER.encode(record)


def atomic_write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    lines = [dumps_line(r) for r in records]
    atomic_write_text(path, "".join(line + "\n" for line in lines))
    return len(lines)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]

"""The output files of a run, read for the report: tolerant of what a run may or may not have written.

A run with ``--stages dates`` writes no quotes.jsonl; an older or newer pipeline writes fewer or more
fields than this one knows. Neither stops the report: a missing file is an empty list, an unknown
field is carried along, and a line that is not a record (or lacks the fields the report needs)
is left out with a message naming the file and line, shown on the report's problems page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RECORD_FILES = ("documents", "entities", "dates", "quotes", "memoranda", "provisions", "errors")
# Fields without which a record cannot be shown (everything else is optional).
REQUIRED: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "text"),
    "entities": ("doc_id", "start", "end"),
    "dates": ("doc_id", "start", "end"),
    "quotes": ("doc_id", "start", "end"),
    "memoranda": ("doc_id", "memorandum_id"),
    "provisions": ("doc_id", "start", "end", "provision_id"),
    "errors": ("message",),
}
OFFSET_FIELDS = ("start", "end")


@dataclass
class RunOutputs:
    """Records by kind (``records["quotes"]``), which files were there, run.json, and the problems met."""

    folder: Path
    records: dict[str, list[dict[str, Any]]]
    present: set[str]
    run: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def __getitem__(self, kind: str) -> list[dict[str, Any]]:
        return self.records.get(kind, [])


def _valid(kind: str, rec: Any) -> str | None:
    """None when the record can be shown, else what is wrong with it."""
    if not isinstance(rec, dict):
        return "not a JSON object"
    missing = [k for k in REQUIRED[kind] if rec.get(k) is None]
    if missing:
        return f"no {', '.join(missing)}"
    if kind == "documents" and not isinstance(rec["text"], str):
        return "text is not a string"
    if "doc_id" in REQUIRED[kind] and not isinstance(rec["doc_id"], str):
        rec["doc_id"] = str(rec["doc_id"])
    if kind not in ("documents", "errors", "memoranda"):
        if not all(isinstance(rec[k], int) and not isinstance(rec[k], bool) for k in OFFSET_FIELDS):
            return "start/end are not integers"
    return None


def read_records(path: Path, kind: str, problems: list[str]) -> list[dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                problems.append(f"{path.name}:{n}: not valid JSON ({exc.msg}); line left out")
                continue
            why = _valid(kind, rec)
            if why:
                problems.append(f"{path.name}:{n}: {why}; record left out")
                continue
            out.append(rec)
    return out


def read_outputs(folder: Path | str) -> RunOutputs:
    """Every output file of ``folder`` that exists; FileNotFoundError when there is no documents.jsonl."""
    folder = Path(folder)
    if not (folder / "documents.jsonl").is_file():
        raise FileNotFoundError(f"{folder} holds no documents.jsonl: run `make extract` first (OUTPUTS={folder})")
    problems: list[str] = []
    records: dict[str, list[dict[str, Any]]] = {}
    present = set()
    for kind in RECORD_FILES:
        path = folder / f"{kind}.jsonl"
        if path.is_file():
            present.add(kind)
            records[kind] = read_records(path, kind, problems)
        else:
            records[kind] = []
    run: dict[str, Any] = {}
    try:
        loaded = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        run = loaded if isinstance(loaded, dict) else {}
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        problems.append(f"run.json: unreadable ({exc}); run details not shown")
    return RunOutputs(folder, records, present, run, problems)

"""Provision tables: one CSV and one Markdown table per memorandum, and comparisons.

(Foundation version: writes the tables folder with an index.)"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .store import atomic_write_text


def write_tables(outputs: Path, memoranda: list[dict[str, Any]], provisions: list[dict[str, Any]]) -> None:
    tables = Path(outputs) / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    lines = ["# Provision tables", "", f"{len(memoranda)} memoranda, {len(provisions)} provisions.", ""]
    atomic_write_text(tables / "index.md", "\n".join(lines))

"""What processing one article gives back: its records and its errors, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ArticleResult:
    """Everything one article produced: records by output kind (plain dicts), and its errors.

    ``blob`` is the same result serialised as a cache entry (see :func:`pack`); a result that
    crossed a process boundary carries only the blob, so that the records are dumped once."""

    doc_id: str
    key: str
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    blob: str | None = None

    @property
    def cacheable(self) -> bool:
        """A result where the model, a component or a records function raised is not cached: the
        next run tries the article again instead of keeping its missing records as good."""
        return not any(e.get("kind") == "exception" for e in self.errors)

"""What processing one article gives back: its records and its errors, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# errors that mean the article's records are incomplete: such a result is never cached
UNCACHEABLE_KINDS = frozenset({"exception", "worker_died"})


@dataclass
class ArticleResult:
    """Everything one article produced: records by output kind (plain dicts), and its errors.

    ``blob`` is the same result serialised as a cache entry (see :func:`pack`); a result that
    crossed a process boundary carries only the blob, so that the records are dumped once.
    ``stored`` says that the process that made it has cached it already (a pool worker does)."""

    doc_id: str
    key: str
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    blob: str | None = None
    stored: bool = False

    @property
    def cacheable(self) -> bool:
        """A result where the model, a component or a records function raised is not cached: the
        next run tries the article again instead of keeping its missing records as good."""
        return not any(e.get("kind") in UNCACHEABLE_KINDS for e in self.errors)

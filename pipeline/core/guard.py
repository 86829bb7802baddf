"""The guarded component call: a component that raises costs its article alone, and says so.

Every component of ours derives from :class:`GuardedComponent` (or is wrapped by
:func:`guarded`). When its work raises, the exception is recorded on the Doc (stage, component,
exception kind and message), the component's ``fallback`` leaves the Doc as the next components
expect it (empty spans of its own), and the pipeline goes on with the rest of the batch. The run
turns the recorded failures into ``errors.jsonl`` entries, sets the exit status, and does not cache
the article, so the next run tries it again (:func:`pipeline.run.process.doc_to_result`).
"""

from __future__ import annotations

import logging
from functools import wraps
from typing import Callable

from spacy.tokens import Doc

from . import extensions  # noqa: F401  (Doc._.article)

log = logging.getLogger("pipeline")

FAILURES = "_component_failures"  # doc.user_data key: the failures of this doc's components


def record_failure(doc: Doc, stage: str, component: str, exc: BaseException) -> None:
    """Note on the doc that ``component`` of ``stage`` raised ``exc``."""
    article = doc._.article or {}
    log.debug("component %s failed on %s", component, article.get("doc_id"), exc_info=exc)
    doc.user_data.setdefault(FAILURES, []).append(
        {"stage": stage, "component": component, "kind": type(exc).__name__, "message": str(exc)[:500]}
    )


def failures(doc: Doc) -> list[dict[str, str]]:
    """The failures recorded on the doc, in the order they happened."""
    return list(doc.user_data.get(FAILURES, []))


class GuardedComponent:
    """Base of our component classes: ``__call__`` runs :meth:`process` under the guard.

    Subclasses set ``stage`` and ``component`` (the factory name) and implement :meth:`process`
    and, where the doc needs resetting, :meth:`fallback`."""

    stage: str = "nlp"
    component: str = "component"

    def __call__(self, doc: Doc) -> Doc:
        try:
            return self.process(doc)
        except Exception as exc:  # MemoryError included: the article is reported, not lost silently
            record_failure(doc, self.stage, self.component, exc)
            self.fallback(doc)
            return doc

    def process(self, doc: Doc) -> Doc:  # pragma: no cover - the interface
        raise NotImplementedError

    def fallback(self, doc: Doc) -> None:
        """Leave the doc as later components expect after this one failed (default: unchanged)."""


def guarded(stage: str, component: str, fallback: Callable[[Doc], None] | None = None):
    """The guard for a function component: ``@guarded("layout", "boilerplate_lines", reset)``."""

    def wrap(fn: Callable[[Doc], Doc]) -> Callable[[Doc], Doc]:
        @wraps(fn)
        def run(doc: Doc) -> Doc:
            try:
                return fn(doc)
            except Exception as exc:
                record_failure(doc, stage, component, exc)
                if fallback is not None:
                    fallback(doc)
                return doc

        return run

    return wrap

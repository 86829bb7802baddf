"""Shared fixtures: the full pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.run.nlp import cached_nlp
    from pipeline.settings import ALL_STAGES, DEFAULT_MODEL

    return cached_nlp(os.environ.get("PIPELINE_MODEL", DEFAULT_MODEL), ALL_STAGES)


@pytest.fixture(scope="session")
def make_doc(nlp):
    """Process a text as an article of the given publication date."""
    from pipeline.run.nlp import make_doc as _make

    def run(text: str, date: str | None = None, doc_id: str = "t"):
        return nlp(_make(nlp, text, {"doc_id": doc_id, "date": date, "title": None, "path": doc_id}))

    return run


@pytest.fixture(scope="session")
def records(make_doc):
    """Text -> records of every stage, as plain dicts by output kind."""
    from pipeline.stages import all_stages

    def run(text: str, date: str | None = None) -> dict[str, list[dict]]:
        doc = make_doc(text, date)
        out: dict[str, list[dict]] = {}
        for stage in all_stages().values():
            for kind, recs in stage.extract(doc).items():
                out[kind] = [r.to_json_dict() for r in recs]
        return out

    return run

"""The sample outputs folder and its report, built once per test session (no NLP)."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_sample import write_outputs

from pipeline.report import build_report


@pytest.fixture(scope="session")
def sample_outputs(tmp_path_factory) -> Path:
    return write_outputs(tmp_path_factory.mktemp("sample") / "outputs")


@pytest.fixture(scope="session")
def report(sample_outputs) -> Path:
    """The report of the sample, with lists cut into pages of 2 rows and groups of 2 items, so that every
    kind of page (and every pager) is there."""
    build_report(sample_outputs, page_rows=2, group_items=2)
    return sample_outputs / "report"

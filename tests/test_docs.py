"""The documentation stays true to the code: schema files and the README's field tables."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.schema import markdown_tables, record_models

ROOT = Path(__file__).resolve().parents[1]


def test_schema_files_match_the_record_models():
    for kind, model in record_models().items():
        path = ROOT / "docs" / "schema" / f"{kind}.schema.json"
        assert path.exists(), f"{path} missing: run `make schema`"
        assert json.loads(path.read_text(encoding="utf-8")) == model.model_json_schema(), (
            f"{path} is stale: run `make schema`"
        )


def test_readme_documents_every_field():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_tables().strip() in readme, (
        "README's output schema is stale: paste `python -m pipeline schema --markdown`"
    )

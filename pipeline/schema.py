"""JSON Schema of every output record, generated from the pydantic models."""
from __future__ import annotations

import json
from pathlib import Path

from .records import DocumentRecord, ErrorRecord, Record


def record_models() -> dict[str, type[Record]]:
    """Output file stem -> record model, in the order the README documents them."""
    from .stages import all_stages

    models: dict[str, type[Record]] = {"documents": DocumentRecord}
    for stage in all_stages().values():
        models.update(stage.outputs)
    models["errors"] = ErrorRecord
    return models


def write_schemas(folder: Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, model in record_models().items():
        path = folder / f"{kind}.schema.json"
        path.write_text(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def markdown_tables() -> str:
    """The field tables of the README's output schema section."""
    out = []
    for kind, model in record_models().items():
        out.append(f"#### `{kind}.jsonl` ({model.__name__})\n")
        out.append("| field | type | description |\n| --- | --- | --- |")
        schema = model.model_json_schema()
        for name, prop in schema["properties"].items():
            typ = prop.get("type") or " | ".join(sorted({p.get("type", "?") for p in prop.get("anyOf", [])})) or "object"
            desc = (prop.get("description") or "").replace("|", "\\|").replace("\n", " ")
            out.append(f"| `{name}` | {typ} | {desc} |")
        out.append("")
    return "\n".join(out)

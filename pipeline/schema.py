"""JSON Schema of every output record, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from .core.records import DocumentRecord, ErrorRecord, Record


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


def _type_name(prop: dict, schema: dict) -> str:
    """A short readable type: 'string', 'integer or null', 'one of: direct, mixed, indirect'."""
    if "$ref" in prop:
        prop = schema.get("$defs", {}).get(prop["$ref"].rsplit("/", 1)[-1], {})
    if "enum" in prop:
        return "one of: " + ", ".join(str(v) for v in prop["enum"])
    if "anyOf" in prop:
        names = [_type_name(p, schema) for p in prop["anyOf"]]
        return " or ".join(sorted(set(names), key=lambda n: (n == "null", n)))
    if prop.get("type") == "array" and "items" in prop:
        items = prop["items"]
        return f"array of {_type_name(items, schema)}" if isinstance(items, dict) and items else "array"
    return prop.get("type", "object")


def markdown_tables() -> str:
    """The field tables of the README's output schema section."""
    out = []
    for kind, model in record_models().items():
        out.append(f"#### `{kind}.jsonl` ({model.__name__})\n")
        out.append("| field | type | description |\n| --- | --- | --- |")
        schema = model.model_json_schema()
        for name, prop in schema["properties"].items():
            typ = _type_name(prop, schema)
            desc = (prop.get("description") or "").replace("|", "\\|").replace("\n", " ")
            out.append(f"| `{name}` | {typ} | {desc} |")
        out.append("")
    return "\n".join(out)

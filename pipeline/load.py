"""Loading outputs into pandas.

``pipeline.load("outputs")`` returns a :class:`Outputs` mapping of DataFrames, one per output
kind, with ids as strings, offsets as nullable integers and dates parsed; ``provisions_table`` (the
merged provision table across articles) and ``comparisons`` (side-by-side comparisons, long form)
come from ``tables/``. ``entity_summary`` gives the per-article list of distinct entities."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .stages import OUTPUT_KINDS as KINDS

STRING_COLUMNS = {
    "doc_id",
    "memorandum_id",
    "provision_id",
    "path",
    "text",
    "kb_id",
    "canonical",
    "label",
    "type",
    "value",
    "kind",
    "party",
    "category",
    "status",
    "speaker",
    "cue",
    "name",
    "section",
    "item",
}
INT_SUFFIXES = ("start", "end")
DATE_COLUMNS = {"documents": ["date"], "memoranda": ["date"]}


class Outputs(dict):
    """DataFrames by kind; attribute access (``out.entities``) as a convenience."""

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def entity_summary(self) -> pd.DataFrame:
        """Per article and canonical entity: label, mention count, first offset."""
        ents = self["entities"]
        if ents.empty:
            return pd.DataFrame(columns=["doc_id", "canonical", "label", "count", "first_start"])
        key = ents["canonical"].fillna(ents["text"])
        return (
            ents.assign(canonical=key)
            .groupby(["doc_id", "canonical", "label"], as_index=False)
            .agg(count=("start", "size"), first_start=("start", "min"))
            .sort_values(["doc_id", "first_start"])
            .reset_index(drop=True)
        )


def _frame(path: Path, kind: str) -> pd.DataFrame:
    rows = []
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    df = pd.DataFrame(rows)
    for col in df.columns:
        if col in STRING_COLUMNS:
            df[col] = df[col].astype("string")
        elif col.endswith(INT_SUFFIXES) or col in ("line", "sentence", "n_chars", "n_words"):
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for col in DATE_COLUMNS.get(kind, []):
        if col in df.columns:
            df[col] = pd.to_datetime(df[col], errors="coerce", format="ISO8601")
    return df


def load_outputs(outputs: str | Path = "outputs") -> Outputs:
    outputs = Path(outputs)
    if not (outputs / "documents.jsonl").exists():
        raise FileNotFoundError(f"{outputs} holds no documents.jsonl: run `make extract` first")
    out = Outputs({kind: _frame(outputs / f"{kind}.jsonl", kind) for kind in KINDS})
    # the merged provision table (one row per provision, all its sources) and the comparisons, long form
    for frame, name in (("provisions_table", "provisions"), ("comparisons", "comparisons")):
        path = outputs / "tables" / f"{name}.csv"
        out[frame] = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()
    return out

"""The dates stage: its components and the records function (Doc -> DateRecord)."""

from __future__ import annotations

from spacy.tokens import Doc

from ...core.docs import in_boilerplate, span_fields
from ...core.stage import Stage
from . import component  # noqa: F401  (registers the timex_model_spans and timex factories)
from .records import DateRecord


def extract_dates(doc: Doc) -> dict[str, list[DateRecord]]:
    records = []
    spans = doc.spans["timex"] if "timex" in doc.spans else []
    for span in spans:
        info = span._.timex
        if not info or in_boilerplate(doc, span.start_char, span.end_char):
            continue
        records.append(DateRecord(**span_fields(doc, span.start_char, span.end_char), **info))
    return {"dates": records}


STAGE = Stage(
    name="dates",
    components=[("timex_model_spans", {}, {"after": "ner"}), ("timex", {})],
    outputs={"dates": DateRecord},
    extract=extract_dates,
)

"""Dates: temporal expressions normalised to TIMEX3 values.

(Foundation version: the base model's DATE/TIME entities, without values.)"""
from __future__ import annotations

from pydantic import Field
from spacy.tokens import Doc

from .records import SpanRecord
from .stages import Stage
from .text import in_boilerplate, span_fields


class DateRecord(SpanRecord):
    """One temporal expression (TIMEX3)."""

    type: str = Field(description="TIMEX3 type: DATE, TIME, DURATION or SET.")
    value: str | None = Field(default=None, description="TIMEX3 value, e.g. 2025-06-02, 2025-W22, P100D, PRESENT_REF.")
    mod: str | None = Field(default=None, description="TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, ...")
    anchor: str | None = Field(default=None, description="Reference date used to resolve a relative expression.")
    relative: bool = Field(default=False, description="True when the value was computed from the anchor.")


def extract_dates(doc: Doc) -> dict[str, list[DateRecord]]:
    records = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and not in_boilerplate(doc, ent.start_char, ent.end_char):
            records.append(DateRecord(**span_fields(doc, ent.start_char, ent.end_char), type=ent.label_))
    return {"dates": records}


STAGE = Stage(name="dates", components=[], outputs={"dates": DateRecord}, extract=extract_dates)

"""Quotes: direct, mixed and indirect quotations with their speakers.

(Foundation version: text between matching quote marks.)"""
from __future__ import annotations

import re
from typing import Literal

from pydantic import Field
from spacy.tokens import Doc

from .records import SpanRecord
from .stages import Stage
from .text import in_boilerplate, span_fields

QUOTED = re.compile(r'"([^"\n]{2,})"|“([^”]{2,})”')


class QuoteRecord(SpanRecord):
    """One quotation: ``start``/``end`` delimit its content."""

    kind: Literal["direct", "mixed", "indirect"]
    speaker: str | None = Field(default=None, description="Resolved name of the speaker.")
    speaker_start: int | None = Field(default=None, description="Start of the speaker mention in the attribution (may be a pronoun).")
    speaker_end: int | None = None
    speaker_canonical: str | None = None
    speaker_kb_id: str | None = None
    cue: str | None = Field(default=None, description="The reporting verb or phrase (said, told reporters, according to).")
    cue_start: int | None = None
    cue_end: int | None = None


def extract_quotes(doc: Doc) -> dict[str, list[QuoteRecord]]:
    records = []
    for m in QUOTED.finditer(doc.text):
        start, end = m.span(1) if m.group(1) is not None else m.span(2)
        if not in_boilerplate(doc, start, end):
            records.append(QuoteRecord(**span_fields(doc, start, end), kind="direct"))
    return {"quotes": records}


STAGE = Stage(name="quotes", components=[], outputs={"quotes": QuoteRecord}, extract=extract_quotes)

"""The quotes stage's records: one per quotation (or part of a split quotation)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...core.records import SpanRecord


class QuoteRecord(SpanRecord):
    """One quotation: ``start``/``end`` delimit its content (one part of it, for a split quote)."""

    kind: Literal["direct", "mixed", "indirect"]
    speaker: str | None = Field(default=None, description="Resolved name of the speaker.")
    speaker_start: int | None = Field(
        default=None, description="Start of the speaker mention in the attribution (may be a pronoun)."
    )
    speaker_end: int | None = None
    speaker_canonical: str | None = None
    speaker_kb_id: str | None = None
    cue: str | None = Field(
        default=None, description="The reporting verb or phrase (said, told reporters, according to)."
    )
    cue_start: int | None = None
    cue_end: int | None = None
    quote_id: int | None = Field(
        default=None,
        description="Shared by the parts of one attribution (a split quote, a quote over several paragraphs).",
    )
    part: int = Field(default=0, description="Index of this part within its attribution.")
    floating: bool = Field(
        default=False, description="True for a quotation with no cue of its own, given the previous speaker."
    )

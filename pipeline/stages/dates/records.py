"""The dates stage's records: one per temporal expression (TIMEX3)."""

from __future__ import annotations

from pydantic import Field

from ...core.records import SpanRecord


class DateRecord(SpanRecord):
    """One temporal expression (TIMEX3)."""

    type: str = Field(description="TIMEX3 type: DATE, TIME, DURATION or SET.")
    value: str | None = Field(default=None, description="TIMEX3 value, e.g. 2025-06-02, 2025-W22, P100D, PRESENT_REF.")
    mod: str | None = Field(default=None, description="TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, ...")
    anchor: str | None = Field(default=None, description="Reference date used to resolve a relative expression.")
    relative: bool = Field(default=False, description="True when the value was computed from the anchor.")
    range_start: str | None = Field(
        default=None, description="First value of an interval ('May 23-25' -> 2025-05-23; 'two-to-three-day' -> P2D)."
    )
    range_end: str | None = Field(
        default=None, description="Last value of an interval ('May 23-25' -> 2025-05-25; 'two-to-three-day' -> P3D)."
    )
    anchor_text: str | None = Field(
        default=None,
        description="The event a duration is counted from ('within 100 days of ending martial law' -> 'ending martial "
        "law').",
    )
    anchor_start: int | None = Field(default=None, description="Start offset of anchor_text in the body.")
    anchor_end: int | None = Field(default=None, description="End offset (exclusive) of anchor_text in the body.")
    relation: str | None = Field(
        default=None, description="How the duration relates to its anchor event: within, after, before."
    )

"""The entities stage's records: one per mention of a named entity."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...core.records import SpanRecord


class EntityRecord(SpanRecord):
    """One mention of a named entity."""

    label: str = Field(description="spaCy label: PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW.")
    canonical: str | None = Field(default=None, description="Canonical name shared by all mentions of the same entity.")
    kb_id: str | None = Field(
        default=None,
        description="Stable id across articles (Wikidata QID where known, else local:<kind>/<slug> for gazetteer "
        "entries), null when unknown.",
    )
    kb_name: str | None = Field(
        default=None, description="The gazetteer's name for kb_id, the same in every article (null when unknown)."
    )
    role: str | None = Field(
        default=None, description="Role or title of a person in this mention's context (e.g. 'Foreign Minister')."
    )
    affiliation: str | None = Field(default=None, description="Country or organisation the person is affiliated with.")
    source: Literal["model", "gazetteer", "rule"] = Field(default="model", description="What found the mention.")

"""Entities: people, organisations and places, with canonical names.

(Foundation version: the base model's entities, canonical = surface text.)"""
from __future__ import annotations

from typing import Literal

from pydantic import Field
from spacy.tokens import Doc

from .records import SpanRecord
from .stages import Stage
from .text import in_boilerplate, span_fields

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW"}


class EntityRecord(SpanRecord):
    """One mention of a named entity."""

    label: str = Field(description="spaCy label: PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW.")
    canonical: str | None = Field(default=None, description="Canonical name shared by all mentions of the same entity.")
    kb_id: str | None = Field(default=None, description="Stable id (Wikidata QID where known), null when unknown.")
    role: str | None = Field(default=None, description="Role or title of a person in this mention's context (e.g. 'Foreign Minister').")
    affiliation: str | None = Field(default=None, description="Country or organisation the person is affiliated with.")
    source: Literal["model", "gazetteer", "rule"] = Field(default="model", description="What found the mention.")


def extract_entities(doc: Doc) -> dict[str, list[EntityRecord]]:
    records = []
    for ent in doc.ents:
        if ent.label_ not in LABELS or in_boilerplate(doc, ent.start_char, ent.end_char):
            continue
        records.append(EntityRecord(**span_fields(doc, ent.start_char, ent.end_char), label=ent.label_,
                                    canonical=ent.text, source="model"))
    return {"entities": records}


STAGE = Stage(name="entities", components=[], outputs={"entities": EntityRecord}, extract=extract_entities)

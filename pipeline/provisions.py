"""Provisions: memoranda, plans and agreements, and their clauses.

(Foundation version: the record types only.)"""
from __future__ import annotations

from typing import Literal

from pydantic import Field
from spacy.tokens import Doc

from .records import Record, SpanRecord
from .stages import Stage

Status = Literal["proposed", "agreed", "rejected", "implemented"]


class MemorandumRecord(SpanRecord):
    """A memorandum, plan, proposal or agreement reported by an article (span: its first mention)."""

    memorandum_id: str = Field(description="Stable across articles: party + kind + date or name.")
    name: str
    kind: str = Field(description="memorandum, plan, proposal, draft, agreement, declaration, ...")
    party: str | None = Field(default=None, description="Proposer or signatories, e.g. 'Russia', 'Russia and Ukraine'.")
    date: str | None = Field(default=None, description="Date presented or agreed (ISO), from the dates stage.")
    status: Status | None = None


class ProvisionRecord(SpanRecord):
    """One clause of a memorandum."""

    provision_id: str
    memorandum_id: str | None = None
    party: str | None = None
    section: str | None = None
    item: str | None = None
    category: str | None = Field(default=None, description="One of the 22 category labels (data/categories.yaml).")
    actor: str | None = Field(default=None, description="Who must act.")
    modality: Literal["demand", "offer", "commitment", "condition"] | None = None
    conditions: str | None = None
    deadline: str | None = None
    status: Status | None = None


def extract_provisions(doc: Doc) -> dict[str, list[Record]]:
    return {"memoranda": [], "provisions": []}


STAGE = Stage(name="provisions", components=[], outputs={"memoranda": MemorandumRecord, "provisions": ProvisionRecord},
              extract=extract_provisions, requires=("entities", "dates"))

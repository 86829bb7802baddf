"""The provisions stage's records: memoranda reported by an article, and their provisions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...core.records import SpanRecord

Status = Literal["proposed", "agreed", "rejected", "implemented"]
Modality = Literal["demand", "offer", "commitment", "condition"]
Change = Literal["removed", "changed", "added"]


class MemorandumRecord(SpanRecord):
    """A memorandum, plan, proposal or agreement reported by an article (span: its first mention)."""

    memorandum_id: str = Field(description="Stable across articles: party + kind + date or name.")
    name: str
    kind: str = Field(description="memorandum, plan, proposal, draft, agreement, declaration, ...")
    party: str | None = Field(default=None, description="Proposer or signatories, e.g. 'Russia', 'Russia and Ukraine'.")
    date: str | None = Field(default=None, description="Date presented or agreed (ISO), from the dates stage.")
    status: Status | None = None
    n_provisions: int = Field(default=0, description="Number of provisions this article reports for it.")
    mentions: list[tuple[int, int]] = Field(
        default_factory=list, description="Offsets of every mention in the article."
    )
    aliases: list[str] = Field(
        default_factory=list, description="Every name the article gives it ('28-point plan', 'US draft', 'the plan')."
    )
    revises: str | None = Field(
        default=None, description="memorandum_id of the document this one revises (a counter-proposal, a new draft)."
    )


class ProvisionRecord(SpanRecord):
    """One clause of a memorandum."""

    provision_id: str
    memorandum_id: str | None = None
    party: str | None = None
    section: str | None = None
    item: str | None = None
    category: str | None = Field(
        default=None, description="One of the 22 category labels (data/provisions/categories.yaml)."
    )
    actor: str | None = Field(default=None, description="Who must act.")
    modality: Literal["demand", "offer", "commitment", "condition"] | None = None
    conditions: str | None = None
    deadline: str | None = None
    status: Status | None = None
    frame: str | None = Field(
        default=None,
        description="How it was found: content, position, agreement, refusal, list, bullet, modal, complement, "
        "revision (rule frames), scope (a clause the decision model read under the document in scope).",
    )
    cue: str | None = Field(
        default=None, description="The verb or phrase that introduced it (calls for, agreed to, :)."
    )
    sentence_start: int | None = Field(default=None, description="Start offset of the sentence it comes from.")
    sentence_end: int | None = None
    score: float | None = Field(
        default=None, description="The decision model's probability that this is a provision (null: the rules alone)."
    )
    change: Change | None = Field(
        default=None, description="What a revision does to this clause: removed, changed or added (else null)."
    )
    revises: str | None = Field(
        default=None, description="With a change: memorandum_id of the document whose clause it removes or changes."
    )

"""The provisions stage: its component and the records function (Doc -> memoranda, provisions)."""

from __future__ import annotations

import hashlib
import re

from spacy.tokens import Doc

from ...core.docs import span_fields
from ...core.records import Record
from ...core.stage import Stage
from . import component  # noqa: F401  (registers the provision_finder factory)
from .frames.base import Frame
from .memoranda import Memo
from .records import MemorandumRecord, ProvisionRecord


def provision_id(memorandum_id: str, section: str | None, item: str | None, text: str) -> str:
    """memorandum id + section/item + short hash of the normalised text: the same clause in two articles merges."""
    norm = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    h = hashlib.sha1(norm.encode()).hexdigest()[:8]
    place = "-".join(x for x in (f"s{section}" if section else "", f"i{item}" if item else "") if x)
    return f"{memorandum_id}-{place}-{h}" if place else f"{memorandum_id}-{h}"


def extract_provisions(doc: Doc) -> dict[str, list[Record]]:
    memo_recs: list[Record] = []
    prov_recs: list[Record] = []
    for span in doc.spans.get("memoranda", []):
        memo: Memo | None = span._.memorandum
        if memo is None:
            continue
        memo_recs.append(
            MemorandumRecord(
                **span_fields(doc, span.start_char, span.end_char),
                memorandum_id=memo.memorandum_id(),
                name=memo.name,
                kind=memo.kind,
                party=memo.party,
                date=memo.date,
                status=memo.status,
                n_provisions=memo.n_provisions,
                mentions=memo.mentions,
                aliases=memo.aliases,
                revises=memo.revises.memorandum_id() if memo.revises is not None else None,
            )
        )
    for span in doc.spans.get("provisions", []):
        info = span._.provision
        if not info:
            continue
        memo: Memo = info["memo"]
        fr: Frame = info["frame"]
        mid = memo.memorandum_id()
        section = fr.section
        sent = span.sent
        prov_recs.append(
            ProvisionRecord(
                **span_fields(doc, span.start_char, span.end_char),
                provision_id=provision_id(mid, section, info["item"], span.text),
                memorandum_id=mid,
                party=memo.party,
                section=section,
                item=info["item"],
                category=info["category"],
                actor=info["actor"],
                modality=fr.modality,
                conditions=info["conditions"],
                deadline=info["deadline"],
                status=info["status"],
                frame=fr.kind,
                cue=fr.cue.text if fr.cue is not None else None,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                score=info.get("score"),
                change=fr.change,
                revises=fr.revises.memorandum_id() if fr.change and fr.revises is not None else None,
            )
        )
    return {"memoranda": memo_recs, "provisions": prov_recs}


STAGE = Stage(
    name="provisions",
    components=[("provision_finder", {})],
    outputs={"memoranda": MemorandumRecord, "provisions": ProvisionRecord},
    extract=extract_provisions,
)

"""The fields of one provision besides its category: actor, conditions, deadline, status."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ...core.docs import doc_text
from .dates import timex_values
from .frames.base import Frame
from .lexicon import Lexicon
from .memoranda import ArticleMemoranda
from .parties import party_of_token

BEFORE_RELATIONS = ("before", "prior", "until")  # the dates stage's relations of an anchored duration, before it


def details(lex: Lexicon, doc: Doc, span: Span, fr: Frame, state: ArticleMemoranda | None = None) -> dict:
    """Actor, conditions, deadline and status of one provision."""
    return {
        "actor": actor(lex, span, fr, state),
        "conditions": conditions(lex, span),
        "deadline": deadline(lex, doc, span),
        "status": status(lex, span, fr),
    }


def actor(lex: Lexicon, span: Span, fr: Frame, state: ArticleMemoranda | None = None) -> str | None:
    """Who must act: the subject of the provision's own clause ('Ukraine withdraw ...', 'both sides will ...');
    else the parties of an agreement or commitment; else unknown."""
    for t in span:
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.i >= span.start and t.head.i < span.end:
            p = state.subject_party(t) if state is not None else party_of_token(t, lex.data)
            if p:
                return p
    if fr.memo.kind == "agreement" or fr.modality == "commitment":
        return fr.memo.party
    return None  # a demand without a subject: who acts is not said ("the return of all children")


def conditions(lex: Lexicon, span: Span) -> str | None:
    """The clause opened by a condition marker ('if', 'after', 'in exchange for', 'once', 'before')."""
    doc = span.doc
    cues = lex.data.cues
    for i in range(span.start + 1, span.end):
        for words in lex.cond_markers:
            if all(i + k < span.end and doc[i + k].lower_ == w for k, w in enumerate(words)):
                if i > span.start and doc[i - 1].like_num or doc[i - 1].lower_ in cues.time_units:
                    continue  # "within 30 days after ...": part of a deadline
                if words[0] in cues.temporal_condition_markers and not any(
                    doc[j].tag_.startswith("VB") or doc[j].lemma_.lower() in cues.event_nouns
                    for j in range(i + 1, min(span.end, i + 8))
                ):
                    continue
                end = span.end
                for j in range(i + len(words), span.end):
                    if doc[j].text in (",", ";"):
                        end = j
                        break
                return doc[i:end].text
    return None


def deadline(lex: Lexicon, doc: Doc, span: Span) -> str | None:
    """A time limit: 'within 100 days of ending martial law' -> 'P100D after ending martial law'."""
    cues = lex.data.cues
    markers = set(cues.deadline_markers) - set(cues.weak_deadline_markers)
    for at, tx in timex_values(doc, span.start_char, span.end_char):
        tok = doc.char_span(tx["start"], tx["end"], alignment_mode="expand")
        if tok is None:
            continue
        prev = doc[tok.start - 1] if tok.start > 0 else None
        if (
            prev is None
            or prev.lower_ not in markers
            and not (prev.lower_ in cues.relative_deadline_markers and tok.start > 1)
        ):
            continue
        value = tx.get("value") or _duration_value(tx.get("text", ""), cues.number_words) or tx.get("text")
        if tx.get("anchor_text") and tx.get("anchor_start") is not None:
            rel = "before" if (tx.get("relation") or "") in BEFORE_RELATIONS else "after"
            a_start, a_end = tx["anchor_start"], min(tx.get("anchor_end") or span.end_char, span.end_char)
            anchor = doc_text(doc)[a_start:a_end]
            anchor = re.split(r",|;| and that | and | but ", anchor)[0].strip()
            if anchor and span.start_char <= a_start < span.end_char:
                return f"{value} {rel} {anchor}"
        rest = doc[tok.end : span.end]
        if prev.lower_ == "within" and len(rest) > 1 and rest[0].lower_ in cues.deadline_anchor_words:
            anchor = rest[1:]
            cut = next((t.i for t in anchor if t.text in (",", ";")), anchor.end)
            return f"{value} after {doc[anchor.start : cut].text}"
        if prev.lower_ == "within":
            return str(value)
        return f"{prev.lower_} {value}"
    return None


def status(lex: Lexicon, span: Span, fr: Frame) -> str:
    """The frame's status (the memorandum's by default), overridden by a cue in the provision's own clause."""
    st_ = fr.status
    text = span.text.lower()
    for cue, st in lex.data.status_cue.items():
        if st == "implemented" and re.search(rf"\b{re.escape(cue)}\b", text):
            return st
    return st_


def _duration_value(text: str, number_words: dict[str, int]) -> str | None:
    """'30 days' -> 'P30D' when the dates stage gave no value."""
    m = re.match(r"^\s*(\d+|[a-z]+)[\s-]+(day|week|month|year)s?\b", text.lower())
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else number_words.get(m.group(1))
    if n is None:
        return None
    return f"P{n}{m.group(2)[0].upper()}"

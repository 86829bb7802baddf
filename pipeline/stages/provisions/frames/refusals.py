"""Refusals: "Russia rejected a full 30-day ceasefire" (a provision of the other side, ``rejected``), and
the refusals that change the status of provisions read elsewhere: "Putin rejected a peace plan that called
for X", "Ukraine asked Russia to return X but the Russian side refused", "Kyiv has firmly rejected this
condition" (of the sentences before)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..grammar import REFERRING_DETERMINERS, REFERRING_OR_ANY
from ..rules import split_party
from ..segment import content_end
from .base import Frame
from .common import negated_acceptance, subject

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


def refusal_frames(reading: Reading, sentence: Sentence, verb: Token) -> list[Frame]:
    fr = refusal_frame(reading, sentence, verb)
    return [fr] if fr is not None else []


def refusal_frame(reading: Reading, sentence: Sentence, verb: Token) -> Frame | None:
    doc = reading.doc
    state = reading.memoranda
    si, mentions = sentence.index, sentence.mentions
    if verb.dep_ in ("amod", "acl") or any(c.dep_ == "neg" for c in verb.children):
        return None
    dobj = [c for c in verb.children if c.dep_ in ("dobj", "xcomp") and c.i > verb.i]
    if not dobj:
        return None
    obj = dobj[0]
    if (
        obj.pos_ == "PRON"
        or obj.lemma_.lower() in reading.data.cues.header_nouns
        or any(c.lower_ in REFERRING_OR_ANY for c in obj.lefts)
    ):
        return None  # "rejected this condition", "any such land concessions": refers back, no new content
    # the proposer: a party named in the object ("the U.S. proposal"), else the other side of the table
    memo = next((mentions[t.i] for t in obj.subtree if t.i in mentions), None)
    if memo is not None and obj.i in mentions:
        return None  # "rejected the plan": the plan's clauses keep their status
    subj = subject(verb, reading.data)
    refuser = state.subject_party(subj) if subj is not None else None
    if memo is None:
        table = state.negotiating_parties(verb.idx)
        others = [p for p in (table or "").replace(" and ", ", ").split(", ") if p and p != refuser]
        if not refuser or len(others) != 1:
            return None
        memo = state.position(others[0], "proposal", (verb.idx, verb.idx + len(verb)), si)
    start = obj.left_edge.i if obj.dep_ == "dobj" else obj.i
    end = obj.right_edge.i + 1
    if verb.tag_ not in ("VBD", "VBN", "VBZ") or not reading.lex.categories.strong_trigger(doc[start:end]):
        return None
    return Frame(memo, start, end, "refusal", "offer", "rejected", cue=verb, need_trigger=True)


def reject_refused_documents(reading: Reading, sentence: Sentence, frames: list[Frame]) -> None:
    """'Putin rejected a peace plan ... that called for X': X is rejected."""
    doc = reading.doc
    refusal_verbs = reading.data.cues.refusal_verbs
    for fr in frames:
        if fr.kind != "agreement" and any(
            m is fr.memo
            and doc[i].dep_ == "dobj"
            and doc[i].head.lemma_.lower() in refusal_verbs
            and not any(c.dep_ == "neg" for c in doc[i].head.children)
            for i, m in sentence.mentions.items()
        ):
            fr.status = "rejected"


def tail_status(reading: Reading, sentence: Sentence, frames: list[Frame]) -> list[Frame]:
    """'Ukraine asked Russia to return X but the Russian side refused': the comment after the content
    decides the status of what came before it."""
    doc = reading.doc
    refusal = reading.lex.refusals
    for fr in frames:
        end = content_end(doc, fr.start, fr.end, reading.data)
        if end < fr.end:
            tail = doc[end : fr.end]
            if any(t.lemma_.lower() in refusal or negated_acceptance(t, reading.data) for t in tail):
                fr.status = "rejected"  # "..., a condition Kyiv says it will never accept"
    return frames


def refusal_back(reading: Reading, sent: Span, si: int) -> None:
    """'Kyiv has firmly rejected this condition', 'Ukraine has repeatedly rejected any such land concessions':
    a refusal of something named just before rejects the other party's provisions of the last two sentences."""
    for verb in sent:
        if not refuses(reading, verb):
            continue
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i != verb.i), None)
        if obj is None:
            continue
        named = reading.mention_memo.get(obj.i)
        if named is not None and not named.generic:
            for _, fr in reading.found:  # "Zelenskiy had also rejected the plan": its clauses read just before
                if fr.si >= si - 2 and fr.memo is named and named.kind != "agreement":
                    fr.status = "rejected"
            continue
        reject_provisions_before(reading, sent, si, verb, obj)


def refuses(reading: Reading, verb: Token) -> bool:
    """A refusal verb ("rejected", "ruled out"), not negated."""
    lemma = verb.lemma_.lower()
    phrasal = any(c.dep_ == "prt" and (lemma, c.lower_) in reading.lex.phrasal_refusals for c in verb.children)
    return (
        (lemma in reading.lex.refusals or phrasal)
        and verb.pos_ in ("VERB", "AUX")
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def reject_provisions_before(reading: Reading, sent: Span, si: int, verb: Token, obj: Token) -> None:
    """The refuser's refusal of "this condition" rejects the other side's provisions of the last two
    sentences; the refused thing restated ("ruled out a withdrawal from the Donbas") rejects the other side's
    provision of the same strong category read just before, when that frame gave one provision."""
    found = reading.found
    labels_of = reading.lex.categories.strong_labels
    subj = (
        subject(verb, reading.data)
        if obj.dep_ == "dobj"
        else next((c for c in verb.children if c.dep_ == "agent"), None)
    )
    refuser = reading.memoranda.subject_party(subj) if subj is not None else None
    if not refuser:
        return
    back = obj.pos_ == "PRON" or any(c.lower_ in REFERRING_DETERMINERS for c in obj.lefts)
    labels = set() if back else labels_of(sent.doc[obj.left_edge.i : obj.right_edge.i + 1])
    if not back and not labels:
        return
    for seg, fr in found:
        if fr.si < si - 2 or not fr.memo.party or fr.memo.kind == "agreement" or refuser in split_party(fr.memo.party):
            continue
        if back or sum(f is fr for _, f in found) == 1 and labels & labels_of(sent.doc[seg.start : seg.end]):
            fr.status = "rejected"

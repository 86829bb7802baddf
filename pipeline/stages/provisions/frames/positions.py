"""Position nouns: "Russia's demand for Ukraine to hand over X", "another US demand - for Ukraine to hold
elections", "its insistence that Ukraine hold elections", "sweeping demands, such as X, Y and Z" (a party's
demands, kept like every position only with a category trigger)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..grammar import GROUP_POSSESSIVES
from ..parties import party_of_token
from .base import Frame
from .common import position_owner, subject

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


def noun_owner(reading: Reading, noun: Token) -> str | None:
    """The party of a position noun: a possessive ("Russia's demand", "its demand") or a party word
    before it in its own phrase ("the US demand", "a Russian condition")."""
    owner = position_owner(reading, noun)
    if owner:
        return owner
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod", "nmod"):
            p = party_of_token(c, reading.data)
            if p:
                return p
    return None


def position_that_or_list(doc: Doc, sent: Span, j: int) -> tuple[int, int] | None:
    """The content after a position noun other than "for": a clause ("its insistence that Ukraine hold
    elections") or an example list ("maximalist demands, such as X, Y and Z"). (start, end) or None."""
    w = doc[j]
    if (
        w.lower_ == "that"
        and w.dep_ == "mark"
        and w.head.i > j
        and w.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in w.head.children)
    ):
        return j + 1, max(t.i for t in w.head.subtree if t.i < sent.end) + 1
    prep = (
        doc[j + 1]
        if w.lower_ == "such" and j + 1 < sent.end and doc[j + 1].lower_ == "as"
        else w
        if w.lower_ == "including"
        else None
    )
    if prep is None:
        return None
    pobj = next((x for x in prep.children if x.dep_ == "pobj"), None)
    if pobj is None or pobj.i <= prep.i:
        return None
    return pobj.left_edge.i, min(pobj.right_edge.i + 1, sent.end)


def list_owner(reading: Reading, noun: Token) -> str | None:
    """Whose demands a clause or list follows when the noun has no possessive party: the subject of the verb
    that puts them forward ("Putin forwarded demands such as ..."), or, for "its insistence that ..." outside a
    verb phrase, the subject of the sentence's main verb ("Moscow continues ..., reflected in its insistence")."""
    state = reading.memoranda
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in reading.lex.putting_verbs:
        subj = subject(head, reading.data)
        return state.subject_party(subj) if subj is not None else None
    if any(c.dep_ == "poss" and c.lower_ in GROUP_POSSESSIVES for c in noun.children):
        root = noun.sent.root
        subj = subject(root, reading.data) if root.pos_ in ("VERB", "AUX") else None
        return state.subject_party(subj) if subj is not None and subj.pos_ != "PRON" else None
    return None


def position_for_frames(reading: Reading, sentence: Sentence) -> list[Frame]:
    """A party's position noun followed by "for": "for Ukraine to cede X" (a clause) or "for neutrality"
    (a noun phrase). The content starts after "for"; like every position it needs a category trigger."""
    doc = reading.doc
    data = reading.data
    sent, si = sentence.span, sentence.index
    nouns = data.cues.position_nouns
    out: list[Frame] = []
    for noun in sent:
        if noun.pos_ not in ("NOUN", "PROPN") or (noun.lower_ not in nouns and noun.lemma_.lower() not in nouns):
            continue
        j = noun.i + 1
        while j < sent.end and j <= noun.i + 2 and doc[j].text in ("-", "–", "—", ":", ","):
            j += 1
        if j >= sent.end - 1:
            continue
        content = position_that_or_list(doc, sent, j) if doc[j].lower_ != "for" else None
        if doc[j].lower_ != "for" and content is None:
            continue
        owner = noun_owner(reading, noun) or (list_owner(reading, noun) if content else None)
        if not owner or owner in reading.lex.self_deciding:
            continue
        to = next((t for t in doc[j + 1 : min(sent.end, j + 7)] if t.lower_ == "to" and t.head.tag_ == "VB"), None)
        if content is not None:
            j, end = content[0] - 1, content[1]
        elif to is not None:
            end = max(t.i for t in to.head.subtree if t.i < sent.end) + 1
        else:
            pobj = next((x for x in doc[j].children if x.dep_ == "pobj"), None)
            if pobj is None:
                continue
            end = pobj.right_edge.i + 1
        if end <= j + 1:
            continue
        memo = reading.memoranda.position(owner, "demands", (noun.idx, noun.idx + len(noun)), si)
        status = (
            "rejected"
            if noun.dep_ in ("dobj", "nsubjpass")
            and noun.head.lemma_.lower() in data.cues.refusal_verbs
            and not any(c.dep_ == "neg" for c in noun.head.children)
            else memo.status
        )
        out.append(Frame(memo, j + 1, end, "position", "demand", status, cue=noun, need_trigger=True))
    return out

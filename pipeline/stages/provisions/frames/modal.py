"""Statements under a document: "Under the plan, Ukraine would cut its army to 600,000", "The plan would
cap ...", sentences that go on describing a document named just before ("A draft treaty took shape. In
return for neutrality, it would receive security guarantees."), and in a joint statement "The Parties
commit to the following: The United States will (i) ...; and (ii) ...."."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..grammar import TAKE_UP_PRONOUNS
from ..memoranda import Memo
from ..parties import party_of_token
from ..rules import RuleData, split_party
from .base import Frame

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


def modal_frames(reading: Reading, sentence: Sentence) -> list[Frame]:
    """The modal statement and, before it, what is given in return ("In return for neutrality, it would ...")."""
    fr = modal_frame(reading, sentence)
    if fr is None:
        return []
    lead = lead_exchange(reading, sentence.span, fr)
    return [fr] if lead is None else [lead, fr]


def modal_frame(reading: Reading, sentence: Sentence) -> Frame | None:
    """A sentence whose main verb has a modal ("would", "will") and that is about a document: one named in an
    under-phrase ("Under the plan, ..."), as subject ("The plan would cap ..."), or continued from the sentence
    before ("In return, Russia would agree to ...")."""
    doc = reading.doc
    data = reading.data
    sent, mentions = sentence.span, sentence.mentions
    root = sent.root
    modal = modals_of(root, sent, data)
    if not modal:
        return None
    memo = under_document(reading, sentence)
    start = None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and not list_marker(c)), None)
    if subj is None and modal[0].i > sent.start and party_of_token(doc[modal[0].i - 1], data):
        subj = doc[modal[0].i - 1]  # "The United States will (i) modify ...": the parser took "(i)" for the subject
    if subj is not None and subj.i in mentions:
        memo = mentions[subj.i]
        start = modal[0].i + 1 if modal else root.i
    elif memo is not None and subj is not None:
        start = subj.left_edge.i
    elif memo is None and subj is not None and root.lemma_ != "be":
        memo = continued(reading, sentence, subj)
        if memo is not None:
            start = subj.left_edge.i  # "In return, Russia would agree to ...", "The United States will (i) ..."
    if memo is None or start is None or memo.kind in ("demands",):
        return None
    return Frame(
        memo,
        start,
        sent.end,
        "modal",
        "commitment" if memo.kind == "agreement" else "demand",
        memo.status,
        cue=modal[0] if modal else root,
        need_trigger=True,
    )


def modals_of(root: Token, sent: Span, data: RuleData) -> list[Token]:
    """The modals of the main verb, or those just before it ("China will (i) modify ...": the parser hung the
    modal on the list marker)."""
    modals = data.cues.modals
    modal = [c for c in root.children if c.tag_ == "MD" and c.lower_ in modals or c.lower_ in modals]
    if not modal:
        modal = [t for t in sent.doc[max(sent.start, root.i - 5) : root.i] if t.tag_ == "MD" and t.lower_ in modals]
    return modal


def under_document(reading: Reading, sentence: Sentence) -> Memo | None:
    """The document of an under-phrase at the start of the sentence ("Under the plan", "According to the
    draft"): a mention within the 12 tokens after it."""
    doc = reading.doc
    sent, mentions = sentence.span, sentence.mentions
    memo = None
    for words in reading.lex.under:
        for i in range(sent.start, min(sent.end, sent.start + 6)):
            if all(i + k < sent.end and doc[i + k].lower_ == w for k, w in enumerate(words)):
                for j in range(i, min(sent.end, i + 12)):
                    if j in mentions:
                        memo = mentions[j]
                        break
    return memo


def list_marker(tok: Token) -> bool:
    """'i' of '(i)', 'a' of 'a)': a list marker, not a word."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text == ")" and len(tok.text) <= 4 and tok.text.isalnum()


def continued(reading: Reading, sentence: Sentence, subj: Token) -> Memo | None:
    """The document a modal sentence goes on describing: one named (or continued) in the sentence before,
    with a party of it, a joint word ("the Parties"), a pronoun or a party's possession as subject
    ("The draft took shape. In return, Russia would agree to ...", "The Parties commit to the following:
    The United States will ...")."""
    active, active_si = sentence.active_before, sentence.active_before_index
    if active is None or active_si < sentence.index - 1 or active.position or active.generic or not active.party:
        return None
    if subj.lower_ in TAKE_UP_PRONOUNS:
        return active
    party = reading.memoranda.subject_party(subj)
    if party is None and any(
        c.dep_ == "poss" and (c.pos_ == "PRON" or party_of_token(c, reading.data)) for c in subj.children
    ):
        return active  # "its army would be capped", "Ukraine's army would be ..."
    if party and (set(split_party(party)) & set(split_party(active.party)) or active.kind != "agreement"):
        return active
    return None


def lead_exchange(reading: Reading, sent: Span, fr: Frame) -> Frame | None:
    """'In return for neutrality, it would receive guarantees': what is given in return is a provision too."""
    doc: Doc = reading.doc
    for words in reading.lex.exchange:
        i = sent.start
        while i < sent.end and (doc[i].is_space or doc[i].is_punct):
            i += 1
        if all(i + k < sent.end and doc[i + k].lower_ == w for k, w in enumerate(words)):
            start = i + len(words)
            comma = next((t.i for t in doc[start : fr.start] if t.text == ","), None)
            if comma is not None and comma - start >= 1:
                return Frame(fr.memo, start, comma, "modal", fr.modality, fr.status, cue=doc[i], need_trigger=True)
    return None

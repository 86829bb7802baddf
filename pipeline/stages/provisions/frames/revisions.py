"""Revisions: what a counter-proposal or a new draft does to the clauses of the text it revises.

"The revised draft drops the clause on frozen assets", "the new text removes the demand for a referendum",
"Kyiv's counter-proposal softens the section on troop caps", "the reply adds a clause on reconstruction", "the
clause on elections was struck out": the object of a revision verb (``revision_verbs`` in ``cues.yaml``, each
with what it does: removed, changed, added) is a provision of the *revising* document, with ``change`` saying
what the revision did to it and ``revises`` naming the document revised (the last other document named before),
status ``rejected`` when it is removed. The object must name a part of a document ("the clause on", "the
section on", "the demand for", "the reference to") or hold a strong category trigger ("drops the amnesty"),
so "the talks dropped off the agenda" is nothing.

"The section on elections was rewritten." gives the section as a ``changed`` provision of the document in scope;
its new wording, where the next sentences give it ("Ukraine would hold them within a year."), is read by the
decision layer under that document. A revision the text only wishes or promises ("the United States will modify
the clause on tariffs") is none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..memoranda import Memo
from .base import Frame
from .common import subject

if TYPE_CHECKING:
    from ..reading import Reading, Sentence

REVISION_PARTS = ("reference", "references", "language", "wording", "mention", "requirement", "requirements")


def revision_frames(reading: Reading, sentence: Sentence, verb: Token) -> list[Frame]:
    fr = revision_frame(reading, sentence, verb)
    return [fr] if fr is not None else []


def revision_frame(reading: Reading, sentence: Sentence, verb: Token) -> Frame | None:
    """The clause a revision verb removes, changes or adds, as a provision of the revising document."""
    data = reading.data
    change = data.cues.revision_verbs.get(verb.lemma_.lower())
    if change is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.tag_ == "MD" or c.dep_ == "neg" for c in verb.children) or verb.tag_ in ("VB", "VBG"):
        return None  # "the United States will modify ...": a commitment, not a revision reported
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    obj = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    if obj is None or not names_a_clause(reading, obj):
        return None
    memo = revising_document(reading, sentence, verb, passive)
    if memo is None or memo.position:
        return None
    revised = revised_document(reading, memo)
    if memo.revises is None:
        memo.revises = revised
    return Frame(
        memo,
        obj.left_edge.i,
        obj.right_edge.i + 1,
        "revision",
        None,
        "rejected" if change == "removed" else memo.status,
        cue=verb,
        need_trigger=False,
        change=change,
        revises=revised,
    )


def names_a_clause(reading: Reading, obj: Token) -> bool:
    """'the clause on X', 'the demand for X', 'the reference to X', or a phrase with a strong trigger."""
    data = reading.data
    lemma = obj.lemma_.lower()
    if lemma in data.part_kind or lemma in data.cues.position_nouns or obj.lower_ in REVISION_PARTS:
        return any(c.dep_ in ("prep", "acl", "relcl") for c in obj.children)
    span = reading.doc[obj.left_edge.i : obj.right_edge.i + 1]
    return reading.lex.categories.strong_trigger(span)


def revising_document(reading: Reading, sentence: Sentence, verb: Token, passive: bool) -> Memo | None:
    """The document that revises: the verb's subject when it names one ("the revised draft drops ..."), else the
    document the text is talking about ("The clause on X was dropped.", "It also removes ...")."""
    mentions = sentence.mentions
    subj = None if passive else subject(verb, reading.data)
    if subj is not None:
        for t in subj.subtree:
            if t.i in mentions:
                return mentions[t.i]
        if subj.pos_ != "PRON":
            return None  # "Negotiators dropped the clause": who revised what is not a document's content
    active, index = sentence.active_before, sentence.active_before_index
    return active if active is not None and index >= sentence.index - 3 else None


def revised_document(reading: Reading, memo: Memo) -> Memo | None:
    """The document revised: the last other document (not a party's prose position) named before the revision."""
    memos = reading.memoranda.memos
    at = memos.index(memo) if memo in memos else len(memos)
    for m in list(reversed(memos[:at])) + memos[at + 1 :]:  # one named before it, else one named after
        if not m.position and m.role == "document" and not m.generic:
            return m
    return None

"""Conditions: "Kyiv conditioned any pull-back on security guarantees", "he predicated the withdrawal on
a demilitarised zone": what a party makes its concession depend on is its demand (a ``condition``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..grammar import AND_OR, LIST_JOINTS, ON, SPEAKER_PRONOUNS
from .base import Frame
from .common import subject

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


def condition_frames(reading: Reading, sentence: Sentence, verb: Token) -> list[Frame]:
    """The "on" phrase of a condition verb; "on X and on Y" gives two contents. Passive or negated: nothing."""
    doc = reading.doc
    state = reading.memoranda
    sent = sentence.span
    if not_stated(verb):
        return []
    phrase = on_phrase(verb)
    if phrase is None:
        return []
    prep, obj, pobj = phrase
    subj = subject(verb, reading.data)
    party = state.subject_party(subj) if subj is not None else None
    if not party or subj.lower_ in SPEAKER_PRONOUNS or party in reading.lex.self_deciding:
        return []
    memo = state.position(party, "demands", (subj.idx, subj.idx + len(subj)), sentence.index)
    end = conditions_end(doc, sent, prep, obj, pobj)
    cuts = [pobj.left_edge.i] + [
        t.i + 1 for t in doc[pobj.right_edge.i + 1 : end] if t.lower_ in ON and doc[t.i - 1].lower_ in LIST_JOINTS
    ]
    bounds = cuts[1:] + [end]
    return [
        Frame(
            memo,
            a,
            b - 2 if k < len(cuts) - 1 else b,
            "position",
            "condition",
            memo.status,
            cue=verb,
            need_trigger="strong",
        )
        for k, (a, b) in enumerate(zip(cuts, bounds))
    ]


def not_stated(verb: Token) -> bool:
    """'was conditioned on', 'did not condition', 'a conditioned offer': no party states a condition here."""
    return (
        any(c.dep_ in ("neg", "auxpass") for c in verb.children)
        or verb.dep_ in ("amod", "acl")
        or verb.tag_ == "VBN"
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def on_phrase(verb: Token) -> tuple[Token, Token | None, Token] | None:
    """(the preposition "on", the verb's object, the object of "on"), also when the parser hung "on X" on the
    object's last noun ("conditioned any pull-back of troops on X")."""
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ON and c.i > verb.i), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if prep is None and obj is not None:  # the parser hung "on X" on the object's last noun
        prep = next((t for t in obj.subtree if t.dep_ == "prep" and t.lower_ in ON and t.i > obj.i), None)
    pobj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
    return None if pobj is None else (prep, obj, pobj)


def conditions_end(doc: Doc, sent: Span, prep: Token, obj: Token | None, pobj: Token) -> int:
    """The end of "on X and on Y" or "on X and Y", wherever the parser hung the second phrase."""
    end = pobj.right_edge.i + 1
    heads = {pobj.i, prep.i} | ({obj.i} if obj is not None else set())
    if doc[end - 1].lower_ in AND_OR:
        end -= 1  # the parser hung "and" on the noun before it
    while end + 1 < sent.end and doc[end].lower_ in AND_OR:
        nxt = doc[end + 1]
        if nxt.lower_ not in ON:  # "on X and Y": the parser may hang Y on the object before "on"
            nxt = next(
                (t for t in doc[end + 1 : min(sent.end, end + 6)] if t.dep_ == "conj" and t.head.i in heads), None
            )
        if nxt is None:
            break
        end = max(t.i for t in nxt.subtree) + 1  # "on X and on Y" (the parser hangs "on Y" anywhere)
    return min(end, sent.end)

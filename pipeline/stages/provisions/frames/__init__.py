"""Frames: where a sentence reports what a document or a party puts on the table (see :mod:`.base` for the
interface), one module per family:

- :mod:`.lists`       "the memorandum had four provisions: 1) ...", "he set out his terms: S", bullet lines
- :mod:`.content`     "the first section calls for X", "Russia is demanding that S" (content verbs)
- :mod:`.agreements`  "the two sides agreed to S", "a ceasefire was agreed", "A and B announced a truce"
- :mod:`.refusals`    "Russia rejected X", and refusals that reject what was read before
- :mod:`.conditions`  "Kyiv conditioned any pull-back on security guarantees"
- :mod:`.modal`       "Under the plan, Ukraine would ...", "The plan would cap ..."
- :mod:`.complements` "a U.S. proposal to turn X into Y", "a deal wherein S", "its provisions for X"
- :mod:`.positions`   "Russia's demand for Ukraine to S", "its insistence that S"
- :mod:`.revisions`   "the revised draft drops the clause on X" (a clause removed, changed or added)

A sentence is read by the families of ``FRAME_ORDER``, in that order; the verb family reads each verb
by the first row of ``VERB_FRAMES`` whose cue list holds its lemma. A new family is one module and one
entry in one of the two tables. After the families, :func:`sentence_frames` bounds the frames of one
sentence by each other and lets refusals decide their status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import agreements, complements, conditions, content, lists, modal, positions, refusals, revisions
from .base import Frame, SentenceFamily, VerbFamily
from .common import noun_tagged_verb

if TYPE_CHECKING:
    from ..reading import Reading, Sentence

# the families a verb is read by, by the cue list (cues.yaml) that holds its lemma: the first row wins
VERB_FRAMES: tuple[VerbFamily, ...] = (
    VerbFamily("agreement_verbs", agreements.agreement_frames),
    VerbFamily("refusal_verbs", refusals.refusal_frames, else_content=True),  # "the document opposes the use of"
    VerbFamily("revision_verbs", revisions.revision_frames),  # "the revised draft drops the clause on X"
    VerbFamily("condition_verbs", conditions.condition_frames),
    VerbFamily("truce_verbs", agreements.truce_frames, else_content=True),
    VerbFamily("content_verbs", content.content_frames),
)


def verb_lemma(tok: Token, sentence: Sentence, reading: Reading) -> str | None:
    """The lemma a verb is looked up by; None for a word that is no verb."""
    if noun_tagged_verb(tok, sentence.mentions, reading.data):
        return tok.lower_[:-1]  # "Russia's memorandum demands that": a verb the tagger read as a noun
    if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
        return None
    return tok.lemma_.lower()


def verb_frames(reading: Reading, sentence: Sentence) -> list[Frame]:
    """Each verb of the sentence, read by its row of VERB_FRAMES."""
    cues = reading.data.cues
    out: list[Frame] = []
    for tok in sentence.span:
        lemma = verb_lemma(tok, sentence, reading)
        if lemma is None:
            continue
        for family in VERB_FRAMES:
            if lemma not in getattr(cues, family.cues):
                continue
            found = family.find(reading, sentence, tok)
            if not found and family.else_content and lemma in cues.content_verbs:
                found = content.content_frames(reading, sentence, tok)
            out.extend(found)
            break
    return out


# the order the families read a sentence in
FRAME_ORDER: tuple[SentenceFamily, ...] = (
    SentenceFamily("list", lists.colon_frames),
    SentenceFamily("verb", verb_frames),
    SentenceFamily("modal", modal.modal_frames, only_if_none=True),
    SentenceFamily("complement", complements.mention_frames),
    SentenceFamily("position", positions.position_for_frames, only_if_none=True),
    SentenceFamily("part", complements.part_for_frames, only_if_none=True),
)


def sentence_frames(reading: Reading, sentence: Sentence) -> list[Frame]:
    """The frames of one sentence, in text order; the last one's memorandum becomes the active one."""
    out: list[Frame] = []
    for family in FRAME_ORDER:
        if family.only_if_none and out:
            continue
        out.extend(family.find(reading, sentence))
    refusals.reject_refused_documents(reading, sentence, out)
    out = bound(out)
    if out:  # the memorandum the sentence is about, not one named inside its content, is the one "it" means next
        reading.memoranda.active, reading.memoranda.active_sentence = out[-1].memo, sentence.index
    return refusals.tail_status(reading, sentence, out)


def bound(frames: list[Frame]) -> list[Frame]:
    """'the second section proposed X, and the third section outlined Y': X ends where the next
    frame's clause starts."""
    frames = sorted(frames, key=lambda f: f.start)
    for a, b in zip(frames, frames[1:]):
        if b.cue is None or b.kind == "complement":
            continue
        left = b.cue.i
        subj = next((c for c in b.cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i < b.cue.i:
            left = subj.left_edge.i
        if a.start < left < a.end:
            a.end = left

    return frames


__all__ = ["FRAME_ORDER", "VERB_FRAMES", "Frame", "sentence_frames"]

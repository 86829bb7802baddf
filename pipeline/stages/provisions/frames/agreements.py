"""Agreements: "the two sides agreed to X", "Putin agreed to S", "reached an agreement to S", "the talks
resulted in an agreement to S", "a prisoner exchange was agreed between X and Y", and a truce two parties
announce together ("Armenia and Azerbaijan announced an immediate ceasefire"). An agreement is reported,
not wished: "urged Moscow to agree", "would agree", "neither side agreed" found nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..grammar import (
    BETWEEN_PARTIES,
    COMPLEMENT_OPENERS,
    DO_FORMS,
    HYPOTHETICAL_MARKS,
    IN_TO,
    NEGATIVE_DETERMINERS,
    NEGATIVE_PRONOUNS,
    ON_TO,
    REFERRING_PRONOUNS,
    TO_ON,
)
from ..parties import parties_in
from ..rules import RuleData, joint_party, split_party
from .base import Frame
from .common import subject

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


def agreement_frames(reading: Reading, sentence: Sentence, verb: Token) -> list[Frame]:
    fr = agreement_frame(reading, sentence, verb)
    return [fr] if fr is not None else []


def truce_frames(reading: Reading, sentence: Sentence, verb: Token) -> list[Frame]:
    fr = announced_truce(reading, sentence, verb)
    return [fr] if fr is not None else []


def agreement_frame(reading: Reading, sentence: Sentence, verb: Token) -> Frame | None:
    """'the two sides agreed to S', 'reached an agreement to S', and the passive 'a ceasefire was agreed'."""
    doc = reading.doc
    sent = sentence.span
    if not_reached(verb):
        return None
    passive = passive_agreement(reading, sentence, verb)
    if passive is not None:
        return passive
    if not reported(verb):
        return None  # "calls on Hamas to agree", "Ukraine would agree": not an agreement reached
    party = agreeing_party(reading, verb)
    if not party or party in reading.lex.self_deciding:
        return None  # "Allies agreed to provide ...": an alliance deciding on its own
    if verb.lemma_.lower() in reading.data.cues.complement_agreement_verbs:
        start = verb_complement_start(verb, reading.data)
    else:
        start = noun_complement_start(verb, reading.data)
    if start is None:
        return None
    while start < sent.end and doc[start].lower_ in COMPLEMENT_OPENERS:
        start += 1
    if start >= sent.end - 1:
        return None
    memo = agreement_of(reading, sentence, verb, party)
    end = sent.end
    if (
        verb.dep_ not in ("ROOT", "conj")
        and verb.head.dep_ != "ROOT"
        or verb.dep_ in ("csubj", "nsubj", "pcomp", "advcl")
    ):
        end = min(sent.end, max(t.i for t in verb.subtree) + 1)  # embedded: the complement ends with the verb's phrase
    return Frame(memo, start, end, "agreement", "commitment", "agreed", cue=verb, need_trigger=True)


def not_reached(verb: Token) -> bool:
    """'the agreed ceasefire', 'never agreed', 'if the sides agree': no agreement reported here."""
    return (
        verb.dep_ in ("amod", "acl")
        or any(c.dep_ == "neg" for c in verb.children)
        or any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in verb.children)
    )


def agreeing_party(reading: Reading, verb: Token) -> str | None:
    """The party of the subject ("the two sides", "Putin"); for the meeting itself as subject ("these talks
    resulted in an agreement to ...") the parties at the table; None for "neither side", "no party"."""
    data = reading.data
    subj = subject(verb, data)
    if subj is None or subj.lower_ in NEGATIVE_PRONOUNS:
        return None
    if any(t.lower_ in NEGATIVE_DETERMINERS for t in subj.lefts):
        return None
    party = reading.memoranda.subject_party(subj)
    if not party and (subj.lemma_.lower() in data.cues.meeting_nouns or subj.lower_ in data.cues.meeting_nouns):
        party = reading.memoranda.negotiating_parties(verb.idx)  # "these talks resulted in an agreement to ..."
    return with_counterparts(reading, verb, party)


def with_counterparts(reading: Reading, verb: Token, party: str | None) -> str | None:
    """The signatories: the subject's party and those of a "with" phrase of the verb ("Cambodia agreed with the
    United States to ...", "Kyiv signed a deal with Washington")."""
    if not party:
        return party
    found = split_party(party)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "with" and c.i > verb.i:
            found += [p for p in parties_in(c.subtree, reading.data) if p not in found]
    return joint_party(found)


def verb_complement_start(verb: Token, data: RuleData) -> int | None:
    """Where 'agreed on Tuesday to halt strikes' (the verb of the complement, 'halt'), 'committed that they
    would S' or 'agreed on X' starts."""
    doc = verb.doc
    right = [c for c in verb.children if c.i > verb.i]
    for c in right:
        if c.dep_ == "xcomp":
            start = c.i  # the verb: "agreed on Tuesday to halt strikes" starts at "halt"
            while start - 1 > verb.i and doc[start - 1].dep_ in ("neg", "advmod") and doc[start - 1].head.i == c.i:
                start -= 1
            return start
        if c.dep_ == "ccomp" and any(a.tag_ == "MD" or a.lower_ == "to" for a in c.children):
            return c.left_edge.i
    if not data.cues.complement_agreement_verbs[verb.lemma_.lower()]:
        return None  # "accepted on Monday"
    for c in right:
        if c.dep_ == "prep" and c.lower_ in TO_ON:
            pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
            if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                continue
            return c.i + 1
    return None


def noun_complement_start(verb: Token, data: RuleData) -> int | None:
    """Where the content of an agreement noun starts: 'reached an agreement to S', 'struck a deal on X',
    'resulted in an agreement to S'."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in IN_TO and c.i > verb.i:
            c = next((x for x in c.children if x.dep_ == "pobj"), c)  # "resulted in an agreement to ..."
        if c.dep_ in ("dobj", "pobj") and c.i > verb.i and c.lemma_.lower() in data.cues.agreement_nouns:
            start = None
            for cc in c.children:
                if cc.dep_ in ("acl", "relcl") and cc.i > c.i and any(x.lower_ == "to" for x in cc.lefts):
                    start = cc.left_edge.i
                elif cc.dep_ == "prep" and cc.lower_ in ON_TO and cc.i > c.i:
                    start = cc.i + 1
            return start
    return None


def agreement_of(reading: Reading, sentence: Sentence, verb: Token, party: str):
    """The agreement of these parties (created if new), its first mention the verb when it has none."""
    memo = reading.memoranda.agreement(party, verb.idx, sentence.span, sentence.index)
    if memo.kind == "agreement" and memo.start == memo.end:
        memo.start, memo.end = verb.idx, verb.idx + len(verb)
    return memo


def announced_truce(reading: Reading, sentence: Sentence, verb: Token) -> Frame | None:
    """ "Armenia and Azerbaijan announced an immediate ceasefire", "the two countries declared a truce": two
    parties or more announcing a truce together have agreed to it. One party announcing one ("Russia declared
    a unilateral Easter truce") is not an agreement, and neither is a wished or denied announcement."""
    data = reading.data
    state = reading.memoranda
    sent = sentence.span
    if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ in ("amod", "acl") or not reported(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    nouns = set(data.cues.truce_nouns)
    if obj is None or obj.lemma_.lower() not in nouns and obj.lower_ not in nouns:
        return None
    subj = subject(verb, data)
    party = state.subject_party(subj) if subj is not None else None
    if not party or len(split_party(party)) < 2 or party in reading.lex.self_deciding:
        return None
    memo = agreement_of(reading, sentence, verb, party)
    return Frame(
        memo,
        obj.left_edge.i,
        min(obj.right_edge.i + 1, sent.end),
        "agreement",
        "commitment",
        "agreed",
        cue=verb,
        need_trigger=True,
    )


def passive_agreement(reading: Reading, sentence: Sentence, verb: Token) -> Frame | None:
    """ "A ceasefire was agreed in October", "a prisoner exchange was agreed between Russia and Ukraine": the
    subject is the provision; the parties are those of "between X and Y", else the parties at the table.
    Only a subject with a strong category trigger ("the deal was agreed" says nothing)."""
    doc = reading.doc
    state = reading.memoranda
    if verb.lemma_.lower() not in reading.data.cues.passive_agreement_verbs or not any(
        c.dep_ == "auxpass" for c in verb.children
    ):
        return None
    if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in verb.children):
        return None  # "a truce could be agreed", "a truce to be agreed": not reached
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.lower_ in REFERRING_PRONOUNS:
        return None
    if not reading.lex.categories.strong_trigger(doc[subj.left_edge.i : subj.right_edge.i + 1]):
        return None
    party = None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in BETWEEN_PARTIES:
            found = parties_in(c.subtree, reading.data)
            if len(found) >= 2:
                party = " and ".join(sorted(found))
    party = party or state.negotiating_parties(verb.idx)
    if not party or party in reading.lex.self_deciding:
        return None
    memo = agreement_of(reading, sentence, verb, party)
    return Frame(
        memo,
        subj.left_edge.i,
        subj.right_edge.i + 1,
        "agreement",
        "commitment",
        "agreed",
        cue=verb,
        need_trigger=True,
    )


def reported(verb: Token) -> bool:
    """An agreement that happened ('agreed', 'have agreed', 'did agree'), not one wished, urged or hypothetical."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in aux):
        return False
    if verb.tag_ in ("VBD", "VBZ"):
        return True
    if verb.tag_ == "VBN":
        return any(a.lemma_ == "have" for a in aux)
    if verb.tag_ == "VBP":
        return not any(a.lower_ == "to" for a in aux)
    if verb.tag_ == "VB":
        return any(a.lower_ in DO_FORMS for a in aux)
    if verb.tag_ == "VBG":
        return any(c.dep_ in ("nsubj", "poss") for c in verb.children) and verb.dep_ in ("csubj", "nsubj", "pcomp")
    return False

"""What several frame families ask of the parse: a verb's subject, the document a subject names, whose
position a noun states."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..grammar import DOCUMENT_PRONOUNS, RELATIVE_PRONOUNS, TAKE_UP_PRONOUNS, THAT_FOR
from ..memoranda import Memo
from ..parties import party_of_token
from ..rules import RuleData

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


def subject(verb: Token, data: RuleData) -> Token | None:
    """The subject of a verb, through conjuncts and open complements ("agreed to halt and to exchange"), the
    noun a relative or participle clause hangs on, or a party name just before a verb the parser left
    without subject."""
    if verb.tag_ == "NNS" and verb.i > 0 and verb.doc[verb.i - 1].dep_ == "compound":
        return verb.doc[verb.i - 1]
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return c
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return subject(verb.head, data)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    # the parser lost the subject ("According to the Times Kyiv demanded that ..."): a party name just before
    j = verb.i - 1
    while j >= verb.sent.start and (verb.doc[j].dep_ in ("advmod", "aux", "neg") or verb.doc[j].tag_ == "RB"):
        j -= 1
    if j >= verb.sent.start and verb.doc[j].pos_ == "PROPN" and party_of_token(verb.doc[j], data):
        return verb.doc[j]
    return None


def noun_tagged_verb(tok: Token, mentions: dict[int, Memo], data: RuleData) -> bool:
    """'the memorandum demands that ...' tagged as a compound noun 'memorandum demands': the word after a
    document mention, a content verb's third person, followed by 'that' or 'for' or parsed as the
    mention's head ("Ukraine's blueprint envisages X" with 'envisages' read as a noun)."""
    if not (tok.tag_ == "NNS" and tok.i > 0 and tok.i - 1 in mentions and tok.lower_[:-1] in data.cues.content_verbs):
        return False
    prev = tok.doc[tok.i - 1]
    return (
        tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].lower_ in THAT_FOR
        or prev.head.i == tok.i
        and prev.dep_ in ("nsubj", "compound")
        and tok.dep_ == "ROOT"
    )


def position_owner(reading: Reading, noun: Token) -> str | None:
    """The party whose demands or conditions a noun names: "Russia's demands", "its minimum demands"
    (its = the subject of the verb the noun depends on), also through "which" of a relative clause."""
    data = reading.data
    if noun.lower_ in RELATIVE_PRONOUNS and noun.head.dep_ == "relcl":
        noun = noun.head.head
    if noun.lemma_.lower() not in data.cues.position_nouns and noun.lower_ not in data.cues.position_nouns:
        return None
    for c in noun.children:
        if c.dep_ != "poss":
            continue
        p = party_of_token(c, data)
        if p:
            return p
        if c.pos_ == "PRON" and noun.head.pos_ in ("VERB", "AUX"):
            subj = subject(noun.head, data)
            if subj is not None and subj.lower_ in TAKE_UP_PRONOUNS and noun.head.dep_ == "conj":
                # "Moscow remains open to talks, but it will keep its demands": it = the first clause's subject
                subj = subject(noun.head.head, data) or subj
            return reading.memoranda.subject_party(subj) if subj is not None else None
    return None


def part_of(reading: Reading, sentence: Sentence, subj: Token) -> tuple[Memo | None, str | None]:
    """'The second section of the Russian memorandum' -> (memorandum, '2'); 'It' -> (active, its section)."""
    data = reading.data
    memoranda = reading.memoranda
    si, mentions = sentence.index, sentence.mentions
    lemma = subj.lemma_.lower()
    active, active_si = sentence.active_before, sentence.active_before_index
    if any(i < subj.i for i in mentions) and memoranda.active is not None:
        active, active_si = memoranda.active, memoranda.active_sentence
    recent = active is not None and active_si >= si - 3
    if lemma in data.part_kind:
        label = None
        for c in subj.children:
            if c.lower_ in data.documents.ordinals:
                label = data.documents.ordinals[c.lower_]
            elif c.dep_ == "nummod" and c.like_num:
                label = c.text
        memo = None
        for t in subj.subtree:
            if t.i in mentions:
                memo = mentions[t.i]
        if memo is None and recent:
            memo = active
        if memo is not None and data.part_kind[lemma] == "section":
            memo.section = label
        return memo, (label if data.part_kind[lemma] == "section" else None)
    if subj.i in mentions:
        memo = mentions[subj.i]
        if subj.lower_ in data.documents.whole_document_words and memo is active:
            memo.section = None
        return memo, None
    if subj.lower_ in RELATIVE_PRONOUNS or subj.tag_ in ("WDT", "WP"):
        head = subj.head.head if subj.head.dep_ == "relcl" else None
        if head is not None and head.i in mentions:
            return mentions[head.i], None
        # "a plan proposed by leaders from seven countries that called for ...": the clause hung on the
        # last noun of the mention's own phrase
        for _ in range(5):
            if head is None or head.dep_ not in ("pobj", "prep", "agent", "acl", "compound"):
                break
            head = head.head
            if head.i in mentions:
                return mentions[head.i], None
        return None, None  # "a region that includes ...": the antecedent is no document
    if subj.lower_ in DOCUMENT_PRONOUNS and recent:
        return active, active.section if active else None
    return None, None


def negated_acceptance(tok: Token, data: RuleData) -> bool:
    """'would not be accepted', 'will never agree': the content before it is rejected."""
    return tok.lemma_.lower() in data.cues.acceptance_verbs and any(
        c.dep_ == "neg" or c.lower_ == "never" for c in tok.children
    )

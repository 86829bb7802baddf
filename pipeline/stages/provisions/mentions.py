"""Document mentions: what one noun phrase headed by a document word says ("the Russian memorandum", "a
28-point plan", "Zelensky's Peace Formula", "the draft"): its kind, extent, party, number, proper name,
display name, the day it was presented, and whether it is generic ("any agreement")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .dates import ISO_DAY, timex_values
from .grammar import (
    ARTICLES,
    DEFINITE_DETERMINERS,
    GOAL_PREPOSITIONS,
    INDEFINITE_ARTICLES,
    OWNER_PREPOSITIONS,
    PERSON_POSSESSIVES,
    THAT_FOR,
)
from .parties import parties_in, party_of_token
from .rules import RuleData, joint_party


def mention_date(tok: Token, not_after: str | None) -> str | None:
    """The day a document was presented: a date in the mention's own phrase ('the memorandum released
    yesterday', 'the memorandum ... after yesterday's meeting') or attached to the verb that presents it
    ('Russia handed over its memorandum on Monday'); a date of the sentence's other events does not count."""
    doc = tok.doc
    verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" else None
    for at, tx in timex_values(doc, tok.sent.start_char, tok.sent.end_char):
        value = tx.get("value") or ""
        if tx.get("type", "DATE") != "DATE" or not ISO_DAY.match(value) or (not_after and value > not_after):
            continue
        span = doc.char_span(tx["start"], tx["end"], alignment_mode="expand")
        if span is None:
            continue
        node = span.root
        while node.head.i != node.i:
            node = node.head
            if node.i == tok.i:
                return value
            if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("acl", "amod"):
                if verb is not None and node.i == verb.i:
                    return value
                break
    return None


def mention_head(tok: Token, data: RuleData) -> str | None:
    """Kind of document if ``tok`` heads a document mention, else None."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    low, lemma = tok.lower_, tok.lemma_.lower()
    kind = data.doc_kind.get(low) or data.doc_kind.get(lemma)
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        nxt = tok.head
        verb_like = (
            nxt.i == tok.i + 1
            and nxt.tag_ == "NNS"
            and nxt.i + 1 < len(tok.doc)
            and tok.doc[nxt.i + 1].lower_ in THAT_FOR
        )
        if not verb_like:
            return None  # "deal talks", "plan details": not the head (but "the memorandum demands that ...")
    if kind is None and lemma in data.documents.general_nouns:
        if any(c.lower_ == "point" or c.text.endswith("-point") for c in tok.subtree if c.i < tok.i):
            return "plan"
    # a modifier before the head can make a known multi-word kind ("peace deal", "draft agreement", "joint
    # statement": a bare "statement" is no document)
    left = [t for c in tok.lefts if c.dep_ in ("compound", "amod") for t in c.subtree]  # "draft peace treaty"
    for c in left:
        k2 = data.doc_kind.get(f"{c.lower_} {low}") or data.doc_kind.get(f"{c.lower_} {lemma}")
        if k2:
            kind = k2
    return kind


def left_mods(tok: Token) -> list[Token]:
    """Pre-modifiers of a mention head; for a head the tagger took for a compound ("Russia's memorandum
    demands"), the modifiers of the word after it that stand before it count too."""
    lefts = list(tok.lefts)
    if tok.dep_ == "compound":
        lefts += [c for c in tok.head.lefts if c.i < tok.i and c.i not in {x.i for x in lefts}]
    return lefts


def mention_span(tok: Token) -> tuple[int, int]:
    """Token range of a mention: its pre-modifiers and the head."""
    start = tok.i
    for c in left_mods(tok):
        if c.dep_ in (
            "amod",
            "compound",
            "poss",
            "nmod",
            "nummod",
            "npadvmod",
            "det",
            "quantmod",
            "punct",
            "case",
            "advmod",
        ):
            start = min(start, c.left_edge.i)
    return start, tok.i + 1


def is_generic(tok: Token, data: RuleData) -> bool:
    """'any agreement', 'a possible future peace deal', 'a lasting peace agreement': not a document of the article."""
    gen = set(data.documents.generic_determiners)
    for c in tok.lefts:
        if c.lower_ in gen:
            return True
    for c in tok.lefts:
        if (
            c.dep_ == "det"
            and c.lower_ in INDEFINITE_ARTICLES
            and not any(x.dep_ in ("poss", "nummod") or "-point" in x.text for x in tok.lefts)
        ):
            return tok.dep_ in ("pobj", "attr") and tok.head.lower_ in GOAL_PREPOSITIONS
    return False


def numbered_name(tok: Token) -> str | None:
    """'28-point' of 'the 28-point plan', '10-point' of 'a 10-point peace formula'."""
    toks = list(tok.doc[mention_span(tok)[0] : tok.i])
    text = " ".join(t.text for t in toks)
    m = re.search(r"(\d{1,3})\s*-\s*point", text)
    return f"{m.group(1)}-point" if m else None


def mention_party(tok: Token, data: RuleData) -> str | None:
    """Party of a mention: its modifiers ('Russian', "Kyiv's", 'U.S.-proposed'), an 'of/by/from' phrase,
    or the subject of a presenting verb ('Russia presented a memorandum')."""
    s, e = mention_span(tok)
    found = parties_in(tok.doc[s : e - 1], data)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in OWNER_PREPOSITIONS:
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    found += [p for p in parties_in(pobj.subtree, data) if p not in found]
                    if not found and pobj.lower_ in data.parties.side_nouns:
                        found += parties_in(pobj.subtree, data)
    if not found:
        verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") else None
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
            verb = tok.head.head  # "entered into an agreement", "agreed on a plan"
        if verb is not None and verb.lemma_.lower() in data.documents.presenting_verbs:
            subj = [c for c in verb.children if c.dep_ in ("nsubj",)]
            agent = [c for c in verb.children if c.dep_ == "agent"]
            for s_ in subj + agent:
                found += [p for p in parties_in(s_.subtree, data) if p not in found]
            if not subj and verb.dep_ in ("xcomp", "conj", "ccomp") and verb.head.pos_ == "VERB":
                for s_ in (c for c in verb.head.children if c.dep_ == "nsubj"):
                    found += [p for p in parties_in(s_.subtree, data) if p not in found]
    if not found:  # "a joint statement signed by the foreign ministers of France, Germany and Italy"
        for c in tok.children:
            if c.dep_ == "acl" and c.i > tok.i:
                for agent in (x for x in c.children if x.dep_ == "agent"):
                    found += [p for p in parties_in(agent.subtree, data) if p not in found]
    if not found:
        found = [p for p in (_agent_group(c) for c in tok.children if c.dep_ == "acl") if p]
    if not found:
        found = _possessor_named_before(tok, data)
    return joint_party(found) if found else None


def _possessor_named_before(tok: Token, data: RuleData) -> list[str]:
    """'the announcement by President Trump regarding his proposal': 'his' / 'her' is the last person of the
    sentence named before the mention who stands for a party."""
    if not any(c.dep_ == "poss" and c.lower_ in PERSON_POSSESSIVES for c in tok.children):
        return []
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.ent_type_ == "PERSON":
            p = party_of_token(t, data)
            if p:
                return [p]
    return []


def _agent_group(verb: Token) -> str | None:
    """'proposed by African leaders from seven countries' -> 'African leaders': a group no party alias names."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in (c for c in agent.children if c.dep_ == "pobj"):
            norp = [c for c in pobj.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
            if norp and pobj.tag_ == "NNS":
                return f"{norp[0].text} {pobj.text}"
    return None


def after_markup(tok: Token, s: int) -> int:
    """The first token of a mention after crawled markup in its modifiers ("Fried ](https://...): “ deal")."""
    for t in tok.doc[s : tok.i]:
        if t.like_url or "](" in t.text or "http" in t.text or t.text in (":", "“", "”", '"', ")", "]"):
            s = t.i + 1
    return s


def proper_name(tok: Token, data: RuleData) -> str | None:
    """The capitalised words of a mention that are not a party: 'Peace Formula' of "Zelensky's Peace Formula"."""
    s, e = mention_span(tok)
    s = after_markup(tok, s)
    words = [
        t.text
        for t in tok.doc[s:e]
        if (t.pos_ == "PROPN" or t.is_title and t.i != t.sent.start)
        and not party_of_token(t, data)
        and t.dep_ not in ("det", "poss")
        and t.tag_ != "POS"
    ]
    # a capitalised head alone ("this Accord", "the Treaty") names nothing; a capitalised modifier does ("Minsk")
    return " ".join(words) if len(words) >= 2 or (words and words[-1] != tok.text) else None


def mention_name(tok: Token) -> str:
    s, e = mention_span(tok)
    s = after_markup(tok, s)
    toks = [t for t in tok.doc[s:e] if not (t.dep_ == "det" or t.tag_ in ("PRP$",) or t.lower_ in ARTICLES)]
    while toks and not toks[0].text[:1].isalnum() and toks[0].text[:1] not in "$€£":
        toks = toks[1:]  # "- agreement" of a bullet line, a stray quote: not part of the name
    name = (
        " ".join(t.text for t in toks if not t.is_space).replace(" - ", "-").replace(" 's", "'s").replace(" ’s", "’s")
    )
    return " ".join(name.split()) or tok.text


@dataclass
class Mention:
    """What a document mention says, read once before it is resolved."""

    tok: Token  # its head
    kind: str
    compat: str  # what it may take up: "document" for any document kind, else its own kind
    generic: bool  # "any agreement", "a lasting peace deal"
    party: str | None
    numbered: str | None  # "28-point"
    start: int  # character offsets of the mention with its pre-modifiers
    end: int
    definite: bool  # "the", "this", "its", a possessive

    @classmethod
    def of(cls, tok: Token, kind: str, data: RuleData) -> Mention:
        s, _ = mention_span(tok)
        definite = any(c.lower_ in DEFINITE_DETERMINERS or c.dep_ == "poss" for c in left_mods(tok))
        return cls(
            tok=tok,
            kind=kind,
            compat="document" if data.kind_role.get(kind) == "document" else kind,
            generic=is_generic(tok, data),
            party=mention_party(tok, data),
            numbered=numbered_name(tok),
            start=tok.doc[s].idx,
            end=tok.idx + len(tok),
            definite=definite,
        )

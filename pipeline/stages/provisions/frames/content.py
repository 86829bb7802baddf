"""Content verbs: "the first section calls for X", "the memorandum demands that S", "the draft also
proposes that S", and a party's own position: "Russia is demanding that S", "Ukraine had asked Russia
to S" (a ``position`` frame, kept only with a strong category trigger)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..grammar import FOR_ON, ON, SPEAKER_PRONOUNS
from ..memoranda import Memo
from ..parties import party_of_token
from ..rules import RuleData
from .base import Frame
from .common import negated_acceptance, noun_tagged_verb, part_of, position_owner, subject

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


def content_frames(reading: Reading, sentence: Sentence, verb: Token) -> list[Frame]:
    fr = content_frame(reading, sentence, verb)
    return [fr] if fr is not None else []


def participle_document(verb: Token, mentions: dict[int, Memo]) -> Token | None:
    """'The initiative went through several drafts, calling for X', 'The proposal may be a turning point,
    allowing for X': a participle clause after a comma whose main clause has a document as subject says what
    the document contains; that subject is returned."""
    if (
        verb.tag_ != "VBG"
        or verb.dep_ != "advcl"
        or verb.head.i > verb.i
        or verb.i == 0
        or verb.doc[verb.i - 1].text != ","
    ):
        return None
    subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.i in mentions or any(t.i in mentions for t in subj.subtree if t.i <= subj.i)):
        return subj
    return None


def opposed_to(verb: Token, data: RuleData) -> bool:
    """'The paper was opposed to any first use of chemical arms': 'be opposed to' is the stance 'oppose'."""
    return (
        verb.lemma_.lower() in data.cues.to_participle_verbs
        and verb.i + 1 < len(verb.doc)
        and verb.doc[verb.i + 1].lower_ == "to"
        and any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in verb.children)
    )


def as_content(verb: Token) -> tuple[int, int] | None:
    """', as Moscow has demanded,': the demand is the phrase just before the comma (tokens [start, end))."""
    doc = verb.doc
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i), None)
    if (
        mark is None
        or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
        or mark.i < 2
        or doc[mark.i - 1].text != ","
    ):
        return None
    if verb.dep_ == "advcl" and verb.head.i < mark.i and verb.head.left_edge.i < mark.i - 1:
        return verb.head.left_edge.i, mark.i - 1  # "Handing over the region, as Moscow has demanded, ..."
    node = doc[mark.i - 2]
    while node.head.i != node.i and node.head.right_edge.i < mark.i - 1 and node.head.i != verb.i:
        node = node.head
    if node.right_edge.i != mark.i - 2 or node.left_edge.i >= node.right_edge.i:
        return None
    return node.left_edge.i, node.right_edge.i + 1


def object_then_to(verb: Token, data: RuleData) -> bool:
    """'pressing Ukraine to withdraw', 'fighting for Ukraine to give up': a party as object, then a
    to-infinitive."""
    doc = verb.doc
    for c in verb.children:
        if c.i < verb.i:
            continue
        if (
            c.dep_ in ("advcl", "xcomp", "ccomp")
            and any(x.lower_ == "for" and x.dep_ == "mark" for x in c.children)
            and any(x.lower_ == "to" for x in c.children)
            and any(x.dep_ == "nsubj" and party_of_token(x, data) for x in c.children)
        ):
            return True  # "fighting for Ukraine to give up ..." parsed as a clause
        if (
            c.dep_ in ("ccomp", "xcomp")
            and any(x.lower_ == "to" and x.dep_ == "aux" for x in c.children)
            and any(x.dep_ == "nsubj" and party_of_token(x, data) for x in c.children)
        ):
            return True  # "wants Ukraine to recognise ..." parsed with Ukraine as the clause subject
        obj = (
            c
            if c.dep_ == "dobj"
            else next((x for x in c.children if x.dep_ == "pobj"), None)
            if c.dep_ == "prep" and c.lower_ in FOR_ON
            else None
        )
        if obj is None or not party_of_token(obj, data):
            continue
        nxt = obj.right_edge.i + 1 if obj.right_edge.i > obj.i else obj.i + 1
        if (
            nxt < len(doc)
            and doc[nxt].lower_ == "to"
            or any(x.dep_ in ("xcomp", "ccomp") and x.i > obj.i for x in verb.children)
            or any(x.lower_ == "to" for x in obj.subtree if x.i > obj.i)
        ):
            return True
    return False


def tied_to_talks(verb: Token, data: RuleData) -> bool:
    """'seeking full control of the region as part of any settlement': the goal is a term of the talks."""
    words = set(data.cues.negotiation_words)
    return any(t.lower_ in words or t.lemma_.lower() in words for t in verb.subtree if t.i > verb.i)


def content_start(verb: Token, end: int, data: RuleData) -> int:
    """First token of a content verb's complement: its clause ('demanded in a speech that S' -> S), the object
    of 'for'/'on' ('calls for X'), its object ('proposed X'), after an object party + 'to' ('asked Russia to S')."""
    doc = verb.doc
    right = [c for c in verb.children if c.i > verb.i]
    clause = [c for c in right if c.dep_ in ("xcomp", "ccomp")]
    dobj = [c for c in right if c.dep_ == "dobj"]
    nxt = doc[verb.i + 1] if verb.i + 1 < end else None
    if nxt is not None and nxt.lower_ == "for" and nxt.head.i == verb.i and nxt.dep_ in ("prep", "prt"):
        i = verb.i + 2  # "calling for a ceasefire, an exchange of ...": the parser may take a later item for the object
    elif dobj and clause and party_of_token(dobj[0], data) and clause[0].i > dobj[0].i:
        i = dobj[0].right_edge.i + 1
    elif clause and not dobj:
        i = clause[0].left_edge.i
    elif dobj:
        i = dobj[0].left_edge.i
    else:
        preps = [
            c for c in right if c.dep_ in ("prep", "prt", "mark") and c.lower_ in data.cues.complement_prepositions
        ]
        i = preps[0].i + 1 if preps else verb.i + 1
    particles = set(data.cues.particles) | {"to"}
    while i < end and (
        doc[i].lower_ in particles
        or doc[i].pos_ == "ADV"
        and doc[i].lower_ != "not"
        or doc[i].dep_ == "prt"
        or doc[i].lower_ in ON
        or doc[i].tag_ in ("RB",)
    ):
        i += 1
    return i


def content_frame(reading: Reading, sentence: Sentence, verb: Token) -> Frame | None:
    """A content verb with a document (or a part of one) as subject, else a party's own position."""
    data = reading.data
    doc = reading.doc
    sent, mentions = sentence.span, sentence.mentions
    lemma = verb.lower_[:-1] if noun_tagged_verb(verb, mentions, data) else verb.lemma_.lower()
    participle_of = participle_document(verb, mentions)
    if not reads_content(verb, lemma, sentence, participle_of, data):
        return None
    subj = participle_of if participle_of is not None else subject(verb, data)
    if subj is None and verb.dep_ in ("acl",) and verb.head.i in mentions:
        subj = verb.head  # "a memorandum demanding that ...": the participle modifies the document
    if subj is None:
        return None
    memo, section = document_of(reading, sentence, verb, subj)
    frame_kind = "content"
    if memo is None:
        memo = party_position(reading, sentence, verb, lemma, subj)
        if memo is None:
            return None
        frame_kind = "position"
    elif not document_says(memo, lemma, subj, sentence, data):
        return None
    need_trigger = "strong" if frame_kind == "position" else True
    before = as_content(verb)
    if before is not None:  # "ceding the rest of the region, as Moscow has demanded, would not be accepted"
        status = "rejected" if negated_acceptance(doc[before[0] : before[1]].root.head, data) else memo.status
        modality = data.cues.content_verbs.get(lemma, "demand")
        return Frame(memo, *before, frame_kind, modality, status, cue=verb, section=section, need_trigger=need_trigger)
    start = content_start(verb, sent.end, data)
    if start >= sent.end - 1 or describes_content(doc[start], data):
        return None
    modality = "commitment" if memo.kind == "agreement" else data.cues.content_verbs.get(lemma, "demand")
    return Frame(
        memo, start, sent.end, frame_kind, modality, memo.status, cue=verb, section=section, need_trigger=need_trigger
    )


def reads_content(verb: Token, lemma: str, sentence: Sentence, participle_of: Token | None, data: RuleData) -> bool:
    """Is this use of a content verb one that introduces content? Not negated, not "..., including X" (a
    sub-list), not passive ("the memorandum put forward by the other side"), and with its particle where it
    needs one ("calls for", "sets out", "provides for")."""
    if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ == "amod":
        return False
    progressive = any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
    if (
        verb.tag_ == "VBG"
        and not progressive
        and not (verb.dep_ == "acl" and verb.head.i in sentence.mentions)
        and participle_of is None
        or verb.lower_ == "including"
    ):
        return False  # "..., including X": a sub-list, not a verb of content
    if (
        verb.tag_ == "VBN"
        and (verb.dep_ == "acl" or any(c.dep_ == "auxpass" for c in verb.children))
        and not opposed_to(verb, data)
    ):
        return False  # "the memorandum put forward by the other side": passive
    return has_particle(verb, lemma, sentence.span, data)


def has_particle(verb: Token, lemma: str, sent: Span, data: RuleData) -> bool:
    """'calls for', 'called on Kyiv to', 'set out', 'put forward', 'provides for': the verbs that say what a
    document contains only with their particle (``particle_verbs``) have it."""
    particles = data.cues.particle_verbs.get(lemma)
    if particles is None:
        return True
    doc = verb.doc
    if verb.i + 1 < sent.end and doc[verb.i + 1].lower_ in particles:
        return True
    return lemma in data.cues.loose_particle_verbs and any(
        c.lower_ in particles for c in verb.children if c.i == verb.i + 1 or c.dep_ in ("prep", "prt", "mark")
    )


def document_of(reading: Reading, sentence: Sentence, verb: Token, subj: Token) -> tuple[Memo | None, str | None]:
    """The document (and section) the subject of a content verb names: "the second section", "the memorandum",
    "it", "the plan's first point"."""
    mentions = sentence.mentions
    memo, section = part_of(reading, sentence, subj)
    if subj.i in mentions:
        memo = mentions[subj.i]
    elif (
        subj.lemma_.lower() not in reading.data.part_kind
        and subj.pos_ != "PRON"
        and any(t.i in mentions and t.i < verb.i for t in subj.subtree)
    ):
        memo = next(mentions[t.i] for t in subj.subtree if t.i in mentions and t.i < verb.i)
    return memo, section


def party_position(reading: Reading, sentence: Sentence, verb: Token, lemma: str, subj: Token) -> Memo | None:
    """The demands (or proposals) of the party that is the subject: "Russia is demanding that S", "Kyiv asked
    Moscow to S", "its minimum demands, which include X"; None when the verb states no position at a table."""
    data = reading.data
    owner = position_owner(reading, subj) if lemma in data.cues.containing_verbs else None
    if owner:
        party = owner  # "its minimum demands, which include X", "Russia's conditions include X"
    elif states_position(verb, lemma, data):
        party = reading.memoranda.subject_party(subj)
    else:
        return None
    if not party or subj.lower_ in SPEAKER_PRONOUNS or party in reading.lex.self_deciding:
        return None  # an alliance's own calls ("NATO calls on Russia to ...") are no position at a table
    if demands_noun_before(verb) or asserts(verb):
        return None
    kind = "demands" if data.cues.content_verbs.get(lemma) == "demand" else "proposal"
    return reading.memoranda.position(party, kind, (subj.idx, subj.idx + len(subj)), sentence.index)


def states_position(verb: Token, lemma: str, data: RuleData) -> bool:
    """A party verb ("demands", "offers"); a verb of pressure with a party object and a to-infinitive
    ("presses Ukraine to withdraw"); a verb of seeking tied to the talks ("seeking X as part of any settlement")."""
    return (
        lemma in data.cues.party_verbs
        or lemma in data.cues.party_object_verbs
        and object_then_to(verb, data)
        or lemma in data.cues.party_goal_verbs
        and tied_to_talks(verb, data)
    )


def demands_noun_before(verb: Token) -> bool:
    """'the sacrifices the Kremlin is demanding of them': in a relative clause without its own complement, the
    demand is the noun before, not what follows."""
    return verb.dep_ == "relcl" and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp") or c.dep_ in ("prep", "prt") and c.lower_ in FOR_ON for c in verb.children
    )


def asserts(verb: Token) -> bool:
    """'Minsk insisted that Belarus was a peaceful nation': a past-tense clause is an assertion, not a demand."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    return clause is not None and (
        clause.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in clause.children)
    )


def document_says(memo: Memo, lemma: str, subj: Token, sentence: Sentence, data: RuleData) -> bool:
    """A document whose content may be read: one with a party, number or name ("It said ..." of an unnamed
    statement: whose clauses, is not known); "It said ..." only of a document named in the sentence before."""
    if not (memo.party or memo.numbered or memo.proper):
        return False
    saying = data.cues.saying_verbs
    if lemma in saying and memo.role is None:
        return False
    return not (lemma in saying and subj.pos_ == "PRON" and sentence.active_before_index < sentence.index - 1)


def describes_content(first: Token, data: RuleData) -> bool:
    """'would include outlining a range of provisions': a description of the content, not the content."""
    return first.tag_ == "VBG" and first.lemma_.lower() in set(data.documents.presenting_verbs) | set(
        data.cues.content_verbs
    )

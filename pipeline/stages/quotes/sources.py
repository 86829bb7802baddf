"""Who a cue's source is, and whether that subject may be a source at all.

The source of a cue verb is its subject, found through the constructions news writing puts
between them: a passive ("was asked by X"), a participle or conjunct with no subject of its own
(", adding that", "and asked whether"), a gerund after a preposition ("by saying that", "voters are
united in supporting"), a relative clause ("X, who said") and inverted order after a quotation
("..., added a party official"). Whether it may be one depends on the cue's class: verbs of saying
take any subject, stance verbs an agent (a person, organisation, group, poll or report), and what a
document "says" is a provision, not speech.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .context import DocContext
from .grammar import DUMMY_IT, INHERIT_SUBJECT, JOINERS, OF, WHO
from .lexicon import SPEECH, Lexicon
from .rules import CueClass

UNDECIDED = object()  # a source rule that does not apply: the next one is tried (None means "no source")


class SourceFinder:
    """The source rules (see the module docstring); built once, reads the Doc through a DocContext."""

    def __init__(self, lex: Lexicon):
        self.lex = lex

    # ------------------------------------------------------------------ the subject of a cue

    def source_of(self, verb: Token, depth: int = 0) -> Token | None:
        """The subject of a cue verb, through passives, participles, conjuncts and relatives
        (``depth`` counts the steps up the parse, at most three)."""
        subj, passive = own_subject(verb)
        if passive:
            return passive_agent(verb)  # "was asked by X"; an agentless passive names no source
        if subj is not None:
            if depth < 3 and is_dummy_it_of_adjective(subj, verb):
                return self.source_of(verb.head, depth + 1)  # "made it clear that"
            return subj
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
            return verb.head  # "the super PAC supporting X"
        for rule in (self.gerund_source, self.inherited_source):
            found = rule(verb, depth)
            if found is not UNDECIDED:
                return found
        return inverted_subject(verb) if depth == 0 else None

    def gerund_source(self, verb: Token, depth: int) -> Token | None | object:
        """A gerund after a preposition takes the subject of what the preposition hangs on:
        a verb ("... by saying that", "he was faulted for backing"), an adjective ("voters are
        united in supporting"), a noun's possessor ("their strategy of attacking him") or the
        verb of a noun object ("drew criticism for promoting ...")."""
        if depth >= 3 or verb.dep_ != "pcomp" or verb.head.dep_ != "prep":
            return UNDECIDED
        owner = verb.head.head
        if owner.pos_ in ("VERB", "AUX"):
            found = self.source_of(owner, depth + 1)  # "... by saying that", "after arguing that"
            if found is None:  # "voters are united in supporting", "he was faulted for backing"
                found = next((c for c in owner.children if c.dep_ == "nsubjpass"), None)
            return found
        if owner.pos_ == "ADJ" and owner.dep_ in ("acomp", "oprd") and owner.head.pos_ in ("VERB", "AUX"):
            return self.source_of(owner.head, depth + 1)  # "voters are united in supporting ..."
        if owner.pos_ == "NOUN":
            poss = next((c for c in owner.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss  # "their strategy of attacking him"
            if owner.dep_ == "dobj" and owner.head.pos_ == "VERB":
                return self.source_of(owner.head, depth + 1)  # "drew criticism for promoting ..."
        return UNDECIDED

    def inherited_source(self, verb: Token, depth: int) -> Token | None | object:
        """A complement, participle or conjunct with no subject of its own takes its head's
        ("vowed to ...", ", adding that"); a speech verb hung inside what another speech verb
        reports takes the reporting verb's ("X said the plan was flawed, noting that ...")."""
        if depth >= 3 or verb.dep_ not in INHERIT_SUBJECT | {"acomp", "oprd"} or verb.head is verb:
            return UNDECIDED
        speaker = self.reporting_verb_above(verb)
        if speaker is not None:  # "X said the plan was flawed, noting that ...": X noted it
            return self.source_of(speaker, depth + 1)
        if verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            return self.source_of(verb.head, depth + 1)
        return UNDECIDED

    def reporting_verb_above(self, verb: Token) -> Token | None:
        """For a speech cue after a comma or "and" with no subject of its own (", noting that",
        "and asked whether"), whose parse hangs it inside what another speech verb reports:
        that reporting verb, whose speaker is its speaker too."""
        if (
            verb.dep_ not in ("advcl", "conj")
            or not (verb.tag_ == "VBG" or verb.dep_ == "conj")
            or not self.lex.takes_quotes(verb)
        ):
            return None
        before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
        if before is None or before.text not in JOINERS:
            return None
        node, steps = verb.head, 0
        while node.dep_ in ("conj", "advcl", "xcomp") and node.head is not node and steps < 4:
            node, steps = node.head, steps + 1
        if node.dep_ != "ccomp" or node.head is node:
            return None
        outer = node.head
        return outer if outer.i < verb.i and self.lex.takes_quotes(outer) else None

    # ------------------------------------------------------------------ who may be a source

    def source_ok(self, ctx: DocContext, source: Token | None, cls: CueClass, name: str) -> bool:
        """Whether ``source`` may be the source of a cue of class ``cls`` (named ``name``)."""
        lex = self.lex
        if source is None:
            return cls.source == "any" and name == SPEECH
        low = source.lower_
        if low in lex.non_speakers:
            return False
        lemma = source.lemma_.lower()
        if lemma in lex.provision_sources and not ctx.entity_at(source.i):
            return False
        if low in lex.document_pronouns and (
            self.previous_subject_lemma(ctx, source) in lex.provision_sources
            or subject_lemma(source.sent) in lex.provision_sources
        ):
            return False  # "The first section calls for ... It also calls for ...": a document's provision
        if source.dep_ == "expl":
            return False
        if cls.source == "any":
            return name == SPEECH or low not in lex.generic_pronouns
        if source.pos_ == "PRON" and low in lex.relative:
            clause = source.head  # "aides who applauded him": the noun the clause hangs on
            head = clause.head if clause.dep_ in ("relcl", "acl") else None
            return head is not None and head.i < source.i and (low == WHO or self.agent_like(ctx, head))
        return self.agent_like(ctx, source)

    def agent_like(self, ctx: DocContext, source: Token) -> bool:
        """Who may hold a stance: a person, organisation or country, a personal pronoun, a poll
        or report, and any other noun phrase ("voters", "some of them", "a plurality of
        Democrats", "others"): PolNeAR attributes the stance of groups as well as of people.
        Dummy subjects ("there", "this", "what"), "you" and relative pronouns are not."""
        lex = self.lex
        low, lemma = source.lower_, source.lemma_.lower()
        if source.pos_ == "PRON" and (low in lex.pronouns or low in lex.first_person):
            return True
        if ctx.entity_at(source.i) is not None:
            return True
        if (
            lemma in lex.titles
            or lemma in lex.groups
            or lemma in lex.evidence_sources
            or source.ent_type_ != ""
            or source.pos_ == "PROPN"
        ):
            return True
        if source.pos_ == "ADJ":  # "most of the farmers", "many of them"
            return any(c.dep_ == "prep" and c.lower_ == OF for c in source.children)
        return (
            source.pos_ in ("NOUN", "PRON", "DET", "NUM")
            and low not in lex.non_speakers
            and low not in lex.relative
            and low not in lex.non_agents
        )

    def is_evidence(self, source: Token | None) -> bool:
        """A poll, study, record or video, or a relative pronoun for one ('polls that show ...')."""
        if (
            source is not None
            and source.lower_ in self.lex.relative
            and source.head.dep_ in ("relcl", "acl")
            and source.head.head.i < source.i
        ):
            source = source.head.head
        return source is not None and source.lemma_.lower() in self.lex.evidence_sources

    @staticmethod
    def previous_subject_lemma(ctx: DocContext, tok: Token) -> str | None:
        """Lemma of the head of the main subject of the sentence before ``tok``'s."""
        start = tok.sent.start
        return subject_lemma(ctx.doc[start - 1].sent) if start > 0 else None


def own_subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's own subject, and whether the verb is passive ("was asked", "it was said")."""
    passive = False
    subj = None
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj", "expl"):
            subj = child
        elif child.dep_ == "nsubjpass":
            subj, passive = child, True
        elif child.dep_ == "auxpass":
            passive = True
    return subj, passive


def passive_agent(verb: Token) -> Token | None:
    """The object of a passive's "by" phrase ("was asked by X": X)."""
    for child in verb.children:
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    return None


def is_dummy_it_of_adjective(subj: Token, verb: Token) -> bool:
    """ "made it clear that": the "it" of a predicate adjective, whose source is the verb's subject."""
    return (
        subj.lower_ == DUMMY_IT
        and verb.pos_ == "ADJ"
        and verb.dep_ in ("ccomp", "oprd", "xcomp", "acomp")
        and verb.head is not verb
    )


def inverted_subject(verb: Token) -> Token | None:
    """Inverted order after a quotation: "..., added a party official." (the first dependent
    right of the verb, a noun, with punctuation or a quotation mark right before the verb)."""
    if verb.dep_ not in ("ROOT", "parataxis", "ccomp"):
        return None
    child = next(verb.rights, None)
    if child is None or child.dep_ not in ("dobj", "attr", "npadvmod", "oprd", "dative"):
        return None
    if child.pos_ not in ("NOUN", "PROPN"):
        return None
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return child if before is not None and (before.is_punct or before.is_quote) else None


def subject_lemma(sent: Span) -> str | None:
    """Lemma of the main subject of a sentence (or of its root, for a fragment)."""
    root = sent.root
    if root.pos_ in ("NOUN", "PROPN"):  # a fragment parse: "The first section [called for] ..."
        return root.lemma_.lower()
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj.lemma_.lower() if subj is not None else None

"""Pass 1, cues: the words that introduce reported speech or stance, each made an attribution.

Four kinds of cue, each with its content and its source:

- a cue **verb** or attitude **adjective** of ``cues.yaml`` ("said that ...", "vowed to ...",
  "critical of ..."): its content by its class's rules (:mod:`.content`), its source the subject
  (:mod:`.sources`). A cue whose subject is a document ("the memorandum demands that ...") is a
  provision, kept aside so that the cues inside it are not speech either;
- a cue **phrase** matched with the spaCy Matcher ("according to X"): X is the source, the clause
  the phrase modifies the content;
- a cue **noun** ("her claim that ...", "his promise to ...", "they voiced support for ..."): the
  clause or prepositional object is the content, the possessor (or the light verb's subject) the source;
- a **speaker label** opening a paragraph ("Q: ...", "SMITH: ..." in a transcript, "Jones: ..." in
  a headline): the rest of the paragraph is the content.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.matcher import Matcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from ...core.docs import in_ids
from .content import ContentFinder
from .context import Attribution, DocContext
from .grammar import ADJ_POS, COMPLEMENTIZER, COPULA, INFINITIVE_TO, NAME_LABELS, NOUN_POS, mark_of
from .lexicon import SPEECH, Lexicon
from .rules import CueClass
from .sources import SourceFinder

# a paragraph that opens with a short label and a colon: "Q: ...", "SMITH: ...", "Jones: ..."
LABEL_LINE = re.compile(r"(?m)^[ \t]*(?P<label>[A-Z][^\n:,;\"“”]{0,60}?)[ \t]*(?P<colon>:)[ \t]+(?P<rest>\S[^\n]*)")


def cue_chars(verb: Token) -> tuple[int, int]:
    """The cue's characters: the verb with its particle ("pointed out")."""
    end = verb.idx + len(verb.text)
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end = child.idx + len(child.text)
    return verb.idx, end


class CueFinder:
    """Pass 1 (see the module docstring); built once with the Matcher of the cue phrases."""

    def __init__(self, lex: Lexicon, vocab: Vocab, sources: SourceFinder, content: ContentFinder):
        self.lex = lex
        self.sources = sources
        self.content = content
        self.matcher = Matcher(vocab)
        for phrase in lex.cues.phrases:  # the source is the object of the phrase's last word (pobj)
            self.matcher.add(phrase.name, [phrase.pattern])

    def find(self, ctx: DocContext) -> list[Attribution]:
        """The attributions of every cue of the doc: verbs and adjectives, phrases, nouns, labels."""
        lex, doc = self.lex, ctx.doc
        out = []
        # the token attributes as arrays: making a Token object (or a Python int of each 64-bit
        # hash) per token is the cost here, and only a few tokens are cues
        lemma, lower, pos = doc.to_array([LEMMA, LOWER, POS]).T
        verb = in_ids(pos, lex.verb_pos_array) & (in_ids(lemma, lex.cue_id_array) | in_ids(lower, lex.cue_id_array))
        adj = (pos == ADJ_POS) & in_ids(lemma, lex.adj_id_array)
        verbs = numpy.flatnonzero(verb | adj).tolist()
        nouns = numpy.flatnonzero((pos == NOUN_POS) & in_ids(lemma, lex.noun_id_array)).tolist()
        for i in verbs:
            tok = doc[i]
            names = lex.cue_classes(tok)
            if names:
                att = self.verb_attribution(ctx, tok, names)
                if att is not None:
                    out.append(att)
        for match_id, start, end in self.matcher(doc):
            att = self.phrase_attribution(ctx, doc[start:end])
            if att is not None:
                out.append(att)
        for i in nouns:
            att = self.noun_attribution(ctx, doc[i])
            if att is not None:
                out.append(att)
        out.extend(self.label_attributions(ctx))
        return out

    # ------------------------------------------------------------------ verbs and adjectives

    def verb_attribution(self, ctx: DocContext, verb: Token, names: list[str]) -> Attribution | None:
        """The attribution of a cue verb or adjective: by the first of its classes whose source
        and content rules find something."""
        lex = self.lex
        source = self.sources.source_of(verb)
        if source is not None and source.lemma_.lower() in lex.provision_sources and ctx.entity_at(source.i) is None:
            # "the memorandum demands that ...": a provision; what it says is not anyone's speech
            span = self.content.clause_content(ctx, verb) or self.content.rest_content(ctx, verb)
            if span is not None:
                ctx.provision_spans.append(span)
            return None
        for name in names:
            cls = lex.classes[name]
            if "raising" in cls.content:
                source = None  # "X seems to ...": the writer's view, no source (nor for the classes after)
            elif source is None and "passive" in cls.content:
                pass  # agentless passive ("is expected to"): no source, and none needed
            elif not self.sources.source_ok(ctx, source, cls, name):
                continue
            parts = self.content_parts(ctx, verb, cls, source)
            if parts:
                return Attribution(parts=parts, cue=verb, cue_span=cue_chars(verb), source=source)
        return None

    def content_parts(self, ctx: DocContext, verb: Token, cls: CueClass, source: Token | None) -> list[tuple[int, int]]:
        """The content of a cue by one class's rules, as parts that leave the cue out; empty when
        there is none or it is too short."""
        span = self.content.content_of(ctx, verb, cls, source)
        if span is None:
            return []
        start, end = span
        if cls.content == ["patient"] and start <= verb.idx < end:
            # "the emails were deemed classified": the subject and the complement, not the cue
            return [p for p in around_verb(ctx, verb, start, end) if ctx.words(*p) >= 1]
        if start <= verb.idx < end and verb.dep_ != "parataxis":  # a misparse put the cue inside its own content
            after = verb.idx + len(verb.text)
            if ctx.words(after, end) >= 2:
                start = after
            else:
                end = verb.idx
        if ctx.words(start, end) < cls.min_tokens:
            return []
        a, b = ctx.trim(start, end)
        if a >= b:
            return []
        if a <= verb.idx < b:  # "After X, the office said, they will ...": the two sides, not the cue
            left, right = verb.left_edge, verb.right_edge
            return [p for p in (ctx.trim(a, left.idx), ctx.trim(right.idx + len(right.text), b)) if p[1] > p[0]]
        return [(a, b)]

    # ------------------------------------------------------------------ phrases

    def phrase_attribution(self, ctx: DocContext, phrase: Span) -> Attribution | None:
        """'according to X': X is the source, the clause the phrase modifies is the content."""
        pobj = next((c for c in phrase[-1].children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        top = phrase.root
        while top.dep_ in ("prep", "pobj", "pcomp") and top.head is not top:
            top = top.head
        if top.i == phrase.root.i:
            return None
        a, b = clause_without_phrase(top, phrase)
        if b < a:
            return None
        start, end = ctx.trim(*self.content.tidy(ctx, a, b))
        if ctx.words(start, end) < 2:
            return None
        att = Attribution(
            parts=[(start, end)], cue=phrase.root, cue_span=(phrase.start_char, phrase.end_char), source=pobj
        )
        left, last = pobj.left_edge, pobj.right_edge
        if last.i - left.i <= 15 and (last.idx + len(last.text) <= start or left.idx >= end):
            # "according to calculations by Jane Roe of the institute": the whole phrase is the source
            att.speaker_span = (left.idx, last.idx + len(last.text))
            if ctx.entity_at(pobj.i) is None:  # the name in it resolves the speaker ("Jane Roe")
                named = name_in_phrase(ctx, pobj, self.lex.name_preps)
                if named is not None:
                    att.source = named
        return att

    # ------------------------------------------------------------------ nouns

    def noun_attribution(self, ctx: DocContext, noun: Token) -> Attribution | None:
        """'her claim that ...', 'his promise to ...', 'Trump's criticism of ...': the clause (or
        the object of the preposition) is the content, the possessor the source."""
        source, light = self.noun_source(noun)
        if (
            source is None
            or not self.sources.agent_like(ctx, source)
            or not self.sources.source_ok(ctx, source, self.lex.classes[SPEECH], SPEECH)
        ):
            return None
        content = noun_clause(noun, light)
        if content is None:
            content = noun_prep_object(self.lex, noun, light)
        if content is None:
            return None
        start, end = ctx.trim(*self.content.tidy(ctx, content.left_edge.i, content.right_edge.i))
        if ctx.words(start, end) < 1 or end <= start:
            return None
        return Attribution(
            parts=[(start, end)], cue=noun, cue_span=(noun.idx, noun.idx + len(noun.text)), source=source
        )

    def noun_source(self, noun: Token) -> tuple[Token | None, Token | None]:
        """The source of a cue noun, and the light verb it is the object of (or None): the
        possessor ("her claim"), the object of "by" or "from" ("a warning from the envoy"), or
        the subject of a light verb ("she made the case that ...", "they voiced support for ...")."""
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None:
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ in self.lex.source_preps:
                    source = next((g for g in c.children if g.dep_ == "pobj"), None)
        light = None
        if source is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.light_verbs:
            light = noun.head  # "she made the case that ...", "they expressed concern about ..."
            source = self.sources.source_of(light)
        return source, light

    # ------------------------------------------------------------------ speaker labels

    def label_attributions(self, ctx: DocContext) -> list[Attribution]:
        """'Q: ...', 'SMITH: ...' (a transcript) and 'Jones: Talks will resume' (a headline): a
        speaker label opening a paragraph, the rest of the paragraph what was said."""
        out = []
        text, pat = ctx.text, self.lex.patterns
        matches = list(LABEL_LINE.finditer(text))
        # labels in capitals make a transcript when there are several ("SMITH: ... JONES: ..."); a
        # lone one is a section head ("UPDATE:", "THE BOTTOM LINE:")
        caps = sum(1 for m in matches if m.group("label").isupper() and m.group("label") not in pat.qa_labels)
        for m in matches:
            label, rest = m.group("label"), m.group("rest")
            if label.isupper() and label not in pat.qa_labels and caps < 2:
                continue
            a, b = m.start("label"), m.end("label")
            if len(label.split()) > pat.label_max_words or label.lower() in self.lex.non_labels:
                continue
            if len(rest.split()) < pat.label_min_content_words or self.lex.tally.fullmatch(rest):
                continue
            source = self.label_source(ctx, label, a, b)
            colon = ctx.token_at(m.start("colon"))
            if source is None or colon is None:
                continue
            start, end = ctx.trim(m.start("rest"), m.end("rest"))
            if end <= start:
                continue
            out.append(
                Attribution(
                    parts=[(start, end)],
                    cue=colon,
                    cue_span=(colon.idx, colon.idx + 1),
                    source=source,
                    speaker_span=(a, b),
                )
            )
        return out

    def label_source(self, ctx: DocContext, label: str, a: int, b: int) -> Token | None:
        """The token standing for a speaker label, when the label is one: a question or answer
        mark, a name in capitals, a poll or report, or a person or organisation entity that ends
        the label with no verb before it ('Sen. Jane Doe', not 'Doe Backs Smith')."""
        span = ctx.doc.char_span(a, b, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        last = span[-1]
        if label in self.lex.patterns.qa_labels or label.lower() in self.lex.evidence_sources:
            return last
        if any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in span):
            return None
        if label.isupper() and any(ch.isalpha() for ch in label) and len(label.replace(".", "")) > 2:
            return last
        ent = ctx.entity_at(last.i)
        if (
            ent is not None
            and ent.label_ in NAME_LABELS
            and ent.end_char == b
            and ent.start_char >= a
            and all(t.is_title or t.is_upper or not t.is_alpha for t in span)
            and not any(t.dep_ == "cc" for t in span)
        ):
            return ent.root  # "Sen. Jane Doe", "Former Adviser John Roe"; not "Another problem for Doe"
        return None


def clause_without_phrase(clause: Token, phrase: Span) -> tuple[int, int]:
    """First and last token of the clause a cue phrase modifies, without the phrase: the part
    after it when it comes first, before it when it comes last, else the longer side; within the
    clause's sentence."""
    prep_tokens = set(t.i for t in phrase.root.subtree) | {t.i for t in phrase}
    a = clause.left_edge.i
    b = clause.right_edge.i
    if min(prep_tokens) <= a:  # phrase first: content after it
        a = max(prep_tokens) + 1
    elif max(prep_tokens) >= b:
        b = min(prep_tokens) - 1
    else:  # phrase in the middle: the longer side
        left = min(prep_tokens) - a
        right = b - max(prep_tokens)
        a, b = (a, min(prep_tokens) - 1) if left >= right else (max(prep_tokens) + 1, b)
    sent = clause.sent
    return max(a, sent.start), min(b, sent.end - 1)


def name_in_phrase(ctx: DocContext, pobj: Token, preps: set[str]) -> Token | None:
    """The person or organisation named in the object of "according to" ("calculations by Jane
    Roe", "figures from the ministry"), as the root of its entity."""
    for prep in pobj.children:
        inner = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep.lower_ in preps else None
        ent = ctx.entity_at(inner.i) if inner is not None else None
        if ent is not None and ent.label_ in NAME_LABELS:
            return ent.root
    return None


def noun_clause(noun: Token, light: Token | None) -> Token | None:
    """The clause a cue noun introduces: "her claim that ...", "his promise to ...", hung by the
    parser on the light verb ("made the case that ..."), or after "be" ("her view is that ...")."""
    clause = next(
        (c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > noun.i and opens_content(c)), None
    )
    if clause is None and light is not None:  # the parser hung the clause on the verb
        clause = next(
            (c for c in light.children if c.dep_ == "ccomp" and c.i > noun.i and mark_of(c) == COMPLEMENTIZER), None
        )
    if clause is None and noun.dep_ == "nsubj" and noun.head.lemma_ == COPULA:
        # "her view is that ...", "his message has been that ...", "my advice is, ..."
        clause = next((c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.head.i), None)
    return clause


def opens_content(clause: Token) -> bool:
    """A that-clause or a to-infinitive ("claim that ...", "promise to ...")."""
    return mark_of(clause) == COMPLEMENTIZER or any(
        g.dep_ == "aux" and g.lower_ == INFINITIVE_TO for g in clause.children
    )


def noun_prep_object(lex: Lexicon, noun: Token, light: Token | None) -> Token | None:
    """The object of the preposition after a cue noun ("criticism of the plan"); after a light
    verb, only of a preposition that goes with the verb's object ("voiced support for ...", not
    "announced support on Thursday")."""
    prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in lex.noun_preps), None)
    if light is not None and (prep is None or prep.lower_ not in lex.light_verb_preps):
        # "voiced support for ...", not "announced support on Thursday"
        prep = next(
            (
                c
                for c in list(noun.rights) + list(light.rights)
                if c.dep_ == "prep" and c.i > noun.i and c.lower_ in lex.light_verb_preps
            ),
            None,
        )
    return next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None


def around_verb(ctx: DocContext, verb: Token, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of [start, end) before and after a verb group ("were not widely deemed")."""
    first = verb
    for c in verb.lefts:
        if c.dep_ in ("aux", "auxpass", "neg", "advmod") and c.idx >= start:
            first = c
            break
    last = verb.idx + len(verb.text)
    for c in verb.rights:
        if c.dep_ in ("prt", "advmod") and c.i == verb.i + 1:
            last = c.idx + len(c.text)
        elif c.dep_ == "agent" and c.right_edge.idx < end:  # "by several senators" is the source
            last = max(last, c.right_edge.idx + len(c.right_edge.text))
    return [p for p in (ctx.trim(start, first.idx), ctx.trim(last, end)) if p[1] > p[0]]

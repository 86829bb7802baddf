"""Attribution: who said what, from the dependency parse and the quotation marks.

The finder works in four passes over a parsed Doc, each linear in its length:

1. **Cues.** A token whose lemma is in ``cues.yaml`` (or a cue phrase such as "according to")
   is a candidate cue. Its *content* comes from its complements in the parse, by the rules of
   its class: a clause ("said that ...", "... , he said"), an infinitive ("vowed to ..."), an
   object ("called him a liar") or a prepositional object ("called for ..."). Its *source* is its
   subject, through passives ("was asked by X"), participles and conjuncts ("..., adding that"),
   relative clauses ("X, who said") and inverted order ("said X"). A speaker label opening a
   paragraph ("Q: ...", "SMITH: ..." in a transcript, "Jones: ..." in a headline) is a cue
   whose content is the rest of the paragraph.
2. **Quotations.** Spans in quotation marks (:mod:`pipeline.quotemarks`) are matched with cues:
   a cue whose content lies inside a quotation makes it *direct*; a cue whose content holds a
   quotation and other words makes it *mixed*. A quotation no cue claims is linked to a speech cue
   right after it ("“...,” he said") or right before it ("he said: “...”", the second half of a
   split quote), or to the cue of the quotation just before it in the paragraph ("“...,” he said.
   “...”"), or to the previous speaker when it is a paragraph of quoted speech with no cue of
   its own (a floating quote). Short uncued quotations inside a sentence are scare quotes or
   titles, not speech.
   As in PolNeAR, a cue inside another attribution's content (inside a quotation, or "he said
   she wants ...") is no attribution of its own, and what a document says ("the memorandum
   calls for ...") is a provision, not speech.
3. **Speakers.** The source mention is resolved to a name: the entity it is, or holds; for a
   pronoun, title ("the minister") or group ("the Kremlin") the nearest compatible earlier
   entity: a subject earlier in the sentence, the main subject after a fronted clause, the last
   speaker unless a new subject has been named since.
4. **Spans.** Each content part becomes a span in ``doc.spans["quotes"]`` with ``span._.quote``,
   a dict of the record fields; the stage's ``extract`` turns those into records.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, IDX, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ...core import extensions  # noqa: F401  (Span._.quote)
from ...core.docs import doc_text, id_array, in_ids, sentence_starts, word_mask
from ...core.guard import GuardedComponent
from .quotemarks import MarkSet, Quotation, find_quotations, find_single_quotations
from .rules import CueClass, CueLexicon, QuotePatterns, SpeakerLexicon, load_cues, load_patterns, load_speakers

VERB_POS = {POS_IDS["VERB"], POS_IDS["AUX"]}
NOUN_POS = POS_IDS["NOUN"]
ADJ_POS = POS_IDS["ADJ"]
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
INHERIT_SUBJECT = {"xcomp", "advcl", "conj", "ccomp", "pcomp", "acl"}
EDGE_PUNCT = {",", ";", ":", "--", "—", "–", "-", "(", ")"}
QUOTE_CHARS = set("\"“”„«»‘’'")
SENT_END = {".", "!", "?"}
CUT_AFTER_COMMA = {"advcl", "relcl", "acl", "appos", "npadvmod", "conj", "parataxis", "dep"}
LIGHT_PREPS = {"of", "for", "about", "against", "over"}
NOUN_PREPS = {"of", "for", "about", "on", "against", "to", "over", "with", "at"}
TRAILING_REFERENCE = re.compile(r"(?:\[\[?[^\[\]\n]{1,40}\]\]?(?:\([^()\s]{1,300}\))?)+$")
# a paragraph that opens with a short label and a colon: "Q: ...", "SMITH: ...", "Jones: ..."
LABEL_LINE = re.compile(r"(?m)^[ \t]*(?P<label>[A-Z][^\n:,;\"“”]{0,60}?)[ \t]*(?P<colon>:)[ \t]+(?P<rest>\S[^\n]*)")
TALLY = re.compile(r"[\d\s,.%$()+-]*(?:votes?|delegates?|percent|points?)?[\d\s,.%$()+-]*\.?", re.I)
TITLE_BEFORE = {
    "on",
    "in",
    "with",
    "to",
    "of",
    "'s",
    "’s",
    "for",
    "from",
    "at",
    "by",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
}
CUT_PUNCT = {",", ";", "—", "–", "--"}
CUT_DEP_IDS = id_array(get_string_id(d) for d in CUT_AFTER_COMMA | {"conj"})
ACCORDING_ID = get_string_id("according")
NEWLINE = re.compile("\n")
OBJECT_TAIL = {"dobj", "oprd", "attr", "acomp", "ccomp", "xcomp", "dative"}


@dataclass
class Attribution:
    """One attribution being assembled: content parts (char spans), cue, source."""

    parts: list[tuple[int, int]]
    cue: Token | None
    cue_span: tuple[int, int] | None
    source: Token | None
    kind: str = "indirect"
    quotes: list[int] = field(default_factory=list)  # indices of the quotations in it
    floating_from: "Attribution | None" = None
    speaker_span: tuple[int, int] | None = None
    speaker: str | None = None
    canonical: str | None = None
    kb_id: str | None = None
    entity: Span | None = None


class Attributor(GuardedComponent):
    """The spaCy component (see the module docstring)."""

    stage, component = "quotes", "quote_attribution"

    def __init__(self, nlp: Language, cues: CueLexicon, speakers: SpeakerLexicon, patterns: QuotePatterns):
        self.cues = cues
        self.classes = {name: cls for name, cls in cues.classes.items()}
        self.by_lemma = cues.classes_of()
        self.phrasal_lemmas = {k.split()[0] for k in self.by_lemma if " " in k}
        # the cue words as sorted id arrays, for the scan of a doc's token attributes (cue_attributions)
        self.cue_id_array = id_array(
            get_string_id(k.split()[0])
            for k, names in self.by_lemma.items()
            if any(self.classes[n].pos == "VERB" for n in names)
        )
        self.adj_id_array = id_array(
            get_string_id(k) for k, names in self.by_lemma.items() if any(self.classes[n].pos == "ADJ" for n in names)
        )
        self.noun_id_array = id_array(get_string_id(n) for n in cues.nouns)
        self.verb_pos_array = id_array(VERB_POS)
        self.nouns = set(cues.nouns)
        self.light_verbs = set(cues.light_verbs)
        self.speakers = speakers
        self.titles = set(speakers.person_titles)
        self.groups = set(speakers.group_nouns)
        self.pronouns = {k.lower(): set(v) for k, v in speakers.pronouns.items()}
        self.relative = set(speakers.relative)
        self.speaker_labels = set(speakers.speaker_labels)
        self.patterns = patterns
        self.provision_sources = set(patterns.provision_sources)
        self.evidence_sources = set(patterns.evidence_sources)
        self.non_speakers = set(patterns.non_speakers)
        self.non_labels = set(patterns.non_labels)
        m = patterns.marks
        self.marks = MarkSet(
            tuple(m.open), tuple(m.close), tuple(m.either), tuple(m.single_open), tuple(m.single_close)
        )
        self.matcher = Matcher(nlp.vocab)
        self.phrase_source = {}
        for phrase in cues.phrases:
            self.matcher.add(phrase.name, [phrase.pattern])
            self.phrase_source[nlp.vocab.strings[phrase.name]] = phrase.source

    # ------------------------------------------------------------------ entry point

    def process(self, doc: Doc) -> Doc:
        doc.spans["quotes"] = self.find(doc)
        return doc

    def fallback(self, doc: Doc) -> None:
        doc.spans["quotes"] = []

    def find(self, doc: Doc) -> list[Span]:
        if len(doc) == 0:
            return []
        ctx = _DocContext(doc, self)
        atts = self.cue_attributions(ctx)
        atts = self.link_quotations(ctx, atts)
        atts.sort(key=lambda a: a.source.idx if a.source is not None else min(p[0] for p in a.parts))
        for att in atts:
            if att.cue is not None:
                self.resolve_speaker(ctx, att)
        for att in atts:
            if att.cue is None:
                self.resolve_speaker(ctx, att)
        return self.to_spans(ctx, atts)

    # ------------------------------------------------------------------ pass 1: cues

    def cue_attributions(self, ctx: "_DocContext") -> list[Attribution]:
        doc = ctx.doc
        out = []
        # the token attributes as arrays: making a Token object (or a Python int of each 64-bit
        # hash) per token is the cost here, and only a few tokens are cues
        lemma, lower, pos = doc.to_array([LEMMA, LOWER, POS]).T
        verb = in_ids(pos, self.verb_pos_array) & (in_ids(lemma, self.cue_id_array) | in_ids(lower, self.cue_id_array))
        adj = (pos == ADJ_POS) & in_ids(lemma, self.adj_id_array)
        verbs = numpy.flatnonzero(verb | adj).tolist()
        nouns = numpy.flatnonzero((pos == NOUN_POS) & in_ids(lemma, self.noun_id_array)).tolist()
        for i in verbs:
            tok = doc[i]
            names = self.cue_classes(tok)
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

    def label_attributions(self, ctx: "_DocContext") -> list[Attribution]:
        """'Q: ...', 'SMITH: ...' (a transcript) and 'Jones: Talks will resume' (a headline): a
        speaker label opening a paragraph, the rest of the paragraph what was said."""
        out = []
        text, pat = ctx.text, self.patterns
        matches = list(LABEL_LINE.finditer(text))
        # labels in capitals make a transcript when there are several ("SMITH: ... JONES: ..."); a
        # lone one is a section head ("UPDATE:", "THE BOTTOM LINE:")
        caps = sum(1 for m in matches if m.group("label").isupper() and m.group("label") not in self.patterns.qa_labels)
        for m in matches:
            label, rest = m.group("label"), m.group("rest")
            if label.isupper() and label not in self.patterns.qa_labels and caps < 2:
                continue
            a, b = m.start("label"), m.end("label")
            if len(label.split()) > pat.label_max_words or label.lower() in self.non_labels:
                continue
            if len(rest.split()) < pat.label_min_content_words or TALLY.fullmatch(rest):
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

    def label_source(self, ctx: "_DocContext", label: str, a: int, b: int) -> Token | None:
        """The token standing for a speaker label, when the label is one: a question or answer
        mark, a name in capitals, a poll or report, or a person or organisation entity that ends
        the label with no verb before it ('Sen. Jane Doe', not 'Doe Backs Smith')."""
        span = ctx.doc.char_span(a, b, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        last = span[-1]
        if label in self.patterns.qa_labels or label.lower() in self.evidence_sources:
            return last
        if any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in span):
            return None
        if label.isupper() and any(ch.isalpha() for ch in label) and len(label.replace(".", "")) > 2:
            return last
        ent = ctx.entity_at(last.i)
        if (
            ent is not None
            and ent.label_ in ("PERSON", "ORG")
            and ent.end_char == b
            and ent.start_char >= a
            and all(t.is_title or t.is_upper or not t.is_alpha for t in span)
            and not any(t.dep_ == "cc" for t in span)
        ):
            return ent.root  # "Sen. Jane Doe", "Former Adviser John Roe"; not "Another problem for Doe"
        return None

    def cue_classes(self, tok: Token) -> list[str]:
        """Names of the cue classes of a verb: by its lemma, or by lemma and particle for a
        phrasal cue listed as "go on"."""
        lemma = tok.lemma_.lower()
        if tok.pos_ == "ADJ":  # "critical of", "eager to", "confident that"
            return [n for n in self.by_lemma.get(lemma, []) if self.classes[n].pos == "ADJ"]
        if tok.pos_ not in ("VERB", "AUX"):
            return []
        names = [
            n for n in self.by_lemma.get(lemma) or self.by_lemma.get(tok.lower_) or [] if self.classes[n].pos == "VERB"
        ]
        if lemma in self.phrasal_lemmas:
            for child in tok.rights:
                if child.i <= tok.i + 2 and child.dep_ in ("prt", "prep", "advmod"):
                    more = self.by_lemma.get(f"{lemma} {child.lower_}")
                    if more:
                        return more + [n for n in names if n not in more]
        return names

    def verb_attribution(self, ctx: "_DocContext", verb: Token, names: list[str]) -> Attribution | None:
        source = self.source_of(verb)
        if source is not None and source.lemma_.lower() in self.provision_sources and ctx.entity_at(source.i) is None:
            # "the memorandum demands that ...": a provision; what it says is not anyone's speech
            span = self.clause_content(ctx, verb) or self.rest_content(ctx, verb)
            if span is not None:
                ctx.provision_spans.append(span)
            return None
        for name in names:
            cls = self.classes[name]
            if "raising" in cls.content:
                source = None  # "X seems to ...": the writer's view, no source
            elif source is None and "passive" in cls.content:
                pass  # agentless passive ("is expected to"): no source, and none needed
            elif not self.source_ok(ctx, source, cls, name):
                continue
            span = self.content_of(ctx, verb, cls, source)
            if span is None:
                continue
            start, end = span
            if cls.content == ["patient"] and start <= verb.idx < end:
                # "the emails were deemed classified": the subject and the complement, not the cue
                parts = [p for p in self.around_verb(ctx, verb, start, end) if ctx.words(*p) >= 1]
                if parts:
                    return Attribution(parts=parts, cue=verb, cue_span=self.cue_chars(verb), source=source)
                continue
            if start <= verb.idx < end and verb.dep_ != "parataxis":  # a misparse put the cue inside its own content
                after = verb.idx + len(verb.text)
                if ctx.words(after, end) >= 2:
                    start = after
                else:
                    end = verb.idx
            if ctx.words(start, end) < cls.min_tokens:
                continue
            a, b = ctx.trim(start, end)
            if a >= b:
                continue
            parts = [(a, b)]
            if a <= verb.idx < b:  # "After X, the office said, they will ...": the two sides, not the cue
                left = verb.left_edge
                right = verb.right_edge
                parts = [p for p in (ctx.trim(a, left.idx), ctx.trim(right.idx + len(right.text), b)) if p[1] > p[0]]
                if not parts:
                    continue
            return Attribution(parts=parts, cue=verb, cue_span=self.cue_chars(verb), source=source)
        return None

    @staticmethod
    def around_verb(ctx: "_DocContext", verb: Token, start: int, end: int) -> list[tuple[int, int]]:
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

    def cue_chars(self, verb: Token) -> tuple[int, int]:
        """The cue's characters: the verb with its particle ("pointed out")."""
        end = verb.idx + len(verb.text)
        for child in verb.rights:
            if child.dep_ == "prt" and child.i == verb.i + 1:
                end = child.idx + len(child.text)
        return verb.idx, end

    def source_ok(self, ctx: "_DocContext", source: Token | None, cls: CueClass, name: str) -> bool:
        if source is None:
            return cls.source == "any" and name == "speech"
        low = source.lower_
        if low in self.non_speakers:
            return False
        lemma = source.lemma_.lower()
        if lemma in self.provision_sources and not ctx.entity_at(source.i):
            return False
        if low in ("it", "they", "its", "their") and (
            ctx.previous_subject_lemma(source) in self.provision_sources
            or ctx.subject_lemma(source.sent) in self.provision_sources
        ):
            return False  # "The first section calls for ... It also calls for ...": a document's provision
        if source.dep_ == "expl":
            return False
        if cls.source == "any":
            return name == "speech" or low != "you"
        if source.pos_ == "PRON" and low in self.relative:
            clause = source.head  # "aides who applauded him": the noun the clause hangs on
            head = clause.head if clause.dep_ in ("relcl", "acl") else None
            return head is not None and head.i < source.i and (low == "who" or self.agent_like(ctx, head))
        return self.agent_like(ctx, source)

    def agent_like(self, ctx: "_DocContext", source: Token) -> bool:
        """Who may hold a stance: a person, organisation or country, a personal pronoun, a poll
        or report, and any other noun phrase ("voters", "some of them", "a plurality of
        Democrats", "others"): PolNeAR attributes the stance of groups as well as of people.
        Dummy subjects ("there", "this", "what"), "you" and relative pronouns are not."""
        low, lemma = source.lower_, source.lemma_.lower()
        if source.pos_ == "PRON" and (low in self.pronouns or low in ("i", "we")):
            return True
        if ctx.entity_at(source.i) is not None:
            return True
        if (
            lemma in self.titles
            or lemma in self.groups
            or lemma in self.evidence_sources
            or source.ent_type_ != ""
            or source.pos_ == "PROPN"
        ):
            return True
        if source.pos_ == "ADJ":  # "most of the farmers", "many of them"
            return any(c.dep_ == "prep" and c.lower_ == "of" for c in source.children)
        return (
            source.pos_ in ("NOUN", "PRON", "DET", "NUM")
            and low not in self.non_speakers
            and low not in self.relative
            and low not in ("it", "you")
        )

    def source_of(self, verb: Token, depth: int = 0) -> Token | None:
        """The subject of a cue verb, through passives, participles, conjuncts and relatives."""
        passive = False
        subj = None
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj", "expl"):
                subj = child
            elif child.dep_ == "nsubjpass":
                subj, passive = child, True
            elif child.dep_ == "auxpass":
                passive = True
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    for g in child.children:
                        if g.dep_ == "pobj":
                            return g
            return None
        if subj is not None:
            if (
                subj.lower_ == "it"
                and verb.pos_ == "ADJ"
                and verb.dep_ in ("ccomp", "oprd", "xcomp", "acomp")
                and depth < 3
                and verb.head is not verb
            ):
                return self.source_of(verb.head, depth + 1)  # "made it clear that"
            return subj
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
            return verb.head  # "the super PAC supporting X"
        if depth < 3 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
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
        if depth < 3 and verb.dep_ in INHERIT_SUBJECT | {"acomp", "oprd"} and verb.head is not verb:
            head = verb.head
            speaker = self.reporting_verb_above(verb)
            if speaker is not None:  # "X said the plan was flawed, noting that ...": X noted it
                return self.source_of(speaker, depth + 1)
            if head.pos_ in ("VERB", "AUX", "ADJ"):
                return self.source_of(head, depth + 1)
        if depth == 0 and verb.dep_ in ("ROOT", "parataxis", "ccomp"):
            # inverted order after a quotation: "..., added a party official."
            for child in verb.rights:
                if child.dep_ in ("dobj", "attr", "npadvmod", "oprd", "dative") and child.pos_ in ("NOUN", "PROPN"):
                    before = verb.doc[verb.i - 1] if verb.i > 0 else None
                    if before is not None and (before.is_punct or before.is_quote):
                        return child
                break
        return None

    def reporting_verb_above(self, verb: Token) -> Token | None:
        """For a speech cue after a comma or "and" with no subject of its own (", noting that",
        "and asked whether"), whose parse hangs it inside what another speech verb reports:
        that reporting verb, whose speaker is its speaker too."""
        if (
            verb.dep_ not in ("advcl", "conj")
            or not (verb.tag_ == "VBG" or verb.dep_ == "conj")
            or not any(self.classes[n].quotes for n in self.cue_classes(verb))
        ):
            return None
        before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
        if before is None or before.text not in (",", "and", ";", "—", "--"):
            return None
        node, steps = verb.head, 0
        while node.dep_ in ("conj", "advcl", "xcomp") and node.head is not node and steps < 4:
            node, steps = node.head, steps + 1
        if node.dep_ != "ccomp" or node.head is node:
            return None
        outer = node.head
        return outer if outer.i < verb.i and any(self.classes[n].quotes for n in self.cue_classes(outer)) else None

    def content_of(
        self, ctx: "_DocContext", verb: Token, cls: CueClass, source: Token | None = None
    ) -> tuple[int, int] | None:
        """Character span of the content, by the class's rules in order."""
        for rule in cls.content:
            if rule == "clause":
                span = self.clause_content(ctx, verb, cls.left_clause, cls.quotes)
            elif rule == "passive":
                span = self.passive_content(ctx, verb)
            elif rule == "rest":
                span = self.rest_content(ctx, verb)
            elif rule == "patient":
                span = self.patient_content(ctx, verb)
            elif rule == "raising":
                span = self.passive_content(ctx, verb, raising=True)
            elif rule == "infinitive":
                span = self.infinitive_content(ctx, verb)
            elif rule == "object":
                if cls.object_sources == "evidence" and not self.is_evidence(source):
                    continue
                span = self.object_content(ctx, verb, cls)
            else:
                span = self.prep_content(ctx, verb, cls)
            if span is not None:
                return span
        return None

    def is_evidence(self, source: Token | None) -> bool:
        """A poll, study, record or video, or a relative pronoun for one ('polls that show ...')."""
        if (
            source is not None
            and source.lower_ in self.relative
            and source.head.dep_ in ("relcl", "acl")
            and source.head.head.i < source.i
        ):
            source = source.head.head
        return source is not None and source.lemma_.lower() in self.evidence_sources

    def clause_content(
        self, ctx: "_DocContext", verb: Token, left: bool = True, speech: bool = True
    ) -> tuple[int, int] | None:
        clauses = [
            c
            for c in verb.children
            if (c.dep_ == "ccomp" and c.i > verb.i) or (left and c.dep_ in ("ccomp", "csubj") and c.i < verb.i)
        ]
        clauses += [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and _mark(c) in ("if", "whether")]
        if clauses:
            right = [c for c in clauses if c.i > verb.i]
            own = [c for c in right if c is not right[0] and self.reports_itself(c)]
            right = [c for c in right if c not in own]  # "X said A and Y said B": B is Y's
            chosen = right or clauses
            a = min(c.left_edge.i for c in chosen)
            b = max(c.right_edge.i for c in chosen)
            if a < verb.i < b:  # clause on both sides: keep the side nearest the verb
                c = min(chosen, key=lambda c: abs(c.i - verb.i))
                a, b = c.left_edge.i, c.right_edge.i
            return self.tidy(ctx, a, b)
        if (
            verb.dep_ == "parataxis"
            and verb.head is not verb
            or speech
            and verb.dep_ == "advcl"
            and _mark(verb) == "as"
        ):
            # "“...,” he said" and "It was, he said, a failure": the clause the cue interrupts
            head = verb.head
            a, b = head.left_edge.i, head.right_edge.i
            v_a, v_b = verb.left_edge.i, verb.right_edge.i
            if v_b >= b:
                b = v_a - 1
            elif v_a <= a:
                a = v_b + 1
            elif verb.dep_ == "parataxis":  # "After X, the office said, they will ...": both sides
                return self.tidy(ctx, a, b, skip=verb.i)
            if b >= a:
                return self.tidy(ctx, a, b)
        return self.that_clause(ctx, verb)

    def reports_itself(self, clause: Token) -> bool:
        """A clause that is a speech verb with its own subject and its own reported clause
        ('... and one in four said the plan failed'): another attribution, not part of this one."""
        return (
            "speech" in self.cue_classes(clause)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
            and any(c.dep_ == "ccomp" for c in clause.children)
        )

    def rest_content(self, ctx: "_DocContext", verb: Token) -> tuple[int, int] | None:
        """What follows a speech verb that the parser did not make a clause ("said legalizing it
        would ...", "said the same of X", "said no to X"): its right dependents, after the
        addressee and adjuncts of time and place ("told reporters on Monday")."""
        rights = [
            c
            for c in verb.rights
            if c.dep_ not in ("punct", "cc", "conj", "dative", "npadvmod", "advmod", "prt", "agent")
            and not (c.dep_ == "prep" and c.lower_ not in ("to", "of", "about", "for", "as"))
            and not (
                c.dep_ == "advcl"
                and (
                    _mark(c) not in ("if", "whether", None)
                    or c.left_edge.i > 0
                    and verb.doc[c.left_edge.i - 1].text in CUT_PUNCT
                )
            )
        ]
        rights = [c for c in rights if not c.is_space]
        if not rights or verb.lemma_.lower() in ("tell", "ask") and rights[0].dep_ == "dobj" and len(rights) == 1:
            return None
        return self.tidy(ctx, rights[0].left_edge.i, rights[-1].right_edge.i)

    def passive_content(self, ctx: "_DocContext", verb: Token, raising: bool = False) -> tuple[int, int] | None:
        """'X is expected to win', 'X was said to be ...' (and with ``raising``, 'X seems to
        be ...'): the subject and its complement."""
        subj_dep = "nsubj" if raising else "nsubjpass"
        subj = next((c for c in verb.children if c.dep_ == subj_dep and c.i < verb.i), None)
        comp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
        if subj is None or comp is None or not (raising or any(c.dep_ == "auxpass" for c in verb.children)):
            return None
        if subj.lower_ in self.non_speakers or subj.lower_ in ("it", "which", "who", "that"):
            return None
        return self.tidy(ctx, subj.left_edge.i, comp.right_edge.i)

    def patient_content(self, ctx: "_DocContext", verb: Token) -> tuple[int, int] | None:
        """A passive cue with an agent, whose subject is what was judged or announced ('the plan
        was approved by voters', 'he was deemed unfit by the panel', 'which were claimed by the
        group'): the subject, with what completes the verb after it. Without an agent there is
        no source to name, and PolNeAR often marks none: such passives are left alone."""
        if not any(c.dep_ == "auxpass" for c in verb.children) or not any(c.dep_ == "agent" for c in verb.children):
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        if subj is None or subj.lower_ in self.non_speakers or subj.lower_ in ("it", "there"):
            return None
        end = subj.right_edge.i
        for c in verb.rights:
            if c.dep_ in ("xcomp", "oprd", "ccomp") or c.dep_ == "prep" and c.lower_ in ("as", "to"):
                end = max(end, c.right_edge.i)
        return self.tidy(ctx, subj.left_edge.i, end)

    def that_clause(self, ctx: "_DocContext", verb: Token) -> tuple[int, int] | None:
        """'noted after the talks that the sides agreed ...': the parser often hangs the
        that-clause on the nearest noun; a complementizer 'that' right after the cue's adjuncts,
        followed by a subject, opens the content all the same."""
        doc = ctx.doc
        end = verb.right_edge.i
        for tok in doc[verb.i + 1 : min(end, verb.i + 9) + 1]:
            if tok.is_punct and tok.text not in (",",) or tok.pos_ in ("VERB", "AUX") and tok.i > verb.i + 1:
                return None
            if tok.lower_ == "that" and tok.i + 1 <= end:
                nxt = doc[tok.i + 1]
                if nxt.pos_ in ("DET", "PROPN", "PRON", "NOUN", "ADJ", "NUM") and any(
                    t.pos_ in ("VERB", "AUX") for t in doc[tok.i + 1 : end + 1]
                ):
                    return self.tidy(ctx, tok.i, end)
                return None
        return None

    def tidy(self, ctx: "_DocContext", a: int, b: int, skip: int = -1) -> tuple[int, int]:
        """Character span of tokens a..b, cut before a trailing modifier set off by a comma
        (", echoing a memo", ", which includes", ", the latter a reference", ", according to")
        or before a conjoined cue verb ("... and criticized him"): those are not what was said."""
        doc = ctx.doc
        if b <= a:
            return _chars(doc, a, max(a, b))
        root = doc[a : b + 1].root
        for i in ctx.cut_candidates(root.i + 1, b + 1):
            t = doc[i]
            if not (a <= t.head.i <= b) or t.i == skip:
                continue
            le = t.left_edge.i
            tail = t.right_edge.i >= b - 1 or all(x.is_punct or x.is_space for x in doc[t.right_edge.i + 1 : b + 1])
            if tail and t.lower_ == "according" and le > root.i + 1 and doc[le - 1].text in CUT_PUNCT:
                return _chars(doc, a, le - 2)  # "..., according to X": X's attribution, not part of this one
            if (
                tail
                and t.dep_ in CUT_AFTER_COMMA
                and le > root.i + 1
                and doc[le - 1].text in CUT_PUNCT
                and ctx.quote_at(doc[le - 1].idx) is None
                and self.cut_modifier(t)
            ):
                return _chars(doc, a, le - 2)
            if (
                t.dep_ in CUT_AFTER_COMMA
                and le > root.i + 2
                and (doc[le - 1].is_quote or doc[le - 1].text == "''")
                and doc[le - 2].text in CUT_PUNCT
                and t.dep_ != "conj"
            ):
                return _chars(doc, a, le - 1)  # '“We’ll see,” when asked ...': the comma sits inside the marks
            if (
                t.dep_ == "conj"
                and self.cue_classes(t)
                and le - 1 > root.i
                and doc[le - 1].dep_ == "cc"
                and ctx.quote_at(t.idx) is None
                and not any(c.dep_ == "mark" for c in t.children)
                and (
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)  # "... and criticized him"
                    or any(c.dep_ == "ccomp" for c in t.children)
                    and "speech" in self.cue_classes(t)
                )
            ):  # "... and Smith said ..."
                end = le - 2
                while end > a and (doc[end].text in CUT_PUNCT or doc[end].is_space):
                    end -= 1
                return _chars(doc, a, end)
        return _chars(doc, a, b)

    @staticmethod
    def cut_modifier(t: Token) -> bool:
        """Whether a trailing modifier set off by a comma is cut from the content: a clause
        with its own subject ("..., and Smith said ..."), a participle (", saying ...",
        ", a swipe at ..."), a relative clause; not a list of nouns nor of verb phrases
        (", raise the minimum wage and ...")."""
        if t.dep_ == "conj":
            return t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        return True

    def infinitive_content(self, ctx: "_DocContext", verb: Token) -> tuple[int, int] | None:
        """'vowed to ...'; with the bare verbs the parser hung on the cue instead of on the
        infinitive ('promised to cut taxes, raise the minimum wage and fix the roads')."""
        for c in verb.children:
            if c.dep_ == "xcomp" and c.i > verb.i:
                end = c.right_edge.i
                for conj in verb.rights:
                    if (
                        conj.dep_ == "conj"
                        and conj.i > end
                        and conj.tag_ in ("VB", "VBP")
                        and not any(g.dep_ in ("nsubj", "nsubjpass", "aux") for g in conj.children)
                    ):
                        end = conj.right_edge.i
                return self.tidy(ctx, c.left_edge.i, end)
        return None

    def object_content(self, ctx: "_DocContext", verb: Token, cls: CueClass) -> tuple[int, int] | None:
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is None:  # "called the mayor “a liar”" parsed as one predicate noun
            obj = next(
                (c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")), None
            )
        if obj is None:
            return None
        last = obj
        for c in verb.rights:
            if c.i <= obj.i:
                continue
            if c.dep_ in OBJECT_TAIL or (
                c.dep_ == "prep" and c.lower_ in ("for", "as", "over", "of", "about", "with", "to", "against", "into")
            ):
                last = c
            elif c.dep_ not in ("punct",):
                break
        for rel in obj.rights:  # "cited a study that found ...": the study's finding is its own
            if (
                rel.dep_ == "relcl"
                and last is obj
                and any(g.dep_ == "ccomp" for g in rel.children)
                and any(self.classes[n].content[:1] == ["clause"] for n in self.cue_classes(rel))
            ):
                return self.tidy(ctx, obj.left_edge.i, rel.left_edge.i - 1)
        return self.tidy(ctx, obj.left_edge.i, last.right_edge.i)

    def prep_content(self, ctx: "_DocContext", verb: Token, cls: CueClass) -> tuple[int, int] | None:
        preps = set(cls.preps)
        for c in verb.rights:
            if c.dep_ in ("prep", "prt") and c.lower_ in preps:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    g = objs[0]
                    return self.tidy(ctx, g.left_edge.i, c.right_edge.i)
        return None

    def phrase_attribution(self, ctx: "_DocContext", phrase: Span) -> Attribution | None:
        """'according to X': X is the source, the clause the phrase modifies is the content."""
        last = phrase[-1]
        pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        top = phrase.root
        while top.dep_ in ("prep", "pobj", "pcomp") and top.head is not top:
            top = top.head
        if top.i == phrase.root.i:
            return None
        clause = top
        sent = clause.sent
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
        a, b = max(a, sent.start), min(b, sent.end - 1)
        if b < a:
            return None
        start, end = ctx.trim(*self.tidy(ctx, a, b))
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
                for prep in pobj.children:
                    inner = (
                        next((g for g in prep.children if g.dep_ == "pobj"), None)
                        if prep.lower_ in ("by", "from", "of")
                        else None
                    )
                    ent = ctx.entity_at(inner.i) if inner is not None else None
                    if ent is not None and ent.label_ in ("PERSON", "ORG"):
                        att.source = ent.root
                        break
        return att

    def noun_attribution(self, ctx: "_DocContext", noun: Token) -> Attribution | None:
        """'her claim that ...', 'his promise to ...', 'Trump's criticism of ...': the clause (or
        the object of the preposition) is the content, the possessor the source."""
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None:
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                    source = next((g for g in c.children if g.dep_ == "pobj"), None)
        light = None
        if source is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.light_verbs:
            light = noun.head  # "she made the case that ...", "they expressed concern about ..."
            source = self.source_of(light)
        if (
            source is None
            or not self.agent_like(ctx, source)
            or not self.source_ok(ctx, source, self.classes["speech"], "speech")
        ):
            return None
        clause = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("acl", "ccomp", "appos")
                and c.i > noun.i
                and (_mark(c) == "that" or any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
            ),
            None,
        )
        if clause is None and light is not None:  # the parser hung the clause on the verb
            clause = next(
                (c for c in light.children if c.dep_ == "ccomp" and c.i > noun.i and _mark(c) == "that"), None
            )
        if clause is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
            # "her view is that ...", "his message has been that ...", "my advice is, ..."
            clause = next((c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.head.i), None)
        if clause is not None:
            a, b = clause.left_edge.i, clause.right_edge.i
        else:
            prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in NOUN_PREPS), None)
            if light is not None and (prep is None or prep.lower_ not in LIGHT_PREPS):
                # "voiced support for ...", not "announced support on Thursday"
                prep = next(
                    (
                        c
                        for c in list(noun.rights) + list(light.rights)
                        if c.dep_ == "prep" and c.i > noun.i and c.lower_ in LIGHT_PREPS
                    ),
                    None,
                )
            obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
            if obj is None:
                return None
            a, b = obj.left_edge.i, obj.right_edge.i
        start, end = ctx.trim(*self.tidy(ctx, a, b))
        if ctx.words(start, end) < 1 or end <= start:
            return None
        return Attribution(
            parts=[(start, end)], cue=noun, cue_span=(noun.idx, noun.idx + len(noun.text)), source=source
        )

    # ------------------------------------------------------------------ pass 2: quotations

    def link_quotations(self, ctx: "_DocContext", atts: list[Attribution]) -> list[Attribution]:
        quotes = ctx.quotes
        if not quotes:
            return self.drop_nested(atts + ctx.extra, ctx.provision_spans)
        owner: dict[int, Attribution] = {}
        # cues whose content meets a quotation
        for att in atts:
            if att.cue is None:
                continue
            cue_q = ctx.quote_at(att.cue.idx)
            a, b = att.parts[0]
            hit = [k for k in ctx.quotes_overlapping(a, b) if k != cue_q]
            if not hit:
                continue
            inside = [k for k in hit if quotes[k].start <= a and b <= quotes[k].end]
            adjacent = ctx.quote_right_before(att.cue)
            if (
                adjacent in hit
                and a < quotes[adjacent].start
                and ctx.text[a : quotes[adjacent].start].rstrip().endswith((":", ",", ".", "—", "--"))
            ):
                # "..., he declared: “...,” she said": the quotation next to the cue is its content;
                # but in 'the plan is "a disaster," she said' the words before it are content too
                att.parts = [(quotes[adjacent].start, quotes[adjacent].end)]
                att.quotes = [adjacent]
                att.kind = "direct"
            elif inside and ctx.only_quotes(a, b, hit):
                k = inside[0]
                att.parts = [(quotes[k].start, quotes[k].end)]
                att.quotes = [k]
                att.kind = "direct"
            elif ctx.only_quotes(a, b, hit):
                att.parts = [(quotes[k].start, quotes[k].end) for k in hit]
                att.quotes = list(hit)
                att.kind = "direct"
            elif ctx.lead_in(a, b, hit):
                # "he had agreed that “...”": a short lead-in framing a quotation
                att.parts = [(quotes[k].start, quotes[k].end) for k in hit]
                att.quotes = list(hit)
                att.kind = "direct"
            else:
                a = min(a, *(quotes[k].start for k in hit))
                b = max(b, *(quotes[k].end for k in hit))
                att.parts = [(a, b)]
                att.quotes = list(hit)
                att.kind = "mixed"
            for k in att.quotes:
                owner.setdefault(k, att)
            if att.source is None and att.cue.pos_ in ("VERB", "AUX") and att.quotes:
                # the parse gave the cue no subject: the name next to it ("“...,” said X, who ...")
                att.source = ctx.adjacent_subject(quotes[att.quotes[0]], att.cue)
        by_cue = {att.cue.i: att for att in atts if att.cue is not None}
        for k, q in enumerate(quotes):
            if k in owner:
                continue
            att = self.adjacent_cue(ctx, k, by_cue, owner)
            if att is not None:
                owner[k] = att
        # parts of a quotation that runs over several paragraphs, and follow-on quotations
        for k, q in enumerate(quotes):
            if k in owner or k == 0:
                continue
            j = k - 1
            while (
                j > 0 and j not in owner and ctx.words(quotes[j].start, quotes[j].end) <= self.patterns.scare_max_words
            ):
                j -= 1
            prev = quotes[j]
            if j in owner and (
                prev.group == q.group or not ctx.title_like(q) and ctx.follows_cue_clause(j, k, owner[j])
            ):
                att = owner[j]
                owner[k] = att
                att.parts.append((q.start, q.end))
                att.quotes.append(k)
        # floating quotations: a paragraph of quoted speech after an attributed one
        last_att: Attribution | None = None
        floating = []
        for k, q in enumerate(quotes):
            if k in owner:
                last_att = owner[k]
                continue
            if q.single or ctx.words(q.start, q.end) < self.patterns.floating_min_words:
                continue
            if not ctx.opens_paragraph(q.start):
                continue
            prev_att = last_att if last_att is not None and ctx.paragraphs_between(last_att, q.start) <= 1 else None
            att = Attribution(
                parts=[(q.start, q.end)],
                cue=None,
                cue_span=None,
                source=None,
                kind="direct",
                quotes=[k],
                floating_from=prev_att,
            )
            owner[k] = att
            floating.append(att)
            if prev_att is not None:
                last_att = att
        return self.drop_nested(atts + ctx.extra + floating, ctx.provision_spans)

    def drop_nested(self, atts: list[Attribution], provisions: list[tuple[int, int]] = ()) -> list[Attribution]:
        """Drop an attribution whose cue lies inside the content of another ("he said she
        wants ...", a cue inside a quotation): reported speech is attributed to the outer
        speaker, as in PolNeAR, which marks no nested attributions."""
        kept: list[Attribution] = []
        end = max([b for att in atts for _, b in att.parts] + [b for _, b in provisions] + [0])
        covered = bytearray(end + 1)  # characters inside an accepted content: O(1) look-ups
        for a, b in provisions:
            covered[a:b] = b"\x01" * (b - a)
        for att in sorted(atts, key=lambda a: -sum(b - s for s, b in a.parts)):
            if att.cue_span is not None and att.cue_span[0] <= end and covered[att.cue_span[0]]:
                continue
            kept.append(att)
            for a, b in att.parts:
                covered[a:b] = b"\x01" * (b - a)
        return kept

    def adjacent_cue(self, ctx: "_DocContext", k: int, by_cue: dict[int, Attribution], owner) -> Attribution | None:
        """A speech cue right after or right before quotation k; creates the attribution."""
        q = ctx.quotes[k]
        if ctx.title_like(q):
            return None
        verb = (
            ctx.governing_cue(q)
            or ctx.cue_after(q.end, self.patterns.cue_window_after)
            or ctx.cue_before(q.start, self.patterns.cue_window_before)
        )
        if verb is None and ctx.text[max(q.start, q.end - 3) : q.end].rstrip("\"”'’»").endswith((",", "!", "?")):
            verb = ctx.cue_after(q.end, self.patterns.cue_window_after, loose=True)
        if verb is None:
            return self.colon_intro(ctx, k)
        att = by_cue.get(verb.i)
        if att is not None and att.kind != "direct" and not any(a < q.end and q.start < b for a, b in att.parts):
            # the cue has its own reported clause on the other side: both are attributed to it
            twin = Attribution(
                parts=[(q.start, q.end)], cue=verb, cue_span=att.cue_span, source=att.source, kind="direct", quotes=[k]
            )
            ctx.extra.append(twin)
            return twin
        if att is not None and att.kind == "direct":
            att.parts.append((q.start, q.end))
            att.quotes.append(k)
            return att
        source = self.source_of(verb)
        if source is not None and (source.lower_ in self.non_speakers or ctx.quote_at(source.idx) is not None):
            source = None
        if source is None:
            source = ctx.adjacent_subject(q, verb)
        new = Attribution(
            parts=[(q.start, q.end)], cue=verb, cue_span=self.cue_chars(verb), source=source, kind="direct", quotes=[k]
        )
        if att is not None:  # the cue already had a non-quote content: the quotation replaces it
            att.parts, att.quotes, att.kind = new.parts, new.quotes, "direct"
            return att
        by_cue[verb.i] = new
        ctx.extra.append(new)
        return new

    def colon_intro(self, ctx: "_DocContext", k: int) -> Attribution | None:
        """'X told the Council: “...”', 'Jones: “...”': a quotation after a colon takes the
        subject of the clause before it, or the name right before the colon. The colon may end
        the paragraph before ('She said in a statement:' and the statement as its own paragraph)."""
        q = ctx.quotes[k]
        text = ctx.text
        j = q.start
        while j > 0 and text[j - 1] in " \t\u00a0\n" and q.start - j < 12:
            j -= 1
        if j == 0 or text[j - 1] != ":":
            return None
        colon = ctx.token_at(j - 1)
        if colon is None or colon.i == 0:
            return None
        before = ctx.doc[colon.i - 1]
        if "\n" in before.text:
            return None
        ent = ctx.entity_at(before.i)
        source = None
        if ent is not None and ent.label_ in ("PERSON", "ORG") and ent.end == colon.i:
            source = ent.root
        else:
            root = before
            steps = 0
            while root.head is not root and root.head.i < colon.i and steps < 50:
                root = root.head
                steps += 1
            source = self.source_of(root) if root.pos_ in ("VERB", "AUX") else None
            if source is None or source.lower_ in self.non_speakers or source.lemma_.lower() in self.provision_sources:
                return None
        att = Attribution(
            parts=[(q.start, q.end)],
            cue=colon,
            cue_span=(colon.idx, colon.idx + 1),
            source=source,
            kind="direct",
            quotes=[k],
        )
        ctx.extra.append(att)
        return att

    # ------------------------------------------------------------------ pass 3: speakers

    def resolve_speaker(self, ctx: "_DocContext", att: Attribution) -> None:
        if att.source is None and att.floating_from is not None:
            prev = att.floating_from
            att.speaker_span, att.speaker, att.canonical, att.kb_id, att.entity = (
                prev.speaker_span,
                prev.speaker,
                prev.canonical,
                prev.kb_id,
                prev.entity,
            )
            return
        if att.source is None:
            return
        src = att.source
        att.speaker_span = att.speaker_span or ctx.mention_span(src)  # a speaker label sets its own
        ent = self.entity_for(ctx, src, att)
        if ent is not None:
            att.entity = ent
            att.speaker, att.canonical, att.kb_id = ctx.names_of(ent)
        else:
            a, b = att.speaker_span
            att.speaker = ctx.text[a:b]
        ctx.record_speaker(att)

    def entity_for(self, ctx: "_DocContext", tok: Token, att: Attribution, depth: int = 0) -> Span | None:
        """The entity a source mention names or refers to."""
        ent = ctx.entity_at(tok.i)
        if ent is not None and ent.label_ in self.speaker_labels:
            return ent
        low = tok.lower_
        if low in self.relative and tok.dep_ in SUBJECTS and depth < 2:
            clause = tok.head
            if clause.dep_ in ("relcl", "acl") and clause.head.i < tok.i:
                return self.entity_for(ctx, clause.head, att, depth + 1)
        for child in tok.children:  # "the minister, Sergey Lavrov," / "spokesman Dmitry Peskov"
            if child.dep_ in ("appos", "compound", "nmod", "poss", "amod"):
                e = ctx.entity_at(child.i)
                if (
                    e is not None
                    and e.label_ in self.speaker_labels
                    and not any(g.dep_ == "conj" for g in child.children)
                ):
                    # "spokesman Dmitry Peskov", "the Russian side"; but "Turkish officials" and
                    # "the Russian and Ukrainian delegations" stay as written
                    if e.label_ == "PERSON" and child.dep_ != "poss" or tok.lemma_.lower() in self.groups:
                        return e
        if low in self.pronouns:
            return ctx.antecedent(tok.idx, self.pronouns[low])
        lemma = tok.lemma_.lower()
        if lemma in self.titles and tok.pos_ == "NOUN" and _definite(tok):
            return ctx.antecedent(tok.idx, {"PERSON"})
        if lemma in self.groups and _definite(tok) and tok.tag_ == "NN":
            return ctx.antecedent(tok.idx, {"ORG", "GPE"}, subjects_only=True)
        return None

    # ------------------------------------------------------------------ pass 4: spans

    def to_spans(self, ctx: "_DocContext", atts: list[Attribution]) -> list[Span]:
        doc = ctx.doc
        seen: set[tuple[int, int]] = set()
        spans: list[Span] = []
        for n, att in enumerate(atts):
            for part, (a, b) in enumerate(sorted(set(att.parts))):
                if (a, b) in seen or b <= a:
                    continue
                span = doc.char_span(a, b, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                seen.add((a, b))
                span._.quote = ctx.fields(att, a, b, n, part)
                spans.append(span)
        spans.sort(key=lambda s: (s.start_char, s.end_char))
        return spans


# ---------------------------------------------------------------------- per-doc state


class _DocContext:
    """Indexes built once per doc: quotations, entities by token, paragraphs, speakers so far."""

    def __init__(self, doc: Doc, finder: Attributor):
        self.doc = doc
        self.finder = finder
        self.text = text = doc_text(doc)  # Doc.text joins every token on each access: the cached copy
        double = find_quotations(text, finder.marks)
        singles = find_single_quotations(text, finder.marks, outside=double)
        self.quotes: list[Quotation] = sorted(double + singles, key=lambda q: q.start)
        self.q_starts = [q.start for q in self.quotes]
        self.tok_starts = doc.to_array([IDX]).tolist() if len(doc) else []
        self.ent_of = [-1] * len(doc)
        self.ents = list(doc.ents)
        for n, ent in enumerate(self.ents):
            for i in range(ent.start, ent.end):
                self.ent_of[i] = n
        self.ent_starts = [e.start_char for e in self.ents]
        self.para_starts = [0] + [m.end() for m in NEWLINE.finditer(text)]
        self._cut_candidate = None  # token mask for tidy(), built on first use
        self._word_prefix = None  # words before each token, for words(), built on first use
        self.speakers: list[tuple[int, Span]] = []  # (char offset, entity) of resolved speakers so far, by offset
        self.speaker_pos: list[int] = []
        self.extra: list[Attribution] = []
        self.provision_spans: list[tuple[int, int]] = []  # what documents say ("the memorandum demands ...")
        self.surname: dict[str, Span] = {}
        for ent in self.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                self.surname.setdefault(ent[-1].text, ent)

    # text measures
    def words(self, a: int, b: int) -> int:
        """Tokens in the characters [a, b) (widened to whole tokens) that are neither punctuation nor space."""
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return 0
        if self._word_prefix is None:
            self._word_prefix = [0] + numpy.cumsum(word_mask(self.doc)).tolist()
        return self._word_prefix[span.end] - self._word_prefix[span.start]

    def cut_candidates(self, start: int, end: int) -> list[int]:
        """Tokens in [start, end) that ``Attributor.tidy`` may cut before: a dependent of a kind
        set off by a comma, a conjunct, or 'according'. Read from arrays once per doc, so that
        tidy makes Token objects only for these few."""
        if self._cut_candidate is None:
            dep, lower = self.doc.to_array([DEP, LOWER]).T
            self._cut_candidate = in_ids(dep, CUT_DEP_IDS) | (lower == ACCORDING_ID)
        return (numpy.flatnonzero(self._cut_candidate[start:end]) + start).tolist()

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Strip spaces and edge punctuation that belongs to the attribution, not the content."""
        text = self.text
        changed = True
        while changed and a < b:
            changed = False
            while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
                a += 1
                changed = True
            while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-("):
                b -= 1
                changed = True
            for word in (" and", " but", " or"):
                if text.endswith(word, a, b) and b - len(word) > a:
                    b -= len(word)
                    changed = True
            m = TRAILING_REFERENCE.search(text, a, b)
            if m is not None and m.start() > a:  # a footnote or link mark: "....[[62]](https://...)"
                b = m.start()
                changed = True
            if b > a and text[b - 1] in ".!?" and b >= 2 and not text[b - 2].isupper():
                # a sentence's final stop closes the sentence, not the content ("... wraps.")
                if self.quote_at(b - 1) is None:
                    b -= 1
                    changed = True
        return a, b

    # quotations
    def quote_at(self, char: int) -> int | None:
        k = bisect.bisect_right(self.q_starts, char) - 1
        if k >= 0 and self.quotes[k].start <= char < self.quotes[k].end:
            return k
        return None

    def quotes_overlapping(self, a: int, b: int) -> list[int]:
        k = max(0, bisect.bisect_right(self.q_starts, a) - 1)
        out = []
        while k < len(self.quotes) and self.quotes[k].start < b:
            if self.quotes[k].end > a:
                out.append(k)
            k += 1
        return out

    def only_quotes(self, a: int, b: int, ks: list[int]) -> bool:
        """True when [a, b) holds nothing but these quotations, punctuation and 'that'."""
        text = self.text
        rest = []
        pos = a
        for k in sorted(ks, key=lambda k: self.quotes[k].start):
            q = self.quotes[k]
            if q.start > pos:
                rest.append(text[pos : q.start])
            pos = max(pos, q.end)
        if pos < b:
            rest.append(text[pos:b])
        words = " ".join(rest).replace(",", " ").replace(".", " ").replace(":", " ").split()
        return all(w.lower() in ("that", "--", "—", "–", "-") for w in words)

    def previous_subject_lemma(self, tok: Token) -> str | None:
        """Lemma of the head of the main subject of the sentence before ``tok``'s."""
        start = tok.sent.start
        return self.subject_lemma(self.doc[start - 1].sent) if start > 0 else None

    @staticmethod
    def subject_lemma(sent: Span) -> str | None:
        root = sent.root
        if root.pos_ in ("NOUN", "PROPN"):  # a fragment parse: "The first section [called for] ..."
            return root.lemma_.lower()
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj.lemma_.lower() if subj is not None else None

    def quote_right_before(self, cue: Token) -> int | None:
        """The quotation that ends just before a cue, with at most a short subject between
        ('“...,” the source said')."""
        k = bisect.bisect_right(self.q_starts, cue.idx) - 1
        if k < 0 or self.quotes[k].end > cue.idx:
            return None
        q = self.quotes[k]
        between = self.text[q.end : cue.idx]
        if len(between) > 80 or any(ch in between for ch in ".!?:;\n") or len(between.split()) > 8:
            return None
        # the quotation closes a clause ('“...,” she said', '“...”, she said'), it is not a word
        # inside one ('The party had “opened the door” for voters, she said')
        if not (
            between.lstrip().startswith(",")
            or self.text[q.start : q.end].rstrip("\"”'’»").rstrip().endswith((",", "!", "?", "."))
        ):
            return None
        return k

    def title_like(self, q: Quotation) -> bool:
        """A short quotation after a preposition, article or possessive is a name or title
        ('said on “Face the Nation.”', 'the “Ted Cruz” pins'), not a quoted remark."""
        if self.words(q.start, q.end) > self.finder.patterns.scare_max_words:
            return False
        j = self.token_index(q.start) - 1
        while j >= 0 and self.doc[j].is_space:
            j -= 1
        return j >= 0 and self.doc[j].lower_ in TITLE_BEFORE

    def token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def governing_cue(self, q: Quotation) -> Token | None:
        """The speech cue outside the quotation that the parse hangs the quoted words on
        ("joked, again using an accent, “...”", "“...” Trump went on")."""
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        steps = 0
        for tok in span:
            head = tok.head
            if head.i < span.start or head.i >= span.end:
                if self.is_speech_cue(head) and abs(head.i - (span.start if head.i < span.start else span.end)) <= 25:
                    return head
                steps += 1
                if steps > 6:
                    break
        return None

    def lead_in(self, a: int, b: int, ks: list[int]) -> bool:
        """True when [a, b) is a quotation that runs to the end, after a lead-in of at most
        five words ending in 'that' ("he had agreed that “...”")."""
        first = min(self.quotes[k].start for k in ks)
        last = max(self.quotes[k].end for k in ks)
        words = self.text[a:first].split()
        if not words or len(words) > 5 or words[-1].lower() != "that":
            return False
        return self.only_quotes(first, b, ks) and last - first > 2 * (first - a)

    def token_index(self, char: int) -> int:
        """Index of the token that holds (or last starts before) character ``char``."""
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def cue_after(self, char: int, window: int, loose: bool = False) -> Token | None:
        """A speech cue verb in the few tokens after a closing mark, in the same sentence.

        With ``loose``, any verb right after the quotation whose subject is a person will do
        ("“This is fantastic!” beamed a delegate", "“Come on,” he urged them")."""
        doc = self.doc
        i = self.token_index(char)
        if i < len(doc) and doc[i].idx < char:
            i += 1
        for n, tok in enumerate(doc[i : i + window]):
            if tok.text in SENT_END or "\n" in tok.text or tok.text in QUOTE_CHARS and tok.i > i or tok.text == "''":
                return None
            if self.is_speech_cue(tok):
                return tok
            if loose and n <= 4 and tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ") and self.person_subject(tok):
                return tok
        return None

    def adjacent_subject(self, q: Quotation, verb: Token) -> Token | None:
        """When the parse gives a cue next to a quotation no subject: the name or pronoun
        between the quotation and the cue ("“...,” Bozell answers"), or right after the cue
        ("“...,” said Skelly")."""
        doc = self.doc
        if verb.idx >= q.end:
            between = doc[self.token_index(q.end) : verb.i]
            for tok in between:
                if tok.idx >= q.end and tok.pos_ in ("PROPN", "PRON", "NOUN") and self.quote_at(tok.idx) is None:
                    ent = self.entity_at(tok.i)
                    return ent.root if ent is not None else tok
        if verb.idx < q.end:
            return None
        for tok in doc[verb.i + 1 : verb.i + 4]:
            if tok.is_punct or tok.is_space:
                break
            if tok.pos_ in ("PROPN", "PRON", "NOUN") and self.quote_at(tok.idx) is None:
                ent = self.entity_at(tok.i)
                return ent.root if ent is not None else tok
        return None

    def person_subject(self, verb: Token) -> bool:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        if subj.lower_ in ("he", "she", "i", "we", "they"):
            return True
        ent = self.entity_at(subj.i)
        return ent is not None and ent.label_ in ("PERSON", "ORG") or subj.lemma_.lower() in self.finder.titles

    def cue_before(self, char: int, window: int) -> Token | None:
        """A speech cue verb just before an opening mark ('he said: “', 'he said, “', 'said that “')."""
        j = self.token_index(char)
        if j < len(self.doc) and self.doc[j].idx >= char:
            j -= 1
        steps = 0
        while j >= 0 and steps < window:
            tok = self.doc[j]
            if tok.text in SENT_END or "\n" in tok.text or tok.text in QUOTE_CHARS or tok.text == "''":
                return None
            if self.is_speech_cue(tok):
                return tok
            if not (tok.is_punct or tok.is_space or tok.lower_ in ("that", "then", "simply", "only")):
                # words between the cue and the mark: allow an addressee or time ("told reporters:")
                if steps >= 3:
                    return None
            j -= 1
            steps += 1
        return None

    def is_speech_cue(self, tok: Token) -> bool:
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        return any(self.finder.classes[n].quotes for n in self.finder.cue_classes(tok))

    def follows_cue_clause(self, k_prev: int, k: int, att: Attribution) -> bool:
        """Quotation k comes right after the cue clause of quotation k_prev, same paragraph:
        '“...,” he said. “...”'."""
        prev, q = self.quotes[k_prev], self.quotes[k]
        if att.cue is None or not (prev.end <= att.cue.idx < q.start):
            return False
        between = self.text[prev.end : q.start]
        if "\n" in between or len(between) > 320:
            return False
        return between.rstrip().endswith((".", ",", ":"))

    def opens_paragraph(self, char: int) -> bool:
        k = bisect.bisect_right(self.para_starts, char) - 1
        return self.text[self.para_starts[k] : char].strip() == ""

    def paragraphs_between(self, att: Attribution, char: int) -> int:
        end = max(b for _, b in att.parts)
        return self.text.count("\n\n", end, char) + (
            1 if self.text.count("\n", end, char) and "\n\n" not in self.text[end:char] else 0
        )

    # entities and speakers
    def entity_at(self, i: int) -> Span | None:
        n = self.ent_of[i] if 0 <= i < len(self.ent_of) else -1
        return self.ents[n] if n >= 0 else None

    def mention_span(self, tok: Token) -> tuple[int, int]:
        """The source mention: the noun phrase up to its head, or the entity it is in; a
        relative pronoun with the noun phrase it stands for ("a report that", "Smith, who")."""
        ent = self.entity_at(tok.i)
        if ent is not None:
            return ent.start_char, ent.end_char
        if tok.lower_ in self.finder.relative and tok.head.dep_ in ("relcl", "acl") and tok.head.head.i < tok.i:
            head = tok.head.head
            start = self.mention_span(head)[0] if head.pos_ in ("NOUN", "PROPN", "PRON") else tok.idx
            if tok.i - head.i <= 12:
                return start, tok.idx + len(tok.text)
        left = tok
        for t in tok.lefts:
            if t.dep_ not in ("punct", "cc", "prep"):
                left = t.left_edge
                break
        right = tok.i
        for t in tok.rights:
            if t.dep_ in ("compound", "flat") and t.i == right + 1:
                right = t.i
            elif t.dep_ == "prep" and t.lower_ == "of" and t.i == right + 1 and t.right_edge.i - tok.i <= 8:
                right = t.right_edge.i  # "the head of the security council"
                break
            else:
                break
        a, b = left.idx, self.doc[right].idx + len(self.doc[right].text)
        return a, b

    def names_of(self, ent: Span) -> tuple[str, str | None, str | None]:
        canonical = getattr(ent._, "canonical", None) if Span.has_extension("canonical") else None
        kb_id = getattr(ent._, "kb_id", None) if Span.has_extension("kb_id") else None
        name = canonical or ent.text
        if (not canonical or canonical == ent.text) and ent.label_ == "PERSON" and len(ent) == 1:
            full = self.surname.get(ent.text)
            if full is not None and full.start < ent.start:
                name = (getattr(full._, "canonical", None) if Span.has_extension("canonical") else None) or full.text
        return name, canonical, kb_id

    def record_speaker(self, att: Attribution) -> None:
        if att.entity is not None and att.speaker_span is not None:
            c = att.speaker_span[0]
            k = bisect.bisect_right(self.speaker_pos, c)
            self.speaker_pos.insert(k, c)
            self.speakers.insert(k, (c, att.entity))

    def antecedent(self, char: int, labels: set[str], subjects_only: bool = False) -> Span | None:
        """The entity a pronoun or description at ``char`` refers to: a subject earlier in
        the same sentence ("Rubio spoke as he congratulated ..."); else the last speaker, unless
        a subject of a compatible kind has been named since (the topic moved on); else the
        nearest subject, else the nearest entity of the kind."""
        starts = sentence_starts(self.doc)
        k = max(0, bisect.bisect_right(starts, char) - 1)
        same = self._nearest(char, labels, subject_only=True, floor=starts[k])
        if same is not None:
            return same
        later = self._main_subject_after(char, labels)
        if later is not None:  # "speaking after talks in which he said ..., Lavrov was asked"
            return later
        recent = self._last_speaker(char, labels)
        subject = self._nearest(char, labels, subject_only=True)
        if recent is not None:
            c, last = recent
            if subject is None or subject.start_char < c:
                return last
            return subject
        return subject or (None if subjects_only else self._nearest(char, labels, subject_only=False))

    def _last_speaker(self, char: int, labels: set[str]) -> tuple[int, Span] | None:
        """The last resolved speaker before ``char`` of a compatible kind (a few steps back)."""
        k = bisect.bisect_left(self.speaker_pos, char) - 1
        steps = 0
        while k >= 0 and steps < 20:
            c, e = self.speakers[k]
            if e.label_ in labels:
                return c, e
            k -= 1
            steps += 1
        return None

    def _main_subject_after(self, char: int, labels: set[str]) -> Span | None:
        """The subject of the sentence's main clause when the mention at ``char`` stands in a
        clause fronted before it (cataphora)."""
        tok = self.token_at(char)
        if tok is None:
            return None
        root = tok.sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i), None)
        if subj is None or tok.head.i == root.i:
            return None
        ent = self.entity_at(subj.i)
        if ent is None or ent.label_ not in labels:
            return None
        # the mention must sit in a dependent of the root that comes before the subject
        node = tok
        while node.head.i != root.i and node.head is not node:
            node = node.head
        return ent if node.dep_ in ("advcl", "prep", "npadvmod", "advmod", "ccomp") and node.i < subj.i else None

    def _nearest(self, char: int, labels: set[str], subject_only: bool, floor: int = 0) -> Span | None:
        k = bisect.bisect_left(self.ent_starts, char) - 1
        steps = 0
        while k >= 0 and steps < 40 and self.ents[k].start_char >= floor:
            ent = self.ents[k]
            if ent.label_ in labels and ent.end_char <= char:
                if not subject_only or ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.head.dep_ in ("nsubj",):
                    return ent
            k -= 1
            steps += 1
        return None

    # record fields
    def fields(self, att: Attribution, a: int, b: int, n: int, part: int) -> dict:
        cue_start, cue_end = att.cue_span if att.cue_span else (None, None)
        ss, se = att.speaker_span if att.speaker_span else (None, None)
        return {
            "start": a,
            "end": b,
            "kind": att.kind,
            "speaker": att.speaker,
            "speaker_start": ss,
            "speaker_end": se,
            "speaker_canonical": att.canonical,
            "speaker_kb_id": att.kb_id,
            "cue": self.text[cue_start:cue_end] if cue_start is not None else None,
            "cue_start": cue_start,
            "cue_end": cue_end,
            "quote_id": n,
            "part": part,
            "floating": att.cue is None,
        }


def _mark(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "mark":
            return c.lower_
    return None


def _definite(tok: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "his", "her", "its", "their")
        for c in tok.lefts
    ) or any(c.dep_ == "compound" for c in tok.lefts)


def _chars(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Character span of tokens a..b inclusive, without trailing whitespace tokens."""
    while b > a and doc[b].is_space:
        b -= 1
    while a < b and doc[a].is_space:
        a += 1
    return doc[a].idx, doc[b].idx + len(doc[b].text)


@Language.factory("quote_attribution", default_config={"cues_path": None, "speakers_path": None, "patterns_path": None})
def make_quote_attribution(
    nlp: Language, name: str, cues_path: str | None, speakers_path: str | None, patterns_path: str | None
):
    """Direct, mixed and indirect quotations with their speakers (see the module docstring)."""
    return Attributor(nlp, load_cues(cues_path), load_speakers(speakers_path), load_patterns(patterns_path))

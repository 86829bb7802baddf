"""What a cue's content is: the part of the sentence that was said, thought or stood for.

Each cue class of ``cues.yaml`` lists its content rules, tried in order (:meth:`ContentFinder.content_of`):

- ``clause``      a clausal complement: "said that ...", "..., he said", "asked whether ...", the clause
                  a parenthetical cue interrupts ("It was, he said, a failure")
- ``infinitive``  "vowed to ...", with the bare verbs conjoined to it ("to cut taxes, raise wages and ...")
- ``object``      the direct object with what completes it: "called him a liar", "criticized X for Y"
- ``prep``        the object of one of the class's prepositions: "called for ...", "referred to ..."
- ``passive``     an agentless passive with its subject: "X is expected to win"
- ``raising``     the subject and infinitive of a verb of seeming: "the deal seems to hold"
- ``patient``     the subject of a passive with an agent: "the plan was rejected by voters"
- ``rest``        what follows a speech verb the parser made no clause of: "said the same of X"

Every rule ends in :meth:`ContentFinder.tidy`, which turns token indices into a character span and
cuts what was not said: a trailing modifier set off by a comma (", echoing a memo", ", according to
X") or a conjoined cue ("... and criticized him").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .context import DocContext
from .grammar import ACCORDING, AS_MARK, COMPLEMENTIZER, CUT_AFTER_COMMA, CUT_PUNCT, NOT_REPORTED, OBJECT_TAIL, mark_of
from .lexicon import Lexicon
from .rules import CueClass
from .sources import SourceFinder

CharSpan = tuple[int, int]  # a character span [start, end)


class ContentFinder:
    """The content rules (see the module docstring); built once, reads the Doc through a DocContext."""

    def __init__(self, lex: Lexicon, sources: SourceFinder):
        self.lex = lex
        self.sources = sources

    def content_of(self, ctx: DocContext, verb: Token, cls: CueClass, source: Token | None = None) -> CharSpan | None:
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
                if cls.object_sources == "evidence" and not self.sources.is_evidence(source):
                    continue
                span = self.object_content(ctx, verb, cls)
            else:
                span = self.prep_content(ctx, verb, cls)
            if span is not None:
                return span
        return None

    # ------------------------------------------------------------------ clause

    def clause_content(self, ctx: DocContext, verb: Token, left: bool = True, speech: bool = True) -> CharSpan | None:
        """A clausal complement ("said that ...", with ``left`` also "..., he said"; "asked whether
        ..."), else the clause a parenthetical cue interrupts ("“...,” he said", "It was, he said, a
        failure", and for a ``speech`` cue "as X noted, ..."), else a that-clause the parser hung
        elsewhere."""
        clauses = complement_clauses(self.lex, verb, left)
        if clauses:
            return self.tidy(ctx, *self.clause_tokens(verb, clauses))
        if (
            verb.dep_ == "parataxis"
            and verb.head is not verb
            or speech
            and verb.dep_ == "advcl"
            and mark_of(verb) == AS_MARK
        ):
            span = self.interrupted_clause(ctx, verb)
            if span is not None:
                return span
        return self.that_clause(ctx, verb)

    def clause_tokens(self, verb: Token, clauses: list[Token]) -> tuple[int, int]:
        """The first and last token of a cue's content among its complement clauses: those after
        it, without a later one that reports itself ("X said A and Y said B": B is Y's); of a
        clause on both sides, the side nearest the verb."""
        right = [c for c in clauses if c.i > verb.i]
        own = [c for c in right if c is not right[0] and self.reports_itself(c)]
        right = [c for c in right if c not in own]  # "X said A and Y said B": B is Y's
        chosen = right or clauses
        a = min(c.left_edge.i for c in chosen)
        b = max(c.right_edge.i for c in chosen)
        if a < verb.i < b:  # clause on both sides: keep the side nearest the verb
            c = min(chosen, key=lambda c: abs(c.i - verb.i))
            a, b = c.left_edge.i, c.right_edge.i
        return a, b

    def interrupted_clause(self, ctx: DocContext, verb: Token) -> CharSpan | None:
        """ "“...,” he said" and "It was, he said, a failure": the clause the cue interrupts, on
        the side away from the cue, or both sides ("After X, the office said, they will ...")."""
        head = verb.head
        a, b = head.left_edge.i, head.right_edge.i
        v_a, v_b = verb.left_edge.i, verb.right_edge.i
        if v_b >= b:
            b = v_a - 1
        elif v_a <= a:
            a = v_b + 1
        elif verb.dep_ == "parataxis":  # "After X, the office said, they will ...": both sides
            return self.tidy(ctx, a, b, skip=verb.i)
        return self.tidy(ctx, a, b) if b >= a else None

    def reports_itself(self, clause: Token) -> bool:
        """A clause that is a speech verb with its own subject and its own reported clause
        ('... and one in four said the plan failed'): another attribution, not part of this one."""
        return (
            self.lex.is_speech(clause)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
            and any(c.dep_ == "ccomp" for c in clause.children)
        )

    def that_clause(self, ctx: DocContext, verb: Token) -> CharSpan | None:
        """'noted after the talks that the sides agreed ...': the parser often hangs the
        that-clause on the nearest noun; a complementizer 'that' right after the cue's adjuncts,
        followed by a subject, opens the content all the same."""
        doc = ctx.doc
        end = verb.right_edge.i
        for tok in doc[verb.i + 1 : min(end, verb.i + 9) + 1]:
            if tok.is_punct and tok.text not in (",",) or tok.pos_ in ("VERB", "AUX") and tok.i > verb.i + 1:
                return None
            if tok.lower_ == COMPLEMENTIZER and tok.i + 1 <= end:
                nxt = doc[tok.i + 1]
                if nxt.pos_ in ("DET", "PROPN", "PRON", "NOUN", "ADJ", "NUM") and any(
                    t.pos_ in ("VERB", "AUX") for t in doc[tok.i + 1 : end + 1]
                ):
                    return self.tidy(ctx, tok.i, end)
                return None
        return None

    # ------------------------------------------------------------------ rest, passive, patient

    def rest_content(self, ctx: DocContext, verb: Token) -> CharSpan | None:
        """What follows a speech verb that the parser did not make a clause ("said legalizing it
        would ...", "said the same of X", "said no to X"): its right dependents, after the
        addressee and adjuncts of time and place ("told reporters on Monday")."""
        rights = [c for c in verb.rights if self.carries_rest(verb, c) and not c.is_space]
        if (
            not rights
            or verb.lemma_.lower() in self.lex.addressee_verbs
            and rights[0].dep_ == "dobj"
            and len(rights) == 1
        ):
            return None  # "told reporters": the addressee alone
        return self.tidy(ctx, rights[0].left_edge.i, rights[-1].right_edge.i)

    def carries_rest(self, verb: Token, c: Token) -> bool:
        """Whether a right dependent of a speech verb is part of what was said: not punctuation,
        the addressee or an adverb, nor an adjunct (a preposition other than ``rest_preps``, an
        adverbial clause other than an indirect question, or one set off by a comma)."""
        if c.dep_ in NOT_REPORTED:
            return False
        if c.dep_ == "prep":
            return c.lower_ in self.lex.rest_preps
        if c.dep_ == "advcl":
            mark = mark_of(c)
            if not (mark is None or mark in self.lex.question_words):
                return False
            return not (c.left_edge.i > 0 and verb.doc[c.left_edge.i - 1].text in CUT_PUNCT)
        return True

    def passive_content(self, ctx: DocContext, verb: Token, raising: bool = False) -> CharSpan | None:
        """'X is expected to win', 'X was said to be ...' (and with ``raising``, 'X seems to
        be ...'): the subject and its complement."""
        subj_dep = "nsubj" if raising else "nsubjpass"
        subj = next((c for c in verb.children if c.dep_ == subj_dep and c.i < verb.i), None)
        comp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
        if subj is None or comp is None or not (raising or any(c.dep_ == "auxpass" for c in verb.children)):
            return None
        if subj.lower_ in self.lex.non_speakers or subj.lower_ in self.lex.passive_non_subjects:
            return None
        return self.tidy(ctx, subj.left_edge.i, comp.right_edge.i)

    def patient_content(self, ctx: DocContext, verb: Token) -> CharSpan | None:
        """A passive cue with an agent, whose subject is what was judged or announced ('the plan
        was approved by voters', 'he was deemed unfit by the panel', 'which were claimed by the
        group'): the subject, with what completes the verb after it. Without an agent there is
        no source to name, and PolNeAR often marks none: such passives are left alone."""
        if not any(c.dep_ == "auxpass" for c in verb.children) or not any(c.dep_ == "agent" for c in verb.children):
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        if subj is None or subj.lower_ in self.lex.non_speakers or subj.lower_ in self.lex.patient_non_subjects:
            return None
        end = subj.right_edge.i
        for c in verb.rights:
            if c.dep_ in ("xcomp", "oprd", "ccomp") or c.dep_ == "prep" and c.lower_ in self.lex.patient_preps:
                end = max(end, c.right_edge.i)
        return self.tidy(ctx, subj.left_edge.i, end)

    # ------------------------------------------------------------------ infinitive, object, prep

    def infinitive_content(self, ctx: DocContext, verb: Token) -> CharSpan | None:
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

    def object_content(self, ctx: DocContext, verb: Token, cls: CueClass) -> CharSpan | None:
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
            if c.dep_ in OBJECT_TAIL or (c.dep_ == "prep" and c.lower_ in self.lex.object_preps):
                last = c
            elif c.dep_ not in ("punct",):
                break
        for rel in obj.rights:  # "cited a study that found ...": the study's finding is its own
            if (
                rel.dep_ == "relcl"
                and last is obj
                and any(g.dep_ == "ccomp" for g in rel.children)
                and any(self.lex.classes[n].content[:1] == ["clause"] for n in self.lex.cue_classes(rel))
            ):
                return self.tidy(ctx, obj.left_edge.i, rel.left_edge.i - 1)
        return self.tidy(ctx, obj.left_edge.i, last.right_edge.i)

    def prep_content(self, ctx: DocContext, verb: Token, cls: CueClass) -> CharSpan | None:
        preps = set(cls.preps)
        for c in verb.rights:
            if c.dep_ in ("prep", "prt") and c.lower_ in preps:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    g = objs[0]
                    return self.tidy(ctx, g.left_edge.i, c.right_edge.i)
        return None

    # ------------------------------------------------------------------ tidy

    def tidy(self, ctx: DocContext, a: int, b: int, skip: int = -1) -> CharSpan:
        """Character span of tokens a..b, cut before a trailing modifier set off by a comma
        (", echoing a memo", ", which includes", ", the latter a reference", ", according to")
        or before a conjoined cue verb ("... and criticized him"): those are not what was said.
        Token ``skip`` (a parenthetical cue inside the span) is never cut before."""
        doc = ctx.doc
        if b <= a:
            return token_chars(doc, a, max(a, b))
        root = doc[a : b + 1].root
        for i in ctx.cut_candidates(root.i + 1, b + 1):
            t = doc[i]
            if not (a <= t.head.i <= b) or t.i == skip:
                continue
            last = self.last_before_cut(ctx, t, a, b, root)
            if last is not None:
                return token_chars(doc, a, last)
        return token_chars(doc, a, b)

    def last_before_cut(self, ctx: DocContext, t: Token, a: int, b: int, root: Token) -> int | None:
        """When the content a..b (its head ``root``) is cut before the phrase of token ``t``: the
        last token kept; else None."""
        doc = ctx.doc
        le = t.left_edge.i
        if le > root.i + 1 and doc[le - 1].text in CUT_PUNCT and reaches_end(doc, t, b):
            if t.lower_ == ACCORDING:
                return le - 2  # "..., according to X": X's attribution, not part of this one
            if t.dep_ in CUT_AFTER_COMMA and ctx.quote_at(doc[le - 1].idx) is None and cut_modifier(t):
                return le - 2  # ", echoing a memo", ", which includes"
        if comma_inside_marks(doc, t, le, root):
            return le - 1  # '“We’ll see,” when asked ...': the comma sits inside the marks
        if self.conjoined_cue(ctx, t, le, root):  # "... and criticized him", "... and Smith said ..."
            end = le - 2
            while end > a and (doc[end].text in CUT_PUNCT or doc[end].is_space):
                end -= 1
            return end
        return None

    def conjoined_cue(self, ctx: DocContext, t: Token, le: int, root: Token) -> bool:
        """A cue verb conjoined with "and" outside a quotation: with no subject of its own
        ("... and criticized him"), or a speech verb with its own subject and clause ("... and
        Smith said ...")."""
        doc = ctx.doc
        return bool(
            t.dep_ == "conj"
            and self.lex.cue_classes(t)
            and le - 1 > root.i
            and doc[le - 1].dep_ == "cc"
            and ctx.quote_at(t.idx) is None
            and not any(c.dep_ == "mark" for c in t.children)
            and (
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)  # "... and criticized him"
                or any(c.dep_ == "ccomp" for c in t.children)
                and self.lex.is_speech(t)
            )
        )


def reaches_end(doc: Doc, t: Token, b: int) -> bool:
    """Whether the phrase of token ``t`` runs to the end of the content a..b (or to the token
    before it, or to punctuation and space only)."""
    return t.right_edge.i >= b - 1 or all(x.is_punct or x.is_space for x in doc[t.right_edge.i + 1 : b + 1])


def comma_inside_marks(doc: Doc, t: Token, le: int, root: Token) -> bool:
    """A modifier after a quotation whose comma stands inside the closing mark ('“We’ll see,”
    when asked ...')."""
    return (
        t.dep_ in CUT_AFTER_COMMA
        and t.dep_ != "conj"
        and le > root.i + 2
        and (doc[le - 1].is_quote or doc[le - 1].text == "''")
        and doc[le - 2].text in CUT_PUNCT
    )


def complement_clauses(lex: Lexicon, verb: Token, left: bool) -> list[Token]:
    """A cue's clausal complements: after it ("said that ..."), before it with ``left`` ("...,
    he said"), and a clause of "if" or "whether" after it ("asked whether ...")."""
    clauses = [
        c
        for c in verb.children
        if (c.dep_ == "ccomp" and c.i > verb.i) or (left and c.dep_ in ("ccomp", "csubj") and c.i < verb.i)
    ]
    clauses += [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and mark_of(c) in lex.question_words]
    return clauses


def cut_modifier(t: Token) -> bool:
    """Whether a trailing modifier set off by a comma is cut from the content: a clause
    with its own subject ("..., and Smith said ..."), a participle (", saying ...",
    ", a swipe at ..."), a relative clause; not a list of nouns nor of verb phrases
    (", raise the minimum wage and ...")."""
    if t.dep_ == "conj":
        return t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
    return True


def token_chars(doc: Doc, a: int, b: int) -> CharSpan:
    """Character span of tokens a..b inclusive, without trailing whitespace tokens."""
    while b > a and doc[b].is_space:
        b -= 1
    while a < b and doc[a].is_space:
        a += 1
    return doc[a].idx, doc[b].idx + len(doc[b].text)

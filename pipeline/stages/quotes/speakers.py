"""Pass 3, speakers: each attribution's source mention resolved to a name.

The mention is the noun phrase of the source up to its head ("the head of the security council"),
with the noun a relative pronoun stands for ("a report that", "Smith, who"); a speaker label or an
"according to" phrase sets its own. It resolves to the entity it is or holds ("spokesman Dmitry
Peskov", "the Russian side"); a pronoun, a title ("the minister") or a singular group noun ("the
Kremlin") to the nearest compatible earlier entity: a subject earlier in the same sentence, the
main subject after a fronted clause, the last speaker unless a new subject has been named since,
the nearest subject. A single surname takes the full name used earlier in the article. A floating
quotation takes the speaker of the attribution it follows.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Span, Token

from ...core.docs import sentence_starts
from .context import Attribution, DocContext
from .grammar import OF, SUBJECTS
from .lexicon import Lexicon

# the entity labels (the NER's scheme) a title ("the minister") and a group noun ("the ministry") refer to
TITLE_LABELS = {"PERSON"}
GROUP_LABELS = {"ORG", "GPE"}


class SpeakerResolver:
    """Pass 3 (see the module docstring); built once, keeps the speakers so far in the DocContext."""

    def __init__(self, lex: Lexicon):
        self.lex = lex

    def resolve(self, ctx: DocContext, atts: list[Attribution]) -> None:
        """Resolve the speakers of attributions in text order: the cued ones first, then the
        floating quotations, which copy the speaker of the one they follow."""
        for att in atts:
            if att.cue is not None:
                self.resolve_speaker(ctx, att)
        for att in atts:
            if att.cue is None:
                self.resolve_speaker(ctx, att)

    def resolve_speaker(self, ctx: DocContext, att: Attribution) -> None:
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
        att.speaker_span = att.speaker_span or self.mention_span(ctx, src)  # a speaker label sets its own
        ent = self.entity_for(ctx, src, att)
        if ent is not None:
            att.entity = ent
            att.speaker, att.canonical, att.kb_id = names_of(ctx, ent)
        else:
            a, b = att.speaker_span
            att.speaker = ctx.text[a:b]
        record_speaker(ctx, att)

    def entity_for(self, ctx: DocContext, tok: Token, att: Attribution, depth: int = 0) -> Span | None:
        """The entity a source mention names or refers to."""
        lex = self.lex
        ent = ctx.entity_at(tok.i)
        if ent is not None and ent.label_ in lex.speaker_labels:
            return ent
        low = tok.lower_
        if low in lex.relative and tok.dep_ in SUBJECTS and depth < 2:
            clause = tok.head
            if clause.dep_ in ("relcl", "acl") and clause.head.i < tok.i:
                return self.entity_for(ctx, clause.head, att, depth + 1)
        for child in tok.children:  # "the minister, Sergey Lavrov," / "spokesman Dmitry Peskov"
            if child.dep_ in ("appos", "compound", "nmod", "poss", "amod"):
                e = ctx.entity_at(child.i)
                if (
                    e is not None
                    and e.label_ in lex.speaker_labels
                    and not any(g.dep_ == "conj" for g in child.children)
                ):
                    # "spokesman Dmitry Peskov", "the Russian side"; but "Turkish officials" and
                    # "the Russian and Ukrainian delegations" stay as written
                    if e.label_ == "PERSON" and child.dep_ != "poss" or tok.lemma_.lower() in lex.groups:
                        return e
        if low in lex.pronouns:
            return antecedent(ctx, tok.idx, lex.pronouns[low])
        lemma = tok.lemma_.lower()
        if lemma in lex.titles and tok.pos_ == "NOUN" and self.definite(tok):
            return antecedent(ctx, tok.idx, TITLE_LABELS)
        if lemma in lex.groups and self.definite(tok) and tok.tag_ == "NN":
            return antecedent(ctx, tok.idx, GROUP_LABELS, subjects_only=True)
        return None

    def definite(self, tok: Token) -> bool:
        """A definite description ("the minister", "his spokesman", "Kremlin spokesman")."""
        return any(c.dep_ in ("det", "poss") and c.lower_ in self.lex.definite_determiners for c in tok.lefts) or any(
            c.dep_ == "compound" for c in tok.lefts
        )

    def mention_span(self, ctx: DocContext, tok: Token) -> tuple[int, int]:
        """The source mention: the noun phrase up to its head, or the entity it is in; a
        relative pronoun with the noun phrase it stands for ("a report that", "Smith, who")."""
        ent = ctx.entity_at(tok.i)
        if ent is not None:
            return ent.start_char, ent.end_char
        if tok.lower_ in self.lex.relative and tok.head.dep_ in ("relcl", "acl") and tok.head.head.i < tok.i:
            head = tok.head.head
            start = self.mention_span(ctx, head)[0] if head.pos_ in ("NOUN", "PROPN", "PRON") else tok.idx
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
            elif t.dep_ == "prep" and t.lower_ == OF and t.i == right + 1 and t.right_edge.i - tok.i <= 8:
                right = t.right_edge.i  # "the head of the security council"
                break
            else:
                break
        a, b = left.idx, ctx.doc[right].idx + len(ctx.doc[right].text)
        return a, b


def names_of(ctx: DocContext, ent: Span) -> tuple[str, str | None, str | None]:
    """The speaker's name, canonical name and knowledge-base id of an entity (from the entities
    stage); a lone surname takes the full name used earlier in the article."""
    canonical = getattr(ent._, "canonical", None) if Span.has_extension("canonical") else None
    kb_id = getattr(ent._, "kb_id", None) if Span.has_extension("kb_id") else None
    name = canonical or ent.text
    if (not canonical or canonical == ent.text) and ent.label_ == "PERSON" and len(ent) == 1:
        full = ctx.surname.get(ent.text)
        if full is not None and full.start < ent.start:
            name = (getattr(full._, "canonical", None) if Span.has_extension("canonical") else None) or full.text
    return name, canonical, kb_id


# ---------------------------------------------------------------------- the speakers so far, and antecedents


def record_speaker(ctx: DocContext, att: Attribution) -> None:
    """Keep a resolved speaker, by the offset of its mention, for later pronouns."""
    if att.entity is not None and att.speaker_span is not None:
        c = att.speaker_span[0]
        k = bisect.bisect_right(ctx.speaker_pos, c)
        ctx.speaker_pos.insert(k, c)
        ctx.speakers.insert(k, (c, att.entity))


def antecedent(ctx: DocContext, char: int, labels: set[str], subjects_only: bool = False) -> Span | None:
    """The entity a pronoun or description at ``char`` refers to: a subject earlier in
    the same sentence ("Rubio spoke as he congratulated ..."); else the last speaker, unless
    a subject of a compatible kind has been named since (the topic moved on); else the
    nearest subject, else the nearest entity of the kind."""
    starts = sentence_starts(ctx.doc)
    k = max(0, bisect.bisect_right(starts, char) - 1)
    same = nearest_entity(ctx, char, labels, subject_only=True, floor=starts[k])
    if same is not None:
        return same
    later = main_subject_after(ctx, char, labels)
    if later is not None:  # "speaking after talks in which he said ..., Lavrov was asked"
        return later
    recent = last_speaker(ctx, char, labels)
    subject = nearest_entity(ctx, char, labels, subject_only=True)
    if recent is not None:
        c, last = recent
        if subject is None or subject.start_char < c:
            return last
        return subject
    return subject or (None if subjects_only else nearest_entity(ctx, char, labels, subject_only=False))


def last_speaker(ctx: DocContext, char: int, labels: set[str]) -> tuple[int, Span] | None:
    """The last resolved speaker before ``char`` of a compatible kind (a few steps back)."""
    k = bisect.bisect_left(ctx.speaker_pos, char) - 1
    steps = 0
    while k >= 0 and steps < 20:
        c, e = ctx.speakers[k]
        if e.label_ in labels:
            return c, e
        k -= 1
        steps += 1
    return None


def main_subject_after(ctx: DocContext, char: int, labels: set[str]) -> Span | None:
    """The subject of the sentence's main clause when the mention at ``char`` stands in a
    clause fronted before it (cataphora)."""
    tok = ctx.token_at(char)
    if tok is None:
        return None
    root = tok.sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i), None)
    if subj is None or tok.head.i == root.i:
        return None
    ent = ctx.entity_at(subj.i)
    if ent is None or ent.label_ not in labels:
        return None
    # the mention must sit in a dependent of the root that comes before the subject
    node = tok
    while node.head.i != root.i and node.head is not node:
        node = node.head
    return ent if node.dep_ in ("advcl", "prep", "npadvmod", "advmod", "ccomp") and node.i < subj.i else None


def nearest_entity(ctx: DocContext, char: int, labels: set[str], subject_only: bool, floor: int = 0) -> Span | None:
    """The nearest entity of one of ``labels`` ending before ``char`` (and starting at ``floor`` or
    after), a subject if ``subject_only``."""
    k = bisect.bisect_left(ctx.ent_starts, char) - 1
    steps = 0
    while k >= 0 and steps < 40 and ctx.ents[k].start_char >= floor:
        ent = ctx.ents[k]
        if ent.label_ in labels and ent.end_char <= char:
            if not subject_only or ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.head.dep_ in ("nsubj",):
                return ent
        k -= 1
        steps += 1
    return None

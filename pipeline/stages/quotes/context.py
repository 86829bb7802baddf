"""Per-article state of the quotes passes: the attributions being assembled and the Doc's indexes.

A :class:`DocContext` is made for each Doc (:meth:`DocContext.of`) and dropped after it; the
passes are built once and keep nothing of an article. It holds the text read once (``Doc.text``
joins every token on each access), the quotations found by :mod:`.quotemarks`, sorted offsets for
binary searches (quotations, tokens, entities, paragraphs), what pass 1 leaves for pass 2 (the
provisions of documents) and pass 2 for itself (attributions it made), and the speakers resolved
so far, which pass 3 reads back for pronouns.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy
from spacy.attrs import DEP, IDX, LOWER
from spacy.tokens import Doc, Span, Token

from ...core.docs import doc_text, in_ids, word_mask
from .grammar import ACCORDING_ID, CUT_DEP_IDS, LEAD_PUNCT, TRAIL_PUNCT
from .lexicon import Lexicon
from .quotemarks import Quotation, find_quotations, find_single_quotations

NEWLINE = re.compile("\n")
# a footnote or link mark at the end of a content: "....[[62]](https://...)"
TRAILING_REFERENCE = re.compile(r"(?:\[\[?[^\[\]\n]{1,40}\]\]?(?:\([^()\s]{1,300}\))?)+$")


@dataclass
class Attribution:
    """One attribution being assembled: content parts (char spans), cue, source, and the speaker
    pass 3 resolves it to."""

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


@dataclass
class DocContext:
    """One article's indexes and the state the passes share while reading it."""

    doc: Doc
    lex: Lexicon
    text: str
    quotes: list[Quotation]  # double quotations and single ones outside them, by start
    q_starts: list[int]
    tok_starts: list[int]
    ents: list[Span]
    ent_of: list[int]  # per token, the index of its entity in ents, or -1
    ent_starts: list[int]
    para_starts: list[int]
    surname: dict[str, Span]  # last word of a person's name -> the first full name with it
    speakers: list[tuple[int, Span]] = field(default_factory=list)  # (char, entity) of resolved speakers, by char
    speaker_pos: list[int] = field(default_factory=list)
    extra: list[Attribution] = field(default_factory=list)  # attributions pass 2 made for quotations
    provision_spans: list[tuple[int, int]] = field(default_factory=list)  # what documents say (pass 1)

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon) -> DocContext:
        text = doc_text(doc)  # Doc.text joins every token on each access: the cached copy
        double = find_quotations(text, lex.marks)
        singles = find_single_quotations(text, lex.marks, outside=double)
        quotes = sorted(double + singles, key=lambda q: q.start)
        ents = list(doc.ents)
        ent_of = [-1] * len(doc)
        for n, ent in enumerate(ents):
            for i in range(ent.start, ent.end):
                ent_of[i] = n
        surname: dict[str, Span] = {}
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                surname.setdefault(ent[-1].text, ent)
        return cls(
            doc=doc,
            lex=lex,
            text=text,
            quotes=quotes,
            q_starts=[q.start for q in quotes],
            tok_starts=doc.to_array([IDX]).tolist() if len(doc) else [],
            ents=ents,
            ent_of=ent_of,
            ent_starts=[e.start_char for e in ents],
            para_starts=[0] + [m.end() for m in NEWLINE.finditer(text)],
            surname=surname,
        )

    # ------------------------------------------------------------------ token arrays, built on first use

    @cached_property
    def word_prefix(self) -> list[int]:
        """Words (tokens neither punctuation nor space) before each token."""
        return [0] + numpy.cumsum(word_mask(self.doc)).tolist()

    @cached_property
    def cut_candidate(self) -> numpy.ndarray:
        """Per token, whether tidy() may cut before it: a dependent of a kind set off by a comma,
        a conjunct, or 'according'."""
        dep, lower = self.doc.to_array([DEP, LOWER]).T
        return in_ids(dep, CUT_DEP_IDS) | (lower == ACCORDING_ID)

    # ------------------------------------------------------------------ text measures

    def words(self, a: int, b: int) -> int:
        """Tokens in the characters [a, b) (widened to whole tokens) that are neither punctuation nor space."""
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return 0
        return self.word_prefix[span.end] - self.word_prefix[span.start]

    def cut_candidates(self, start: int, end: int) -> list[int]:
        """Tokens in [start, end) that ``content.ContentFinder.tidy`` may cut before. Read from
        arrays once per doc, so that tidy makes Token objects only for these few."""
        return (numpy.flatnonzero(self.cut_candidate[start:end]) + start).tolist()

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Strip spaces and edge punctuation that belongs to the attribution, not the content."""
        text = self.text
        changed = True
        while changed and a < b:
            changed = False
            while a < b and (text[a].isspace() or text[a] in LEAD_PUNCT):
                a += 1
                changed = True
            while b > a and (text[b - 1].isspace() or text[b - 1] in TRAIL_PUNCT):
                b -= 1
                changed = True
            for word in self.lex.trailing_conjunctions:
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

    # ------------------------------------------------------------------ look-ups by offset

    def quote_at(self, char: int) -> int | None:
        """Index of the quotation holding character ``char``, or None."""
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

    def token_index(self, char: int) -> int:
        """Index of the token that holds (or last starts before) character ``char``."""
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def entity_at(self, i: int) -> Span | None:
        """The entity token ``i`` is part of, or None."""
        n = self.ent_of[i] if 0 <= i < len(self.ent_of) else -1
        return self.ents[n] if n >= 0 else None

    def opens_paragraph(self, char: int) -> bool:
        k = bisect.bisect_right(self.para_starts, char) - 1
        return self.text[self.para_starts[k] : char].strip() == ""

"""The state of one article while the component reads it, and of the sentence it is reading.

A :class:`Reading` is created per Doc and dropped with it: the component itself keeps no article
state. It holds what later sentences need from earlier ones: the article's memoranda (and which one
the text is talking about), every document mention read so far, the provisions found so far (a
refusal in a later sentence can reject them) and the bullet list an introduction opened.

A :class:`Sentence` is one prose sentence with its document mentions resolved: what every frame
function receives besides the Reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ...core.docs import doc_text
from .grammar import THE_THIS
from .lexicon import Lexicon
from .memoranda import ArticleMemoranda, Memo
from .mentions import mention_head
from .rules import RuleData

if TYPE_CHECKING:
    from .frames.base import Frame
    from .frames.lists import OpenList
    from .segment import Segment


@dataclass
class Sentence:
    """One prose sentence, its document mentions resolved."""

    span: Span
    index: int  # among the article's prose sentences: "the sentence before" skips boilerplate lines
    mentions: dict[int, Memo]  # token index of a document mention -> the memorandum it names
    active_before: Memo | None  # the document the text was talking about before this sentence ...
    active_before_index: int  # ... and the index of the sentence that named it (-10: none yet)


@dataclass
class Reading:
    """One article being read (see the module docstring)."""

    doc: Doc
    lex: Lexicon
    memoranda: ArticleMemoranda
    text: str  # Doc.text is rebuilt on every access: the copy every offset look-up uses
    cue_starts: set[int]  # tokens where a prefilter word starts
    mention_memo: dict[int, Memo] = field(default_factory=dict)  # every document mention read so far
    found: list[tuple[Segment, Frame]] = field(default_factory=list)  # provisions' segments, in reading order
    open_list: OpenList | None = None  # the bullet list an introduction ending in a colon opened
    sentences: list[Span] = field(default_factory=list)  # the prose sentences read so far (index = Sentence.index)

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon) -> Reading:
        return cls(doc, lex, ArticleMemoranda(doc, lex.data), doc_text(doc), lex.cue_starts(doc))

    @property
    def data(self) -> RuleData:
        return self.lex.data

    def sentence(self, span: Span, index: int) -> Sentence:
        """Read a sentence's document mentions first: they set the memorandum the sentence talks about."""
        memoranda = self.memoranda
        active, active_index = memoranda.active, memoranda.active_sentence
        mentions: dict[int, Memo] = {}
        for tok in span:
            kind = mention_head(tok, self.data)
            if kind:
                memo = memoranda.resolve_mention(tok, kind, index)
                if memo is not None:
                    mentions[tok.i] = memo
        if active is not None and active_index >= index - 3 and not active.position:
            for tok in span:
                if (
                    tok.i not in mentions
                    and tok.lemma_.lower() in self.data.documents.general_nouns
                    and tok.pos_ == "NOUN"
                    and any(c.lower_ in THE_THIS for c in tok.lefts)
                ):
                    mentions[tok.i] = active  # "The document also opposes ...": the document named just before
        self.mention_memo.update(mentions)
        return Sentence(span, index, mentions, active, active_index)

"""The frame interface: what a frame function receives, what it returns.

A *frame* is a place where an article reports what a document or a party puts on the table, and
where that content starts and ends: in "the first section calls for a ceasefire", the cue "calls",
the memorandum of "the first section", and the content "a ceasefire".

Two kinds of frame function, both pure over the parse apart from the article's memoranda (they may
create the memorandum a frame belongs to, e.g. a party's demands):

- a *sentence* frame function ``(reading, sentence) -> list[Frame]`` looks at a whole sentence
  (an entry of ``FRAME_ORDER`` in :mod:`pipeline.stages.provisions.frames`);
- a *verb* frame function ``(reading, sentence, verb) -> list[Frame]`` reads one verb whose lemma is
  in the cue list of its row of ``VERB_FRAMES`` ("agreed", "rejected", "calls").

Both return the frames found (empty when the pattern does not apply); the
:class:`~..reading.Reading` gives the article's state and the rule look-ups (``reading.lex``), the
:class:`~..reading.Sentence` the sentence span, its index and its document mentions. A frame
function never keeps state of its own: what later sentences need goes on the Reading.

Frames are candidates: their content is cut into segments (:mod:`..segment`) and
:func:`..spans.provision_spans` decides, at the end of the article, which segments become provisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Token

from ..memoranda import Memo

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


@dataclass
class Frame:
    """Where content starts and ends, whose it is, and how to read it."""

    memo: Memo
    start: int  # first content token
    end: int  # token after the content
    kind: str  # content, position, agreement, refusal, list, bullet, modal, complement
    modality: str | None
    status: str
    cue: Token | None = None
    section: str | None = None
    item: str | None = None
    need_trigger: bool | str = True  # prose frames keep only provisions with a category trigger ("strong": strong)
    tail_start: int | None = None
    si: int = -1  # index of its sentence
    change: str | None = None  # a revision's: removed, changed, added
    revises: Memo | None = None  # the document a revision's clause comes from


SentenceFrames = Callable[["Reading", "Sentence"], list[Frame]]
VerbFrames = Callable[["Reading", "Sentence", Token], list[Frame]]


@dataclass(frozen=True)
class SentenceFamily:
    """An entry of FRAME_ORDER: a family of sentence frames."""

    name: str
    find: SentenceFrames
    only_if_none: bool = False  # tried only when the families before it found no frame in the sentence


@dataclass(frozen=True)
class VerbFamily:
    """A row of VERB_FRAMES: the verbs of one cue list of cues.yaml and the frame function that reads them."""

    cues: str  # the list in cues.yaml ("agreement_verbs")
    find: VerbFrames
    else_content: bool = False  # nothing found: read the verb as a content verb if it is one too

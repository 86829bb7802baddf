"""The ``provision_finder`` component: memoranda, plans and agreements an article reports, and their clauses.

The component builds its rule look-ups once (:class:`~.lexicon.Lexicon`) and, per Doc, reads the
article sentence by sentence in a :class:`~.reading.Reading`:

1. a PhraseMatcher prefilter skips, at almost no cost, the sentences that cannot hold a provision (no
   document word or frame cue, and no document named in the two sentences before), and boilerplate,
   stray lines ("Advertisement") and title-case headlines are not read;
2. the sentence's document mentions are resolved (:mod:`.memoranda`), then the frame families of
   :data:`.frames.FRAME_ORDER` find where content starts and whose it is (:mod:`.frames`); bullet
   lines of a list opened by a colon are frames of that list's document;
3. a refusal may reject the provisions of the sentences before (:func:`.frames.refusals.refusal_back`);
4. each frame's content is cut into atomic provisions (:mod:`.segment`), and at the end of the article
   the provisions are kept or dropped and given their fields (:mod:`.spans`, :mod:`.fields`,
   :mod:`.categories`).

Results go to ``doc.spans["memoranda"]`` and ``doc.spans["provisions"]`` with the record fields in
``span._.memorandum`` / ``span._.provision``; :func:`.stage.extract_provisions` turns them into records.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...core import extensions  # noqa: F401  (Span._.memorandum, Span._.provision)
from ...core.docs import in_boilerplate
from ...core.guard import GuardedComponent
from .decide import DecisionModel, decide, load_model
from .frames import sentence_frames
from .frames.base import Frame
from .frames.lists import bullet_frames, bullet_line, close_list, open_list
from .frames.refusals import refusal_back
from .lexicon import Lexicon
from .reading import Reading
from .rules import rule_data
from .spans import RuleSegment, memo_spans, provision_spans, segment_outcomes, segments


class ProvisionFinder(GuardedComponent):
    """The spaCy component: memoranda and provisions of one article (see the module docstring)."""

    stage, component = "provisions", "provision_finder"

    def __init__(self, nlp: Language, data_path: str | None = None, model_path: str | None = None):
        self.data = rule_data(data_path)
        self.lex = Lexicon(nlp, self.data)
        self.model: DecisionModel | None = load_model(model_path)

    def process(self, doc: Doc) -> Doc:
        doc.spans["memoranda"], doc.spans["provisions"] = self.find(doc)
        return doc

    def fallback(self, doc: Doc) -> None:
        doc.spans["memoranda"], doc.spans["provisions"] = [], []

    def find(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        read = self.read(doc)
        if read is None:
            return [], []
        reading, outcomes = read
        if self.model is None:
            provisions = provision_spans(reading, outcomes)
        else:
            provisions = decide(reading, outcomes, self.lex.signals, self.model)
        return memo_spans(reading), provisions

    def read(self, doc: Doc) -> tuple[Reading, list[RuleSegment]] | None:
        """The rules' reading of an article: its memoranda, and every segment its frames cut with what the filters
        did (None for an article with no word a provision could hang on)."""
        if not len(doc) or not doc.has_annotation("DEP"):
            return None
        reading = Reading.of(doc, self.lex)
        if not reading.cue_starts:
            return None
        si = -1  # index of the sentence among the article's prose sentences: "the sentence before" skips boilerplate
        for sent in doc.sents:
            if in_boilerplate(doc, sent.start_char, sent.end_char) or stray_line(sent):
                continue
            si += 1
            reading.sentences.append(sent)
            read_sentence(reading, sent, si)
        reading.memoranda.settle()
        return reading, segment_outcomes(reading)


def read_sentence(reading: Reading, sent: Span, si: int) -> None:
    """Frames of one prose sentence (when it may hold one), bullet lines, lists opened, refusals of what came
    before; the provisions of its frames go to ``reading.found``."""
    line = bullet_line(reading, sent)
    close_list(reading, sent, line)
    readable = may_hold_provision(reading, sent, si)
    frames: list[Frame] = []
    if readable:
        frames = sentence_frames(reading, reading.sentence(sent, si))
    frames = bullet_frames(reading, sent, line, frames)
    open_list(reading, sent, frames, si)
    if readable:
        refusal_back(reading, sent, si)
    for fr in frames:
        fr.si = si
        for seg in segments(reading.lex, reading.doc, fr):
            reading.found.append((seg, fr))


def may_hold_provision(reading: Reading, sent: Span, si: int) -> bool:
    """A prefilter word in the sentence, or a document named in the two sentences before; not a headline."""
    memoranda = reading.memoranda
    recent = memoranda.active is not None and memoranda.active_sentence >= si - 2
    return (recent or any(sent.start <= i < sent.end for i in reading.cue_starts)) and not headline(sent)


def stray_line(sent: Span) -> bool:
    """'Advertisement', 'Read more' on a line of its own between two paragraphs: not a sentence of the text."""
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    return (
        len(words) <= 2
        and not any(t.text in (".", "!", "?") for t in sent)
        and "\n" in sent.text_with_ws[-2:] + (sent.doc[sent.start - 1].text if sent.start > 0 else "\n")
    )


def headline(sent: Span) -> bool:
    """A title-case line ('Kyiv and Moscow Agreed to Brief Leaders'): the parser reads it badly and the
    body says the same in prose."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.is_title or t.is_upper for t in words) >= 0.75 * len(words)


@Language.factory("provision_finder", default_config={"data_path": None, "model_path": None})
def make_provision_finder(nlp: Language, name: str, data_path: str | None, model_path: str | None):
    """Memoranda and provisions (rule files in ``data/provisions/`` unless ``data_path`` names another folder; the
    decision model ``data/provisions/model.json`` unless ``model_path`` names another, ``""``: the rules alone)."""
    return ProvisionFinder(nlp, data_path, model_path)

"""The ``timex`` component: temporal expressions found, normalised and stored on the Doc.

For each candidate (:mod:`.candidates`: the Matcher rules of ``data/dates/patterns.yaml`` on
windows around trigger tokens, the lexicon's fixed expressions, the base model's DATE/TIME
spans; false friends dropped by :mod:`.false_friends`), the span is widened with modifiers
(:mod:`.widening`: "early", "at least", "the end of", "or so") and read by the normaliser
(:mod:`.timex`) in the article's context: the publication date (``doc._.article["date"]``), the
tense of the governing verb (:mod:`.tense`: a bare "Friday" leans to the past in a past-tense
sentence and forward in a future one), and the last date and fiscal quarter mentioned (for "a
year earlier", "the following day", "the quarter"). Words around the span can change the
reading (:mod:`.surroundings`), and a duration followed by "of / after / before" + an event
("within 100 days of ending martial law") carries the event as ``anchor_text`` and a
``relation`` (:mod:`.anchors`), for the provisions stage. Results: ``doc.spans["timex"]`` with
``span._.timex`` (a dict of the :class:`DateRecord` fields).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...core import extensions  # noqa: F401  (Span._.timex)
from ...core.guard import GuardedComponent, guarded
from .anchors import event_anchor
from .candidates import MODEL_LABELS, MODEL_SPANS, CandidateFinder
from .false_friends import FalseFriends
from .rules import Lexicon, load_lexicon
from .surroundings import after_modal, outside_mod, reporting_year
from .tense import tense_of
from .timex import Context, Timex, normalise
from .widening import DocModifiers, Widener, drop_count, trim


class TimexFinder(GuardedComponent):
    """Find, normalise and store temporal expressions (see the module docstring)."""

    stage, component = "dates", "timex"

    def __init__(
        self,
        nlp: Language,
        patterns_path: str | None = None,
        lexicon_path: str | None = None,
        use_model_entities: bool = True,
    ):
        self.lex = load_lexicon(lexicon_path)
        self.candidates = CandidateFinder(
            nlp, self.lex, FalseFriends(self.lex), patterns_path, lexicon_path, use_model_entities
        )
        self.widener = Widener(nlp, self.lex)

    def process(self, doc: Doc) -> Doc:
        doc.spans["timex"] = self.find(doc)
        return doc

    def fallback(self, doc: Doc) -> None:
        doc.spans["timex"] = []

    def find(self, doc: Doc) -> list[Span]:
        """The expressions of the Doc in text order, each with ``span._.timex`` set. The context
        (one per article) carries the last date and the reporting quarter from one to the next."""
        article = doc._.article or {}
        mods = self.widener.modifiers(doc)
        ctx = Context(dct=parse_date(article.get("date")))
        out: list[Span] = []
        last_end = 0
        for cand in self.candidates.find(doc):
            if cand.start < last_end:
                continue
            found = self._read(doc, drop_count(cand), mods, ctx, last_end)
            if found is None:
                continue
            span, timex = found
            has_outside, mod, outside_word = outside_mod(doc, span, self.lex)
            if has_outside and timex.mod is None and timex.type in ("DURATION", "TIME", "DATE"):
                timex.mod = mod
            span._.timex = record_fields(doc, span, timex, self.lex, outside_word)
            out.append(span)
            last_end = span.end
            remember(ctx, timex)
        return out

    def _read(self, doc: Doc, cand: Span, mods: DocModifiers, ctx: Context, last_end: int) -> tuple[Span, Timex] | None:
        """The widened span and its reading (the candidate alone when the widened span reads as
        nothing), trimmed and corrected by the words around it; None: not a temporal expression."""
        span = self.widener.widen(doc, cand, mods)
        if span.start < last_end:
            span = Span(doc, max(last_end, span.start), span.end)
        ctx.tense = tense_of(span, self.lex)
        timex = self._normalise(span, ctx)
        if timex is None and span is not cand:
            span = cand
            timex = self._normalise(span, ctx)
        if timex is None:
            return None
        span = trim(span, self.widener.multipliers)
        if span is None:
            return None
        timex = reporting_year(doc, span, timex, self.lex)
        timex = after_modal(doc, span, timex, self.lex)
        return span, timex

    def _normalise(self, span: Span, ctx: Context) -> Timex | None:
        words = [t.text for t in span if not t.is_space]
        return normalise(words, ctx, self.lex)


def remember(ctx: Context, timex: Timex) -> None:
    """Keep a resolved date as the reference of later anaphora ('the following day'), and the
    first fiscal quarter the article names as its reporting quarter."""
    p = timex.point
    if p is None or timex.type not in ("DATE", "TIME"):
        return
    if timex.sets_quarter and ctx.quarter is None:
        ctx.quarter = p  # the reporting quarter: the first one the article names
    if p.gran in ("day", "month", "year", "quarter", "week") and not timex.anaphoric:
        ctx.ref = p


def record_fields(doc: Doc, span: Span, timex: Timex, lex: Lexicon, before: str | None = None) -> dict:
    """The :class:`DateRecord` fields of an expression (``span._.timex``); a duration gets the
    event it is counted from, if any."""
    info = {
        "type": timex.type,
        "value": timex.value,
        "mod": timex.mod,
        "anchor": timex.anchor,
        "relative": timex.relative,
        "range_start": timex.range_start,
        "range_end": timex.range_end,
        "anchor_text": None,
        "anchor_start": None,
        "anchor_end": None,
        "relation": None,
    }
    if timex.type == "DURATION":
        info.update(event_anchor(doc, span, lex, before))
    return info


def parse_date(value: Any) -> date | None:
    """The publication date of the article's front matter ('2025-06-03', '2025-06-03T10:00')."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _no_model_spans(doc: Doc) -> None:
    doc.spans[MODEL_SPANS] = []


@Language.component("timex_model_spans")
@guarded("dates", "timex_model_spans", _no_model_spans)
def timex_model_spans(doc: Doc) -> Doc:
    """Keep the base model's DATE/TIME entities (right after the NER) before the entities stage
    rewrites ``doc.ents``: the dates stage uses them as fallback candidates."""
    doc.spans[MODEL_SPANS] = [e for e in doc.ents if e.label_ in MODEL_LABELS]
    return doc


@Language.factory("timex", default_config={"patterns_path": None, "lexicon_path": None, "use_model_entities": True})
def make_timex(
    nlp: Language, name: str, patterns_path: str | None, lexicon_path: str | None, use_model_entities: bool
) -> TimexFinder:
    return TimexFinder(nlp, patterns_path, lexicon_path, use_model_entities)

"""The ``quote_attribution`` component: who said what, from the dependency parse and the quotation marks.

It builds its passes once from the rule files (:class:`.lexicon.Lexicon`) and runs them on each Doc
with a fresh per-article :class:`.context.DocContext`; each pass is linear in the Doc's length:

1. **Cues** (:mod:`.cues`, with :mod:`.content` and :mod:`.sources`): cue verbs, adjectives, nouns,
   phrases ("according to") and speaker labels ("Q:", "SMITH:") become attributions, each with its
   content ("said that ...") and its source (the subject, through passives and participles).
2. **Quotations** (:mod:`.quotations`, marks found by :mod:`.quotemarks`): quotations are matched
   with cues (direct, mixed), linked to a cue next to them ("“...,” he said"), continued ("“...,”
   he said. “...”") or floating; attributions nested in another's content are dropped.
3. **Speakers** (:mod:`.speakers`): each source mention is resolved to a name.
4. **Spans** (here): each content part becomes a span in ``doc.spans["quotes"]`` with
   ``span._.quote``, a dict of the record fields; the stage's ``extract`` turns those into records.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...core import extensions  # noqa: F401  (Span._.quote)
from ...core.guard import GuardedComponent
from .content import ContentFinder
from .context import Attribution, DocContext
from .cues import CueFinder
from .lexicon import Lexicon
from .quotations import QuotationLinker
from .rules import CueLexicon, QuotePatterns, SpeakerLexicon, load_cues, load_patterns, load_speakers
from .sources import SourceFinder
from .speakers import SpeakerResolver


class Attributor(GuardedComponent):
    """The spaCy component (see the module docstring)."""

    stage, component = "quotes", "quote_attribution"

    def __init__(self, nlp: Language, cues: CueLexicon, speakers: SpeakerLexicon, patterns: QuotePatterns):
        self.lex = Lexicon(cues, speakers, patterns)
        sources = SourceFinder(self.lex)
        self.cues = CueFinder(self.lex, nlp.vocab, sources, ContentFinder(self.lex, sources))
        self.quotations = QuotationLinker(self.lex, sources)
        self.speakers = SpeakerResolver(self.lex)

    def process(self, doc: Doc) -> Doc:
        doc.spans["quotes"] = self.find(doc)
        return doc

    def fallback(self, doc: Doc) -> None:
        doc.spans["quotes"] = []

    def find(self, doc: Doc) -> list[Span]:
        """The four passes over one Doc."""
        if len(doc) == 0:
            return []
        ctx = DocContext.of(doc, self.lex)
        atts = self.cues.find(ctx)
        atts = self.quotations.link_quotations(ctx, atts)
        # in text order: a pronoun resolves to a speaker before it, and quote ids follow the text
        atts.sort(key=lambda a: a.source.idx if a.source is not None else min(p[0] for p in a.parts))
        self.speakers.resolve(ctx, atts)
        return to_spans(ctx, atts)


# ---------------------------------------------------------------------- pass 4: spans


def to_spans(ctx: DocContext, atts: list[Attribution]) -> list[Span]:
    """One span per content part, by position; a part two attributions share is kept once."""
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
            span._.quote = quote_fields(ctx, att, a, b, n, part)
            spans.append(span)
    spans.sort(key=lambda s: (s.start_char, s.end_char))
    return spans


def quote_fields(ctx: DocContext, att: Attribution, a: int, b: int, n: int, part: int) -> dict:
    """The record fields of one content part [a, b), part ``part`` of attribution ``n``."""
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
        "cue": ctx.text[cue_start:cue_end] if cue_start is not None else None,
        "cue_start": cue_start,
        "cue_end": cue_end,
        "quote_id": n,
        "part": part,
        "floating": att.cue is None,
    }


@Language.factory("quote_attribution", default_config={"cues_path": None, "speakers_path": None, "patterns_path": None})
def make_quote_attribution(
    nlp: Language, name: str, cues_path: str | None, speakers_path: str | None, patterns_path: str | None
):
    """Direct, mixed and indirect quotations with their speakers (see the module docstring)."""
    return Attributor(nlp, load_cues(cues_path), load_speakers(speakers_path), load_patterns(patterns_path))

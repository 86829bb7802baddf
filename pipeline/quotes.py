"""Quotes: direct, mixed and indirect quotations with their speakers.

The component ``quote_attribution`` (:mod:`pipeline.attribution`) finds attributions from the
dependency parse and the quotation marks and stores them in ``doc.spans["quotes"]``, each span
with ``span._.quote`` (the record fields); :func:`extract_quotes` turns them into records. The
cue verbs, speaker titles and quotation patterns are data: ``pipeline/data/quotes/*.yaml``.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field
from spacy.tokens import Doc

from . import attribution  # noqa: F401  (registers the quote_attribution factory)
from .records import SpanRecord
from .stages import Stage
from .text import doc_id_of, doc_text, in_boilerplate, sentence_index


class QuoteRecord(SpanRecord):
    """One quotation: ``start``/``end`` delimit its content (one part of it, for a split quote)."""

    kind: Literal["direct", "mixed", "indirect"]
    speaker: str | None = Field(default=None, description="Resolved name of the speaker.")
    speaker_start: int | None = Field(default=None, description="Start of the speaker mention in the attribution (may be a pronoun).")
    speaker_end: int | None = None
    speaker_canonical: str | None = None
    speaker_kb_id: str | None = None
    cue: str | None = Field(default=None, description="The reporting verb or phrase (said, told reporters, according to).")
    cue_start: int | None = None
    cue_end: int | None = None
    quote_id: int | None = Field(default=None, description="Shared by the parts of one attribution (a split quote, a quote over several paragraphs).")
    part: int = Field(default=0, description="Index of this part within its attribution.")
    floating: bool = Field(default=False, description="True for a quotation with no cue of its own, given the previous speaker.")


def extract_quotes(doc: Doc) -> dict[str, list[QuoteRecord]]:
    """Records from the spans the component wrote; boilerplate lines are skipped."""
    records = []
    spans = doc.spans.get("quotes", [])
    if not spans:
        return {"quotes": records}
    text, doc_id = doc_text(doc), doc_id_of(doc)  # Doc.text joins every token on each access: the cached copy
    for span in spans:
        fields = span._.quote or {}
        start, end = fields.get("start", span.start_char), fields.get("end", span.end_char)
        if end <= start or in_boilerplate(doc, start, end):
            continue
        extra = {k: v for k, v in fields.items() if k not in ("start", "end")}
        records.append(QuoteRecord(doc_id=doc_id, start=start, end=end, text=text[start:end],
                                   sentence=sentence_index(doc, start), **extra))
    return {"quotes": records}


STAGE = Stage(name="quotes", components=[("quote_attribution", {})], outputs={"quotes": QuoteRecord},
              extract=extract_quotes, requires=("entities",))

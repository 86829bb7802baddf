"""Quotes: direct, mixed and indirect quotations with their speakers.

The component ``quote_attribution`` (:mod:`.component`) finds attributions from the
dependency parse and the quotation marks and stores them in ``doc.spans["quotes"]``, each span
with ``span._.quote`` (the record fields); :func:`extract_quotes` turns them into records. The
cue verbs, speaker titles and quotation patterns are data: ``pipeline/data/quotes/*.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...core.docs import doc_id_of, doc_text, in_boilerplate, sentence_index
from ...core.stage import Stage
from . import component  # noqa: F401  (registers the quote_attribution factory)
from .records import QuoteRecord


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
        records.append(
            QuoteRecord(
                doc_id=doc_id, start=start, end=end, text=text[start:end], sentence=sentence_index(doc, start), **extra
            )
        )
    return {"quotes": records}


STAGE = Stage(
    name="quotes", components=[("quote_attribution", {})], outputs={"quotes": QuoteRecord}, extract=extract_quotes
)

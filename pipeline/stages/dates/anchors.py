"""The event a duration is counted from: 'within 100 days of ending martial law' -> anchor_text
'ending martial law', relation ``within``; 'two weeks after the signing' -> ``after``.

The event is the syntactic subtree of the preposition's object (or of the clause it marks),
cut at a clause break; the provisions stage reads deadlines from it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...core.docs import doc_text
from .rules import Lexicon

# Grammar, not vocabulary: where an event phrase ends when the parse gives no subtree
# (punctuation, coordinating conjunctions, the words that open a relative or adverbial clause).
STOP_ANCHOR = {",", ";", ":", ".", "(", ")", "—", "–", "and", "but", "or", "which", "when", "while"}
CLAUSE_BREAKS = (",", ";", ":", "(", "—")  # punctuation that ends the event inside its subtree


def event_anchor(doc: Doc, span: Span, lex: Lexicon, before: str | None = None) -> dict:
    """'within 100 days of ending martial law' -> anchor_text 'ending martial law', relation within
    (the prepositions and their relations: lexicon ``anchor_prepositions``); ``before`` is a word
    left outside the span ('within')."""
    preps = lex.anchor_prepositions
    first = before or span[0].lower_
    if span.end >= len(doc):
        return {}
    prep = doc[span.end]
    p = prep.lower_
    if p == "prior" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "to":
        p, skip = "prior", 2
    else:
        skip = 1
    if p not in preps or (p == "of" and first != "within"):
        return {}
    relation = "within" if first == "within" else preps[p]
    if relation is None:
        return {}
    start = span.end + skip
    end = anchor_end(doc, prep, start)
    if end <= start:
        return {}
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return {"anchor_text": doc_text(doc)[a:b], "anchor_start": a, "anchor_end": b, "relation": relation}


def anchor_end(doc: Doc, prep: Token, start: int) -> int:
    """End token of the event phrase after the preposition: its syntactic subtree, capped."""
    limit = min(len(doc), start + 15)
    sent_end = prep.sent.end if doc.has_annotation("SENT_START") else len(doc)
    limit = min(limit, sent_end)
    # subtree of the preposition's object, or of the clause it marks
    heads = [c for c in prep.children if c.i >= start]
    if not heads and prep.dep_ == "mark" and prep.head.i >= start:
        heads = [prep.head]
    end = start
    if heads:
        end = max(max(t.i for t in h.subtree) for h in heads) + 1
    if end <= start:
        end = start
        while end < limit and doc[end].text not in STOP_ANCHOR and not doc[end].is_space:
            end += 1
    end = min(end, limit)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    for i in range(start, end):  # stop at a clause break inside the subtree
        if doc[i].text in CLAUSE_BREAKS:
            return i
        if i > start and doc[i].dep_ == "cc" and doc[i].head.pos_ in ("VERB", "AUX"):
            return i  # "... takes effect and that Ukraine elects ...": the first clause only
    return end

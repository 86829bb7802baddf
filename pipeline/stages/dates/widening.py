"""The span of an expression: modifiers added ('early', 'at least', 'the end of', 'or so'),
counts and punctuation taken off ('up from seven [a year ago]', '[Friday],').

TimeBank puts the modifiers of ``lexicon.yaml`` ``mods`` inside the span ("[nearly two years]",
"[the end of November]"); a quantity modifier only goes with a number ("[more than three days]",
but not "more than [Friday]"), and a bare "the" only comes along with a modifier
("[the early 1980s]").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .rules import Lexicon
from .timex.keywords import ARTICLES

HYPHENS = ("-", "–")  # punctuation: a hyphenated duration used as an adjective ("a two-year contract")
MODIFIED_POS = ("NOUN", "PROPN", "ADJ")  # the parts of speech a hyphenated duration modifies
POSSESSIVES = ("'s", "’s")  # grammar: the possessive clitic stays outside ("[Monday]'s vote")


@dataclass
class DocModifiers:
    """The modifier phrases of one Doc: ``pre`` maps the end of a phrase before an expression to
    its (start, label) pairs, label PRE, THE or QUANTITY; ``post`` maps the start of a trailing
    phrase ("or so", "ahead") to its end."""

    pre: dict[int, list[tuple[int, str]]]
    post: dict[int, int]


class Widener:
    """Finds the modifier phrases of a Doc and widens spans with them."""

    def __init__(self, nlp: Language, lex: Lexicon):
        self.lex = lex
        self.premods = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.postmods = PhraseMatcher(nlp.vocab, attr="LOWER")
        pre = [k for k in lex.mods if not k.startswith("or ") and lex.mods[k] not in lex.needs_number]
        quantity = [k for k in lex.mods if not k.startswith("or ") and lex.mods[k] in lex.needs_number]
        post = [k for k in lex.mods if k.startswith("or ")] + list(lex.trailing_phrases)
        self.premods.add("PRE", [nlp.make_doc(k) for k in pre])
        self.premods.add("THE", [nlp.make_doc("the")])
        self.premods.add("QUANTITY", [nlp.make_doc(k) for k in quantity])
        self.postmods.add("POST", [nlp.make_doc(k) for k in post])
        self.the_id = nlp.vocab.strings.add("THE")
        self.quantity_id = nlp.vocab.strings.add("QUANTITY")
        self.quantity_words = set(lex.quantity_words)
        self.multipliers = set(lex.multipliers)

    def modifiers(self, doc: Doc) -> DocModifiers:
        """The modifier phrases of the Doc (one PhraseMatcher pass each way)."""
        pre: dict[int, list[tuple[int, str]]] = {}
        for match_id, s, e in self.premods(doc):
            pre.setdefault(e, []).append(
                (s, "THE" if match_id == self.the_id else "QUANTITY" if match_id == self.quantity_id else "PRE")
            )
        post = {s: e for _, s, e in self.postmods(doc)}
        return DocModifiers(pre, post)

    def widen(self, doc: Doc, span: Span, mods: DocModifiers) -> Span:
        """Add modifiers before and after a span ('early', 'about', 'the end of', 'or so'); a
        bare "the" only comes along with a modifier ('the early 1980s')."""
        pre, post = mods.pre, mods.post
        start, end = span.start, span.end
        modified = False
        if adjectival(span):  # "a two-year [contract]": no modifiers
            return span
        numeric = any(t.like_num or t.lower_ in self.quantity_words for t in span)
        weekday = span[-1].lower_.rstrip(".") in self.lex.weekdays
        while True:
            ends = pre.get(start, [])
            if start > 0 and doc[start - 1].text == "-" and doc[start - 1].whitespace_ == "":
                ends = ends + pre.get(start - 1, [])  # "mid-November", "early-1990s"
            options = [
                (s, label)
                for s, label in ends
                if s < start
                and (label == "PRE" and not weekday or label == "THE" and modified or label == "QUANTITY" and numeric)
            ]
            if not options:
                break
            start = min(s for s, _ in options)
            modified = True
        if end in post:
            end = post[end]
        return Span(doc, start, end)


def adjectival(span: Span) -> bool:
    """A hyphenated duration used as an adjective: 'a two-year contract'."""
    return (
        len(span) >= 3
        and span[-2].text in HYPHENS
        and span.end < len(span.doc)
        and span.doc[span.end].pos_ in MODIFIED_POS
    )


def drop_count(span: Span) -> Span:
    """A count just before 'a'/'an' belongs to the sentence, not the expression: 'up from
    seven [a year ago]', 'twelve [a day]'."""
    start = span.start
    while start + 2 < span.end and span.doc[start].like_num and span.doc[start + 1].lower_ in ARTICLES:
        start += 1
    return span if start == span.start else Span(span.doc, start, span.end)


def trim(span: Span, multipliers: set[str]) -> Span | None:
    """Drop punctuation and possessives at the edges of a span, and an article before a number
    ('[12 months]', but '[a hundred days]': lexicon ``multipliers``)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].lower_ in ARTICLES
        and start + 1 < end
        and doc[start + 1].like_num
        and doc[start + 1].lower_ not in multipliers
    ):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct or doc[end - 1].text in POSSESSIVES):
        end -= 1
    if (
        end - start >= 3
        and doc[start].lower_ == "the"
        and doc[end - 2].text in HYPHENS
        and end < len(doc)
        and doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
    ):
        start += 1  # a hyphenated modifier: "the [third-quarter] results"
    return Span(doc, start, end) if end > start else None

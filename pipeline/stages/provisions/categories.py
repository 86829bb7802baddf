"""The category of a provision: the 22 labels of ``categories.yaml`` and their trigger phrases.

A provision takes the label of its first strong trigger (in text order), else of its first weak one,
else the fallback label. Frames use the same matcher to decide whether a clause is about a peace
provision at all: "Russia rejected a full 30-day ceasefire" holds a strong trigger, "Russia rejected
the claim" does not.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span

from .rules import RuleData, phrase_forms

STRENGTHS = ("strong", "weak")  # the two kinds of trigger of categories.yaml, strong first


class CategoryMatcher:
    """One PhraseMatcher over every trigger (and its inflections), built once per pipeline."""

    def __init__(self, nlp: Language, data: RuleData):
        self.data = data
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, cat in data.categories.categories.items():
            for strength, phrases in (("strong", cat.strong), ("weak", cat.weak)):
                pats = [nlp.make_doc(f) for p in phrases for f in phrase_forms(p)]
                if pats:
                    self.matcher.add(f"{label}|{strength}", pats)
        self.ids = {nlp.vocab.strings[f"{lab}|{s}"]: (lab, s) for lab in data.categories.categories for s in STRENGTHS}
        self.nouns_only = set(data.categories.nouns_only)

    def matches(self, span: Span) -> list[tuple[int, int, int]]:
        """Trigger matches in a span, without a noun trigger used as a verb ('the network remains offline')."""
        nouns_only = self.nouns_only
        return [
            (m, s, e)
            for m, s, e in self.matcher(span)
            if not (e - s == 1 and span.doc[s].lower_ in nouns_only and span.doc[s].pos_ in ("VERB", "AUX"))
        ]

    def strong_labels(self, span: Span) -> set[str]:
        """The labels of the strong triggers in a span."""
        return {self.ids[m][0] for m, _, _ in self.matches(span) if self.ids.get(m, ("", ""))[1] == "strong"}

    def strong_trigger(self, span: Span) -> bool:
        """A strong trigger, or two weak ones of one category ('give up parts of the Donbas')."""
        weak: dict[str, int] = {}
        for m, _, _ in self.matches(span):
            label, strength = self.ids.get(m, ("", ""))
            if strength == "strong":
                return True
            weak[label] = weak.get(label, 0) + 1
        return any(n >= 2 for n in weak.values())

    def category(self, span: Span) -> tuple[str | None, bool]:
        """(label, found a trigger): the first strong trigger in the provision, else the first weak one."""
        best: dict[str, tuple[int, int, str]] = {}
        for match_id, s, e in self.matches(span):
            label, strength = self.ids.get(match_id, (None, None))
            if label is None:
                continue
            key = (s, -(e - s))
            cur = best.get(strength)
            if cur is None or key < (cur[0], cur[1]):
                best[strength] = (s, -(e - s), label)
        for strength in STRENGTHS:
            if strength in best:
                return best[strength][2], True
        return self.data.categories.fallback, False

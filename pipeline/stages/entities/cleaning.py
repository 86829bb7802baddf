"""Model entities the gazetteer does not know: trimmed to their names and relabelled from their shape.

The statistical NER's spans carry titles, possessives, quotes and line breaks ("Defense Minister
Rustem Umerov's"), several names at once ("Kyiv, Ukraine", "Reuters/AP"), web furniture ("Scroll")
and wrong labels ("Novopavlivka" PERSON, "JATEC" PERSON, "Shahed" ORG). :class:`EntityCleaner`
turns one such span into the names it holds, each with a corrected label.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...core.docs import doc_text
from .grammar import CUT_TOKENS, MAY_BE_PERSON, MAY_BE_VILLAGE, NOT_A_NAME, POSSESSIVE, URL_STOP
from .names import acronym
from .rules import Rules


class EntityCleaner:
    """Trims and relabels model entities (see the module docstring)."""

    def __init__(self, rules: Rules, first_names: frozenset[str]):
        self.rules, self.first_names = rules, first_names

    def clean(self, doc: Doc, ent: Span) -> list[Span]:
        """Trim a model entity to its name(s): no line breaks, commas or slashes inside a name."""
        out, start = [], ent.start
        for t in ent:  # a paragraph break or a sentence start ends a name; a hard wrap does not
            text = t.text
            if (
                "\n" in text
                and ("\n\n" in text or t.i + 1 < len(doc) and doc[t.i + 1].is_sent_start)
                or text in CUT_TOKENS
                or t.like_url
            ):
                out.append((start, t.i))
                start = t.i + 1
        out.append((start, ent.end))
        spans = [self.clean_part(doc, s, e, ent.label_) for s, e in out if e > s and not in_url(doc, doc[s:e])]
        return [s for s in spans if s is not None]

    def relabel(self, span: Span, label: str) -> str:
        """Fix the model's label from the shape of the name (given names, village names, facilities)."""
        rules, words = self.rules, [t.text for t in span]
        lower = {w.lower() for w in words}
        text = doc_text(span.doc)[span.start_char : span.end_char]
        if text.lower() in rules.products or words[0].lower() in rules.products:
            return "PRODUCT"  # "Shahed", "Storm Shadow": a weapon, not written as an entity
        if label == "ORG" and lower & rules.facility_words and not lower & rules.not_facility_words:
            return "FAC"  # "Grand Lakeside Palace"
        if label == "PERSON" and len(words) == 1 and (len(words[0]) >= 3 and words[0].isupper() or acronym(words[0])):
            return "ORG"  # "JATEC", "KhPG": an acronym, not a person
        if label in MAY_BE_PERSON and self.starts_with_given_name(words, lower):
            return "PERSON"  # "Yurii Ihnat" ORG
        if label in MAY_BE_VILLAGE and words[0] not in self.first_names and len(words) <= 3:
            if self.village_word(words[-1]):
                return "GPE"  # "Novopavlivka" PERSON, "Kucheriv Yar" ORG
        return label

    def starts_with_given_name(self, words: list[str], lower: set[str]) -> bool:
        """Two or three capitalised words starting with a given name and holding no organisation word
        ("Maria Corina Machado", not "George Washington University")."""
        return (
            2 <= len(words) <= 3
            and words[0] in self.first_names
            and all(w[:1].isupper() for w in words)
            and not lower & self.rules.org_words
        )

    def village_word(self, word: str) -> bool:
        """A Ukrainian or Russian place-name word: "Yar", "Novopavlivka" (a long word with a village ending)."""
        rules = self.rules
        return (
            word in rules.toponym_words
            or len(word) >= rules.toponym_min_length
            and bool(rules.toponym.search(word.lower()))
        )

    def clean_part(self, doc: Doc, start: int, end: int, label: str) -> Span | None:
        """Trim one part of a model entity to its name; None when nothing name-like is left.

        "the Defense Minister Rustem Umerov's" (PERSON) -> "Rustem Umerov"; "Scroll" -> None."""
        while start < end and self.droppable_before_name(doc[start], label):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in POSSESSIVE):
            end -= 1
        if start >= end or not self.looks_like_name(doc[start:end], label):
            return None
        if label == "PERSON" and end - start == 1:
            start = self.given_name_before(doc, start)
        span = doc[start:end]
        return Span(doc, start, end, label=self.relabel(span, label))

    def droppable_before_name(self, tok, label: str) -> bool:
        """Punctuation, 'the', 'Mr.' before a name; before a person also role words, lower-case words and
        demonyms ("Ukrainian Foreign Minister Andrii Sybiha")."""
        low, rules = tok.lower_, self.rules
        if tok.is_punct or tok.is_space or low in rules.determiners or low in rules.honorifics:
            return True
        return label == "PERSON" and (low in rules.role_words or tok.is_lower or tok.ent_type_ == "NORP")

    def looks_like_name(self, span: Span, label: str) -> bool:
        """False for what the model tags as a name on web pages: "Scroll", "officials", "Defense Minister" alone,
        "x.com", a time "9:42"; for a person also "Kremlin", a word with digits, a run of more than seven words."""
        rules = self.rules
        text = doc_text(span.doc)[span.start_char : span.end_char]
        low = text.lower()
        if not any(c.isalpha() for c in text) or low in rules.noise or all(t.is_lower for t in span if t.is_alpha):
            return False
        if all(t.lower_ in rules.role_words or t.lower_ in rules.honorifics or not t.is_alpha for t in span):
            return False  # a title without a name
        if NOT_A_NAME.search(text):
            return False
        return not (label == "PERSON" and (low in rules.not_persons or any(c.isdigit() for c in text) or len(span) > 7))

    def given_name_before(self, doc: Doc, start: int) -> int:
        """'Anders [Hagstrom]': a proper noun right before a one-word person is its given name."""
        if start == 0:
            return start
        prev = doc[start - 1]
        if (
            prev.is_title
            and prev.is_alpha
            and len(prev) > 1
            and prev.pos_ == "PROPN"
            and not prev.ent_type_
            and not prev.is_sent_start
            and prev.whitespace_ == " "
            and prev.lower_ not in self.rules.role_words
            and prev.lower_ not in self.rules.honorifics
            and prev.lower_ not in self.rules.noise
        ):
            return start - 1
        return start


def in_url(doc: Doc, ent: Span) -> bool:
    """True when the entity is part of a web address ("x.com/PeteHegseth/status/...")."""
    start, end, stop = ent.start, ent.end, URL_STOP
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text not in stop and ent.start - start < 12:
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text not in stop and end - ent.end < 12:
        end += 1
    # the tokens' texts are a subsequence of the body's slice: without ':' or '.' there, no address
    window = doc_text(doc)[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
    if ":" not in window and "." not in window:
        return False
    chunk = "".join(t.text for t in doc[start:end])
    return "://" in chunk or "www." in chunk or ".com/" in chunk

"""False friends: candidate spans that look temporal and are not ('may' the verb, 'the Bataan
Death March', '2000 troops', 'a 6-year-old', '$2 a year', 'a second group', 'the fall of Avdiivka').

:meth:`FalseFriends.plausible` keeps a candidate unless one of the tests of
:attr:`FalseFriends.tests` recognises it; each test names what it rejects.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from .rules import Lexicon
from .timex.keywords import ARTICLES

# Grammar and punctuation (closed classes), not vocabulary:
QUOTE_MARKS = ('"', "“", "``", "'", "‘")  # an opening quote before a title
DANGLING_PREPOSITIONS = ("of", "on", "at", "in", "for")  # a span cannot end in a preposition
EVENT_PREPOSITIONS = ("for", "of", "with")  # in a named event: 'March for Life', 'Day of Remembrance'
ORDINAL_DETERMINERS = ("a", "the")  # 'a second group', 'the second round': the ordinal, not the unit
DECADE_PREFIXES = ("the", "'", "’")  # 'the '90s': what a decade may carry before it


class FalseFriends:
    """The tests, with the lexicon's word lists they need."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.ambiguous = set(lex.ambiguous_months)
        self.pos_only = dict(lex.pos_only)
        self.not_year_after = set(lex.not_year_after)
        self.not_year_before = set(lex.not_year_before)
        self.rate_units = {u for u in lex.units if not u.endswith("s")}
        self.age_words = set(lex.age_words)
        self.age_forms = self.age_words | {"-" + w for w in lex.age_words}  # 'old', '-old' (a-6-year-old)
        self.before_age = set(lex.age_modifiers) | {"-", "the"}  # 'her early thirties', 'his mid-40s'
        self.tests = (
            self.a_common_word,
            self.a_number_not_a_year,
            self.a_fragment,
            self.a_bare_period,
            self.an_age,
            self.an_age_in_years,
            self.a_rate,
            self.a_fraction,
            self.an_ordinal,
            self.in_title,
            self.not_a_season,
            self.wrong_part_of_speech,
            self.a_month_verb,
            self.fall_the_verb,
        )

    def plausible(self, span: Span) -> bool:
        """True unless a test recognises the span as a false friend."""
        return not any(test(span) for test in self.tests)

    def a_common_word(self, span: Span) -> bool:
        """'may' the verb, 'mar' the verb: an ambiguous month name counts only capitalised as a proper noun."""
        first = span[0]
        if len(span) != 1:
            return False
        low = first.lower_.rstrip(".")
        return low in self.ambiguous and (
            not first.is_title or first.tag_ not in ("NNP", "NNPS") or len(low) <= 3 and low != "may"
        )

    def a_number_not_a_year(self, span: Span) -> bool:
        """'Resolution 1325', '1400 GMT', '2000 troops' (but 'the 1992 protests')."""
        first = span[0]
        if len(span) != 1 or not (first.like_num and re.fullmatch(r"\d{4}", first.text)):
            return False
        nxt = first.nbor(1) if first.i + 1 < len(span.doc) else None
        prev = first.nbor(-1) if first.i > 0 else None
        if prev is not None and prev.lower_ in self.not_year_after:
            return True
        if nxt is not None and nxt.lower_ in self.not_year_before:
            return True
        return (
            nxt is not None
            and nxt.tag_ == "NNS"
            and not (prev is not None and prev.pos_ in ("DET", "PRON", "ADJ", "PART"))
        )

    @staticmethod
    def a_fragment(span: Span) -> bool:
        """A fragment: "the night of [Friday, Oct. 23]"."""
        return span[-1].lower_ in DANGLING_PREPOSITIONS

    def a_bare_period(self, span: Span) -> bool:
        """'the transition period': only 'the latest period', 'the year-ago period' are dates."""
        return len(span) == 1 and span[0].lower_ in self.lex.period_words

    def an_age(self, span: Span) -> bool:
        """'in his 30s', 'in their early twenties': an age, not a decade (a two-digit decade after
        a possessive, lexicon ``age_before``)."""
        words = [t.lower_ for t in span if t.lower_ not in DECADE_PREFIXES]
        if not words or not (re.fullmatch(r"'?\d0s", words[-1]) or words[-1] in self.lex.decade_words):
            return False
        i = span.end - 2  # the model's span may hold the possessive itself: "her early thirties"
        while i >= 0 and span.doc[i].lower_ in self.before_age:
            i -= 1
        return i >= 0 and span.doc[i].lower_ in self.lex.age_before

    def an_age_in_years(self, span: Span) -> bool:
        """An age: 'a 6-year-old boy', '52 years old' (lexicon ``age_words``)."""
        after = [t.lower_ for t in span.doc[span.end : span.end + 2]]
        if not after:
            return False
        return after[0] in self.age_forms or (after[0] == "-" and len(after) == 2 and after[1] in self.age_words)

    def a_rate(self, span: Span) -> bool:
        """A rate: '$1.76 a year', 'four flights a week'."""
        first, last, doc = span[0], span[-1], span.doc
        return (
            len(span) <= 2
            and first.lower_ in ARTICLES
            and last.lower_ in self.rate_units
            and span.start > 0
            and (doc[span.start - 1].pos_ in ("NUM", "NOUN", "PROPN", "SYM") or doc[span.start - 1].like_num)
        )

    def a_fraction(self, span: Span) -> bool:
        """A fraction: 'more than a quarter of the market' (but 'the first quarter of 2024'; lexicon
        ``fraction_words``, ``not_fraction_with``)."""
        after = [t.lower_ for t in span.doc[span.end : span.end + 1]]
        return (
            span[-1].lower_ in self.lex.fraction_words
            and after == ["of"]
            and not any(t.lower_ in self.lex.not_fraction_with for t in span)
        )

    @staticmethod
    def an_ordinal(span: Span) -> bool:
        """An ordinal: 'a second group' (not the unit)."""
        first, last = span[0], span[-1]
        return last.lower_ == "second" and len(span) <= 2 and (len(span) == 1 or first.lower_ in ORDINAL_DETERMINERS)

    def not_a_season(self, span: Span) -> bool:
        """'the Winter War', 'the fall of Avdiivka' (but 'the fall of 2024')."""
        last, doc = span[-1], span.doc
        if last.lower_ not in self.lex.seasons or span.end >= len(doc):
            return False
        nxt = doc[span.end]
        after = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if last.is_title and nxt.is_title and not last.is_sent_start:
            return True
        return nxt.lower_ == "of" and not (after is not None and after.like_num)

    def in_title(self, span: Span) -> bool:
        """Part of a name or title: 'March for Life', "ABC's 'This Week'", 'High Noon', 'VOA Today'."""
        if any(t.like_num for t in span) or not all(t.is_title or t.is_punct for t in span):
            return False
        names_a_day = self._names_a_day(span)
        ambiguous = len(span) == 1 and span[0].lower_ in self.ambiguous  # "March for Life"
        if self._names_an_event(span) and (ambiguous or not names_a_day):
            return True
        if ambiguous and self._ends_a_proper_name(span):
            return True  # "the Bataan Death March"
        if span[0].is_sent_start or span.start == 0:
            return False
        return self._a_title_after(span, names_a_day)

    def _names_a_day(self, span: Span) -> bool:
        return any(t.lower_.rstrip(".") in self.lex.weekdays or t.lower_.rstrip(".") in self.lex.months for t in span)

    @staticmethod
    def _names_an_event(span: Span) -> bool:
        """'March for Life', 'Day of Remembrance': a title-case word after 'for / of / with'."""
        doc = span.doc
        nxt = doc[span.end] if span.end < len(doc) else None
        after = doc[span.end + 1] if span.end + 1 < len(doc) else None
        return bool(nxt is not None and nxt.lower_ in EVENT_PREPOSITIONS and after is not None and after.is_title)

    @staticmethod
    def _ends_a_proper_name(span: Span) -> bool:
        """A capitalised proper noun before, inside the sentence, and no number after."""
        doc = span.doc
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        return (
            prev is not None
            and prev.is_title
            and prev.pos_ == "PROPN"
            and not prev.is_sent_start
            and not (nxt is not None and nxt.like_num)
        )

    @staticmethod
    def _a_title_after(span: Span, names_a_day: bool) -> bool:
        """'High Noon', 'VOA Today', '"This Week"'; a day name only in quotes before a capital."""
        doc = span.doc
        prev = doc[span.start - 1]
        nxt = doc[span.end] if span.end < len(doc) else None
        if not names_a_day and (
            prev.is_title and not prev.is_sent_start and prev.pos_ == "PROPN" or prev.text in QUOTE_MARKS
        ):
            return True  # "High Noon", "VOA Today", '"This Week"'
        return names_a_day and prev.text in QUOTE_MARKS and nxt is not None and nxt.is_title

    def wrong_part_of_speech(self, span: Span) -> bool:
        """'a daily newspaper' (lexicon ``pos_only``: 'daily' is temporal only as an adverb)."""
        first = span[0]
        return len(span) == 1 and first.lower_ in self.pos_only and first.pos_ != self.pos_only[first.lower_]

    def a_month_verb(self, span: Span) -> bool:
        """'they may', 'troops march': a lowercase month verb at the end (lexicon ``month_verbs``)."""
        last = span[-1]
        return last.lower_ in self.lex.month_verbs and not last.is_title

    @staticmethod
    def fall_the_verb(span: Span) -> bool:
        """'prices fall': the season only as a noun."""
        first = span[0]
        return first.lower_ == "fall" and first.pos_ == "VERB"

"""Words just outside an expression that change its reading: 'the year [ended] March 31' (a
duration), 'may [one day]' (a vague future), '[within] two weeks' (a mod left outside the span)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .rules import Lexicon
from .timex import Timex


def reporting_year(doc: Doc, span: Span, timex: Timex, lex: Lexicon) -> Timex:
    """'the year ended March 31' is a reporting period: a duration (TimeBank), not this year
    (lexicon ``period_end_words``)."""
    if (
        span.end < len(doc)
        and doc[span.end].lower_ in lex.period_end_words
        and span[-1].lower_ == "year"
        and span[0].lower_ == "the"
        and timex.type == "DATE"
    ):
        return Timex("DURATION", "P1Y")
    return timex


def after_modal(doc: Doc, span: Span, timex: Timex, lex: Lexicon) -> Timex:
    """'the two sides may one day sign': after a modal, 'one day' is a vague future (lexicon
    ``after_modal``), not a duration."""
    key = span.text.lower()
    if key in lex.after_modal and span.start > 0 and doc[span.start - 1].tag_ == "MD":
        return Timex(**lex.after_modal[key])
    return timex


def outside_mod(doc: Doc, span: Span, lex: Lexicon) -> tuple[bool, str | None, str | None]:
    """A modifier word just before the span that stays outside it ('within', 'about'): whether
    there is one, its mod (None for 'over') and the word (lexicon ``outside_mods``)."""
    if span.start == 0:
        return False, None, None
    w = doc[span.start - 1].lower_
    if w in lex.outside_mods:
        return True, lex.outside_mods[w], w
    return False, None, None

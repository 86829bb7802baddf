"""The decision list (timex.decide): which rule decides the value of an expression's words."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.stages.dates.rules import load_lexicon
from pipeline.stages.dates.timex import Context
from pipeline.stages.dates.timex.decide import DECISION_LIST
from pipeline.stages.dates.timex.reading import read
from pipeline.stages.dates.timex.words import split_words

DCT = date(2025, 6, 3)


def deciding_rule(text: str) -> str | None:
    """The name of the rule of the decision list that decides the words' value."""
    lex = load_lexicon()
    r = read(split_words(text.split()), lex, DCT.year)
    ctx = Context(dct=DCT)
    for rule in DECISION_LIST:
        if rule.applies(r):
            if rule.build(r, ctx, lex) is not None or rule.final:
                return rule.name
    return None


@pytest.mark.parametrize(
    "text,rule",
    [
        ("recently", "fixed expression"),
        ("year - end", "year end"),
        ("the year - ago quarter", "year ago"),
        ("every Friday", "set"),
        ("10 p.m. Wednesday", "clock time"),
        ("4 in the morning", "clock time"),
        ("May 16", "calendar period"),
        ("the second half", "quarter or half"),
        ("yesterday", "deictic day"),
        ("last Wednesday", "weekday"),
        ("next summer", "season"),
        ("three weeks", "unit"),
        ("this evening", "part of the day"),
        ("the latest period", "reporting period"),  # the last quarter completed before publication
    ],
)
def test_the_first_rule_that_applies_decides(text, rule):
    assert deciding_rule(text) == rule


def test_a_calendar_rule_that_finds_nothing_lets_the_next_rules_try():
    rules = {rule.name: rule for rule in DECISION_LIST}
    assert not rules["calendar period"].final and not rules["fixed expression"].final
    assert rules["unit"].final
    assert [rule.name for rule in DECISION_LIST][:2] == ["fixed expression", "year end"]

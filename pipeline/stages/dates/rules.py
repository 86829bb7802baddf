"""The rule files of the dates stage: ``data/dates/lexicon.yaml`` (the words of temporal
expressions: months, units, numbers, modifiers, fixed expressions, holidays) and
``data/dates/patterns.yaml`` (the Matcher rules in the pattern notation of :mod:`.patterns`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import Field

from ...core.rules import DATA_DIR, RuleModel, load_rule_file, rule_file

DATA = DATA_DIR / "dates"


@rule_file("dates/lexicon.yaml")
class Lexicon(RuleModel):
    """The word lists of ``lexicon.yaml`` (validated)."""

    months: dict[str, int]
    ambiguous_months: list[str] = Field(default_factory=list)
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    units: dict[str, dict[str, Any]]
    numbers: dict[str, float]
    vague_numbers: list[str]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    deictic_days: dict[str, int]
    relative_words: dict[str, dict[str, Any]]
    offset_words: dict[str, dict[str, Any]]
    mods: dict[str, str]
    needs_number: list[str] = Field(default_factory=list)
    outside_mods: dict[str, str | None] = Field(default_factory=dict)
    pos_only: dict[str, str] = Field(default_factory=dict)
    future_verbs: list[str] = Field(default_factory=list)
    preposition_tense: dict[str, str] = Field(default_factory=dict)
    period_end_words: list[str] = Field(default_factory=list)
    not_year_after: list[str] = Field(default_factory=list)
    not_year_before: list[str] = Field(default_factory=list)
    age_before: list[str] = Field(default_factory=list)
    after_modal: dict[str, dict[str, str]] = Field(default_factory=dict)
    fixed: dict[str, dict[str, str]]
    holidays: dict[str, Any]


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    return load_rule_file(path or DATA / "lexicon.yaml", Lexicon)


# ---------------------------------------------------------------- patterns.yaml


class Triggers(RuleModel):
    """Which tokens can be part of a match (see ``triggers`` in patterns.yaml)."""

    lexicon_sections: list[str]
    words: list[str] = Field(default_factory=list)
    shape: str = ""
    window_before: int = 7
    window_after: int = 8


@rule_file("dates/patterns.yaml")
class PatternFile(RuleModel):
    """``patterns.yaml``: macros, lexicon macros and rules in the pattern notation."""

    macros: dict[str, dict[str, Any]]
    lexicon_macros: dict[str, str]
    rules: list[str]
    triggers: Triggers


@lru_cache(maxsize=4)
def load_pattern_file(path: str | None = None) -> PatternFile:
    return load_rule_file(path or DATA / "patterns.yaml", PatternFile)

"""The rule files of the dates stage: ``data/dates/lexicon.yaml`` (the words of temporal
expressions: months, units, numbers, modifiers, fixed expressions, holidays) and
``data/dates/patterns.yaml`` (the Matcher rules in the pattern notation of :mod:`.patterns`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, TypeVar

from pydantic import Field, PrivateAttr

from ...core.rules import DATA_DIR, RuleModel, load_rule_file, rule_file

DATA = DATA_DIR / "dates"
T = TypeVar("T")


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
    multipliers: list[str]
    quantity_words: list[str]
    trailing_phrases: list[str]
    outside_mods: dict[str, str | None] = Field(default_factory=dict)
    pos_only: dict[str, str] = Field(default_factory=dict)
    future_verbs: list[str] = Field(default_factory=list)
    preposition_tense: dict[str, str] = Field(default_factory=dict)
    period_end_words: list[str] = Field(default_factory=list)
    not_year_after: list[str] = Field(default_factory=list)
    not_year_before: list[str] = Field(default_factory=list)
    age_before: list[str] = Field(default_factory=list)
    age_words: list[str]
    age_modifiers: list[str]
    fraction_words: list[str]
    not_fraction_with: list[str]
    month_verbs: list[str]
    set_words: list[str]
    fiscal_words: list[str]
    period_words: list[str]
    anchor_prepositions: dict[str, str | None]
    after_modal: dict[str, dict[str, str]] = Field(default_factory=dict)
    fixed: dict[str, dict[str, str]]
    holidays: dict[str, Any]

    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)

    def derived(self, name: str, build: Callable[[Lexicon], T]) -> T:
        """A value computed from the lexicon once and kept with it (word sets, phrase tables, the
        normaliser's memo): a lexicon is loaded once per path."""
        try:
            return self._derived[name]
        except KeyError:
            value = self._derived[name] = build(self)
            return value


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

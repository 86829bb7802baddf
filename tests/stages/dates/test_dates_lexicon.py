"""The dates stage's rule files: the word lists the code reads come from ``lexicon.yaml`` (edit the
file, the behaviour follows), through the strict ``Lexicon`` model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from pipeline.core.rules import RuleFileError, read_yaml
from pipeline.stages.dates.rules import DATA, Lexicon, load_lexicon
from pipeline.stages.dates.timex import Context, Point, normalise

DCT = date(2025, 6, 3)

MOVED_LISTS = {
    "multipliers": "hundred",
    "quantity_words": "several",
    "trailing_phrases": "ahead",
    "age_words": "old",
    "age_modifiers": "early",
    "fraction_words": "quarter",
    "not_fraction_with": "first",
    "month_verbs": "march",
    "set_words": "every",
    "fiscal_words": "fiscal",
    "period_words": "period",
    "anchor_prepositions": "after",
}


def custom_lexicon(tmp_path: Path, **changes) -> Lexicon:
    """A copy of the shipped lexicon with some sections replaced, loaded like a user's file."""
    data = read_yaml(DATA / "lexicon.yaml")
    data.update(changes)
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_lexicon(str(path))


def value(words: str, lex: Lexicon, **ctx) -> tuple[str, str] | None:
    t = normalise(words.split(), Context(dct=DCT, **ctx), lex)
    return None if t is None else (t.type, t.value)


@pytest.mark.parametrize("key,word", sorted(MOVED_LISTS.items()))
def test_moved_word_lists_are_read_from_the_yaml(key, word):
    assert word in getattr(load_lexicon(), key)


@pytest.mark.parametrize("key", sorted(MOVED_LISTS))
def test_a_moved_list_is_required(key, tmp_path):
    data = read_yaml(DATA / "lexicon.yaml")
    del data[key]
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_lexicon(str(path))
    assert err.value.key == key and "lexicon.yaml" in str(err.value)


def test_set_words_make_a_set(tmp_path):
    assert value("every week", load_lexicon()) == ("SET", "P1W")
    lex = custom_lexicon(tmp_path, set_words=["each", "per"])
    assert value("every week", lex) != ("SET", "P1W")
    assert value("each week", lex) == ("SET", "P1W")


def test_fiscal_words_make_a_financial_year(tmp_path):
    assert value("the fiscal year", load_lexicon()) == ("DURATION", "P1Y")
    lex = custom_lexicon(tmp_path, fiscal_words=["financial"])
    assert value("the fiscal year", lex) == ("DATE", "2025")
    assert value("the financial year", lex) == ("DURATION", "P1Y")


def test_period_words_name_the_reporting_quarter(tmp_path):
    q2 = Point(date(2025, 4, 1), "quarter")
    assert value("the latest period", load_lexicon(), quarter=q2) == ("DATE", "2025-Q2")
    lex = custom_lexicon(tmp_path, period_words=["stretch"])
    assert value("the latest period", lex, quarter=q2) is None
    assert value("the latest stretch", lex, quarter=q2) == ("DATE", "2025-Q2")


def test_multipliers_multiply(tmp_path):
    assert value("two hundred years", load_lexicon()) == ("DURATION", "P200Y")
    lex = custom_lexicon(tmp_path, multipliers=["thousand", "dozen", "million"])
    assert value("two hundred years", lex) != ("DURATION", "P200Y")


def test_the_lexicon_keeps_derived_values():
    lex = load_lexicon()
    calls = []
    first = lex.derived("test_value", lambda lx: calls.append(1) or {"built": len(lx.months)})
    assert lex.derived("test_value", lambda lx: calls.append(1) or {}) is first
    assert calls == [1] and first["built"] == len(lex.months)


def finder_records(nlp, make_doc, lex_path: str | None, text: str) -> dict[str, dict]:
    """text -> {span text: timex fields}, found by a timex component built on the given lexicon."""
    from pipeline.stages.dates.component import TimexFinder

    doc = make_doc(text, DCT.isoformat())
    return {s.text: s._.timex for s in TimexFinder(nlp, lexicon_path=lex_path).find(doc)}


def lexicon_path(tmp_path: Path, **changes) -> str:
    custom_lexicon(tmp_path, **changes)
    return str(tmp_path / "lexicon.yaml")


def test_anchor_prepositions_make_the_relation(nlp, make_doc, tmp_path):
    text = "The monitors will leave two weeks after the signing of the accord."
    got = finder_records(nlp, make_doc, None, text)
    assert got["two weeks"]["relation"] == "after"
    assert got["two weeks"]["anchor_text"].startswith("the signing")
    preps = {k: v for k, v in load_lexicon().anchor_prepositions.items() if k != "after"}
    got = finder_records(nlp, make_doc, lexicon_path(tmp_path, anchor_prepositions=preps), text)
    assert got["two weeks"]["relation"] is None and got["two weeks"]["anchor_text"] is None


def test_age_words_mark_an_age(nlp, make_doc, tmp_path):
    text = "A 9-year-old girl was rescued from the rubble."
    assert not any("year" in t for t in finder_records(nlp, make_doc, None, text))
    got = finder_records(nlp, make_doc, lexicon_path(tmp_path, age_words=["aged"]), text)
    assert any("year" in t for t in got)


def test_trailing_phrases_join_the_span(nlp, make_doc, tmp_path):
    text = "Sales for the quarter to date rose, the finance minister said."
    assert "the quarter to date" in finder_records(nlp, make_doc, None, text)
    got = finder_records(nlp, make_doc, lexicon_path(tmp_path, trailing_phrases=["ahead"]), text)
    assert "the quarter to date" not in got

"""The entity stage's data (rules.py): gazetteers and rules.yaml, read by the strict loader."""

from __future__ import annotations

import re

import pytest
import yaml

from pipeline.core.rules import RuleFileError, read_yaml
from pipeline.stages.entities.rules import RULES_PATH, GazetteerEntry, entry_forms, load_gazetteer, load_rules


def test_gazetteer_files_validate_and_ids_are_unique():
    gaz = load_gazetteer()
    assert len(gaz.entities) > 600
    for entity in gaz.entities.values():
        assert re.fullmatch(r"Q\d+|local:[a-z]+/[a-z0-9-]+", entity.id), entity.id
    rules = load_rules()
    assert rules.name_key("Zelenskiy") == rules.name_key("Zelenskyy") == rules.name_key("Zelensky")
    assert rules.name_key("Sergei") == rules.name_key("Sergey")


def test_the_small_words_of_names_are_read_from_rules_yaml():
    """The lists that were sets in the code (determiners, name connectors ...) come from the rule file."""
    spec, rules = read_yaml(RULES_PATH), load_rules()
    for key in ("determiners", "name_connectors", "conjunctions", "role_links"):
        assert getattr(rules, key) == {w.lower() for w in spec[key]}, key
    assert rules.oblast_suffixes == tuple(spec["oblast_suffixes"])  # in order: the forms keep it
    assert rules.country_forms == tuple(spec["country_forms"])
    assert {"von", "bin", "of", "&"} <= rules.name_connectors and rules.determiners == {"the", "a", "an"}
    assert rules.title_words == rules.honorifics | rules.role_words


def changed_rules(tmp_path, **changes):
    data = read_yaml(RULES_PATH)
    data.update(changes)
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_rules(str(path))


def test_a_changed_rules_file_changes_the_rules(tmp_path):
    rules = changed_rules(
        tmp_path,
        determiners=["the", "Der"],
        name_articles=["the", "la"],
        conjunctions=["and", "und"],
        country_forms=["Republic of {name}", "{name} Republic"],
        oblast_suffixes=["Krai"],
    )
    assert rules.determiners == {"the", "der"}
    assert rules.leading_article.sub("", "La Stampa") == "Stampa" and rules.leading_article.sub("", "LA Noire") == (
        "LA Noire"
    )
    assert [m.group(0).strip() for m in rules.byline_part.finditer("Anna Roe und Ben Poe")][0] == "Anna Roe"
    forms = entry_forms(GazetteerEntry(name="Kolm", type="country", oblast=True), "GPE", rules)
    assert {"Republic of Kolm", "Kolm Republic", "Kolm Krai"} <= set(forms) and "Kolm region" not in forms


def test_empty_word_lists_match_nothing(tmp_path):
    rules = changed_rules(tmp_path, name_articles=[], conjunctions=[], toponym_endings=[])
    assert rules.leading_article.sub("", "the Kremlin") == "the Kremlin"
    assert [m.group(0).strip() for m in rules.byline_part.finditer("Anna Roe and Ben Poe")][0] == "Anna Roe and Ben Poe"
    assert not rules.toponym.search("novopavlivka")


def test_shipped_patterns_built_from_the_word_lists():
    rules = load_rules()
    assert rules.leading_article.pattern == r"^(?:the|The)\s+"
    assert rules.byline_part.pattern == r"[^,&]+?(?=\s*(?:,|&|\band\b|$))"


def test_oblast_forms_follow_the_order_of_the_rule_file():
    rules = load_rules()
    forms = entry_forms(GazetteerEntry(name="Kolm", oblast=True), "GPE", rules)
    assert [f for f in forms if f.startswith("Kolm ")] == [f"Kolm {s}" for s in rules.oblast_suffixes]


def test_a_country_form_without_the_name_fails_with_the_key(tmp_path):
    with pytest.raises(RuleFileError) as err:
        changed_rules(tmp_path, country_forms=["Republic of"])
    assert err.value.key and err.value.key.startswith("country_forms") and str(tmp_path) in str(err.value)

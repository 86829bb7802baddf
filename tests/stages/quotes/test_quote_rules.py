"""The rule files of the quotes stage (quotes/rules.py, quotes/lexicon.py): words are data.

Every English word list the passes use is read from ``pipeline/data/quotes/*.yaml`` by the strict
loader; these tests check that each one reaches the compiled :class:`Lexicon`, that a file without
one is refused with the file and the key named, and that editing a list changes what is found."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.core.rules import RuleFileError
from pipeline.stages.quotes.lexicon import Lexicon
from pipeline.stages.quotes.rules import DATA, load_cues, load_patterns, load_speakers

LOADERS = {"cues.yaml": load_cues, "speakers.yaml": load_speakers, "patterns.yaml": load_patterns}

# (rule file, key, Lexicon attribute): the word lists that were tuples in the stage's code
MOVED = [
    ("cues.yaml", "noun_preps", "noun_preps"),
    ("cues.yaml", "light_verb_preps", "light_verb_preps"),
    ("cues.yaml", "object_preps", "object_preps"),
    ("cues.yaml", "rest_preps", "rest_preps"),
    ("cues.yaml", "addressee_verbs", "addressee_verbs"),
    ("cues.yaml", "question_words", "question_words"),
    ("cues.yaml", "patient_preps", "patient_preps"),
    ("cues.yaml", "passive_non_subjects", "passive_non_subjects"),
    ("cues.yaml", "patient_non_subjects", "patient_non_subjects"),
    ("speakers.yaml", "first_person", "first_person"),
    ("speakers.yaml", "non_agents", "non_agents"),
    ("speakers.yaml", "generic_pronouns", "generic_pronouns"),
    ("speakers.yaml", "source_preps", "source_preps"),
    ("speakers.yaml", "name_preps", "name_preps"),
    ("speakers.yaml", "person_pronouns", "person_pronouns"),
    ("speakers.yaml", "definite_determiners", "definite_determiners"),
    ("patterns.yaml", "document_pronouns", "document_pronouns"),
    ("patterns.yaml", "title_before", "title_before"),
    ("patterns.yaml", "cue_gap_words", "cue_gap_words"),
]
ORDERED = [("patterns.yaml", "trailing_conjunctions"), ("patterns.yaml", "tally_words")]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(load_cues(), load_speakers(), load_patterns())


def shipped(fname: str) -> dict:
    return yaml.safe_load((DATA / fname).read_text(encoding="utf-8"))


def rule_copy(tmp_path: Path, fname: str, data: dict) -> Path:
    path = tmp_path / fname
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("fname, key, attr", MOVED, ids=[m[1] for m in MOVED])
def test_each_word_list_is_read_from_its_rule_file(lexicon, fname, key, attr):
    words = shipped(fname)[key]
    assert words and all(isinstance(w, str) for w in words)
    assert getattr(lexicon, attr) == {w.lower() for w in words}


def test_trailing_conjunctions_keep_their_order(lexicon):
    assert lexicon.trailing_conjunctions == tuple(" " + w for w in shipped("patterns.yaml")["trailing_conjunctions"])


@pytest.mark.parametrize(
    "text, tally",
    [("1,204 votes.", True), ("48 percent", True), ("(+3) points", True), ("980.", True), ("12 ships", False)],
)
def test_tally_words_make_a_tally(lexicon, text, tally):
    assert bool(lexicon.tally.fullmatch(text)) is tally


@pytest.mark.parametrize("fname, key", [m[:2] for m in MOVED] + ORDERED, ids=[m[1] for m in MOVED + ORDERED])
def test_a_missing_word_list_names_the_file_and_the_key(tmp_path, fname, key):
    data = shipped(fname)
    del data[key]
    path = rule_copy(tmp_path, fname, data)
    with pytest.raises(RuleFileError) as err:
        LOADERS[fname](str(path))
    assert err.value.key == key and str(path) in str(err.value)


def test_an_unquoted_on_in_a_word_list_is_refused(tmp_path):
    text = (DATA / "patterns.yaml").read_text(encoding="utf-8")
    broken = text.replace('title_before: ["on", in,', "title_before: [on, in,")
    assert broken != text
    path = tmp_path / "patterns.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RuleFileError, match="quote the words on") as err:
        load_patterns(str(path))
    assert err.value.key == "title_before"


def test_a_cue_verb_can_be_added_in_data(quotes_nlp, tmp_path: Path):
    """Adding a verb to cues.yaml (no code) makes it a cue."""
    from pipeline.run.nlp import make_doc
    from pipeline.stages.quotes.component import Attributor

    text = "The envoy grumbled that the talks were going nowhere."
    doc = quotes_nlp(make_doc(quotes_nlp, text, {"doc_id": "t"}))
    assert not any(s._.quote["cue"] == "grumbled" for s in doc.spans["quotes"])
    data = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))
    data["classes"]["speech"]["lemmas"].append("grumble")
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    finder = Attributor(quotes_nlp, load_cues(str(path)), load_speakers(), load_patterns())
    spans = finder(doc).spans["quotes"]
    assert [s._.quote["cue"] for s in spans] == ["grumbled"]
    assert spans[0]._.quote["start"] == text.index("that the talks")


def test_a_person_pronoun_can_be_removed_in_data(quotes_nlp, tmp_path: Path):
    """A verb that is no cue right after a quotation counts as one when its subject is a person
    ("“We have done it!” she beamed"): with "she" taken out of ``person_pronouns`` it does not."""
    from pipeline.run.nlp import make_doc
    from pipeline.stages.quotes.component import Attributor

    text = "The harbor master stood at the pier.\n\n“We have done it!” she beamed."
    doc = quotes_nlp(make_doc(quotes_nlp, text, {"doc_id": "t"}))
    assert [s._.quote["cue"] for s in doc.spans["quotes"]] == ["beamed"]
    data = shipped("speakers.yaml")
    data["person_pronouns"] = [w for w in data["person_pronouns"] if w != "she"]
    finder = Attributor(
        quotes_nlp, load_cues(), load_speakers(str(rule_copy(tmp_path, "speakers.yaml", data))), load_patterns()
    )
    assert list(finder(doc).spans["quotes"]) == []

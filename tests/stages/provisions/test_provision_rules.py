"""The provisions rule files: loading, validation, and the word lists the rules read from them.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest

from pipeline.core.names import slug
from pipeline.stages.provisions.rules import RuleData, joint_party, rule_data


def test_rule_files_load_and_cover_all_labels():
    data = rule_data()
    assert len(data.categories.categories) == 22
    assert data.party_of("Ukrainian") == "Ukraine"
    assert data.party_of("the Kremlin") == "Russia"
    assert data.party_of("Washington") == "United States"
    assert data.party_of("U.S.") == "United States"
    assert data.party_of("us") is None  # case-sensitive short alias
    assert data.party_of("President Vladimir Putin") == "Russia"


def test_bad_rule_file_fails_loudly(tmp_path):
    import shutil

    from pipeline.stages.provisions.rules import DATA

    for f in DATA.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "categories.yaml").write_text("fallback: X\ncategories:\n  NOT_A_LABEL: {group: g, strong: [a]}\n")
    with pytest.raises(ValueError, match="NOT_A_LABEL"):
        RuleData(tmp_path)


def test_joint_party_and_slug():
    assert joint_party(["Ukraine", "Russia", "Ukraine"]) == "Russia and Ukraine"
    assert joint_party([]) is None
    assert slug("Zelensky's Peace Formula") == "zelensky-s-peace-formula"


# ---------------------------------------------------------------- word lists moved from the code


def copy_rules(tmp_path, **changes):
    """A copy of the shipped rule folder with some keys of one file changed: {file: {key: value}}."""
    import shutil

    import yaml

    from pipeline.stages.provisions.rules import DATA

    folder = tmp_path / "provisions"
    shutil.copytree(DATA, folder)
    for name, keys in changes.items():
        path = folder / f"{name}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.update(keys)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_the_word_lists_moved_from_the_code_are_read_from_the_rule_files():
    data = rule_data()
    cues = data.cues
    assert cues.particle_verbs["call"] == ["for", "on"]  # "on" is a word, not YAML's true
    assert cues.complement_agreement_verbs["agree"] is True and cues.complement_agreement_verbs["accept"] is False
    assert cues.number_words["thirty"] == 30
    assert "sought" in cues.prefilter_words and ":" in cues.prefilter_words
    assert cues.time_units[:3] == ["days", "weeks", "months"]
    assert data.documents.general_nouns == ["document", "text", "paper"]
    assert "delegation" in data.parties.joint_heads and "side" in data.parties.side_nouns


def test_every_document_kind_has_one_role():
    data = rule_data()
    assert set(data.documents.roles) == set(data.documents.kinds)
    assert data.kinds_with_role("document") == {"memorandum", "plan", "proposal", "draft", "declaration"}
    assert data.kinds_with_role("outcome") == {"agreement"}
    assert data.kinds_with_role("position") == {"demands"}


def test_a_kind_without_a_role_fails_naming_the_file_and_the_kind(tmp_path):
    from pipeline.core.rules import RuleFileError

    kinds = {**rule_data().documents.kinds, "letter": ["letter"]}
    folder = copy_rules(tmp_path, documents={"kinds": kinds})
    with pytest.raises(RuleFileError, match=r"documents\.yaml: .*without a role \['letter'\]"):
        RuleData(folder)


def test_a_word_list_edited_in_a_rule_folder_changes_what_is_found(make_doc, nlp, tmp_path):
    """'provides X' is no content while `particle_verbs` asks 'provides for'; without that entry it is."""
    from pipeline.stages.provisions.component import ProvisionFinder
    from pipeline.stages.provisions.stage import extract_provisions

    particles = {k: v for k, v in rule_data().cues.particle_verbs.items() if k != "provide"}
    cues = dict(rule_data().cues.model_dump(), particle_verbs=particles)
    edited = ProvisionFinder(nlp, str(copy_rules(tmp_path, cues=cues)))
    doc = make_doc(
        "Kyiv sent its memorandum on Monday. The Ukrainian memorandum provides security guarantees for Ukraine.",
        "2025-06-03",
    )
    assert extract_provisions(doc)["provisions"] == []
    assert [p.text for p in extract_provisions(edited(doc))["provisions"]] == ["security guarantees for Ukraine"]

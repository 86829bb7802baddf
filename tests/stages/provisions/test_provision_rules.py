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

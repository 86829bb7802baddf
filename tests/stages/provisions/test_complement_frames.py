"""Complements (frames/complements.py): a document mention with its content attached.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

from provisions_helpers import by_text, texts


def test_relative_clause_under_a_numbered_draft(records):
    recs = records(
        "Russian and Ukrainian negotiators worked for weeks. A 12-point draft deal was prepared wherein Kyiv would "
        "renounce NATO membership in exchange for security guarantees.",
        "2022-03-20",
    )
    assert by_text(recs, "renounce NATO membership")["category"] == "ALLIANCE_NEUTRALITY"
    g = by_text(recs, "security guarantees")
    assert g["category"] == "SECURITY_GUARANTEES" and not g["text"].startswith("in exchange")
    assert g["status"] == "proposed" and g["party"] == "Russia and Ukraine"


def test_his_proposal_and_its_list_of_verbs(records):
    recs = records(
        "The envoys praised a statement by President Erdogan about his proposal to halt the fighting, "
        "rebuild Mariupol, prevent the displacement of civilians and open humanitarian corridors.",
        "2022-05-01",
    )
    got = texts(recs)
    assert {p["party"] for p in recs["provisions"]} == {"Turkey"}
    assert any(t.startswith("rebuild Mariupol") for t in got), got
    assert any(t.startswith("prevent the displacement") for t in got), got
    assert by_text(recs, "prevent the displacement")["category"] == "CIVILIANS_HUMANITARIAN"


def test_document_items_named_with_their_content(records):
    recs = records(
        "Ten years ago the two countries drew up the Kharkiv framework. Its provisions for a demilitarised "
        "zone along the river, alongside the release of all prisoners of war, could still help.",
        "2024-05-02",
    )
    assert by_text(recs, "a demilitarised zone along the river")["category"] == "WITHDRAWAL_DISENGAGEMENT"
    assert by_text(recs, "the release of all prisoners of war")["category"] == "PRISONERS_DETAINEES"


def test_items_without_document_are_nothing(records):
    recs = records("The shop ran out of provisions for the winter.", "2024-05-02")
    assert recs["provisions"] == []

"""Lists and modal statements (frames/lists.py, frames/modal.py): colon lists, bullet lines,
statements under a document.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

from provisions_helpers import by_text, texts


def test_bullet_list_after_agreement_intro(records):
    text = (
        "Joint statement\n\nDelegations from Ukraine and the United States held talks in Jeddah on Tuesday.\n\n"
        "The delegations agreed on the following:\n"
        "- Ukraine is ready to accept an immediate 30-day interim ceasefire.\n"
        "- The United States will resume intelligence sharing and security assistance.\n"
        "- Both delegations will name negotiating teams.\n\nThe meeting lasted eight hours."
    )
    recs = records(text, "2025-03-11")
    got = texts(recs)
    assert any("30-day interim ceasefire" in t for t in got)
    assert any("intelligence sharing" in t for t in got)
    assert all(p["status"] == "agreed" for p in recs["provisions"])
    assert {p["party"] for p in recs["provisions"]} == {"Ukraine and United States"}
    assert not any("eight hours" in t for t in got)


def test_modal_statement_under_a_plan(records):
    recs = records(
        "Washington drafted a 20-point plan last month. Under the 20-point plan, Ukraine would cap its army "
        "at 600,000 troops.",
        "2025-12-01",
    )
    p = by_text(recs, "cap its army")
    assert p["category"] == "DEMOBILIZATION_FORCE_LIMITS"
    assert p["memorandum_id"].endswith("20-point-plan")
    assert p["party"] == "United States"


def test_modal_sentences_continue_a_draft_named_just_before(records):
    recs = records(
        "Russian and Ukrainian negotiators met in Istanbul, where a draft peace treaty took shape. In return for "
        "permanent neutrality, Ukraine would receive security guarantees from five powers. In return, Russia would "
        "agree to talks on the status of Crimea over ten years.",
        "2022-04-01",
    )
    got = texts(recs)
    assert any(t.startswith("permanent neutrality") for t in got)
    assert any("receive security guarantees" in t for t in got)
    assert any("status of Crimea" in t for t in got)
    assert {p["party"] for p in recs["provisions"]} == {"Russia and Ukraine"}
    assert all(p["status"] == "proposed" for p in recs["provisions"])


def test_commitments_of_a_joint_statement_in_paragraphs(records):
    text = (
        "The Government of Armenia and the Government of Azerbaijan met in Washington.\n\n"
        "The Parties commit to take the following steps by June 1:\n\n"
        "Armenia will (i) reopen the border crossings to trade; and (ii) lift the tariffs on goods from Azerbaijan.\n\n"
        "Azerbaijan will (i) release all detainees held since 2023; and (ii) restore rail links for trade.\n\n"
        "After these steps, the Parties will establish a working group to continue talks."
    )
    recs = records(text, "2025-08-08")
    got = texts(recs)
    assert any(t.startswith("reopen the border crossings") for t in got)
    assert any(t.startswith("lift the tariffs") for t in got)
    assert any(t.startswith("release all detainees") for t in got)
    assert any("working group" in t for t in got)
    assert {p["party"] for p in recs["provisions"]} == {"Armenia and Azerbaijan"}
    assert all(p["status"] == "agreed" for p in recs["provisions"])
    assert by_text(recs, "lift the tariffs")["item"] == "ii"

"""Revisions (a clause a counter-proposal removes, changes or adds), document identity (ids v2, no junk
memoranda) and parties (groups, signatories, issuers of a joint statement). Every text is written for the test."""

from __future__ import annotations

import pytest
from provisions_helpers import by_text


def memos(recs):
    return {m["memorandum_id"]: m for m in recs["memoranda"]}


# ---------------------------------------------------------------- revisions


def test_a_counter_proposal_that_drops_a_clause_keeps_its_own_id_and_says_so(records):
    recs = records(
        "The United States presented a 28-point plan last week. Kyiv's counter-proposal drops the clause on "
        "frozen assets.",
        "2025-11-25",
    )
    p = by_text(recs, "the clause on frozen assets")
    assert p["change"] == "removed" and p["status"] == "rejected" and p["frame"] == "revision"
    assert p["memorandum_id"] == "ukraine-plan-2025" and p["revises"] == "united-states-28-point-plan"
    assert memos(recs)["ukraine-plan-2025"]["revises"] == "united-states-28-point-plan"


@pytest.mark.parametrize(
    "sentence, fragment, change",
    [
        ("The revised draft removes the demand for a referendum on the new border.", "the demand for a", "removed"),
        ("The revised draft softens the section on troop caps.", "the section on troop caps", "changed"),
        ("The revised draft adds a clause on reconstruction funds.", "a clause on reconstruction funds", "added"),
    ],
)
def test_a_revised_draft_is_a_new_document_that_revises_the_one_before(records, sentence, fragment, change):
    recs = records("The United States presented a 28-point plan last week. " + sentence, "2025-11-25")
    p = by_text(recs, fragment)
    assert p["change"] == change and p["revises"] == "united-states-28-point-plan"
    assert p["memorandum_id"] != "united-states-28-point-plan" and p["party"] == "United States"
    assert p["status"] == ("rejected" if change == "removed" else "proposed")


@pytest.mark.parametrize(
    "text",
    [
        "The United States will modify the clause on tariffs next year.",  # a commitment, not a revision reported
        "Negotiators dropped the clause on frozen assets.",  # who revised: no document
        "The talks dropped off the agenda after the plan was published.",  # no clause
    ],
)
def test_no_revision_without_a_revising_document_and_a_clause(records, text):
    assert not [p for p in records(text, "2025-11-25")["provisions"] if p["change"]]


# ---------------------------------------------------------------- ids


def test_a_numbered_plan_gets_one_id_across_articles_whatever_its_name(records):
    one = records(
        "China's proposal was published on Friday. The 12-point peace plan calls for a ceasefire.", "2023-02-24"
    )
    two = records("Beijing's 12-point plan calls for the resumption of peace talks.", "2023-03-02")
    assert set(memos(one)) == set(memos(two)) == {"china-12-point-plan"}
    assert memos(one)["china-12-point-plan"]["aliases"] == ["China's proposal", "12-point peace plan"]


def test_a_draft_and_a_plan_of_one_party_with_one_number_are_one_document(records):
    a = records("The 28-point US draft calls for a cap on the Ukrainian army.", "2025-11-21")
    b = records("The 28-point US plan calls for a cap on the Ukrainian army.", "2025-11-22")
    assert {p["memorandum_id"] for p in a["provisions"] + b["provisions"]} == {"united-states-28-point-plan"}


def test_a_proposal_and_a_plan_of_one_party_and_year_share_an_undated_id(records):
    a = records("The US proposal calls for a ceasefire along the front line.", "2026-02-01")
    b = records("Trump's plan calls for a ceasefire along the front line.", "2026-02-03")
    assert memos(a).keys() == memos(b).keys() == {"united-states-plan-2026"}


@pytest.mark.parametrize(
    "text, junk",
    [
        ("Washington gave Moscow a June deadline to accept the terms.", "June deadline"),
        ("The allies announced a first package of $500 million.", "first package"),
        ("The two countries signed their own security arrangements.", "own security arrangements"),
        ("- agreement\n- The Russian memorandum calls for a ceasefire.", "- agreement"),
    ],
)
def test_no_junk_memoranda(records, text, junk):
    names = [m["name"] for m in records(text, "2025-06-01")["memoranda"]]
    assert not any(junk in n or n.startswith(("-", "\n")) for n in names), names


# ---------------------------------------------------------------- parties


@pytest.mark.parametrize(
    "text, party",
    [
        (
            "A joint statement signed by the foreign ministers of France, Germany and Italy calls for a truce.",
            "France, Germany and Italy",
        ),
        (
            "The Coalition of the Willing proposed a plan that calls for a reassurance force.",
            "Coalition of the Willing",
        ),
        ("The Syrian Democratic Forces agreed with Damascus to hand over the border crossings.", None),
        ("Cambodia agreed with the United States to eliminate all tariffs on its goods.", None),
    ],
)
def test_parties_of_groups_issuers_and_signatories(records, text, party):
    recs = records(text, "2025-10-26")
    assert recs["provisions"], text
    got = recs["provisions"][0]["party"]
    if party is None:  # signatories: the subject's party and the "with" phrase's
        assert " and " in got
    else:
        assert got == party

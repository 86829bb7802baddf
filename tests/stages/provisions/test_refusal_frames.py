"""Refusals (frames/refusals.py): rejected provisions, in the sentence and in the ones before.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest
from provisions_helpers import by_text, texts


def test_refused_request_is_rejected(records):
    recs = records("Kyiv asked Moscow to release all civilian detainees, but the Russian side refused.", "2025-06-03")
    p = by_text(recs, "release all civilian detainees")
    assert p["status"] == "rejected"
    assert p["party"] == "Ukraine"


def test_refusal_of_this_condition_rejects_the_demand_before(records):
    recs = records(
        "Russia demanded that Ukraine cede the whole Kherson region. Kyiv firmly rejected this condition.", "2026-02-10"
    )
    assert by_text(recs, "cede the whole Kherson region")["status"] == "rejected"


def test_negated_acceptance_after_the_demand_rejects_it(records):
    recs = records(
        "Russia is pressing Ukraine to pull out of the Donbas, a condition Kyiv says it would never accept.",
        "2026-02-10",
    )
    assert by_text(recs, "pull out of the Donbas")["status"] == "rejected"


def test_rejected_plan_rejects_its_clauses_and_names_its_authors(records):
    recs = records(
        "Moscow quickly rejected a peace plan put forward by African leaders that called for de-escalation and "
        "security guarantees.",
        "2023-06-20",
    )
    got = texts(recs)
    assert "de-escalation" in got and "security guarantees" in got
    assert all(p["status"] == "rejected" for p in recs["provisions"])
    assert {p["party"] for p in recs["provisions"]} == {"African leaders"}


@pytest.mark.parametrize(
    "refusal,status",
    [
        ("Zelensky has ruled out any withdrawal of Ukrainian forces from the Donbas.", "rejected"),
        ("Kyiv rejected a pull-back of its troops from the east.", "rejected"),
        ("Zelensky has ruled out new elections during the war.", "proposed"),  # another topic
        ("Moscow has ruled out any withdrawal from the occupied regions.", "proposed"),  # the demanding side itself
    ],
)
def test_a_restated_refusal_rejects_the_demand_of_the_same_topic(records, refusal, status):
    recs = records("Russia demands that Ukraine pull its troops out of the Donetsk region. " + refusal, "2026-02-22")
    assert by_text(recs, "Ukraine pull its troops out of the Donetsk region")["status"] == status

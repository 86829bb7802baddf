"""Agreements (frames/agreements.py): reached, passive, announced truces.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest
from provisions_helpers import by_text, texts


def test_agreement_of_the_two_sides(records):
    recs = records(
        "Russian and Ukrainian negotiators met in Istanbul. The two sides agreed to swap 500 prisoners of war "
        "and to hand over the bodies of fallen soldiers.",
        "2025-07-24",
    )
    p = by_text(recs, "swap 500 prisoners")
    assert p["party"] == "Russia and Ukraine"
    assert p["status"] == "agreed" and p["modality"] == "commitment"
    assert p["category"] == "PRISONERS_DETAINEES"
    assert by_text(recs, "bodies")["category"] == "MISSING_AND_DEAD"
    assert recs["memoranda"][0]["kind"] == "agreement"


def test_wished_or_negated_agreement_is_not_reported(records):
    recs = records(
        "The White House urged Moscow to agree to a ceasefire. Neither side agreed to exchange prisoners.", "2025-07-24"
    )
    assert recs["provisions"] == []


def test_passive_agreement_on_a_provision(records):
    recs = records(
        "Negotiators from Armenia and Azerbaijan met in Vienna. A prisoner exchange was agreed between "
        "Armenia and Azerbaijan on Friday. A truce could be agreed soon. The deal was agreed later.",
        "2025-06-06",
    )
    p = by_text(recs, "A prisoner exchange")
    assert (p["party"], p["status"], p["category"]) == ("Armenia and Azerbaijan", "agreed", "PRISONERS_DETAINEES")
    assert not any("truce" in t for t in texts(recs))


@pytest.mark.parametrize(
    "text,fragment",
    [
        (
            "After Washington called both leaders, Armenia and Azerbaijan announced an immediate and unconditional "
            "ceasefire.",
            "an immediate and unconditional ceasefire",
        ),
        (
            "Leaders of Armenia and Azerbaijan spoke with the US president. Hours later, the two countries announced "
            "an "
            "immediate ceasefire along the border.",
            "an immediate ceasefire along the border",
        ),
    ],
)
def test_a_truce_announced_by_two_parties_is_agreed(records, text, fragment):
    p = by_text(records(text, "2025-07-28"), fragment)
    assert (p["party"], p["category"], p["status"]) == ("Armenia and Azerbaijan", "CEASEFIRE", "agreed")


@pytest.mark.parametrize(
    "text",
    [
        "Russia declared a unilateral Easter truce.",
        "Armenia and Azerbaijan did not announce a ceasefire.",
        "Armenia and Azerbaijan may announce a ceasefire next week.",
    ],
)
def test_a_truce_of_one_party_or_not_announced_is_no_agreement(records, text):
    assert records(text, "2025-07-28")["provisions"] == []

"""Fields and selection of a provision (fields.py, categories.py, spans.py).

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest
from provisions_helpers import by_text, texts


def test_deadline_conditions_and_actor(records):
    recs = records(
        "Russia's memorandum demands that Ukraine pull its troops out of the region within 60 "
        "days after a truce begins, and that Kyiv hold elections before any treaty is signed.",
        "2025-06-03",
    )
    w = by_text(recs, "pull its troops")
    assert w["category"] == "WITHDRAWAL_DISENGAGEMENT"
    assert w["actor"] == "Ukraine"
    assert w["deadline"] and w["deadline"].startswith("P60D")
    e = by_text(recs, "hold elections")
    assert e["conditions"] and e["conditions"].startswith("before")


@pytest.mark.parametrize(
    "text,fragment",
    [
        (
            "Kyiv demanded that experts of the International Atomic Energy Agency be given access to the site.",
            "experts of the",
        ),
        ("Ukraine insisted that the IAEA keep a permanent team at the station.", "the IAEA keep"),
    ],
)
def test_the_atomic_energy_agency_is_nuclear_not_energy(records, text, fragment):
    assert by_text(records(text, "2022-08-18"), fragment)["category"] == "NUCLEAR_WMD"


def test_purchases_and_trade_deals_are_not_peace_provisions(records):
    text = (
        "Joint statement\n\nOfficials of Armenia and Azerbaijan met in Abu Dhabi on Sunday.\n\n"
        "The delegations agreed on the following:\n"
        "- Purchases of 20 cargo planes from American makers with a value of $2 billion.\n"
        "- Both sides will exchange all prisoners of war.\n\n"
        "Armenia and the United States agreed to a trade deal that will open new markets for farmers."
    )
    recs = records(text, "2025-10-26")
    got = texts(recs)
    assert any("prisoners of war" in t for t in got)
    assert not any("cargo planes" in t for t in got)
    assert not any("trade deal" in t for t in got)


def test_arms_sales_stay_a_provision(records):
    recs = records("Russia demanded a halt to arms sales to Ukraine by Western countries.", "2025-10-26")
    assert by_text(recs, "arms sales")["category"] == "FOREIGN_FORCES_AND_AID"

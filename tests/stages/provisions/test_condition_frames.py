"""Conditions (frames/conditions.py): what a party makes a concession depend on.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest
from provisions_helpers import by_text, texts


@pytest.mark.parametrize(
    "text,fragment,category",
    [
        (
            "Zelensky conditioned any pull-back from the front on the creation of a demilitarised zone and on firm "
            "security "
            "guarantees from Washington.",
            "the creation of a demilitarised zone",
            "WITHDRAWAL_DISENGAGEMENT",
        ),
        (
            "Zelensky conditioned any pull-back from the front on the creation of a demilitarised zone and on firm "
            "security "
            "guarantees from Washington.",
            "firm security guarantees from Washington",
            "SECURITY_GUARANTEES",
        ),
        (
            "Kyiv has predicated a withdrawal from its positions on binding security guarantees.",
            "binding security guarantees",
            "SECURITY_GUARANTEES",
        ),
    ],
)
def test_what_a_party_makes_a_concession_depend_on_is_its_condition(records, text, fragment, category):
    p = by_text(records(text, "2026-02-18"), fragment)
    assert (p["party"], p["category"], p["status"]) == ("Ukraine", category, "proposed")
    assert not any(fragment != t and "demilitarised zone and on" in t for t in texts(records(text, "2026-02-18")))


@pytest.mark.parametrize(
    "text",
    [
        "The deal is conditioned on a ceasefire.",
        "Russia did not condition the talks on a ceasefire.",
        "The outcome of the war will hinge on Western aid.",
    ],
)
def test_passive_negated_or_partyless_conditions_are_nothing(records, text):
    assert records(text, "2026-02-18")["provisions"] == []

"""Position nouns (frames/positions.py, common.position_owner): a party's demands named by a noun.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest
from provisions_helpers import by_text


def test_demand_kept_by_it_of_the_first_clause(records):
    recs = records(
        "Moscow remains willing to negotiate, but it will keep its demand intact: no deployment of foreign "
        "troops in Ukraine and protection of the Russian language.",
        "2025-02-10",
    )
    assert {p["party"] for p in recs["provisions"]} == {"Russia"}
    assert by_text(recs, "no deployment of foreign")["category"] == "FOREIGN_FORCES_AND_AID"


def test_position_noun_for_clause(records):
    recs = records(
        "Kyiv dismissed Russia's demand for Ukraine to hand over what it still holds of the Donetsk region. The "
        "president questioned a further US demand - for Ukraine to hold a national vote before the autumn.",
        "2026-02-20",
    )
    assert by_text(recs, "Ukraine to hand over what it still holds")["party"] == "Russia"
    assert by_text(recs, "Ukraine to hold a national vote")["category"] == "ELECTIONS_CONSTITUTION"
    assert by_text(recs, "Ukraine to hold a national vote")["party"] == "United States"


def test_position_noun_for_without_owner_is_nothing(records):
    recs = records("There is a rising demand for Ukraine to hold a national vote before the autumn.", "2026-02-20")
    assert recs["provisions"] == []


@pytest.mark.parametrize(
    "text,fragment,party,category",
    [
        # a position noun followed by a that-clause; "its" = the subject of the main verb
        (
            "Moscow keeps pressing for a quick deal, as shown by its insistence that Kyiv hold a referendum on the "
            "new border.",
            "Kyiv hold a referendum",
            "Russia",
            "ELECTIONS_CONSTITUTION",
        ),
        (
            "Russia's demand that Ukraine cede the Kherson region was repeated on Monday.",
            "Ukraine cede the Kherson region",
            "Russia",
            "TERRITORY_SOVEREIGNTY",
        ),
        # an example list after a position noun put forward by a party
        (
            "The Kremlin has put forward sweeping demands, such as the demilitarisation of Ukraine and the lifting of "
            "sanctions.",
            "the demilitarisation of Ukraine",
            "Russia",
            "DEMOBILIZATION_FORCE_LIMITS",
        ),
        (
            "The Kremlin has put forward sweeping demands, such as the demilitarisation of Ukraine and the lifting of "
            "sanctions.",
            "the lifting of sanctions",
            "Russia",
            "SANCTIONS_ASSETS",
        ),
        (
            "Putin voiced several conditions, including recognition of the annexed regions.",
            "recognition of the annexed regions",
            "Russia",
            "TERRITORY_SOVEREIGNTY",
        ),
    ],
)
def test_position_noun_with_clause_or_example_list(records, text, fragment, party, category):
    p = by_text(records(text, "2026-02-10"), fragment)
    assert (p["party"], p["category"], p["status"]) == (party, category, "proposed")


@pytest.mark.parametrize(
    "text",
    [
        "Analysts criticised demands such as the demilitarisation of Ukraine.",  # no party puts them forward
        "The demands that Russia made were not published.",  # relative clause, no content
    ],
)
def test_position_noun_without_owner_or_content_is_nothing(records, text):
    assert records(text, "2026-02-10")["provisions"] == []

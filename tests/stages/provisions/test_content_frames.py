"""Content verbs (frames/content.py): a document's content and a party's own position.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest
from provisions_helpers import by_text, texts


def test_list_of_verbs_and_sections(records):
    recs = records(
        "Moscow handed over its memorandum in Istanbul. The Russian memorandum's second section demands "
        "that Kyiv stop mobilisation, lift martial law, hold a presidential vote and dissolve its "
        "volunteer units.",
        "2025-06-03",
    )
    got = texts(recs)
    assert any(t.endswith("stop mobilisation") for t in got)
    assert "lift martial law" in got
    assert "hold a presidential vote" in got
    assert by_text(recs, "martial law")["category"] == "EMERGENCY_MARTIAL_LAW"
    assert by_text(recs, "martial law")["section"] == "2"
    assert by_text(recs, "martial law")["party"] == "Russia"


def test_meta_description_of_sections_is_not_a_provision(records):
    recs = records(
        "The Russian memorandum has two sections. The first section sets out its views on a final settlement, "
        "and the second section outlines a timeline for further talks.",
        "2025-06-03",
    )
    assert recs["provisions"] == []


POSITION_CASES = [
    # a party's demand through a verb with a party object and a to-infinitive
    (
        "Moscow is pressing Kyiv to pull its troops out of the Zaporizhzhia region.",
        "pull its troops",
        "Russia",
        "WITHDRAWAL_DISENGAGEMENT",
    ),
    (
        "The Kremlin is fighting for Ukraine to cede the rest of the Donbas.",
        "cede the rest of the Donbas",
        "Russia",
        "TERRITORY_SOVEREIGNTY",
    ),
    (
        "The Kremlin wants Ukraine to recognise Crimea as Russian.",
        "recognise Crimea",
        "Russia",
        "TERRITORY_SOVEREIGNTY",
    ),
    (
        "Washington called on Kyiv to hold a referendum on the settlement.",
        "hold a referendum",
        "United States",
        "ELECTIONS_CONSTITUTION",
    ),
    # a goal tied to the talks
    (
        "The Kremlin is seeking full control of the Donetsk region as part of any settlement.",
        "full control of the Donetsk region",
        "Russia",
        "TERRITORY_SOVEREIGNTY",
    ),
    # a party's demands named by a noun
    (
        "Russia restated its core demands, which include neutral status for Ukraine and a cap on its army.",
        "neutral status",
        "Russia",
        "ALLIANCE_NEUTRALITY",
    ),
    (
        "In a speech on Friday, Putin laid out his terms: Ukraine must drop its bid to join NATO and pull its forces "
        "out of "
        "four regions.",
        "drop its bid to join NATO",
        "Russia",
        "ALLIANCE_NEUTRALITY",
    ),
    # the demand stands before ", as X has demanded,"
    (
        "Ceding the rest of the Donetsk region, as Moscow has demanded, is a step Kyiv rejects.",
        "Ceding the rest of the Donetsk region",
        "Russia",
        "TERRITORY_SOVEREIGNTY",
    ),
    # a reported clause: he = the speaker
    (
        "Zelensky told journalists that he wanted Ukraine to sell rare earth minerals to the United States.",
        "sell rare earth minerals to the United States",
        "Ukraine",
        "RECONSTRUCTION_ECONOMY",
    ),
]


@pytest.mark.parametrize("text,fragment,party,category", POSITION_CASES)
def test_positions_of_a_party(records, text, fragment, party, category):
    p = by_text(records(text, "2026-02-10"), fragment)
    assert p["party"] == party
    assert p["category"] == category
    assert p["status"] == "proposed" or "rejects" in text


@pytest.mark.parametrize(
    "text,fragment,category",
    [
        (
            "The Chinese plan was published on Friday. The document also opposes the use of nuclear weapons.",
            "the use of nuclear weapons",
            "NUCLEAR_WMD",
        ),
        (
            "Kyiv's blueprint envisages Russia withdrawing its troops, the restoration of Ukraine's borders of 1991, "
            "release of "
            "all prisoners and deportees, and punishing those responsible for war crimes.",
            "punishing those responsible",
            "AMNESTY_ACCOUNTABILITY",
        ),
    ],
)
def test_documents_as_subjects(records, text, fragment, category):
    assert by_text(records(text, "2023-02-24"), fragment)["category"] == category


@pytest.mark.parametrize(
    "text,fragments",
    [
        # a participle clause after a comma says what the subject document contains
        (
            "The Turkish roadmap went through three versions, calling for a truce along the front line, an exchange of "
            "prisoners and elections in the occupied regions.",
            ["a truce along the front line", "an exchange of prisoners", "elections in the occupied regions"],
        ),
        (
            "The French proposal could be a breakthrough, allowing for an end to hostilities and the release of all "
            "detainees.",
            ["an end to hostilities", "the release of all detainees"],
        ),
    ],
)
def test_participle_clause_of_a_document(records, text, fragments):
    got = texts(records(text, "2024-05-10"))
    for f in fragments:
        assert any(t.startswith(f) for t in got), (f, got)


def test_be_opposed_to_and_postulate(records):
    recs = records(
        "The Brazilian plan appeared on Monday. The document was opposed to the deployment of nuclear weapons. "
        "Brazil also postulates the lifting of sanctions on fertilizer exports.",
        "2023-05-02",
    )
    assert by_text(recs, "deployment of nuclear weapons")["category"] == "NUCLEAR_WMD"
    lifting = by_text(recs, "the lifting of sanctions")
    assert (lifting["party"], lifting["category"]) == ("Brazil", "SANCTIONS_ASSETS")


@pytest.mark.parametrize(
    "text",
    [
        "The cuts the Kremlin has been demanding of its neighbours and the need to keep troops near the border worry "
        "NATO.",
        "Finland fears the price Moscow has been demanding of the West and the need to keep troops near the border.",
    ],
)
def test_a_demand_in_a_relative_clause_names_the_noun_before(records, text):
    assert records(text, "2026-02-02")["provisions"] == []

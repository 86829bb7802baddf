"""Segmentation (segment.py, spans.split_topics): a frame's content cut into atomic provisions.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest
from provisions_helpers import by_text, texts


def test_numbered_list_items_and_header_sublist(records):
    recs = records(
        "Kyiv published its draft on Monday. The Ukrainian draft lists three points: 1) a full truce on land "
        "and at sea; 2) several humanitarian steps, including the release of all detainees, all deported "
        "children, and the return of the remains of fallen soldiers; and 3) a summit of the two presidents.",
        "2025-03-04",
    )
    got = texts(recs)
    assert "a full truce on land and at sea" in got
    assert "the release of all detainees" in got
    assert "all deported children" in got
    assert "the return of the remains of fallen soldiers" in got
    assert not any(t.startswith("several humanitarian steps") for t in got)  # the header is dropped
    assert by_text(recs, "truce")["item"] == "1"
    assert by_text(recs, "deported")["item"] == "2"
    assert by_text(recs, "deported")["category"] == "CHILDREN"
    assert by_text(recs, "summit")["category"] == "NEGOTIATION_PROCESS"
    assert all(p["party"] == "Ukraine" and p["status"] == "proposed" for p in recs["provisions"])


def test_coordination_split_without_splitting_one_clause(records):
    recs = records(
        "The Russian memorandum calls for recognition of Moscow's control of Crimea as well as the lifting of "
        "all sanctions, and protection of the rights, languages and churches of minorities in the east.",
        "2025-06-05",
    )
    got = texts(recs)
    assert "recognition of Moscow's control of Crimea" in got
    assert "the lifting of all sanctions" in got
    assert any(t.startswith("protection of the rights, languages and churches") for t in got)
    assert by_text(recs, "sanctions")["category"] == "SANCTIONS_ASSETS"
    assert by_text(recs, "Crimea")["category"] == "TERRITORY_SOVEREIGNTY"


def test_comma_list_split_by_category(records):
    recs = records(
        "The Indian framework emphasizes a durable ceasefire, the return of all prisoners, sustained "
        "humanitarian aid, and the reconstruction of the ports.",
        "2024-03-01",
    )
    got = texts(recs)
    assert any(t.startswith("the return of all prisoners") and "humanitarian" not in t for t in got), got
    assert any(t.startswith("sustained humanitarian aid") for t in got), got
    assert all(p["status"] == "proposed" for p in recs["provisions"])  # one side's framework, not an agreement


def test_duplicate_clause_and_footnote_markup(records):
    text = (
        "The Ukrainian plan calls for a full ceasefire along the front.[[3]](https://example.org/note3)\n\n"
        "The Ukrainian plan calls for a full ceasefire along the front."
    )
    recs = records(text, "2025-03-01")
    got = texts(recs)
    assert len(got) == 1 and got[0].startswith("a full ceasefire along the")  # the repeat is dropped
    assert "[[" not in got[0] and "http" not in got[0]


@pytest.mark.parametrize(
    "text,fragment,category",
    [
        (
            "Kyiv demands the creation of a buffer zone and the provision of long-term security guarantees from "
            "Washington.",
            "the provision of long-term security guarantees",
            "SECURITY_GUARANTEES",
        ),
        (
            "Zelensky voiced openness to a limited pull-back, but predicated this pull-back on the prior creation of "
            "a buffer "
            "zone and the provision of binding, 25-year security guarantees from Washington and its partners.",
            "the provision of binding, 25-year security guarantees",
            "SECURITY_GUARANTEES",
        ),
    ],
)
def test_the_provision_of_something_is_content_not_a_header(records, text, fragment, category):
    p = by_text(records(text, "2026-02-18"), fragment)
    assert (p["party"], p["category"]) == ("Ukraine", category)

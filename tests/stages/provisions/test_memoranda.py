"""Memoranda (memoranda.py, mentions.py): the documents an article reports, their parties and ids.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

from provisions_helpers import by_text


def test_the_two_sides_are_the_warring_parties_when_the_us_mediates(records):
    recs = records(
        "Washington hosted talks between Russia and Ukraine in Miami. The United States proposed a new round of "
        "talks in March. The two sides agreed to swap 300 prisoners of war each.",
        "2026-02-10",
    )
    p = by_text(recs, "swap 300 prisoners")
    assert p["party"] == "Russia and Ukraine" and p["status"] == "agreed"


def test_named_document_without_clauses_is_listed(records):
    recs = records("Russia handed over its memorandum in Istanbul on Monday. The talks lasted an hour.", "2025-06-03")
    assert recs["provisions"] == []
    assert [(m["party"], m["kind"], m["n_provisions"]) for m in recs["memoranda"]] == [("Russia", "memorandum", 0)]


def test_position_ids_carry_the_year(records):
    recs = records("Moscow is pressing Kyiv to pull its troops out of the Zaporizhzhia region.", "2026-02-10")
    assert recs["provisions"][0]["memorandum_id"] == "russia-demands-2026"


def test_offsets_are_exact_and_ids_stable(records):
    text = "The Ukrainian memorandum calls for a full ceasefire and the return of all deported children."
    a = records(text, "2025-06-03")
    b = records("Some other lead sentence here. " + text, "2025-06-03")
    for recs, body in ((a, text), (b, "Some other lead sentence here. " + text)):
        for p in recs["provisions"]:
            assert body[p["start"] : p["end"]] == p["text"]
    assert [p["provision_id"] for p in a["provisions"]] == [p["provision_id"] for p in b["provisions"]]
    assert a["memoranda"][0]["memorandum_id"] == b["memoranda"][0]["memorandum_id"]

"""The dates stage: spans found in text, values resolved against the publication date,
anchored durations for the provisions stage, and robustness. Sentences are our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.stages.dates.patterns import _expand, load_patterns
from pipeline.stages.dates.records import DateRecord

PUB = "2025-06-03"  # a Tuesday
SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def dates(records, text, date=PUB):
    return records(text, date)["dates"]


def by_text(recs):
    return {r["text"]: r for r in recs}


def test_offsets_are_sacred(records):
    text = "Talks resumed yesterday in Geneva; the truce expires on May 16, 2026, or within 45 days."
    for r in dates(records, text):
        assert text[r["start"] : r["end"]] == r["text"]
        DateRecord(**r)  # the record validates


def test_seed_like_expressions(records):
    text = (
        "Negotiators met yesterday in Istanbul. At yesterday's session both delegations restated "
        "what they had agreed on May 16: each side released 500 detainees over three days on May 23-25. "
        "Last Wednesday the ministry published its draft. The sides may meet again in mid-to-late June."
    )
    got = by_text(dates(records, text))
    assert got["yesterday"]["value"] == "2025-06-02"
    assert sum(1 for r in dates(records, text) if r["text"] == "yesterday") == 2
    assert got["May 16"]["value"] == "2025-05-16"
    assert got["three days"]["value"] == "P3D" and got["three days"]["type"] == "DURATION"
    r = got["May 23-25"]
    assert (r["value"], r["range_start"], r["range_end"]) == ("2025-05-23", "2025-05-23", "2025-05-25")
    assert got["Last Wednesday"]["value"] == "2025-05-28"
    assert got["Last Wednesday"]["relative"] and got["Last Wednesday"]["anchor"] == PUB
    assert got["mid-to-late June"]["value"] == "2025-06"


def test_anchored_durations(records, make_doc):
    text = (
        "Kyiv would hold a vote within 100 days of ending martial law. Troops must pull back "
        "within 30 days after the ceasefire takes effect. Moscow offered a two-to-three-day truce."
    )
    got = by_text(dates(records, text))
    r = got["100 days"]
    assert (r["type"], r["value"], r["relation"], r["anchor_text"]) == (
        "DURATION",
        "P100D",
        "within",
        "ending martial law",
    )
    assert text[r["anchor_start"] : r["anchor_end"]] == "ending martial law"
    r = got["30 days"]
    assert (r["value"], r["relation"], r["anchor_text"]) == ("P30D", "within", "the ceasefire takes effect")
    r = got["two-to-three-day"]
    assert (r["type"], r["value"], r["range_start"], r["range_end"]) == ("DURATION", "P2D", "P2D", "P3D")
    # the span contract the provisions stage reads
    doc = make_doc(text, PUB)
    spans = list(doc.spans["timex"])
    info = next(s._.timex for s in spans if s.text == "100 days")
    assert {"anchor_text", "anchor_start", "anchor_end", "relation", "type", "value", "mod"} <= set(info)


def test_relation_after_and_before(records):
    got = by_text(
        dates(records, "Prisoners go home two weeks after the signing. Elections follow six months before the summit.")
    )
    assert got["two weeks"]["relation"] == "after" and got["two weeks"]["anchor_text"] == "the signing"
    assert got["six months"]["relation"] == "before" and got["six months"]["anchor_text"] == "the summit"


def test_byline_date(records):
    text = "The delegations will meet again.\n\nJane Doe June 3, 2025"
    got = by_text(dates(records, text))
    assert got["June 3, 2025"]["value"] == "2025-06-03" and not got["June 3, 2025"]["relative"]


def test_tense_decides_weekdays(records):
    got = by_text(dates(records, "The envoy arrived on Friday. He will leave on Thursday."))
    assert got["Friday"]["value"] == "2025-05-30"
    assert got["Thursday"]["value"] == "2025-06-05"


def test_no_publication_date(records):
    text = "The memorandum was handed over yesterday; the previous round was on 16 May 2025 and lasted two days."
    got = by_text(dates(records, text, date=None))
    assert got["yesterday"]["value"] == "XXXX-XX-XX"
    assert got["16 May 2025"]["value"] == "2025-05-16"
    assert got["two days"]["value"] == "P2D"


def test_repeated_date_stays_consistent(records):
    text = "Talks began yesterday. Yesterday's meeting lasted five hours, and a second meeting is set for Friday."
    recs = dates(records, text)
    assert {r["value"] for r in recs if r["text"].lower() == "yesterday"} == {"2025-06-02"}
    assert by_text(recs)["five hours"]["value"] == "PT5H"
    assert by_text(recs)["Friday"]["value"] == "2025-06-06"


def test_false_friends_are_skipped(records):
    text = (
        "The talks may resume. Thousands march in the capital. A 6-year-old boy and 2000 troops were seen. "
        "The company pays $2 a year. A second group arrived."
    )
    assert dates(records, text) == []


def test_financial_conventions(records):
    text = (
        "Net income rose in the third quarter. A year earlier, the company lost money. "
        "For the year ended March 31, sales fell."
    )
    got = by_text(dates(records, text, date="1989-10-27"))
    assert got["the third quarter"]["value"] == "1989-Q3"
    assert got["A year earlier"]["value"] == "1988-Q3"
    assert got["the year"]["type"] == "DURATION"


def test_sets_and_refs(records):
    got = by_text(dates(records, "Monitors report every week and meet each Thursday. The front is now quiet.", PUB))
    assert got["every week"]["type"] == "SET" and got["every week"]["value"] == "P1W"
    assert got["each Thursday"]["value"] == "XXXX-WXX-4"
    assert got["now"]["value"] == "PRESENT_REF"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "“”„‟«»",
        "May",
        "1999" * 200,
        "yesterday " * 2000,
        "within 10 days of",
        "12:61 a.m. 31/31/2020 Feb. 30, 2024",
        "the the the 1990s's",
    ],
)
def test_never_crashes(records, text):
    for r in dates(records, text):
        assert text[r["start"] : r["end"]] == r["text"]


def test_boilerplate_is_skipped(records):
    text = "Follow us on Twitter for updates from yesterday\n\nThe ceasefire began yesterday."
    recs = dates(records, text)
    assert all(r["start"] > text.index("\n\n") for r in recs) or len(recs) >= 1


def test_pattern_notation_expands_choices():
    assert _expand("a ( b | c d )? e") == [["a", "b", "e"], ["a", "c", "d", "e"], ["a", "e"]]
    assert _expand("( x | y )") == [["{x|y}"]]
    assert len(load_patterns()) > 50


@pytest.mark.skipif(not (SHARED / "seed").exists(), reason="shared seed not available")
def test_seed_article(nlp):
    """Every temporal expression the issue lists for the seed resolves against its byline date."""
    from pipeline.ingest import read_corpus
    from pipeline.run.nlp import make_doc
    from pipeline.run.process import article_context
    from pipeline.stages.dates.stage import extract_dates

    [art] = read_corpus(SHARED / "seed", [])
    assert art.date == PUB
    doc = nlp(make_doc(nlp, art.text, article_context(art)))
    recs = [r.to_json_dict() for r in extract_dates(doc)["dates"]]
    got = {r["text"].lower(): r for r in recs}
    assert [r["value"] for r in recs if r["text"].lower() == "yesterday"] == ["2025-06-02"] * 7
    assert got["may 16"]["value"] == "2025-05-16"
    assert (got["may 23-25"]["range_start"], got["may 23-25"]["range_end"]) == ("2025-05-23", "2025-05-25")
    assert got["last wednesday"]["value"] == "2025-05-28"
    assert got["three days"]["value"] == "P3D"
    anchor = got["100 days"]["anchor_text"]  # the article's own spelling of "martial law"
    assert got["100 days"]["value"] == "P100D" and anchor.startswith("ending ma") and anchor.endswith(" law")
    assert got["100 days"]["relation"] == "within"
    assert got["30 days"]["value"] == "P30D" and got["30 days"]["relation"] == "within"
    assert got["30 days"]["anchor_text"] == "the ceasefire takes effect"
    assert (got["two-to-three-day"]["range_start"], got["two-to-three-day"]["range_end"]) == ("P2D", "P3D")
    assert got["mid-to-late june"]["value"] == "2025-06"
    assert got["june 3, 2025"]["value"] == "2025-06-03"


def test_hard_wrapped_dates_and_legal_numbers(records):
    text = (
        "The order was signed on April\n9, 2022, under 50 U.S.C. 1701 and Resolution 1325.\n"
        "It lapses at 12:01 a.m. eastern daylight time, June 1, 2023."
    )
    got = by_text(dates(records, text, date="2022-04-10"))
    assert got["April\n9, 2022"]["value"] == "2022-04-09"
    assert "1701" not in got and "1325" not in got
    assert got["12:01 a.m. eastern daylight time, June 1, 2023"]["value"] == "2023-06-01T00:01"


def test_names_are_not_dates(records):
    text = (
        "Thousands joined the March for Life. The Bataan Death March is remembered. "
        'She watched ABC\'s "This Week" on Sunday.'
    )
    got = by_text(dates(records, text))
    assert "March" not in got and "This Week" not in got
    assert got["Sunday"]["value"] == "2025-06-01"


def test_war_news_false_friends(records):
    text = (
        "After the fall of Avdiivka the offensive stalled. Strikes began at 1400 GMT. The Winter War ended in 1940. "
        "Kyiv has until Monday to reply. In the fall of 2024 prices rose."
    )
    got = by_text(dates(records, text))
    assert "the fall of" not in got and "1400" not in got and "The Winter" not in got
    assert got["1940"]["value"] == "1940"
    assert got["Monday"]["value"] == "2025-06-09"  # a deadline lies ahead
    assert got["the fall of 2024"]["value"] == "2024-FA"


# ---------------------------------------------------------------- round 2: tense, fragments, ages, counts


def test_be_to_infinitive_points_forward(records):
    # PUB is a Tuesday; "is to reopen ... Friday" is the coming Friday, not the last one
    got = by_text(dates(records, "The border crossing is to reopen to trucks Friday, officials said."))
    assert got["Friday"]["value"] == "2025-06-06"


def test_past_perfect_schedule_points_back(records):
    got = by_text(dates(records, "The deadline had been scheduled to expire on Friday before the envoys extended it."))
    assert got["Friday"]["value"] == "2025-05-30"


def test_count_before_a_rate_or_offset_stays_outside(records):
    got = by_text(dates(records, "The ministry now runs 14 shelters, up from nine a year ago."))
    assert "a year ago" in got and not any(t.startswith("nine") for t in got)
    assert got["a year ago"]["value"] == "2024"


def test_holiday_week_already_begun(records):
    # Easter 2025 was 20 April; a week "that began" a few days before it is that year's
    got = by_text(dates(records, "Pilgrims crowded the old city as Easter week began.", "2025-04-15"))
    assert got["Easter week"]["value"] == "2025-W16"


def test_an_age_is_not_a_decade(records):
    recs = dates(
        records, "The negotiator, in his 40s, joined the ministry in the 1990s; his deputy is in her early thirties."
    )
    texts = {r["text"] for r in recs}
    assert "the 1990s" in texts
    assert not any("40s" in t or "thirties" in t for t in texts)


def test_no_dangling_fragment(records):
    texts = {r["text"] for r in dates(records, "The attack came on the night of Saturday, May 10, near the port.")}
    assert not any(t.endswith(" of") for t in texts)
    assert any("May 10" in t for t in texts)


def test_a_bare_period_is_not_a_quarter(records):
    texts = {r["text"] for r in dates(records, "The transition period will be supervised by monitors.")}
    assert "period" not in texts


def test_one_day_after_a_modal_is_a_vague_future(records):
    recs = [
        r for r in dates(records, "Refugees hope they may one day return to their villages.") if r["text"] == "one day"
    ]
    assert recs and recs[0]["value"] == "FUTURE_REF"
    recs = [r for r in dates(records, "The general strike lasted one day.") if r["text"] == "one day"]
    assert recs and recs[0]["value"] == "P1D" and recs[0]["type"] == "DURATION"


def test_first_two_quarters_of_a_year_is_its_first_half(records):
    got = by_text(dates(records, "Exporters expect weak demand through the first two quarters of 2026."))
    assert got["the first two quarters of 2026"]["value"] == "2026-H1"


def test_vague_unit_range_is_one_expression(records):
    got = by_text(dates(records, "A deal could come within weeks or months, the envoy said."))
    assert got["weeks or months"]["value"] == "PXW" and got["weeks or months"]["range_end"] == "PXM"


def test_pattern_groups_match_like_one_matcher(nlp, make_doc):
    """Running only the pattern groups whose needed words occur in a window gives exactly the
    matches of one Matcher over all patterns with greedy="LONGEST" (a speed change only)."""
    from spacy.matcher import Matcher

    finder = nlp.get_pipe("timex")
    whole = Matcher(nlp.vocab)
    whole.add("TIMEX", load_patterns(), greedy="LONGEST")
    text = (
        "On Monday, June 2, the envoys met for three hours; a week earlier, at 9:30 a.m. local time, "
        "they had agreed on a 30-day truce from\nMay 20 to 25. The deal runs to the end of 2026 "
        "(the third quarter of fiscal 2025 was weak), every Friday night, twice a year, and in the "
        "1990s; the years ahead, the past two months, last week and Christmas Eve remain open. "
        "Prisoners were swapped the day before yesterday, some 12 to 18 months after the talks."
    )
    doc = make_doc(text, PUB)
    arr = doc.to_array(["LOWER", "SHAPE", "ORTH"])
    windows = finder.candidates.windows(doc, arr)
    assert windows
    found = 0
    for ws, we in windows:
        expected = sorted((s, e) for _, s, e in whole(doc[ws:we]))
        assert sorted(finder.candidates.match(doc[ws:we], arr[ws:we, 0].tolist())) == expected
        found += len(expected)
    assert found >= 15

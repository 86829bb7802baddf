"""The quotation-mark scanner (quotes/quotemarks.py): pure string code, no spaCy."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.quotes.quotemarks import MID_SENTENCE_STOP, find_quotations, find_single_quotations


def spans(text):
    return [text[q.start : q.end] for q in find_quotations(text)]


def test_straight_and_curly_marks():
    assert spans('He said "we will win" and left.') == ['"we will win"']
    assert spans("She said “we will win” and left.") == ["“we will win”"]
    assert spans("He said ''we will win,'' and left.") == ["''we will win,''"]


def test_mixed_curly_and_straight_marks_pair_up():
    assert spans('He said “we will win" and left.') == ['“we will win"']


def test_apostrophes_are_not_quotes():
    assert spans("Russia’s envoy didn’t say it.") == []
    assert find_single_quotations("Russia’s envoy didn’t say it.") == []


def test_single_quotes_nested_in_double_are_one_quotation():
    assert spans("“They called it ‘a farce’ in private,” he said.") == ["“They called it ‘a farce’ in private,”"]


def test_paragraph_continuation_links_parts():
    text = "“We are ready to talk.\n\n“But not under threats,” she said."
    qs = find_quotations(text)
    assert [text[q.start : q.end] for q in qs] == ["“We are ready to talk.", "“But not under threats,”"]
    assert qs[0].group == qs[1].group and not qs[0].closed


def test_paragraph_break_inside_a_sentence_does_not_end_the_quotation():
    text = 'He said, "We are drafting the\n\nterms of a settlement. It will be ready soon."'
    assert spans(text) == ['"We are drafting the\n\nterms of a settlement. It will be ready soon."']


def test_stray_mark_costs_only_its_paragraph():
    text = 'He said "we will win. The rest has no closing mark.\n\nLater she said: "This one is fine."'
    assert spans(text) == ['"This one is fine."']


def test_odd_marks_in_one_paragraph_never_swallow_the_next():
    text = '"One" two "three.\n\nFour "five" six'
    found = spans(text)
    assert '"five"' in found
    assert all("\n" not in s for s in found)


MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", "''", "«", "»", "„"])


WORDS = st.sampled_from(
    ["he", "said", "We", "will", "win", ".", ",", ":", " ", "\n", "\n\n", "told", "Putin", "…", "—"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKS, WORDS, st.text(max_size=4)), max_size=60))
def test_scanner_never_raises_and_spans_are_valid(parts):
    text = " ".join(parts)
    qs = find_quotations(text)
    singles = find_single_quotations(text, outside=qs)
    for q in qs + singles:
        assert 0 <= q.start < q.end <= len(text)
        inner = text[q.start : q.end]
        for m in re.finditer(r"\n\s*", inner):  # only a break inside a sentence is crossed
            before, after = inner[: m.start()].rstrip(), inner[m.end() :]
            assert before[-1:] not in MID_SENTENCE_STOP and after[:1].islower()
    starts = [q.start for q in qs]
    assert starts == sorted(starts)
    for a, b in zip(qs, qs[1:]):
        assert a.end <= b.start

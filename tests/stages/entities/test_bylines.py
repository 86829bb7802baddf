"""Bylines (bylines.py): the author named near the top or the bottom of a body is a PERSON.

All sentences are written for these tests (facts paraphrased, no article text)."""

from __future__ import annotations

import pytest

from pipeline.stages.entities.bylines import byline_spans, edge_lines
from pipeline.stages.entities.rules import load_rules


def test_byline_author_is_a_person(ents):
    text = "Talks resume in Geneva\n\nThe two delegations met for an hour.\n\nMargaret T. Holloway May 4, 2025"
    author = [r for r in ents(text) if r["text"] == "Margaret T. Holloway"]
    assert author and author[0]["label"] == "PERSON" and author[0]["source"] == "rule"


@pytest.mark.parametrize(
    "text, authors",
    [
        ("By Anna Roe & Ben Poe\n\nThe delegations met in Geneva on Monday.", ["Anna Roe", "Ben Poe"]),
        ("Written by Cora Lind | Newsdesk\n\nThe delegations met in Geneva.", ["Cora Lind"]),
        ("The delegations met in Geneva.\n\nDan Moss, 2025-05-04", ["Dan Moss"]),
        ("Last Updated June 3, 2025\n\nThe delegations met in Geneva on Monday.", []),  # a byline stopword
        # the middle of a body: only the first and last three lines are looked at
        ("The delegations met\nin Geneva\non Monday\nBy Eve Park\nafter a pause\nof a week.\nThey ended.", []),
    ],
)
def test_byline_spans(tokens, text, authors):
    spans = byline_spans(tokens(text), load_rules())
    assert [s.text for s in spans] == authors and {s.label_ for s in spans} <= {"PERSON"}


def test_edge_lines_are_the_first_and_last_lines_with_their_offsets(tokens):
    text = "\n".join(f"line {k}" for k in range(10))
    lines = edge_lines(tokens(text), 2)
    assert [line for _, line in lines] == ["line 0", "line 1", "line 8", "line 9"]
    assert all(text[offset : offset + len(line)] == line for offset, line in lines)


def test_edge_lines_of_a_long_body(tokens):
    text = "Top line\n" + " ".join(["word"] * 400) + "\nBottom line"
    lines = edge_lines(tokens(text), 1)
    assert [line for _, line in lines] == ["Top line", "Bottom line"]
    assert all(text[offset : offset + len(line)] == line for offset, line in lines)

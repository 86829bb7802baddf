"""Fixtures of the quotes tests: a pipeline with the quotes stage, text -> records, and the
helpers that pick a record out of them."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def quotes_nlp():
    from pipeline.run.nlp import cached_nlp
    from pipeline.settings import DEFAULT_MODEL

    return cached_nlp(os.environ.get("PIPELINE_MODEL", DEFAULT_MODEL), ("quotes",))


@pytest.fixture(scope="session")
def quotes_of(quotes_nlp):
    """Text -> quote records (as dicts), each checked against the offsets contract."""
    from pipeline.run.nlp import make_doc
    from pipeline.stages.quotes.stage import extract_quotes

    def run(text: str) -> list[dict]:
        doc = quotes_nlp(make_doc(quotes_nlp, text, {"doc_id": "t", "date": None, "title": None, "path": "t"}))
        recs = [r.to_json_dict() for r in extract_quotes(doc)["quotes"]]
        for r in recs:  # offsets are sacred
            assert r["text"] == text[r["start"] : r["end"]]
            if r["speaker_start"] is not None:
                assert 0 <= r["speaker_start"] < r["speaker_end"] <= len(text)
            if r["cue_start"] is not None:
                assert r["cue"] == text[r["cue_start"] : r["cue_end"]]
        return recs

    return run


def _one(recs, contains):
    hits = [r for r in recs if contains in r["text"]]
    assert hits, f"no quote containing {contains!r} in {[r['text'] for r in recs]}"
    return hits[0]


def _spoken_by(text, r):
    return text[r["speaker_start"] : r["speaker_end"]] if r["speaker_start"] is not None else None


@pytest.fixture(scope="session")
def one():
    """one(records, words): the first record whose text contains ``words``."""
    return _one


@pytest.fixture(scope="session")
def spoken_by():
    """spoken_by(text, record): the speaker mention of a record, as written in the text."""
    return _spoken_by


@pytest.fixture(scope="session")
def found(quotes_of):
    """found(text, content, speaker): the record whose text is ``content`` and whose speaker
    mention holds ``speaker`` (None: no speaker mention)."""

    def run(text, content, speaker):
        recs = quotes_of(text)
        hits = [r for r in recs if r["text"] == content]
        assert hits, f"no quote {content!r} in {[(r['text'], r['cue']) for r in recs]}"
        if speaker is None:
            assert hits[0]["speaker_start"] is None
        else:
            assert speaker in (_spoken_by(text, hits[0]) or ""), _spoken_by(text, hits[0])
        return hits[0]

    return run

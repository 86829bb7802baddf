"""Helpers of the entity tests: text -> entity records as plain dicts."""

from __future__ import annotations

import pytest

from pipeline.stages.entities.stage import extract_entities


@pytest.fixture(scope="session")
def ents(make_doc):
    """The entity records of a text, as JSON dicts."""

    def run(text: str) -> list[dict]:
        return [r.to_json_dict() for r in extract_entities(make_doc(text))["entities"]]

    return run


@pytest.fixture(scope="session")
def tokens(nlp):
    """A doc of the tokenizer alone (no tags, no entities), for the functions that read only the words."""
    return nlp.make_doc

"""The rules' tests read the rules alone: the decision model (committed in data/provisions/model.json) is set
aside for every test of this folder unless it asks for it with the ``with_model`` fixture."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def rules_alone(request, nlp):
    finder = nlp.get_pipe("provision_finder")
    model = finder.model
    if "with_model" not in request.fixturenames:
        finder.model = None
    yield
    finder.model = model


@pytest.fixture
def with_model(nlp):
    """The committed decision model, as a run uses it (skipped when none is committed)."""
    finder = nlp.get_pipe("provision_finder")
    if finder.model is None:
        pytest.skip("no decision model committed")
    return True

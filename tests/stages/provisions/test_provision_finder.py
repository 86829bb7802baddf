"""The provision_finder component (component.py): whole articles, odd input, configuration.

Test sentences are written for these tests (facts paraphrased, no evaluation sentence copied).
"""

from __future__ import annotations

import pytest


def test_plain_news_sentence_has_no_provision(records):
    recs = records(
        "The talks lasted two hours. Drones struck an oil depot overnight, officials said. "
        "The president will travel to Paris next week.",
        "2025-07-24",
    )
    assert recs["provisions"] == [] and recs["memoranda"] == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n ",
        "“”\"'«»",
        ":" * 50,
        "1) 2) 3)",
        "- \n- \n-",
        "The plan calls for " + "a ceasefire, " * 400 + "and peace.",
    ],
)
def test_never_crashes_on_odd_input(records, text):
    recs = records(text, None)
    for p in recs["provisions"]:
        assert text[p["start"] : p["end"]] == p["text"]


def test_component_is_configurable(nlp):
    assert "provision_finder" in nlp.pipe_names
    cfg = nlp.get_pipe_config("provision_finder")
    assert "data_path" in cfg


@pytest.mark.parametrize(
    "text",
    [
        "NATO Allies agreed to provide an extra EUR 10 billion in military aid for Ukraine next year.",
        "Allies agreed at the summit that Ukraine will one day join the alliance.",
        "The grid operator said the strikes hit eight regions. It said the shortfall of power across the country has "
        "grown.",
        "Trump said his plan was very good. Russia would likely need six months to repair the refinery.",
    ],
)
def test_no_provision_in_alliance_decisions_and_plain_reports(records, text):
    assert records(text, "2025-08-05")["provisions"] == []

"""A cue's source (quotes/sources.py): groups, passives with an agent, participles and gerunds.
Sentences written for these tests: (content, speaker mention) per sentence."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # any noun phrase may hold a stance, not only names and titles
        (
            "Some of the delegates welcomed the proposal for a ceasefire.",
            "the proposal for a ceasefire",
            "Some of the delegates",
        ),
        ("A majority of the voters rejected the plan.", "the plan", "A majority of the voters"),
        ("Most of the farmers in the region oppose the new tariff.", "the new tariff", "Most of the farmers"),
        # a passive with an agent: the subject is the content, the agent the source
        ("The proposal was rejected by most of the shareholders.", "The proposal", "most of the shareholders"),
        ("The new budget was criticized by several senators as reckless.", "The new budget", "several senators"),
        # the object of a stance verb keeps its "to" phrase
        ("The senator likened the tax to a penalty on work.", "the tax to a penalty on work", "The senator"),
    ],
)
def test_stance_of_groups_and_passives(text, content, speaker, found):
    found(text, content, speaker)


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # a participle or conjoined speech verb hung inside the reported clause keeps the outer speaker
        (
            "The minister said the plan was flawed, noting that it ignored the farmers.",
            "that it ignored the farmers",
            "The minister",
        ),
        (
            "The analyst wrote that exports had fallen in May and asked whether the recovery would last.",
            "whether the recovery would last",
            "The analyst",
        ),
        # a gerund after a preposition takes the subject of what the preposition hangs on
        ("Residents of the valley are united in opposing the new quarry.", "the new quarry", "Residents of the valley"),
        ("The chairman came under fire for defending the contractor.", "the contractor", "The chairman"),
    ],
)
def test_speakers_of_participles_and_gerunds(text, content, speaker, found):
    found(text, content, speaker)


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # a participle after a comma is a cue of its own, not part of what the verb before reports
        (
            "Dock workers urged the port authority not to cut shifts in winter, citing rising rents and fuel prices.",
            "the port authority not to cut shifts in winter",
            "Dock workers",
        ),
        (
            "Dock workers urged the port authority not to cut shifts in winter, citing rising rents and fuel prices.",
            "rising rents and fuel prices",
            "Dock workers",
        ),
        (
            "The inspector pointed to the old pier as the weakest link, adding that repairs could not wait.",
            "that repairs could not wait",
            "The inspector",
        ),
        (
            "The inspector pointed to the old pier as the weakest link, adding that repairs could not wait.",
            "to the old pier as the weakest link",
            "The inspector",
        ),
    ],
)
def test_participle_after_a_comma_is_its_own_attribution(text, content, speaker, found):
    found(text, content, speaker)

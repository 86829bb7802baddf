"""Rule data of the provisions stage: parties, document words, cues and categories.

Everything a user may want to extend lives in ``data/provisions/*.yaml``; this module loads those
files, validates them with pydantic (a typo in a file fails loudly at start-up, not silently at
run time) and offers the small look-ups the stage needs: party of a word, kind of a document word,
category of a provision.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ...core.rules import DATA_DIR, RuleModel, load_rule_file, rule_file

DATA = DATA_DIR / "provisions"
LABELS = (
    "CEASEFIRE",
    "MONITORING_PEACEKEEPING",
    "WITHDRAWAL_DISENGAGEMENT",
    "DEMOBILIZATION_FORCE_LIMITS",
    "FOREIGN_FORCES_AND_AID",
    "NUCLEAR_WMD",
    "SECURITY_GUARANTEES",
    "ALLIANCE_NEUTRALITY",
    "TERRITORY_SOVEREIGNTY",
    "SPECIAL_STATUS_AUTONOMY",
    "ELECTIONS_CONSTITUTION",
    "EMERGENCY_MARTIAL_LAW",
    "PRISONERS_DETAINEES",
    "MISSING_AND_DEAD",
    "CHILDREN",
    "CIVILIANS_HUMANITARIAN",
    "MINORITY_LANGUAGE_RELIGION",
    "AMNESTY_ACCOUNTABILITY",
    "SANCTIONS_ASSETS",
    "RECONSTRUCTION_ECONOMY",
    "NEGOTIATION_PROCESS",
    "IMPLEMENTATION_SEQUENCING",
)


class _Strict(RuleModel):
    pass


@rule_file("provisions/parties.yaml")
class Parties(_Strict):
    parties: dict[str, list[str]]
    joint: list[str] = Field(default_factory=list)
    pronouns: list[str] = Field(default_factory=list)
    self_deciding: list[str] = Field(default_factory=list)
    joint_heads: list[str]
    side_nouns: list[str]


@rule_file("provisions/documents.yaml")
class Documents(_Strict):
    kinds: dict[str, list[str]]
    roles: dict[str, Literal["document", "outcome", "position"]]
    anaphora: list[str]
    general_nouns: list[str]
    whole_document_words: list[str]
    parts: dict[str, list[str]]
    ordinals: dict[str, str]
    presenting_verbs: list[str]
    generic_determiners: list[str]
    revision_modifiers: list[str] = Field(default_factory=list)
    id_families: dict[str, str] = Field(default_factory=dict)
    dated_kinds: list[str] = Field(default_factory=list)
    peace_name_words: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _every_kind_has_a_role(self) -> "Documents":
        if set(self.roles) != set(self.kinds):
            missing, unknown = sorted(set(self.kinds) - set(self.roles)), sorted(set(self.roles) - set(self.kinds))
            raise ValueError(f"roles must name every kind once: without a role {missing}, not a kind {unknown}")
        return self


@rule_file("provisions/cues.yaml")
class Cues(_Strict):
    prefilter_verbs: list[str]
    prefilter_words: list[str]
    content_verbs: dict[str, str]
    party_verbs: list[str]
    party_object_verbs: list[str] = Field(default_factory=list)
    party_goal_verbs: list[str] = Field(default_factory=list)
    putting_verbs: list[str] = Field(default_factory=list)
    truce_verbs: list[str] = Field(default_factory=list)
    condition_verbs: list[str] = Field(default_factory=list)
    truce_nouns: list[str] = Field(default_factory=list)
    negotiation_words: list[str] = Field(default_factory=list)
    position_nouns: list[str] = Field(default_factory=list)
    commercial_nouns: list[str] = Field(default_factory=list)
    commercial_topics: list[str] = Field(default_factory=list)
    report_verbs: list[str] = Field(default_factory=list)
    meeting_nouns: list[str] = Field(default_factory=list)
    exchange_phrases: list[str] = Field(default_factory=list)
    document_only_verbs: list[str]
    particles: list[str]
    particle_verbs: dict[str, list[str]]
    complement_prepositions: list[str]
    loose_particle_verbs: list[str]
    saying_verbs: list[str]
    containing_verbs: list[str]
    listing_verbs: list[str]
    to_participle_verbs: list[str]
    agreement_verbs: list[str]
    complement_agreement_verbs: dict[str, bool]
    passive_agreement_verbs: list[str]
    list_agreement_verbs: list[str]
    acceptance_verbs: list[str]
    agreement_nouns: list[str]
    refusal_verbs: list[str]
    revision_verbs: dict[str, Literal["removed", "changed", "added"]]
    modals: list[str]
    under_phrases: list[str]
    status_cues: dict[str, list[str]]
    condition_markers: list[str]
    temporal_condition_markers: list[str]
    event_nouns: list[str]
    time_units: list[str]
    deadline_markers: list[str]
    weak_deadline_markers: list[str]
    relative_deadline_markers: list[str]
    deadline_anchor_words: list[str]
    number_words: dict[str, int]
    header_nouns: list[str]
    sublist_markers: list[str]
    call_nouns: list[str]
    stoppers: list[str]
    nominal_suffixes: list[str]

    @field_validator("content_verbs")
    @classmethod
    def _modalities(cls, v: dict[str, str]) -> dict[str, str]:
        bad = {k: m for k, m in v.items() if m not in ("demand", "offer", "commitment", "condition")}
        if bad:
            raise ValueError(f"unknown modality in content_verbs: {bad}")
        return v

    @field_validator("status_cues")
    @classmethod
    def _statuses(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        bad = set(v) - {"proposed", "agreed", "rejected", "implemented"}
        if bad:
            raise ValueError(f"unknown status in status_cues: {sorted(bad)}")
        return v


@rule_file("provisions/signals.yaml")
class Signals(_Strict):
    """Word classes of the decision layer's signals (``signals.yaml``)."""

    deontic_modals: list[str]
    hedge_modals: list[str]
    semi_modals: list[str]
    analysis_cues: list[str]
    reaction_cues: list[str]
    event_cues: list[str]
    list_cues: list[str]
    revision_cues: list[str]
    event_verbs: list[str]
    joint_words: list[str]


class Category(_Strict):
    group: str
    strong: list[str]
    weak: list[str] = Field(default_factory=list)


@rule_file("provisions/categories.yaml")
class Categories(_Strict):
    fallback: str
    nouns_only: list[str] = Field(default_factory=list)
    categories: dict[str, Category]

    @field_validator("categories")
    @classmethod
    def _labels(cls, v: dict[str, Category]) -> dict[str, Category]:
        unknown = set(v) - set(LABELS)
        if unknown:
            raise ValueError(f"unknown category labels {sorted(unknown)}; the 22 labels are {LABELS}")
        return v


class RuleData:
    """All rule files of the stage, with look-up tables built once."""

    def __init__(self, folder: str | Path | None = None):
        folder = Path(folder) if folder else DATA
        self.folder = folder
        self.parties: Parties = load_rule_file(folder / "parties.yaml", Parties)
        self.documents: Documents = load_rule_file(folder / "documents.yaml", Documents)
        self.cues: Cues = load_rule_file(folder / "cues.yaml", Cues)
        self.categories: Categories = load_rule_file(folder / "categories.yaml", Categories)
        self.signals: Signals = load_rule_file(folder / "signals.yaml", Signals)
        self._party_ci: dict[str, str] = {}
        self._party_cs: dict[str, str] = {}
        for canon, aliases in self.parties.parties.items():
            for alias in [canon, *aliases]:
                if alias != alias.lower():
                    self._party_cs[alias] = canon
                else:
                    self._party_ci[alias] = canon
            self._party_ci.setdefault(canon.lower(), canon)
        self.doc_kind: dict[str, str] = {w: kind for kind, words in self.documents.kinds.items() for w in words}
        self.kind_role: dict[str, str] = dict(self.documents.roles)
        self.part_kind: dict[str, str] = {w: kind for kind, words in self.documents.parts.items() for w in words}
        self.status_cue: dict[str, str] = {w: st for st, words in self.cues.status_cues.items() for w in words}
        self.group_of: dict[str, str] = {lab: c.group for lab, c in self.categories.categories.items()}

    def kinds_with_role(self, *roles: str) -> set[str]:
        """The document kinds of these roles: ``kinds_with_role("document")`` = memorandum, plan, proposal, ..."""
        return {kind for kind, role in self.kind_role.items() if role in roles}

    # ------------------------------------------------------------ parties

    def party_of(self, text: str) -> str | None:
        """Canonical party of a name, demonym, capital or leader ('Ukrainian' -> 'Ukraine')."""
        t = text.strip().strip(".,;:'\"()")
        t = re.sub(r"(?:'s|’s|')$", "", t).strip()
        if not t:
            return None
        if t in self._party_cs:
            return self._party_cs[t]
        low = t.lower()
        low = re.sub(r"^the\s+", "", low)
        if low in self._party_ci:
            return self._party_ci[low]
        # "President Vladimir Putin", "Ukrainian President Volodymyr Zelensky": try the last word,
        # then the first, for a leader's or demonym's alias
        words = low.split()
        if len(words) > 1:
            for w in (words[-1], words[0]):
                if w in self._party_ci and len(w) > 3:
                    return self._party_ci[w]
        return None


def joint_party(parties) -> str | None:
    """'Russia and Ukraine' for a set of parties, sorted so that the same parties give the same name."""
    ps = sorted({p for p in parties if p})
    if not ps:
        return None
    if len(ps) == 1:
        return ps[0]
    return ", ".join(ps[:-1]) + " and " + ps[-1]


def split_party(party: str | None) -> list[str]:
    if not party:
        return []
    return [p.strip() for p in re.split(r",\s*|\s+and\s+", party) if p.strip()]


def inflections(word: str) -> set[str]:
    """Simple inflected forms of the last word of a trigger ('guarantee' -> 'guarantees', ...)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    return forms


def phrase_forms(phrase: str) -> set[str]:
    """A trigger phrase with its last word inflected ('security guarantee' -> '... guarantees', ...)."""
    words = phrase.split()
    if not words:
        return set()
    return {" ".join(words[:-1] + [f]) for f in inflections(words[-1])}


@lru_cache(maxsize=8)
def rule_data(folder: str | None = None) -> RuleData:
    return RuleData(folder)

"""The rule data of the quotes stage, loaded and validated.

Three YAML files under ``data/quotes/`` (see their comments): ``cues.yaml`` (cue verbs by class,
cue phrases, cue nouns, light verbs, and the prepositions and words of the content rules),
``speakers.yaml`` (titles, group nouns, pronouns that resolve a speaker mention, the words that
decide who may be a source) and ``patterns.yaml`` (quotation marks, thresholds, subjects that make
a cue a document's provision rather than speech, speaker labels, the words around a quotation that
make it a title or let a cue reach it). Adding a verb, a title or a preposition is an edit of these
files only; :mod:`.lexicon` compiles them for the passes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from ...core.rules import DATA_DIR, RuleModel, load_rule_file, rule_file

DATA = DATA_DIR / "quotes"
ContentRule = Literal["clause", "infinitive", "object", "prep", "passive", "patient", "raising", "rest"]


class _Strict(RuleModel):
    model_config = ConfigDict(frozen=True)


def _lower_list(v: Any) -> Any:
    """Lower-case a word list; a YAML boolean (an unquoted on/off/yes/no) is an error, not a word."""
    if not isinstance(v, list):
        return v
    bad = [x for x in v if isinstance(x, bool)]
    if bad:
        raise ValueError(f"{bad}: quote the words on, off, yes and no in YAML lists")
    return [str(x).lower().strip() for x in v]


class CueClass(_Strict):
    """A class of cue verbs that share how their content and source are found."""

    description: str = ""
    content: list[ContentRule]
    quotes: bool = False
    source: Literal["any", "agent"] = "any"
    object_sources: Literal["any", "evidence"] = "any"
    left_clause: bool = False
    pos: Literal["VERB", "ADJ"] = "VERB"
    min_tokens: int = Field(default=2, ge=1)
    preps: list[str] = Field(default_factory=list)
    lemmas: list[str]

    _lower = field_validator("lemmas", "preps", mode="before")(_lower_list)


class CuePhrase(_Strict):
    """A multi-word cue matched with the spaCy Matcher ("according to X")."""

    name: str
    pattern: list[dict[str, Any]]
    source: Literal["pobj"] = "pobj"


@rule_file("quotes/cues.yaml")
class CueLexicon(_Strict):
    classes: dict[str, CueClass]
    phrases: list[CuePhrase] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    light_verbs: list[str] = Field(default_factory=list)
    # the words of the content rules (content.py, cues.py): see the comments in cues.yaml
    noun_preps: list[str]
    light_verb_preps: list[str]
    object_preps: list[str]
    rest_preps: list[str]
    addressee_verbs: list[str]
    question_words: list[str]
    patient_preps: list[str]
    passive_non_subjects: list[str]
    patient_non_subjects: list[str]

    _lower = field_validator(
        "nouns",
        "light_verbs",
        "noun_preps",
        "light_verb_preps",
        "object_preps",
        "rest_preps",
        "addressee_verbs",
        "question_words",
        "patient_preps",
        "passive_non_subjects",
        "patient_non_subjects",
        mode="before",
    )(_lower_list)

    def classes_of(self) -> dict[str, list[str]]:
        """lemma -> names of the classes that list it, in file order."""
        out: dict[str, list[str]] = {}
        for name, cls in self.classes.items():
            for lemma in cls.lemmas:
                if name not in out.setdefault(lemma, []):
                    out[lemma].append(name)
        return out


@rule_file("quotes/speakers.yaml")
class SpeakerLexicon(_Strict):
    person_titles: list[str]
    group_nouns: list[str]
    pronouns: dict[str, list[str]]
    relative: list[str]
    speaker_labels: list[str]
    # who may be a source (sources.py), the source of a cue noun or phrase (cues.py), a person
    # subject after a quotation (quotations.py), definite descriptions (speakers.py)
    first_person: list[str]
    non_agents: list[str]
    generic_pronouns: list[str]
    source_preps: list[str]
    name_preps: list[str]
    person_pronouns: list[str]
    definite_determiners: list[str]

    _lower = field_validator(
        "person_titles",
        "group_nouns",
        "relative",
        "first_person",
        "non_agents",
        "generic_pronouns",
        "source_preps",
        "name_preps",
        "person_pronouns",
        "definite_determiners",
        mode="before",
    )(_lower_list)


class MarkConfig(_Strict):
    open: list[str]
    close: list[str]
    either: list[str]
    single_open: list[str] = Field(default_factory=list)
    single_close: list[str] = Field(default_factory=list)


@rule_file("quotes/patterns.yaml")
class QuotePatterns(_Strict):
    marks: MarkConfig
    floating_min_words: int = Field(default=6, ge=1)
    scare_max_words: int = Field(default=5, ge=0)
    cue_window_after: int = Field(default=14, ge=1)
    cue_window_before: int = Field(default=6, ge=1)
    provision_sources: list[str] = Field(default_factory=list)
    evidence_sources: list[str] = Field(default_factory=list)
    non_speakers: list[str] = Field(default_factory=list)
    label_max_words: int = Field(default=4, ge=1)
    label_min_content_words: int = Field(default=3, ge=1)
    qa_labels: list[str] = Field(default_factory=list)
    non_labels: list[str] = Field(default_factory=list)
    document_pronouns: list[str]
    title_before: list[str]
    cue_gap_words: list[str]
    trailing_conjunctions: list[str]  # in the order they are tried
    tally_words: list[str]

    _lower = field_validator(
        "provision_sources",
        "evidence_sources",
        "non_speakers",
        "non_labels",
        "document_pronouns",
        "title_before",
        "cue_gap_words",
        "trailing_conjunctions",
        "tally_words",
        mode="before",
    )(_lower_list)


@lru_cache(maxsize=None)
def load_cues(path: str | None = None) -> CueLexicon:
    return load_rule_file(path or DATA / "cues.yaml", CueLexicon)


@lru_cache(maxsize=None)
def load_speakers(path: str | None = None) -> SpeakerLexicon:
    return load_rule_file(path or DATA / "speakers.yaml", SpeakerLexicon)


@lru_cache(maxsize=None)
def load_patterns(path: str | None = None) -> QuotePatterns:
    return load_rule_file(path or DATA / "patterns.yaml", QuotePatterns)

"""The data of the entity stage: gazetteers and rules, loaded from YAML and validated.

Everything the entity components know about names lives in ``data/entities/``:

* ``gazetteer/*.yaml`` -- people, places, organisations; one entry a line, each with a canonical
  name, a stable id (a Wikidata QID where the team is sure of it, else ``local:<kind>/<slug>``),
  a label, aliases and (for countries) demonyms;
* ``rules.yaml`` -- every word list of the components: titles and role words, place suffixes,
  facility words, noise words, the small words around names (determiners, name connectors such as
  "von" or "bin", conjunctions), transliteration variants and byline patterns.

This module turns them into plain lookup structures (no spaCy objects), cached per set of paths,
so that every process reads them once and the components stay small.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator

from ...core.names import fold, slug
from ...core.rules import DATA_DIR, RuleModel, load_rule_file, rule_file

log = logging.getLogger("pipeline")

DATA = DATA_DIR / "entities"
GAZETTEER_DIR = DATA / "gazetteer"
RULES_PATH = DATA / "rules.yaml"

# the labels a gazetteer entry may have, and the kind each gives its local id ("local:person/rustem-umerov")
Label = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW"]
KIND = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "LAW": "law",
}
ROMAN = re.compile(r"^[IVX]+$")  # a regnal number ("Charles III"): never a surname alone
NEVER = re.compile(r"(?!x)x")  # matches nothing: the pattern of an empty word list


# ---------------------------------------------------------------- file schemas


class GazetteerEntry(RuleModel):
    """One line of a gazetteer file."""

    name: str = Field(min_length=1, description="Canonical name (the English Wikidata label where there is one).")
    id: str | None = Field(default=None, description="Wikidata QID, or any stable id; default local:<kind>/<slug>.")
    label: Label | None = Field(default=None, description="spaCy label; default: the file's label.")
    type: str | None = None
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list, description="Adjectives/plurals, tagged NORP when alone.")
    affiliation: str | None = Field(default=None, description="Country or organisation of a person.")
    surname: bool = Field(default=True, description="Match the last word of a person's name alone.")
    oblast: bool = Field(default=False, description="Also accept 'X region', 'X Oblast', 'X province'.")
    model_only: bool = Field(default=False, description="Use only where the statistical NER found a name.")

    @field_validator("aliases", "demonyms", mode="before")
    @classmethod
    def _strings(cls, v):
        return [str(x) for x in (v or [])]


@rule_file("entities/gazetteer/*.yaml")
class GazetteerFile(RuleModel):
    label: Label = "ORG"
    entries: list[GazetteerEntry] = Field(default_factory=list)


class VariantRule(RuleModel):
    pattern: str
    alternatives: list[str]


@rule_file("entities/rules.yaml")
class RulesFile(RuleModel):
    honorifics: list[str] = Field(default_factory=list)
    role_heads: list[str] = Field(default_factory=list)
    role_modifiers: list[str] = Field(default_factory=list)
    role_links: list[str] = Field(default_factory=list)
    place_suffixes: list[str] = Field(default_factory=list)
    oblast_suffixes: list[str] = Field(default_factory=list)
    country_forms: list[str] = Field(default_factory=list)
    determiners: list[str] = Field(default_factory=list)
    name_articles: list[str] = Field(default_factory=list)
    name_connectors: list[str] = Field(default_factory=list)
    conjunctions: list[str] = Field(default_factory=list)
    facility_words: list[str] = Field(default_factory=list)
    not_facility_words: list[str] = Field(default_factory=list)
    noise: list[str] = Field(default_factory=list)
    not_persons: list[str] = Field(default_factory=list)
    variants: list[VariantRule] = Field(default_factory=list)
    byline_lines: int = 3
    bylines: list[str] = Field(default_factory=list)
    byline_stopwords: list[str] = Field(default_factory=list)
    first_names: list[str] = Field(default_factory=list)
    org_words: list[str] = Field(default_factory=list)
    toponym_endings: list[str] = Field(default_factory=list)
    toponym_words: list[str] = Field(default_factory=list)
    toponym_min_length: int = 7
    products: list[str] = Field(default_factory=list)
    generic_words: list[str] = Field(default_factory=list)

    @field_validator("country_forms")
    @classmethod
    def _has_name(cls, forms: list[str]) -> list[str]:
        for form in forms:
            if "{name}" not in form:
                raise ValueError(f"{form!r} has no {{name}} for the country's name")
        return forms


# ---------------------------------------------------------------- loaded forms


@dataclass(frozen=True)
class Entity:
    """A gazetteer entity as the components use it."""

    id: str
    name: str
    label: str
    type: str | None = None
    affiliation: str | None = None
    demonym: str | None = None  # canonical of NORP mentions ("Russian")


@dataclass
class Rules:
    honorifics: frozenset[str]
    role_heads: frozenset[str]
    role_words: frozenset[str]  # heads, modifiers and connectors, lowercased tokens
    title_words: frozenset[str]  # honorifics and role words: what goes before a person's name
    role_links: frozenset[str]
    place_suffixes: frozenset[str]
    oblast_suffixes: tuple[str, ...]  # as written, in order
    country_forms: tuple[str, ...]
    determiners: frozenset[str]
    leading_article: re.Pattern  # "the " at the start of a name
    name_connectors: frozenset[str]
    conjunctions: frozenset[str]
    byline_part: re.Pattern  # one author of a byline's names ("A, B and C")
    facility_words: frozenset[str]
    not_facility_words: frozenset[str]
    noise: frozenset[str]
    not_persons: frozenset[str]
    variants: list[tuple[re.Pattern, list[str]]]
    byline_lines: int
    bylines: list[re.Pattern]
    byline_stopwords: frozenset[str]
    first_names: frozenset[str]
    org_words: frozenset[str]
    toponym: re.Pattern
    toponym_words: frozenset[str]
    toponym_min_length: int
    products: frozenset[str]
    generic_words: frozenset[str]
    _classes: dict[str, str] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def name_key(self, word: str) -> str:
        """Spelling-independent key of one word of a name: 'Zelenskiy' and 'Zelenskyy' agree.

        Memoised per word: the key depends on the word alone, and trying every variant pattern
        on every mention was the entity stage's largest cost."""
        key = self._keys.get(word)
        if key is None:
            if len(self._keys) > 200_000:  # bound the memory of a long run
                self._keys.clear()
            key = self._keys[word] = self._name_key(word)
        return key

    def _name_key(self, word: str) -> str:
        w = fold(word).lower().strip(".")
        if w in self._classes:
            return self._classes[w]
        for pattern, alts in self.variants:
            if pattern.search(w):
                if pattern.pattern.startswith("^"):
                    return min(a.lower() for a in alts)
                return pattern.sub(alts[0].lower(), w, count=1)
        return w

    def word_variants(self, word: str) -> list[str]:
        """Other spellings of one word of a name, from the first variant rule that applies."""
        for pattern, alts in self.variants:
            if pattern.search(word):
                if pattern.pattern.startswith("^"):
                    return list(dict.fromkeys([word, *alts]))
                return list(dict.fromkeys([word, *(pattern.sub(a, word, count=1) for a in alts)]))
        return [word]


@dataclass
class Gazetteer:
    """Aliases by entity: what the PhraseMatcher matches, and keys for linking names found otherwise."""

    entities: dict[str, Entity]
    patterns: dict[str, list[str]]  # entity key ("Q159" or "Q159|NORP") -> surface forms
    model_only: frozenset[str]
    person_keys: dict[tuple[str, ...], str]  # name key of a full name -> entity id
    surname_keys: dict[str, str]  # name key of a surname that may stand alone -> person id
    name_keys: dict[tuple[str, ...], str]  # name key of any alias (non-person) -> entity key
    first_names: frozenset[str] = frozenset()  # given names (rules + gazetteer people)


# ---------------------------------------------------------------- helpers


def _words(entries: list[str]) -> frozenset[str]:
    """Lowercased tokens of a list of (possibly multi-word) terms."""
    out = set()
    for term in entries:
        out.add(term.lower())
        out.update(term.lower().split())
    return frozenset(out)


def _leading_article(articles: list[str]) -> re.Pattern:
    """'^(?:the|The)\\s+' for [the]: an article, lower-case or capitalised, at the start of a name."""
    forms = dict.fromkeys(f for a in articles for f in (a.lower(), a.capitalize()))
    return re.compile(r"^(?:" + "|".join(map(re.escape, forms)) + r")\s+") if forms else NEVER


def _byline_part(conjunctions: list[str]) -> re.Pattern:
    """One name of a byline's list of authors: 'Anna Roe', 'Ben Poe' in 'Anna Roe, Ben Poe and Cy Doe'."""
    words = "".join(rf"\b{re.escape(w)}\b|" for w in conjunctions)
    return re.compile(r"[^,&]+?(?=\s*(?:,|&|" + words + "$))")


def _lowered(words: list[str]) -> frozenset[str]:
    """Words matched against lowercased tokens (``tok.lower_``)."""
    return frozenset(w.lower() for w in words)


def _word_classes(variants: list[VariantRule]) -> dict[str, str]:
    """Whole-word variant rules ('^Dmitry$' -> Dmitri, Dmitriy): every spelling keys to the same representative."""
    classes: dict[str, str] = {}
    for v in variants:
        if v.pattern.startswith("^"):
            members = {a.lower() for a in v.alternatives} | {v.pattern.strip("^$").lower()}
            rep = min(members | {classes.get(m, m) for m in members})
            for m in members | {k for k, r in classes.items() if r in members}:
                classes[m] = rep
    return classes


def _ending(endings: list[str]) -> re.Pattern:
    """One pattern for a word ending in any of the endings, the longest tried first ('yivka' before 'ivka')."""
    if not endings:
        return NEVER
    return re.compile("(?:" + "|".join(sorted(map(re.escape, endings), key=len, reverse=True)) + ")$")


@lru_cache(maxsize=8)
def load_rules(path: str | None = None) -> Rules:
    spec = load_rule_file(path or RULES_PATH, RulesFile)
    heads = frozenset(t.split()[-1] for t in (h.lower() for h in spec.role_heads))
    honorifics = _lowered(spec.honorifics)
    role_words = _words(spec.role_heads) | _words(spec.role_modifiers)
    return Rules(
        honorifics=honorifics,
        role_heads=heads | _lowered(spec.role_heads),
        role_words=role_words,
        title_words=honorifics | role_words,
        role_links=_lowered(spec.role_links),
        place_suffixes=_lowered(spec.place_suffixes),
        oblast_suffixes=tuple(spec.oblast_suffixes),
        country_forms=tuple(spec.country_forms),
        determiners=_lowered(spec.determiners),
        leading_article=_leading_article(spec.name_articles),
        name_connectors=_lowered(spec.name_connectors),
        conjunctions=_lowered(spec.conjunctions),
        byline_part=_byline_part(spec.conjunctions),
        facility_words=_lowered(spec.facility_words),
        not_facility_words=_lowered(spec.not_facility_words),
        noise=_lowered(spec.noise),
        not_persons=_lowered(spec.not_persons),
        variants=[(re.compile(v.pattern, re.I), v.alternatives) for v in spec.variants],
        byline_lines=spec.byline_lines,
        bylines=[re.compile(p, re.M) for p in spec.bylines],
        byline_stopwords=_lowered(spec.byline_stopwords),
        first_names=frozenset(spec.first_names),
        org_words=_lowered(spec.org_words),
        toponym=_ending(spec.toponym_endings),
        toponym_words=frozenset(spec.toponym_words),
        toponym_min_length=spec.toponym_min_length,
        products=_lowered(spec.products),
        generic_words=_lowered(spec.generic_words),
        _classes=_word_classes(spec.variants),
    )


def default_gazetteer_paths() -> tuple[str, ...]:
    return tuple(str(p) for p in sorted(GAZETTEER_DIR.glob("*.yaml")))


def as_paths(paths) -> tuple[str, ...] | None:
    """The ``gazetteer_paths`` factory argument (one path, a list, or None for the default files) as a tuple."""
    if paths is None:
        return None
    return tuple(str(p) for p in ([paths] if isinstance(paths, str) else paths))


def name_variants(name: str, rules: Rules, limit: int = 24) -> list[str]:
    """The name, its transliteration variants (word by word) and its diacritic-free form."""
    words = name.split()
    options = [rules.word_variants(w) for w in words]
    out = [name]
    for combo in itertools.islice(itertools.product(*options), limit):
        out.append(" ".join(combo))
    out.extend([fold(x) for x in out])
    return list(dict.fromkeys(out))


def _strip_the(alias: str, rules: Rules) -> str:
    return rules.leading_article.sub("", alias.strip())


def entry_forms(entry: GazetteerEntry, label: str, rules: Rules) -> list[str]:
    """Every surface form of an entry (without demonyms)."""
    forms = [entry.name, *entry.aliases]
    if entry.type == "country" and " " not in entry.name:
        forms += [form.replace("{name}", entry.name) for form in rules.country_forms]
    if entry.oblast:
        forms += [f"{f} {s}" for f in (entry.name, *entry.aliases) if " " not in f for s in rules.oblast_suffixes]
    if label == "PERSON" and entry.surname:
        last = entry.name.split()[-1]
        if len(last) > 2 and not ROMAN.match(last):
            forms.append(last)
    out: list[str] = []
    for f in forms:
        f = _strip_the(f, rules)
        if f:
            out.extend(name_variants(f, rules) if label != "NORP" else [f])
    if label in ("GPE", "LOC"):  # datelines: "KYIV, Ukraine (AP) --"
        out += [f.upper() for f in list(out) if " " not in f and len(f) >= 4]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=8)
def load_gazetteer(paths: tuple[str, ...] | None = None, rules_path: str | None = None) -> Gazetteer:
    """Read and validate the gazetteer files (later files may not redefine an alias: first wins)."""
    rules = load_rules(rules_path)
    entities: dict[str, Entity] = {}
    patterns: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    model_only: set[str] = set()
    person_keys: dict[tuple[str, ...], str] = {}
    surname_keys: dict[str, str] = {}
    name_keys: dict[tuple[str, ...], str] = {}
    for path in paths or default_gazetteer_paths():
        spec = load_rule_file(path, GazetteerFile)
        for entry in spec.entries:
            label = entry.label or spec.label
            eid = entry.id or f"local:{KIND[label]}/{slug(entry.name)}"
            if eid in entities:
                log.warning("gazetteer %s: duplicate id %s (%s) ignored", path, eid, entry.name)
                continue
            demonym = entry.demonyms[0] if entry.demonyms else None
            entities[eid] = Entity(eid, entry.name, label, entry.type, entry.affiliation, demonym)
            keys = [(eid, label, entry_forms(entry, label, rules))]
            if entry.demonyms:
                keys.append((f"{eid}|NORP", "NORP", list(dict.fromkeys(entry.demonyms))))
            for key, _lab, forms in keys:
                kept = []
                for form in forms:
                    if form in owner and owner[form] != key:
                        continue
                    owner[form] = key
                    kept.append(form)
                patterns[key] = kept
                if entry.model_only:
                    model_only.add(key)
            for form in [entry.name, *entry.aliases]:
                k = tuple(rules.name_key(w) for w in _strip_the(form, rules).split())
                if label == "PERSON":
                    if len(k) >= 2:
                        person_keys.setdefault(k, eid)
                else:
                    name_keys.setdefault(k, eid)
            if label == "PERSON" and entry.surname:
                last = entry.name.split()[-1]
                if len(last) > 2 and not ROMAN.match(last):
                    surname_keys.setdefault(rules.name_key(last), eid)
    first = frozenset(e.name.split()[0] for e in entities.values() if e.label == "PERSON" and " " in e.name)
    return Gazetteer(
        entities, patterns, frozenset(model_only), person_keys, surname_keys, name_keys, first | rules.first_names
    )

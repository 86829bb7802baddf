"""The ``entity_gazetteer`` component: the statistical NER combined with the gazetteers.

A ``PhraseMatcher`` (attr ORTH, built once) over the gazetteers in ``data/entities/gazetteer``
finds known names with their spelling variants. Its matches are combined with the model's
entities: a match corrects the label of the model entity it covers ("Kherson" PERSON -> GPE),
completes it ("Umerov" in "Rustem Umerov"), splits compounds ("Zelenskyy-Putin" ORG -> two
people) and drops titles around it ("Defense Minister Rustem Umerov"); a longer model name that
only contains a known name ("Kyiv School of Economics") stays the model's. Model entities the
gazetteer does not know go through :mod:`.cleaning`; bylines (:mod:`.bylines`) give PERSON.

Results are spaCy spans in ``doc.ents`` with ``Span._.ent_source`` (``model``, ``gazetteer``,
``rule``) and, for gazetteer matches, ``Span._.kb_id``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...core import extensions  # noqa: F401  (Span._.kb_id, ent_source)
from ...core.guard import GuardedComponent
from .bylines import byline_spans
from .cleaning import EntityCleaner
from .grammar import CLEANED, NAMED, POSSESSIVE
from .rules import Gazetteer, Rules, as_paths, load_gazetteer, load_rules


class EntityGazetteer(GuardedComponent):
    """Combine the statistical NER with the gazetteers (see the module docstring).

    Should it fail on an article, the model's entities stay as they are (and the failure is reported)."""

    stage, component = "entities", "entity_gazetteer"

    def __init__(self, nlp: Language, gazetteer_paths=None, rules_path: str | None = None):
        self.rules: Rules = load_rules(rules_path)
        self.gaz: Gazetteer = load_gazetteer(as_paths(gazetteer_paths), rules_path)
        self.cleaner = EntityCleaner(self.rules, self.gaz.first_names)
        rules = self.rules  # words that may stand around a known name without making a new name of it
        self.words_around_names = rules.role_words | rules.honorifics | rules.place_suffixes | rules.generic_words
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.key_label: dict[int, tuple[str, str]] = {}
        for key, forms in self.gaz.patterns.items():
            if not forms:
                continue
            eid, _, norp = key.partition("|")
            label = "NORP" if norp else self.gaz.entities[eid].label
            wrapped = [
                " ".join(words[:k]) + "\n" + " ".join(words[k:])
                for f in forms
                if 1 < len(words := f.split()) <= 4
                for k in range(1, len(words))
            ]
            self.matcher.add(key, list(nlp.tokenizer.pipe(forms + wrapped)))
            self.key_label[nlp.vocab.strings[key]] = (key, label)

    def process(self, doc: Doc) -> Doc:
        model_ents = list(doc.ents)
        gaz = self.gazetteer_spans(doc, model_ents)
        final: list[tuple[Span, str]] = []
        for span, source in self.combine(doc, model_ents, gaz):
            if source == "model" and span.label_ in CLEANED:
                final.extend((part, source) for part in self.cleaner.clean(doc, span))
                continue
            final.append((span, source))
        rule_spans = byline_spans(doc, self.rules)
        taken = {i for s in rule_spans for i in range(s.start, s.end)}
        final = [(s, src) for s, src in final if not taken.intersection(range(s.start, s.end))]
        final += [(s, "rule") for s in rule_spans]
        spans = filter_spans([s for s, _ in final])
        source_of = {(s.start, s.end, s.label_): src for s, src in final}
        doc.ents = spans
        for span in spans:
            src = source_of.get((span.start, span.end, span.label_), "model")
            ext = span._  # one Underscore per span, not one per attribute
            ext.ent_source = src
            if src == "gazetteer":
                ext.kb_id = span.kb_id_ or None
        return doc

    def gazetteer_spans(self, doc: Doc, model_ents: list[Span]) -> list[Span]:
        """Longest non-overlapping gazetteer matches (model_only entries where the model saw a name)."""
        covered = set()
        for ent in model_ents:
            if ent.label_ in NAMED:
                covered.update(range(ent.start, ent.end))
        spans = []
        for match_id, start, end in self.matcher(doc):
            key, label = self.key_label[match_id]
            if key in self.gaz.model_only and not covered.intersection(range(start, end)):
                continue
            span = Span(doc, start, end, label=label, kb_id=key)
            spans.append(span)
        return filter_spans(spans)

    def ignorable(self, tok) -> bool:
        """A token of a model entity that may go when a gazetteer name inside it takes over: punctuation,
        'the', 'and', titles, place suffixes, generic words ("NATO Allies"), lower-case words other than
        name connectors ("Defense Minister Rustem Umerov", "Zelenskyy-Putin", "Kursk region")."""
        low, rules = tok.lower_, self.rules
        if tok.is_punct or tok.is_space or low in POSSESSIVE or low in rules.determiners or low in rules.conjunctions:
            return True
        if low in self.words_around_names:
            return True
        return tok.is_lower and low not in rules.name_connectors

    def combine(self, doc: Doc, model_ents: list[Span], gaz: list[Span]) -> list[tuple[Span, str]]:
        """Model entities and gazetteer matches, one span per name, with the source of each."""
        by_token: dict[int, Span] = {}
        for g in gaz:
            for i in range(g.start, g.end):
                by_token[i] = g
        dropped_gaz: set[tuple[int, int]] = set()
        kept: list[tuple[Span, str]] = []
        for ent in model_ents:
            inside = {(g.start, g.end): g for i in range(ent.start, ent.end) if (g := by_token.get(i)) is not None}
            if not inside:
                kept.append((ent, "model"))
                continue
            if ent.label_ not in NAMED:
                continue  # a DATE or CARDINAL over a known name: the name wins
            within = all(g.start >= ent.start and g.end <= ent.end for g in inside.values())
            if not within:
                continue  # crossing boundaries: the gazetteer wins
            gaz_tokens = {i for g in inside.values() for i in range(g.start, g.end)}
            first_person = min((g.start for g in inside.values() if g.label_ == "PERSON"), default=None)
            # words after a known person's surname are not part of the name ("Trump Meets Zelensky")
            extra = [t for t in ent if t.i not in gaz_tokens and (first_person is None or t.i < first_person)]
            if all(self.ignorable(t) for t in extra):
                continue  # titles, hyphens, demonyms around known names
            dropped_gaz.update(inside)
            kept.append((ent, "model"))
        for g in gaz:
            if (g.start, g.end) not in dropped_gaz:
                kept.append((g, "gazetteer"))
        return kept


@Language.factory("entity_gazetteer", default_config={"gazetteer_paths": None, "rules_path": None})
def make_entity_gazetteer(nlp: Language, name: str, gazetteer_paths, rules_path):
    """gazetteer_paths: list of YAML files (default: every file in data/entities/gazetteer)."""
    return EntityGazetteer(nlp, gazetteer_paths, rules_path)

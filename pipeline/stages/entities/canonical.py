"""The ``entity_canonical`` component: one label, canonical name and id per entity of an article.

Runs after ``entity_gazetteer``. The mentions of the article are grouped into entities
(:mod:`.linking`); each group gets one label (the gazetteer's, else a vote of its mentions), one
canonical name (a name the article itself uses) and its kb_id; people get the role and affiliation
of their context (:mod:`.roles`).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...core import extensions  # noqa: F401  (Span._.canonical, kb_id, ...)
from ...core.guard import GuardedComponent
from ...core.names import fold
from .grammar import LABELS, PLACE
from .linking import Mention, MentionLinker
from .names import clean_text, person_words, place_key
from .roles import RoleFinder
from .rules import Entity, Gazetteer, Rules, as_paths, load_gazetteer, load_rules


class EntityCanonical(GuardedComponent):
    """One canonical name, label and id per entity of an article; roles and affiliations of people."""

    stage, component = "entities", "entity_canonical"

    def __init__(self, nlp: Language, gazetteer_paths=None, rules_path: str | None = None):
        self.rules: Rules = load_rules(rules_path)
        self.gaz: Gazetteer = load_gazetteer(as_paths(gazetteer_paths), rules_path)
        self.linker = MentionLinker(self.rules, self.gaz)
        self.roles = RoleFinder(self.rules, self.gaz)

    def process(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        boiler = [(s.start_char, s.end_char) for s in doc.spans.get("boilerplate", [])]
        mentions = [
            Mention(e, any(a <= e.start_char and e.end_char <= b for a, b in boiler))
            for e in ents
            if e.label_ in LABELS
        ]
        if not mentions:
            return doc
        self.linker.link(mentions)
        labels, canon = self.decide(mentions)
        by_span = {(m.span.start, m.span.end): m for m in mentions}
        new_ents = []
        for ent in ents:
            m = by_span.get((ent.start, ent.end))
            label = labels[m.cluster] if m is not None and m.label != "NORP" else ent.label_
            new_ents.append(Span(doc, ent.start, ent.end, label=label) if label != ent.label_ else ent)
        if any(new is not old for new, old in zip(new_ents, ents)):
            doc.ents = new_ents  # setting doc.ents walks every token: only when a label changed
        for ent in new_ents:
            m = by_span.get((ent.start, ent.end))
            if m is not None:
                ext = ent._
                ext.canonical, ext.kb_id = canon[m.cluster]
                ext.kb_name = m.entity.name if m.entity is not None and ext.kb_id else None
        self.roles.assign_roles(doc, new_ents, by_span)
        return doc

    def decide(self, mentions: list[Mention]):
        """Label (gazetteer, else majority) and (canonical name, kb_id) of each cluster."""
        votes: dict[object, Counter] = defaultdict(Counter)
        groups: dict[object, list[Mention]] = defaultdict(list)
        for m in mentions:
            groups[m.cluster].append(m)
            if not m.boiler:
                votes[m.cluster][m.label] += min(len(m.span), 3)  # a full name says more than an acronym
        labels, canon = {}, {}
        for cluster, ms in groups.items():
            entity = next((m.entity for m in ms if m.entity is not None), None)
            if entity is None:
                labels[cluster] = label = self.voted_label(ms, votes.get(cluster))
                canon[cluster] = (self.unknown_canonical(label, ms), None)
            elif isinstance(cluster, str) and "|" in cluster:  # "Russian": NORP with the country's id
                labels[cluster] = "NORP"
                canon[cluster] = (entity.demonym or ms[0].span.text, cluster.split("|")[0])
            else:
                labels[cluster] = entity.label
                canon[cluster] = (self.known_canonical(entity, ms), entity.id)
        return labels, canon

    @staticmethod
    def voted_label(ms: list[Mention], votes: Counter | None) -> str:
        """PERSON if a mention is a person's full name, else the label most mentions have (outside
        boilerplate, longer mentions weighing more): "Starmer" ORG once and PERSON three times is a PERSON."""
        count = votes or Counter(m.label for m in ms)
        if any(m.label == "PERSON" and m.full for m in ms):
            return "PERSON"
        return max(count, key=lambda lab: (count[lab], lab == ms[0].label))

    def unknown_canonical(self, label: str, ms: list[Mention]) -> str:
        """Canonical name of an entity the gazetteer does not know: a person's longest full name, an
        organisation's full name over its acronym, else the most frequent form (a place's bare name)."""
        if label == "PERSON":
            return max((m.name for m in ms if m.name), key=lambda n: (len(n.split()), len(n)), default=ms[0].span.text)
        texts = Counter(m.name or clean_text(m.span, self.rules) for m in ms)
        if label == "ORG":  # the full name over its acronym
            best = max(texts, key=lambda t: (len(t.split()), texts[t], -len(t)))
        else:
            best = max(texts, key=lambda t: (texts[t], -len(t)))
        if label in PLACE:  # "Pokrovsk district" and "Pokrovsk": the bare name
            key, size = place_key(best, self.rules), len(best.split())
            bare = [t for t in texts if len(t.split()) < size and place_key(t, self.rules) == key]
            best = bare[0] if bare else best
        return best

    def surface(self, m: Mention, label: str) -> str:
        """The name as the article writes it, without titles, possessives or a place suffix."""
        text = clean_text(m.span, self.rules)
        if label == "PERSON":
            return " ".join(person_words(text, self.rules)) or text
        if label in PLACE:
            words = text.split()
            while len(words) > 1 and words[-1].lower() in self.rules.place_suffixes:
                words = words[:-1]
            return " ".join(words)
        return text

    def known_canonical(self, entity: Entity, ms: list[Mention]) -> str:
        """Canonical name of a known entity in this article: a name the article itself uses.

        The gazetteer's name when the article writes it, else the article's fullest form (people)
        or its most frequent one; the gazetteer's name is always in ``kb_name``."""
        pool = [m for m in ms if not m.boiler] or ms
        forms = Counter(self.surface(m, entity.label) for m in pool)
        forms = Counter({f: n for f, n in forms.items() if f and not (f.isupper() and len(f) > 4)}) or forms
        target = fold(entity.name).casefold()
        for form in forms:
            if fold(form).casefold() == target:
                return form
        if entity.label == "PERSON":
            return max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
        return max(forms, key=lambda f: (forms[f], len(f)))


@Language.factory("entity_canonical", default_config={"gazetteer_paths": None, "rules_path": None})
def make_entity_canonical(nlp: Language, name: str, gazetteer_paths, rules_path):
    return EntityCanonical(nlp, gazetteer_paths, rules_path)

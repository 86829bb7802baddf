"""Which mentions of an article are one entity: each :class:`Mention` gets a cluster.

Three passes, in this order (each links only the mentions the earlier ones left):

1. known entities, by gazetteer id ("Kyiv", "Kiev" -> Q1899);
2. people, by a spelling-independent key of the full name, and a surname alone to a full name the
   article wrote ("Hlushchenko" -> "Maryna Hlushchenko");
3. other names, by their cleaned text, and acronyms to the organisation they abbreviate
   ("Center for Countering Disinformation (CCD)" ... "CCD").

A cluster is a gazetteer key ("Q7747", "Q159|NORP") or a tuple: ("person", first, last) for an
unknown person, ("name", words ...) for any other unknown name.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Span

from ...core.names import fold
from .grammar import PLACE
from .names import acronym, clean_text, initials, person_key, person_words, place_key, words_key
from .rules import Entity, Gazetteer, Rules


class Mention:
    """One entity span of the article, with what the passes learn about it."""

    __slots__ = ("span", "label", "entity", "cluster", "boiler", "name", "full")

    def __init__(self, span: Span, boiler: bool):
        self.span, self.label, self.boiler = span, span.label_, boiler  # boiler: inside a boilerplate line
        self.entity: Entity | None = None  # the gazetteer entity it is linked to
        self.cluster = None  # the entity it belongs to in this article (see the module docstring)
        self.name = ""  # the name without titles and possessives ("Putin" for "President Putin's")
        self.full = False  # a person's full name (first and last name)


Fulls = dict[str, list[tuple[int, object]]]  # surname key -> (position, cluster) of the full names of the article


class MentionLinker:
    """Groups the mentions of one article (see the module docstring)."""

    def __init__(self, rules: Rules, gaz: Gazetteer):
        self.rules, self.gaz = rules, gaz

    def link(self, mentions: list[Mention]) -> None:
        self.link_known(mentions)
        self.link_people(mentions)
        self.link_others(mentions)

    def link_known(self, mentions: list[Mention]) -> None:
        """Gazetteer mentions: cluster by id (NORP mentions of a country apart from the country)."""
        for m in mentions:
            key = m.span._.kb_id
            if not key:
                continue
            eid, _, norp = key.partition("|")
            m.entity = self.gaz.entities.get(eid)
            if m.entity is not None:
                m.cluster = key
                m.label = "NORP" if norp else m.entity.label

    def link_people(self, mentions: list[Mention]) -> None:
        """People not linked yet: full names by name key, a surname alone to a full name of the article."""
        fulls: Fulls = defaultdict(list)
        for m in mentions:  # known people seen in full in this article
            if m.entity is not None and m.entity.label == "PERSON" and len(m.span) >= 2:
                fulls[self.rules.name_key(m.entity.name.split()[-1])].append((m.span.start, m.cluster))
        for m in [m for m in mentions if m.cluster is None and m.label == "PERSON"]:
            self.link_full_name(m, fulls)
        for m in mentions:  # single words (any label) that are the surname of a person of the article
            if not (m.full or m.entity is not None or m.label == "NORP"):
                self.link_surname(m, fulls)

    def link_full_name(self, m: Mention, fulls: Fulls) -> None:
        """A model PERSON: a known name of any kind, else a person by first and last name key."""
        rules = self.rules
        words = person_words(clean_text(m.span, rules), rules)
        m.name = " ".join(words)
        written = words_key(words, rules)
        known = self.gaz.name_keys.get(written)
        if known is not None:  # "Reuters" cut from a photo credit: the agency, not a person
            self._link_to(m, known)
            m.label = m.entity.label
            return
        key = person_key(words, rules)
        if len(key) < 2:
            return
        m.full = True  # the gazetteer knows a name with its middle initials as written, or not at all
        eid = self.gaz.person_keys.get(written)
        if eid is not None:
            self._link_to(m, eid)
        else:  # one person however the middle is written: "David R. Cameron" / "David Cameron"
            m.cluster = ("person", key[0], key[-1])
        fulls[key[-1]].append((m.span.start, m.cluster))

    def link_surname(self, m: Mention, fulls: Fulls) -> None:
        """One capitalised word: the person of the article with that surname, the nearest before it
        ("Hlushchenko" after "Maryna Hlushchenko"); else, for a PERSON, a gazetteer person whose
        surname may stand alone ("Putin"); else itself, by its word."""
        rules = self.rules
        words = person_words(clean_text(m.span, rules), rules)
        if len(words) != 1 or not words[0][:1].isupper():
            return
        word = words[0]
        key = rules.name_key(word)
        options = fulls.get(key)
        if options:
            before = [c for p, c in options if p <= m.span.start]
            m.cluster = before[-1] if before else options[0][1]
            m.entity = self.gaz.entities.get(m.cluster) if isinstance(m.cluster, str) else None
            m.label, m.name = "PERSON", word
        elif m.label == "PERSON":
            eid = self.gaz.surname_keys.get(key)
            if eid is not None:
                self._link_to(m, eid)
            else:  # same group as the same word under another label: the vote decides
                m.cluster, m.name = ("name", fold(word).lower()), word

    def _link_to(self, m: Mention, eid: str) -> None:
        m.entity, m.cluster = self.gaz.entities[eid], eid

    def link_others(self, mentions: list[Mention]) -> None:
        """Organisations, places and other names not linked yet: by cleaned text, acronyms by initials."""
        rules = self.rules
        acronyms: dict[str, object] = {}
        for m in mentions:
            if m.cluster is not None:
                if m.entity is not None and m.entity.label == "ORG":
                    acronyms.setdefault(initials(m.entity.name), m.cluster)
                continue
            text = clean_text(m.span, rules)
            m.name = text
            key = place_key(text, rules) if m.label in PLACE else tuple(fold(text).lower().split())
            eid = self.gaz.name_keys.get(words_key(text.split(), rules))
            if eid is not None and self.gaz.entities[eid].label != "PERSON":
                self._link_to(m, eid)
                continue
            m.cluster = ("name",) + key
            if m.label == "ORG" and len(key) > 1:
                acronyms.setdefault(initials(text), m.cluster)
        for m in mentions:  # "Center for Countering Disinformation (CCD)": the acronym in brackets
            doc, end = m.span.doc, m.span.end
            if (
                m.label == "ORG"
                and len(m.span) > 1
                and end + 2 < len(doc)
                and doc[end].text == "("
                and doc[end + 2].text == ")"
                and acronym(doc[end + 1].text)
            ):
                acronyms.setdefault(doc[end + 1].text, m.cluster)
        for m in mentions:
            if (
                isinstance(m.cluster, tuple)
                and m.cluster[0] == "name"
                and len(m.span) == 1
                and acronym(m.span.text)
                and m.span.text in acronyms
            ):
                m.cluster = acronyms[m.span.text]
                m.entity = self.gaz.entities.get(m.cluster) if isinstance(m.cluster, str) else None

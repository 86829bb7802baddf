"""Roles and affiliations of people, from the words around a mention.

Before the name: a run of role words, possibly with the country or body it belongs to ("Russian
Foreign Minister Sergey Lavrov" -> role "Foreign Minister", affiliation "Russia"; "head of the
Russian delegation" before a name). Else after it, in apposition ("Rustem Umerov, Ukraine's
defence minister,"). A mention without its own role takes the one found at another mention of the
same person; the affiliation falls back to the gazetteer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .grammar import AFFILIATION_LABELS, POSSESSIVE, ROLE_WORD_ENT_TYPES
from .names import clean_text
from .rules import Gazetteer, Rules


@dataclass
class Neighbours:
    """The entities of one article by their first and last token: what the role search looks up."""

    at_end: dict[int, Span]
    at_start: dict[int, Span]

    @classmethod
    def of(cls, ents: list[Span]) -> Neighbours:
        return cls({e.end - 1: e for e in ents}, {e.start: e for e in ents})

    def affiliation_ending_at(self, i: int) -> Span | None:
        """The country, people or organisation whose last token is i ("Russian" in "Russian Foreign Minister")."""
        e = self.at_end.get(i)
        return e if e is not None and e.label_ in AFFILIATION_LABELS else None

    def affiliation_starting_at(self, i: int) -> Span | None:
        e = self.at_start.get(i)
        return e if e is not None and e.label_ in AFFILIATION_LABELS else None


class RoleFinder:
    """Sets ``Span._.role`` and ``Span._.affiliation`` of the people of an article."""

    def __init__(self, rules: Rules, gaz: Gazetteer):
        self.rules, self.gaz = rules, gaz

    def assign_roles(self, doc: Doc, ents: list[Span], by_span) -> None:
        """Each person's role and affiliation: its own, else one found at another mention of the same
        entity, else (the affiliation) the gazetteer's."""
        near = Neighbours.of(ents)
        found: dict[object, tuple[str | None, str | None]] = {}  # cluster -> (role, affiliation)
        per_mention = {}
        for m in by_span.values():
            span = doc[m.span.start : m.span.end]
            if m.label == "NORP" or span[0].ent_type_ != "PERSON":
                continue
            role, aff = self.role_before(doc, span, near)
            if role is None:
                role, aff = self.role_after(doc, span, near)
            per_mention[(span.start, span.end)] = (role, aff)
            if m.cluster not in found and role:
                found[m.cluster] = (role, aff)
            if aff and (m.cluster not in found or not found[m.cluster][1]):
                found[m.cluster] = (found.get(m.cluster, (role, None))[0] or role, aff)
        for ent in ents:
            m = by_span.get((ent.start, ent.end))
            if m is None or ent.label_ != "PERSON":
                continue
            role, aff = per_mention.get((ent.start, ent.end), (None, None))
            role = role or found.get(m.cluster, (None, None))[0]
            aff = aff or found.get(m.cluster, (None, None))[1] or (m.entity.affiliation if m.entity else None)
            ext = ent._
            ext.role, ext.affiliation = role, aff

    def affiliation_of(self, ent: Span | None) -> str | None:
        """The gazetteer's name of an affiliation ("Russia" for "Russian"), else its canonical name or text."""
        if ent is None:
            return None
        kb = ent._.kb_id
        if kb:
            e = self.gaz.entities.get(kb.split("|")[0])
            if e is not None:
                return e.name
        return ent._.canonical or clean_text(ent, self.rules)

    def _is_role_word(self, tok) -> bool:
        return tok.lower_ in self.rules.role_words and not tok.is_space

    def role_before(self, doc: Doc, person: Span, near: Neighbours) -> tuple[str | None, str | None]:
        """'Russian Foreign Minister [Sergey Lavrov]', 'head of the Russian delegation [Medinsky]'."""
        i, start, aff = person.start - 1, None, None
        if i > 0 and doc[i].text == "," and self._is_role_word(doc[i - 1]):
            i -= 1  # "Ukraine's energy minister, Denys Shmyhal, said"
        limit = max(0, person.start - 12)
        while i >= limit:
            tok = doc[i]
            if tok.is_space:
                if "\n\n" in tok.text or doc[i + 1].is_sent_start:
                    break
                i -= 1
                continue
            if tok.lower_ in POSSESSIVE and near.affiliation_ending_at(i - 1) is not None:
                i -= 1  # "Ukraine['s] energy minister"
                continue
            e = near.affiliation_ending_at(i)
            if e is not None:
                aff = aff or e
                if not self._role_goes_on_before(doc, e, start is not None):
                    break
                i = e.start - 1  # "head of the Russian delegation", "Minister ... of Ukraine"
                continue
            if not (self._is_role_word(tok) and tok.ent_type_ in ROLE_WORD_ENT_TYPES):
                break
            start = i
            i -= 1
        if start is None:  # "Ukrainian Khrystyna ...": a demonym right before the name
            demonym = aff is not None and aff.end == person.start and aff.label_ == "NORP"
            return None, self.affiliation_of(aff) if demonym else None
        role, aff_name = self._role_text(doc, start, person.start, aff)
        return (role, aff_name) if role else (None, None)

    def _role_goes_on_before(self, doc: Doc, aff: Span, in_role: bool) -> bool:
        """Whether the search for a role goes on past an affiliation: when a role link stands before it and
        a role runs on after it ("head of the Russian delegation") or a role word precedes the link
        ("Minister of Foreign Affairs of Ukraine")."""
        prev = doc[aff.start - 1] if aff.start > 0 else None
        before = doc[aff.start - 2] if aff.start > 1 else None
        return (
            prev is not None
            and prev.lower_ in self.rules.role_links
            and (in_role or before is not None and self._is_role_word(before))
        )

    def role_after(self, doc: Doc, person: Span, near: Neighbours) -> tuple[str | None, str | None]:
        """'[Rustem Umerov], Ukraine's defence minister,' in apposition."""
        i = person.end
        if i >= len(doc) or doc[i].text != ",":
            return None, None
        i += 1
        if i < len(doc) and doc[i].lower_ in self.rules.determiners:
            i += 1
        aff, start, end = None, None, None
        while i < len(doc) and i < person.end + 12:
            tok = doc[i]
            if tok.is_space and "\n\n" not in tok.text:
                i += 1
                continue
            e = near.affiliation_starting_at(i)
            if e is not None:
                aff = aff or e
                i = e.end
                if i < len(doc) and doc[i].lower_ in POSSESSIVE:
                    i += 1
                if start is not None:
                    end = i
                continue
            if not (self._is_role_word(tok) and tok.ent_type_ == ""):
                break
            start = i if start is None else start
            end = i + 1
            i += 1
        nxt = next((t for t in doc[end : end + 3] if not t.is_space), None) if start is not None else None
        if start is None or nxt is not None and nxt.ent_type_ == "PERSON":
            return None, None  # no role, or the title of the next person ("Kushner, Secretary Driscoll")
        role, aff_name = self._role_text(doc, start, end, aff)
        return (role, aff_name) if role else (None, None)

    def _role_text(self, doc: Doc, start: int, end: int, aff: Span | None) -> tuple[str | None, str | None]:
        heads = self.rules.role_heads

        def trim(start: int, end: int) -> tuple[int, int]:
            while (
                start < end
                and (doc[start].is_stop or doc[start].is_punct or doc[start].is_space)
                and doc[start].lower_ not in heads
            ):
                start += 1
            while (
                end > start
                and (
                    doc[end - 1].is_stop
                    or doc[end - 1].is_punct
                    or doc[end - 1].is_space
                    or doc[end - 1].lower_ in POSSESSIVE
                )
                and doc[end - 1].lower_ not in heads
            ):
                end -= 1
            return start, end

        start, end = trim(start, end)
        connectors = self.rules.name_connectors
        if aff is not None and aff.end == end and aff.start > start and doc[aff.start - 1].lower_ in connectors:
            # "Minister of Foreign Affairs of Ukraine", "President of the European Commission": the
            # country or body is the affiliation, not part of the title
            start, end = trim(start, aff.start - 1)
        words = doc[start:end]
        if not len(words) or not any(t.lower_ in self.rules.role_heads for t in words):
            return None, self.affiliation_of(aff)
        role = re.sub(r"\s+", " ", words.text).strip()
        if aff is not None and role.startswith(aff.text + " "):  # the affiliation is not part of the title
            role = role[len(aff.text) :].strip(" '’s")
        return role, self.affiliation_of(aff)

"""Entities: people, organisations and places, with canonical names, ids, roles and affiliations.

Two spaCy components run after the statistical NER:

``entity_gazetteer``
    A ``PhraseMatcher`` (attr ORTH, built once) over the gazetteers in ``data/entities/gazetteer``
    finds known names with their spelling variants. Its matches are combined with the model's
    entities: a match corrects the label of the model entity it covers ("Kherson" PERSON -> GPE),
    completes it ("Umerov" in "Rustem Umerov"), splits compounds ("Zelenskyy-Putin" ORG -> two
    people) and drops titles around it ("Defense Minister Rustem Umerov"); a longer model name that
    only contains a known name ("Kyiv School of Economics") stays the model's. Model entities the
    gazetteer does not know go through, trimmed of titles, possessives and line breaks; noise
    ("Scroll", "Defense") is dropped; an ORG holding a facility word ("Palace", "Hotel") becomes FAC.
    Bylines (author + date lines at the top or bottom of a body) give PERSON.

``entity_canonical``
    Groups the mentions of one article: gazetteer mentions by id; other people by a
    spelling-independent name key, a surname alone joining the full name seen in the article
    ("Putin" -> "Vladimir Putin", "Cameron" -> "David R. Cameron"); other names by their cleaned
    text (and acronyms by initials). Each group gets one label (gazetteer, else majority vote), one
    canonical name and kb_id; people get the role and affiliation of their context ("Russian Foreign
    Minister Sergey Lavrov" -> role "Foreign Minister", affiliation "Russia").

Results are spaCy spans in ``doc.ents`` with the Span extensions ``canonical``, ``kb_id``,
``role``, ``affiliation`` and ``ent_source``; :func:`extract_entities` turns them into records.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...core import extensions  # noqa: F401  (Span._.canonical, kb_id, ...)
from ...core.docs import doc_text
from ...core.guard import GuardedComponent
from ...core.names import fold
from .rules import Entity, Gazetteer, Rules, load_gazetteer, load_rules

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
PLACE = {"GPE", "LOC", "FAC"}
OTHER_NAMED = {"EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
AFFILIATION_LABELS = {"GPE", "NORP", "ORG"}
POSSESSIVE = {"'s", "’s", "'", "’"}
NAMED = NAME_LABELS | OTHER_NAMED
CLEANED = NAME_LABELS | {"EVENT", "LAW"}
CUT_TOKENS = {",", "/", ";", "|", "(", ")", "[", "]"}
URL_STOP = {"[", "]", "(", ")", "<", ">", '"', "“", "”"}
NOT_A_NAME = re.compile(r"https?:|www\.|\.com\b|@|\d:\d\d")
INITIAL = re.compile(r"[A-Z]\.?")
SPACES = re.compile(r"\s+")
TRAILING_POSSESSIVE = re.compile(r"['’]s?$")

# ================================================================ component 1: gazetteer + model


def _paths(paths) -> tuple[str, ...] | None:
    if paths is None:
        return None
    return tuple(str(p) for p in ([paths] if isinstance(paths, str) else paths))


class EntityGazetteer(GuardedComponent):
    """Combine the statistical NER with the gazetteers (see the module docstring).

    Should it fail on an article, the model's entities stay as they are (and the failure is reported)."""

    stage, component = "entities", "entity_gazetteer"

    def __init__(self, nlp: Language, gazetteer_paths=None, rules_path: str | None = None):
        self.rules: Rules = load_rules(rules_path)
        self.gaz: Gazetteer = load_gazetteer(_paths(gazetteer_paths), rules_path)
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

    # ------------------------------------------------------------ matches

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

    def ignorable(self, tok, model_label: str) -> bool:
        """A token of a model entity that may go when a gazetteer name inside it takes over."""
        low, rules = tok.lower_, self.rules
        if tok.is_punct or tok.is_space or low in POSSESSIVE or low in rules.determiners or low in rules.conjunctions:
            return True
        if (
            low in self.rules.role_words
            or low in self.rules.honorifics
            or low in self.rules.place_suffixes
            or low in self.rules.generic_words
        ):
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
            if all(self.ignorable(t, ent.label_) for t in extra):
                continue  # titles, hyphens, demonyms around known names
            dropped_gaz.update(inside)
            kept.append((ent, "model"))
        for g in gaz:
            if (g.start, g.end) not in dropped_gaz:
                kept.append((g, "gazetteer"))
        return kept

    # ------------------------------------------------------------ cleaning model entities

    def clean(self, doc: Doc, ent: Span) -> list[Span]:
        """Trim a model entity to its name(s): no line breaks, commas or slashes inside a name."""
        out, start = [], ent.start
        for t in ent:  # a paragraph break or a sentence start ends a name; a hard wrap does not
            text = t.text
            if (
                "\n" in text
                and ("\n\n" in text or t.i + 1 < len(doc) and doc[t.i + 1].is_sent_start)
                or text in CUT_TOKENS
                or t.like_url
            ):
                out.append((start, t.i))
                start = t.i + 1
        out.append((start, ent.end))
        spans = [self.clean_part(doc, s, e, ent.label_) for s, e in out if e > s and not self.in_url(doc, doc[s:e])]
        return [s for s in spans if s is not None]

    @staticmethod
    def in_url(doc: Doc, ent: Span) -> bool:
        """True when the entity is part of a web address ("x.com/PeteHegseth/status/...")."""
        start, end, stop = ent.start, ent.end, URL_STOP
        while (
            start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text not in stop and ent.start - start < 12
        ):
            start -= 1
        while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text not in stop and end - ent.end < 12:
            end += 1
        # the tokens' texts are a subsequence of the body's slice: without ':' or '.' there, no address
        window = doc_text(doc)[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
        if ":" not in window and "." not in window:
            return False
        chunk = "".join(t.text for t in doc[start:end])
        return "://" in chunk or "www." in chunk or ".com/" in chunk

    def relabel(self, span: Span, label: str) -> str:
        """Fix the model's label from the shape of the name (given names, village names, facilities)."""
        rules, words = self.rules, [t.text for t in span]
        lower = {w.lower() for w in words}
        if (
            doc_text(span.doc)[span.start_char : span.end_char].lower() in rules.products
            or words[0].lower() in rules.products
        ):
            return "PRODUCT"
        if label == "ORG" and lower & rules.facility_words and not lower & rules.not_facility_words:
            return "FAC"
        if label == "PERSON" and len(words) == 1 and (len(words[0]) >= 3 and words[0].isupper() or _acronym(words[0])):
            return "ORG"  # "JATEC", "KhPG": an acronym, not a person
        if (
            label in {"ORG", "GPE", "LOC", "FAC", "NORP"}
            and 2 <= len(words) <= 3
            and words[0] in self.gaz.first_names
            and all(w[:1].isupper() for w in words)
            and not lower & rules.org_words
        ):
            return "PERSON"
        if label in {"PERSON", "ORG", "NORP"} and words[0] not in self.gaz.first_names and len(words) <= 3:
            last = words[-1]
            if (
                last in rules.toponym_words
                or len(last) >= rules.toponym_min_length
                and rules.toponym.search(last.lower())
            ):
                return "GPE"
        return label

    def clean_part(self, doc: Doc, start: int, end: int, label: str) -> Span | None:
        """Trim one part of a model entity to its name; None when nothing name-like is left."""
        rules = self.rules
        while start < end:
            tok = doc[start]
            low = tok.lower_
            if not (
                tok.is_punct
                or tok.is_space
                or low in rules.determiners
                or low in rules.honorifics
                or label == "PERSON"
                and (low in rules.role_words or tok.is_lower or tok.ent_type_ == "NORP")
            ):
                break
            start += 1
        while end > start:
            tok = doc[end - 1]
            if not (tok.is_punct or tok.is_space or tok.lower_ in POSSESSIVE):
                break
            end -= 1
        if start >= end:
            return None
        span = doc[start:end]
        text = doc_text(doc)[span.start_char : span.end_char]
        low = text.lower()
        if not any(c.isalpha() for c in text) or low in rules.noise or all(t.is_lower for t in span if t.is_alpha):
            return None
        if all(t.lower_ in rules.role_words or t.lower_ in rules.honorifics or not t.is_alpha for t in span):
            return None
        if NOT_A_NAME.search(text):
            return None
        if label == "PERSON" and (low in rules.not_persons or any(c.isdigit() for c in text) or len(span) > 7):
            return None
        if label == "PERSON" and end - start == 1:
            start = self.given_name_before(doc, start)
            span = doc[start:end]
        return Span(doc, start, end, label=self.relabel(span, label))

    def given_name_before(self, doc: Doc, start: int) -> int:
        """'Anders [Hagstrom]': a proper noun right before a one-word person is its given name."""
        if start == 0:
            return start
        prev = doc[start - 1]
        if (
            prev.is_title
            and prev.is_alpha
            and len(prev) > 1
            and prev.pos_ == "PROPN"
            and not prev.ent_type_
            and not prev.is_sent_start
            and prev.whitespace_ == " "
            and prev.lower_ not in self.rules.role_words
            and prev.lower_ not in self.rules.honorifics
            and prev.lower_ not in self.rules.noise
        ):
            return start - 1
        return start

    @staticmethod
    def _edge_lines(doc: Doc, n: int, window: int = 160) -> list[tuple[int, str]]:
        """The first and last n non-empty lines with their offsets (windows of the cached body text)."""

        def lines_of(start_tok: int, end_tok: int, skip_first: bool) -> list[tuple[int, str]]:
            if end_tok <= start_tok:
                return []
            base = doc[start_tok].idx
            out, pos = [], base
            last = doc[end_tok - 1]
            parts = doc_text(doc)[base : last.idx + len(last)].split("\n")
            for k, line in enumerate(parts):
                if line.strip() and not (skip_first and k == 0):
                    out.append((pos, line))
                pos += len(line) + 1
            return out

        if len(doc) <= 2 * window:
            every = lines_of(0, len(doc), False)
            return every[:n] + every[max(n, len(every) - n) :]
        head = lines_of(0, window, False)[:-1][:n]  # the last line of the window may be cut
        tail_start = len(doc) - window
        tail = lines_of(
            tail_start,
            len(doc),
            doc[tail_start - 1].text.count("\n") == 0 and "\n" not in doc[tail_start - 1].whitespace_,
        )
        return head + tail[-n:]

    def bylines(self, doc: Doc) -> list[Span]:
        """PERSON spans for the author named in a byline near the top or the bottom of the body."""
        n = self.rules.byline_lines
        candidates = self._edge_lines(doc, n)
        spans = []
        for offset, line in candidates:
            stripped = line.strip()
            lead = offset + len(line) - len(line.lstrip())
            for pattern in self.rules.bylines:
                m = pattern.match(stripped)
                if not m:
                    continue
                for part in self.rules.byline_part.finditer(m.group("name")):
                    name = part.group(0).strip()
                    words = name.split()
                    if (
                        not (2 <= len(words) <= 4)
                        or any(w.lower().strip(".") in self.rules.byline_stopwords for w in words)
                        or not all(w[:1].isupper() for w in words)
                    ):
                        continue
                    s = lead + m.start("name") + part.start() + (len(part.group(0)) - len(part.group(0).lstrip()))
                    span = doc.char_span(s, s + len(name), label="PERSON", alignment_mode="contract")
                    if span is not None and len(span):
                        spans.append(span)
                break
        return spans

    def process(self, doc: Doc) -> Doc:
        model_ents = list(doc.ents)
        gaz = self.gazetteer_spans(doc, model_ents)
        final: list[tuple[Span, str]] = []
        for span, source in self.combine(doc, model_ents, gaz):
            if source == "model" and span.label_ in CLEANED:
                final.extend((part, source) for part in self.clean(doc, span))
                continue
            final.append((span, source))
        rule_spans = self.bylines(doc)
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


@Language.factory("entity_gazetteer", default_config={"gazetteer_paths": None, "rules_path": None})
def make_entity_gazetteer(nlp: Language, name: str, gazetteer_paths, rules_path):
    """gazetteer_paths: list of YAML files (default: every file in data/entities/gazetteer)."""
    return EntityGazetteer(nlp, gazetteer_paths, rules_path)


# ================================================================ component 2: canonical names, roles


class Mention:
    __slots__ = ("span", "label", "key", "entity", "cluster", "boiler", "name", "full")

    def __init__(self, span: Span, boiler: bool):
        self.span, self.label, self.boiler = span, span.label_, boiler
        self.key = None
        self.entity: Entity | None = None
        self.cluster = None
        self.name = ""
        self.full = False


class EntityCanonical(GuardedComponent):
    """One canonical name, label and id per entity of an article; roles and affiliations of people."""

    stage, component = "entities", "entity_canonical"

    def __init__(self, nlp: Language, gazetteer_paths=None, rules_path: str | None = None):
        self.rules: Rules = load_rules(rules_path)
        self.gaz: Gazetteer = load_gazetteer(_paths(gazetteer_paths), rules_path)
        self.title_words = self.rules.honorifics | self.rules.role_words

    # ------------------------------------------------------------ keys

    def clean_text(self, span: Span) -> str:
        """The span's text on one line, without a leading 'the' or a trailing possessive."""
        return _clean_text(doc_text(span.doc)[span.start_char : span.end_char], self.rules.leading_article)

    def person_words(self, text: str) -> list[str]:
        words = text.split()
        while words and words[0].lower() in self.title_words:
            words = words[1:]
        return words

    def person_key(self, words: list[str]) -> tuple[str, ...]:
        return tuple(self.rules.name_key(w) for w in words if not INITIAL.fullmatch(w))

    def place_key(self, text: str) -> tuple[str, ...]:
        words = fold(text).lower().split()
        while len(words) > 1 and words[-1] in self.rules.place_suffixes:
            words = words[:-1]
        return tuple(words)

    # ------------------------------------------------------------ linking

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
        self.link_known(mentions)
        self.link_people(mentions)
        self.link_others(mentions)
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
        self.assign_roles(doc, new_ents, by_span)
        return doc

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
        people = [m for m in mentions if m.cluster is None and m.label == "PERSON"]
        fulls: dict[str, list[tuple[int, object]]] = defaultdict(list)  # surname key -> (position, cluster)
        for m in mentions:  # known people seen in full in this article
            if m.entity is not None and m.entity.label == "PERSON" and len(m.span) >= 2:
                fulls[self.rules.name_key(m.entity.name.split()[-1])].append((m.span.start, m.cluster))
        for m in people:
            words = self.person_words(self.clean_text(m.span))
            m.name = " ".join(words)
            key = self.person_key(words)
            known = self.gaz.name_keys.get(tuple(self.rules.name_key(w) for w in words))
            if known is not None:  # "Reuters" cut from a photo credit: the agency, not a person
                m.entity, m.cluster = self.gaz.entities[known], known
                m.label = m.entity.label
                continue
            if len(key) >= 2:
                m.full = True  # the gazetteer knows a name with its middle initials as written, or not at all
                eid = self.gaz.person_keys.get(tuple(self.rules.name_key(w) for w in words))
                if eid is not None:
                    m.entity, m.cluster = self.gaz.entities[eid], eid
                else:  # one person however the middle is written: "David R. Cameron" / "David Cameron"
                    m.cluster = ("person", key[0], key[-1])
                fulls[key[-1]].append((m.span.start, m.cluster))
        # single words (any label) that are the surname of a person of the article
        for m in mentions:
            if m.full or m.entity is not None or m.label == "NORP":
                continue
            words = self.person_words(self.clean_text(m.span))
            if len(words) != 1 or not words[0][:1].isupper():
                continue
            key = self.rules.name_key(words[0])
            options = fulls.get(key)
            if options:
                before = [c for p, c in options if p <= m.span.start]
                m.cluster = before[-1] if before else options[0][1]
                m.entity = self.gaz.entities.get(m.cluster) if isinstance(m.cluster, str) else None
                m.label, m.name = "PERSON", words[0]
            elif m.label == "PERSON" and m.entity is None:
                eid = self.gaz.surname_keys.get(key)
                if eid is not None:
                    m.entity, m.cluster = self.gaz.entities[eid], eid
                else:  # same group as the same word under another label: the vote decides
                    m.cluster, m.name = ("name", fold(words[0]).lower()), words[0]

    def link_others(self, mentions: list[Mention]) -> None:
        """Organisations, places and other names not linked yet: by cleaned text, acronyms by initials."""
        acronyms: dict[str, object] = {}
        for m in mentions:
            if m.cluster is not None:
                if m.entity is not None and m.entity.label == "ORG":
                    acronyms.setdefault(_initials(m.entity.name), m.cluster)
                continue
            text = self.clean_text(m.span)
            m.name = text
            key = self.place_key(text) if m.label in PLACE else tuple(fold(text).lower().split())
            eid = self.gaz.name_keys.get(tuple(self.rules.name_key(w) for w in text.split()))
            if eid is not None and self.gaz.entities[eid].label != "PERSON":
                m.entity, m.cluster = self.gaz.entities[eid], eid
                continue
            m.cluster = ("name",) + key
            if m.label == "ORG" and len(key) > 1:
                acronyms.setdefault(_initials(text), m.cluster)
        for m in mentions:  # "Center for Countering Disinformation (CCD)": the acronym in brackets
            doc, end = m.span.doc, m.span.end
            if (
                m.label == "ORG"
                and len(m.span) > 1
                and end + 2 < len(doc)
                and doc[end].text == "("
                and doc[end + 2].text == ")"
                and _acronym(doc[end + 1].text)
            ):
                acronyms.setdefault(doc[end + 1].text, m.cluster)
        for m in mentions:
            if (
                isinstance(m.cluster, tuple)
                and m.cluster[0] == "name"
                and len(m.span) == 1
                and _acronym(m.span.text)
                and m.span.text in acronyms
            ):
                m.cluster = acronyms[m.span.text]
                m.entity = self.gaz.entities.get(m.cluster) if isinstance(m.cluster, str) else None

    def decide(self, mentions: list[Mention]):
        """Label (gazetteer, else majority) and canonical name of each cluster."""
        votes: dict[object, Counter] = defaultdict(Counter)
        names: dict[object, list[Mention]] = defaultdict(list)
        for m in mentions:
            names[m.cluster].append(m)
            if not m.boiler:
                votes[m.cluster][m.label] += min(len(m.span), 3)  # a full name says more than an acronym
        labels, canon = {}, {}
        for cluster, ms in names.items():
            entity = next((m.entity for m in ms if m.entity is not None), None)
            if isinstance(cluster, str) and "|" in cluster and entity is not None:
                labels[cluster] = "NORP"
                canon[cluster] = (entity.demonym or ms[0].span.text, cluster.split("|")[0])
                continue
            if entity is not None:
                labels[cluster] = entity.label
                canon[cluster] = (self.known_canonical(entity, ms), entity.id)
                continue
            count = votes.get(cluster) or Counter(m.label for m in ms)
            person = any(m.label == "PERSON" and m.full for m in ms)
            labels[cluster] = "PERSON" if person else max(count, key=lambda lab: (count[lab], lab == ms[0].label))
            if labels[cluster] == "PERSON":
                best = max(
                    (m.name for m in ms if m.name), key=lambda n: (len(n.split()), len(n)), default=ms[0].span.text
                )
            else:
                texts = Counter(m.name or self.clean_text(m.span) for m in ms)
                if labels[cluster] == "ORG":  # the full name over its acronym
                    best = max(texts, key=lambda t: (len(t.split()), texts[t], -len(t)))
                else:
                    best = max(texts, key=lambda t: (texts[t], -len(t)))
                if labels[cluster] in PLACE:  # "Pokrovsk district" and "Pokrovsk": the bare name
                    bare = [
                        t
                        for t in texts
                        if len(t.split()) < len(best.split()) and self.place_key(t) == self.place_key(best)
                    ]
                    best = bare[0] if bare else best
            canon[cluster] = (best, None)
        return labels, canon

    def surface(self, m: Mention, label: str) -> str:
        """The name as the article writes it, without titles, possessives or a place suffix."""
        text = self.clean_text(m.span)
        if label == "PERSON":
            return " ".join(self.person_words(text)) or text
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

    # ------------------------------------------------------------ roles

    def assign_roles(self, doc: Doc, ents: list[Span], by_span) -> None:
        mentions = [m for m in by_span.values() if m.label != "NORP"]
        ent_at_end = {e.end - 1: e for e in ents}
        ent_at_start = {e.start: e for e in ents}
        found: dict[object, tuple[str | None, str | None]] = {}
        per_mention = {}
        for m in mentions:
            if m.label == "NORP":
                continue
            span = doc[m.span.start : m.span.end]
            if span[0].ent_type_ != "PERSON":
                continue
            role, aff = self.role_before(doc, span, ent_at_end)
            if role is None:
                role, aff = self.role_after(doc, span, ent_at_start)
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

    def affiliation_of(self, ent: Span) -> str | None:
        kb = ent._.kb_id
        if kb:
            e = self.gaz.entities.get(kb.split("|")[0])
            if e is not None:
                return e.name
        return ent._.canonical or self.clean_text(ent)

    def _is_role_word(self, tok) -> bool:
        return tok.lower_ in self.rules.role_words and not tok.is_space

    def role_before(self, doc: Doc, person: Span, ent_at_end) -> tuple[str | None, str | None]:
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
            if tok.lower_ in POSSESSIVE and i - 1 in ent_at_end and ent_at_end[i - 1].label_ in AFFILIATION_LABELS:
                i -= 1
                continue
            if i in ent_at_end and ent_at_end[i].label_ in AFFILIATION_LABELS:
                e = ent_at_end[i]
                aff = aff or e
                prev = doc[e.start - 1] if e.start > 0 else None
                before = doc[e.start - 2] if e.start > 1 else None
                if (
                    prev is not None
                    and prev.lower_ in self.rules.role_links
                    and (start is not None or before is not None and self._is_role_word(before))
                ):
                    i = e.start - 1  # "head of the Russian delegation", "Minister ... of Ukraine"
                    continue
                break
            if self._is_role_word(tok) and tok.ent_type_ in ("", "ORG", "NORP", "GPE"):
                start = i
                i -= 1
                continue
            break
        if start is None:  # "Ukrainian Khrystyna ...": a demonym right before the name
            return None, self.affiliation_of(
                aff
            ) if aff is not None and aff.end == person.start and aff.label_ == "NORP" else None
        role, aff_name = self._role_text(doc, start, person.start, aff)
        return (role, aff_name) if role else (None, None)

    def role_after(self, doc: Doc, person: Span, ent_at_start) -> tuple[str | None, str | None]:
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
            if i in ent_at_start and ent_at_start[i].label_ in AFFILIATION_LABELS:
                e = ent_at_start[i]
                aff = aff or e
                i = e.end
                if i < len(doc) and doc[i].lower_ in POSSESSIVE:
                    i += 1
                if start is not None:
                    end = i
                continue
            if self._is_role_word(tok) and tok.ent_type_ == "":
                start = i if start is None else start
                end = i + 1
                i += 1
                continue
            break
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
            return None, self.affiliation_of(aff) if aff is not None else None
        role = re.sub(r"\s+", " ", words.text).strip()
        if aff is not None and role.startswith(aff.text + " "):  # the affiliation is not part of the title
            role = role[len(aff.text) :].strip(" '’s")
        return role, self.affiliation_of(aff) if aff is not None else None


@lru_cache(maxsize=65536)
def _clean_text(text: str, leading_article: re.Pattern) -> str:
    """See :meth:`EntityCanonical.clean_text` (memoised: the same names recur in every article)."""
    text = SPACES.sub(" ", text).strip()
    text = leading_article.sub("", text)
    return TRAILING_POSSESSIVE.sub("", text).strip()


def _acronym(word: str) -> bool:
    """'NATO', 'KhPG', 'CCD': two to eight letters, at least two capitals, starting with one."""
    caps = sum(c.isupper() for c in word)
    return 2 <= len(word) <= 8 and word[0].isupper() and word.isalpha() and caps >= 2 and caps * 2 >= len(word)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isupper())


@Language.factory("entity_canonical", default_config={"gazetteer_paths": None, "rules_path": None})
def make_entity_canonical(nlp: Language, name: str, gazetteer_paths, rules_path):
    return EntityCanonical(nlp, gazetteer_paths, rules_path)

"""Memoranda: the documents an article reports, their parties, and references to them.

A memorandum is found from a *mention*: a noun phrase headed by a document word of
``data/provisions/documents.yaml`` ("the Russian memorandum", "a 28-point plan", "the draft"), or
from an agreement reached by parties ("the two sides agreed to ..."). :class:`ArticleMemoranda`
keeps the memoranda of one article in reading order and resolves each new mention: a mention with a
party joins the memorandum of that party and kind, a definite mention without one ("the document",
"it", "the memorandum") the last memorandum named. Ids are stable across articles: party slug, kind,
and the date the document was presented (from the dates stage) or else a slug of its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...core.names import slug
from .rules import RuleData, joint_party, split_party

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass
class Memo:
    """One memorandum of one article, while the article is read."""

    kind: str
    party: str | None
    name: str
    start: int
    end: int
    date: str | None = None
    status: str = "proposed"
    generic: bool = False
    numbered: str | None = None  # "28-point"
    mentions: list[tuple[int, int]] = field(default_factory=list)
    section: str | None = None  # the part of it the text is talking about
    n_provisions: int = 0
    position: bool = False  # a party's demands or proposals stated in prose, not a document
    proper: str | None = None  # a proper name in the mention: "Peace Formula", "Kuala Lumpur Peace Accords"
    year: str | None = None  # the article's year: the id of an undated document or of a position
    inferred: bool = False  # an agreement known from a verb ("the two sides agreed to ..."), not named
    plural: bool = False  # named in the plural ("handed each other written proposals"): several documents
    role: str | None = None  # of its kind (documents.yaml): document, outcome, position

    @property
    def compat(self) -> str:
        """What a later mention must name to take it up: any document for a document ("the document" after "the
        plan"), else its own kind."""
        return "document" if self.role == "document" else self.kind

    def memorandum_id(self) -> str:
        """party + kind + date of presentation, else party + proper name or number ('russia-memorandum-2025-06-02',
        'united-states-28-point-plan', 'ukraine-peace-formula'): the same document in two articles gets one id.

        An undated document without a name, and a party's demands stated in prose, get the article's year
        ('united-states-proposal-2026', 'russia-demands-2026'): articles of one year about one party's
        proposal merge, while a 2022 proposal and a 2026 one stay apart."""
        party = slug(self.party) if self.party else None
        if self.date and not self.position:
            return f"{party or 'unknown'}-{self.kind}-{self.date}"
        if self.numbered:
            return f"{party or 'unknown'}-{slug(self.numbered)}-{self.kind}"
        if self.proper:
            return f"{party}-{slug(self.proper)}" if party else slug(self.proper)
        year = self.year or (self.date or "")[:4] or None
        return f"{party or 'unknown'}-{self.kind}" + (f"-{year}" if year else "")


# ---------------------------------------------------------------- helpers on tokens


def party_of_token(tok: Token, data: RuleData) -> str | None:
    """Party named by one token, its entity or its hyphenated parts ('U.S.-proposed', 'Russian-drafted')."""
    p = data.party_of(tok.text)
    if p:
        return p
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        ent = _entity_of(tok)
        if ent is not None:
            canon = ent._.canonical if Span.has_extension("canonical") and ent._.canonical else None
            aff = ent._.affiliation if Span.has_extension("affiliation") and ent._.affiliation else None
            for cand in (canon, ent.text, aff):
                if cand:
                    p = data.party_of(cand)
                    if p:
                        return p
    if "-" in tok.text:
        for part in tok.text.split("-"):
            p = data.party_of(part)
            if p:
                return p
    return None


def _entity_of(tok: Token) -> Span | None:
    """The entity holding a token (a per-doc index, built once)."""
    doc = tok.doc
    index = doc.user_data.get("_prov_ent_index")
    if index is None:
        index = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                index[i] = ent
        doc.user_data["_prov_ent_index"] = index
    return index.get(tok.i)


def parties_in(tokens, data: RuleData) -> list[str]:
    """Distinct parties named in a run of tokens, in order."""
    out: list[str] = []
    for t in tokens:
        p = party_of_token(t, data)
        if p and p not in out:
            out.append(p)
    return out


def timex_values(doc: Doc, start_char: int, end_char: int) -> list[tuple[int, dict]]:
    """(start offset, timex dict) of the dates stage's expressions inside [start_char, end_char)."""
    out = []
    spans = doc.spans["timex"] if "timex" in doc.spans else []
    has_ext = Span.has_extension("timex")
    for s in spans:
        if s.start_char >= start_char and s.end_char <= end_char:
            tx = s._.timex if has_ext else None
            if isinstance(tx, dict):
                out.append((s.start_char, {**tx, "text": s.text, "start": s.start_char, "end": s.end_char}))
            else:
                out.append(
                    (
                        s.start_char,
                        {
                            "type": s.label_ or "DATE",
                            "value": None,
                            "text": s.text,
                            "start": s.start_char,
                            "end": s.end_char,
                        },
                    )
                )
    if not spans:
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME") and ent.start_char >= start_char and ent.end_char <= end_char:
                out.append(
                    (
                        ent.start_char,
                        {
                            "type": ent.label_,
                            "value": None,
                            "text": ent.text,
                            "start": ent.start_char,
                            "end": ent.end_char,
                        },
                    )
                )
    return out


def mention_date(tok: Token, not_after: str | None) -> str | None:
    """The day a document was presented: a date in the mention's own phrase ('the memorandum released
    yesterday', 'the memorandum ... after yesterday's meeting') or attached to the verb that presents it
    ('Russia handed over its memorandum on Monday'); a date of the sentence's other events does not count."""
    doc = tok.doc
    verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" else None
    for at, tx in timex_values(doc, tok.sent.start_char, tok.sent.end_char):
        value = tx.get("value") or ""
        if tx.get("type", "DATE") != "DATE" or not ISO_DAY.match(value) or (not_after and value > not_after):
            continue
        span = doc.char_span(tx["start"], tx["end"], alignment_mode="expand")
        if span is None:
            continue
        node = span.root
        while node.head.i != node.i:
            node = node.head
            if node.i == tok.i:
                return value
            if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("acl", "amod"):
                if verb is not None and node.i == verb.i:
                    return value
                break
    return None


def day_date(doc: Doc, start_char: int, end_char: int, near: int, not_after: str | None) -> str | None:
    """The day (ISO) of the date expression nearest to ``near`` in the range, not after the article date."""
    best = None
    for at, tx in timex_values(doc, start_char, end_char):
        value = tx.get("value") or ""
        if tx.get("type", "DATE") != "DATE" or not ISO_DAY.match(value):
            continue
        if not_after and value > not_after:
            continue
        dist = abs(at - near)
        if best is None or dist < best[0]:
            best = (dist, value)
    return best[1] if best else None


# ---------------------------------------------------------------- mentions


def mention_head(tok: Token, data: RuleData) -> str | None:
    """Kind of document if ``tok`` heads a document mention, else None."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    low, lemma = tok.lower_, tok.lemma_.lower()
    kind = data.doc_kind.get(low) or data.doc_kind.get(lemma)
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        nxt = tok.head
        verb_like = (
            nxt.i == tok.i + 1
            and nxt.tag_ == "NNS"
            and nxt.i + 1 < len(tok.doc)
            and tok.doc[nxt.i + 1].lower_ in ("that", "for")
        )
        if not verb_like:
            return None  # "deal talks", "plan details": not the head (but "the memorandum demands that ...")
    if kind is None and lemma in ("document", "text", "paper"):
        if any(c.lower_ == "point" or c.text.endswith("-point") for c in tok.subtree if c.i < tok.i):
            return "plan"
    if kind is None:
        return None
    # a compound before the head can make a known multi-word kind ("peace deal", "draft agreement")
    left = [t for c in tok.lefts if c.dep_ == "compound" for t in c.subtree]  # "draft peace treaty": draft + treaty
    for c in left:
        k2 = data.doc_kind.get(f"{c.lower_} {low}") or data.doc_kind.get(f"{c.lower_} {lemma}")
        if k2:
            kind = k2
    return kind


def left_mods(tok: Token) -> list[Token]:
    """Pre-modifiers of a mention head; for a head the tagger took for a compound ("Russia's memorandum
    demands"), the modifiers of the word after it that stand before it count too."""
    lefts = list(tok.lefts)
    if tok.dep_ == "compound":
        lefts += [c for c in tok.head.lefts if c.i < tok.i and c.i not in {x.i for x in lefts}]
    return lefts


def mention_span(tok: Token) -> tuple[int, int]:
    """Token range of a mention: its pre-modifiers and the head."""
    start = tok.i
    for c in left_mods(tok):
        if c.dep_ in (
            "amod",
            "compound",
            "poss",
            "nmod",
            "nummod",
            "npadvmod",
            "det",
            "quantmod",
            "punct",
            "case",
            "advmod",
        ):
            start = min(start, c.left_edge.i)
    return start, tok.i + 1


def is_generic(tok: Token, data: RuleData) -> bool:
    """'any agreement', 'a possible future peace deal', 'a lasting peace agreement': not a document of the article."""
    gen = set(data.documents.generic_determiners)
    for c in tok.lefts:
        if c.lower_ in gen:
            return True
    for c in tok.lefts:
        if (
            c.dep_ == "det"
            and c.lower_ in ("a", "an")
            and not any(x.dep_ in ("poss", "nummod") or "-point" in x.text for x in tok.lefts)
        ):
            return tok.dep_ in ("pobj", "attr") and tok.head.lower_ in ("toward", "towards", "for", "to")
    return False


def numbered_name(tok: Token) -> str | None:
    """'28-point' of 'the 28-point plan', '10-point' of 'a 10-point peace formula'."""
    toks = list(tok.doc[mention_span(tok)[0] : tok.i])
    text = " ".join(t.text for t in toks)
    m = re.search(r"(\d{1,3})\s*-\s*point", text)
    return f"{m.group(1)}-point" if m else None


def mention_party(tok: Token, data: RuleData) -> str | None:
    """Party of a mention: its modifiers ('Russian', "Kyiv's", 'U.S.-proposed'), an 'of/by/from' phrase,
    or the subject of a presenting verb ('Russia presented a memorandum')."""
    s, e = mention_span(tok)
    found = parties_in(tok.doc[s : e - 1], data)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    found += [p for p in parties_in(pobj.subtree, data) if p not in found]
                    if not found and pobj.lower_ in ("side", "delegation", "government", "team"):
                        found += parties_in(pobj.subtree, data)
    if not found:
        verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") else None
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
            verb = tok.head.head  # "entered into an agreement", "agreed on a plan"
        if verb is not None and verb.lemma_.lower() in data.documents.presenting_verbs:
            subj = [c for c in verb.children if c.dep_ in ("nsubj",)]
            agent = [c for c in verb.children if c.dep_ == "agent"]
            for s_ in subj + agent:
                found += [p for p in parties_in(s_.subtree, data) if p not in found]
            if not subj and verb.dep_ in ("xcomp", "conj", "ccomp") and verb.head.pos_ == "VERB":
                for s_ in (c for c in verb.head.children if c.dep_ == "nsubj"):
                    found += [p for p in parties_in(s_.subtree, data) if p not in found]
    if not found:
        found = [p for p in (_agent_group(c) for c in tok.children if c.dep_ == "acl") if p]
    if not found:
        found = _possessor_named_before(tok, data)
    return joint_party(found) if found else None


def _possessor_named_before(tok: Token, data: RuleData) -> list[str]:
    """'the announcement by President Trump regarding his proposal': 'his' / 'her' is the last person of the
    sentence named before the mention who stands for a party."""
    if not any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in tok.children):
        return []
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.ent_type_ == "PERSON":
            p = party_of_token(t, data)
            if p:
                return [p]
    return []


def _agent_group(verb: Token) -> str | None:
    """'proposed by African leaders from seven countries' -> 'African leaders': a group no party alias names."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in (c for c in agent.children if c.dep_ == "pobj"):
            norp = [c for c in pobj.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
            if norp and pobj.tag_ == "NNS":
                return f"{norp[0].text} {pobj.text}"
    return None


def proper_name(tok: Token, data: RuleData) -> str | None:
    """The capitalised words of a mention that are not a party: 'Peace Formula' of "Zelensky's Peace Formula"."""
    s, e = mention_span(tok)
    words = [
        t.text
        for t in tok.doc[s:e]
        if (t.pos_ == "PROPN" or t.is_title and t.i != t.sent.start)
        and not party_of_token(t, data)
        and t.dep_ not in ("det", "poss")
        and t.tag_ != "POS"
    ]
    # a capitalised head alone ("this Accord", "the Treaty") names nothing; a capitalised modifier does ("Minsk")
    return " ".join(words) if len(words) >= 2 or (words and words[-1] != tok.text) else None


def mention_name(tok: Token) -> str:
    s, e = mention_span(tok)
    for t in tok.doc[
        s : tok.i
    ]:  # crawled markup in the modifiers ("Fried ](https://...): “ deal"): keep what follows it
        if t.like_url or "](" in t.text or t.text in (":", "“", "”", '"', ")", "]"):
            s = t.i + 1
    toks = [t for t in tok.doc[s:e] if not (t.dep_ == "det" or t.tag_ in ("PRP$",) or t.lower_ in ("the", "a", "an"))]
    return " ".join(t.text for t in toks).replace(" - ", "-").replace(" 's", "'s") or tok.text


# ---------------------------------------------------------------- the article's memoranda


class ArticleMemoranda:
    """The memoranda of one article, resolved as the article is read."""

    def __init__(self, doc: Doc, data: RuleData):
        self.doc = doc
        self.data = data
        self.memos: list[Memo] = []
        self.active: Memo | None = None
        self.active_sentence: int = -10
        self.last_joint: str | None = None
        art = doc._.article if Doc.has_extension("article") else None
        self.article_date: str | None = (art or {}).get("date") if isinstance(art, dict) else None
        self._party_counts: dict[str, int] | None = None

    # ------------------------------------------------------------ parties at the table

    def negotiating_parties(self, before_char: int) -> str | None:
        """'the two sides' = the last joint party of an agreement; else the two parties the article names
        together most ('talks between Russia and Ukraine') when one of its memoranda is theirs (with a
        mediator at the table, its proposals make it a party of a memorandum but not one of 'the two
        sides'); else the parties of the article's memoranda; else the two parties it names most."""
        ps: list[str] = []
        for m in self.memos:
            for p in split_party(m.party):
                if p not in ps:
                    ps.append(p)
        if self.last_joint:
            return self.last_joint
        pair = self.coordinated_pair()
        counts = self.party_counts()
        top = [p for p, _ in sorted(counts.items(), key=lambda kv: -kv[1])][:2]
        if pair and (not ps or set(ps) & set(pair) or set(top) & set(pair)):
            return joint_party(pair)
        if len(ps) >= 2:
            return joint_party(ps)
        counts = self.party_counts()
        top = [p for p, _ in sorted(counts.items(), key=lambda kv: -kv[1])][:2]
        for p in ps:
            if p not in top:
                top = [p] + top[:1]
        return joint_party(top) if len(top) >= 2 else None

    def coordinated_pair(self) -> tuple[str, str] | None:
        """The two parties the article most often names together ('between Russia and Ukraine', 'Kyiv and
        Moscow'): with a mediator at the table, 'the two sides' are these, not the most named parties."""
        if hasattr(self, "_pair"):
            return self._pair
        self._pair = self._coordinated_pair()
        return self._pair

    def _coordinated_pair(self) -> tuple[str, str] | None:
        counts: dict[tuple[str, str], int] = {}
        for tok in self.doc:
            if tok.dep_ != "conj":
                continue
            a, b = party_of_token(tok.head, self.data), party_of_token(tok, self.data)
            if a and b and a != b:
                key = tuple(sorted((a, b)))
                counts[key] = counts.get(key, 0) + 1
        if not counts:
            return None
        return max(counts.items(), key=lambda kv: kv[1])[0]  # type: ignore[return-value]

    def party_counts(self) -> dict[str, int]:
        if self._party_counts is None:
            counts: dict[str, int] = {}
            for ent in self.doc.ents:
                if ent.label_ in ("GPE", "NORP", "ORG", "PERSON"):
                    p = self.data.party_of(ent.text)
                    if p:
                        counts[p] = counts.get(p, 0) + 1
            self._party_counts = counts
        return self._party_counts

    def subject_party(self, subj: Token) -> str | None:
        """Party of a subject phrase: names in it, joint words ('both sides'), or a pronoun continuing the
        last joint party."""
        toks = list(subj.subtree)
        found = parties_in(toks, self.data)
        for c in subj.conjuncts:
            found += [p for p in parties_in(c.subtree, self.data) if p not in found]
        if found:
            return joint_party(found)
        words = {t.lower_ for t in toks}
        heads = {
            "side",
            "party",
            "delegation",
            "negotiator",
            "team",
            "both",
            "leader",
            "president",
            "country",
            "nation",
            "government",
            "signatory",
            "two",
        }
        joint = set(self.data.parties.joint)
        if words & joint and (subj.lemma_.lower() in heads or subj.lower_ in joint):  # "the Parties" (lemma 'Parties')
            return self.negotiating_parties(subj.idx)
        if subj.lower_ in ("they", "we") and self.last_joint:
            return self.last_joint
        if subj.lower_ in ("he", "she"):
            return self._person_pronoun(subj)
        return None

    def _person_pronoun(self, pron: Token) -> str | None:
        """'Zelenskiy told Reuters that he wanted ...': the subject of the verb that reports the clause; else
        a party's leader named earlier in the sentence ("In Putin's speech, he set out his terms")."""
        node = pron.head
        while node.head.i != node.i:
            node = node.head
            if node.lemma_.lower() not in self.data.cues.report_verbs:
                continue
            subj = next((c for c in node.children if c.dep_ == "nsubj" and c.i != pron.i), None)
            if subj is not None and subj.pos_ == "PROPN":
                return party_of_token(subj, self.data)
        for t in pron.sent:
            if t.i >= pron.i:
                break
            if t.ent_type_ == "PERSON" and party_of_token(t, self.data):
                return party_of_token(t, self.data)
        return None

    def _year(self) -> str | None:
        return self.article_date[:4] if self.article_date and len(self.article_date) >= 4 else None

    # ------------------------------------------------------------ mentions

    def resolve_mention(self, tok: Token, kind: str, sent_i: int) -> Memo | None:
        """The memorandum a mention refers to, created if new; None for a generic mention."""
        data = self.data
        generic = is_generic(tok, data)
        party = mention_party(tok, data)
        numbered = numbered_name(tok)
        s, e = mention_span(tok)
        start, end = self.doc[s].idx, tok.idx + len(tok)
        definite = any(
            c.lower_ in ("the", "this", "that", "these", "those", "its", "their") or c.dep_ == "poss"
            for c in left_mods(tok)
        )
        memo = None
        if generic and not party and not numbered:
            return None
        if not (
            party
            or numbered
            or definite
            or tok.lower_ in self.data.documents.anaphora
            or kind == "draft"
            and not generic
            or self._specific(tok)
        ):
            return None  # "a longer-term ceasefire agreement": not (yet) a document of the article; "a draft" is one
        compat = "document" if data.kind_role.get(kind) == "document" else kind
        if party or numbered:
            for m in reversed(self.memos):
                if m.position or m.compat != compat and not (numbered and m.numbered == numbered):
                    continue
                if (
                    party
                    and m.party == party
                    or numbered
                    and m.numbered == numbered
                    and (not party or not m.party or m.party == party)
                ):
                    memo = m
                    break
                if party and m.party is None and m is self.active and definite:
                    m.party = party
                    memo = m
                    break
            if memo is None and numbered and not party and compat == "document":
                # "the 12-point document" after "the Chinese plan": the last document named, if it has no number yet
                last = next((m for m in reversed(self.memos) if m.compat == compat and not m.position), None)
                if last is not None and last.party and not last.numbered:
                    memo = last
        elif definite or tok.lower_ in self.data.documents.anaphora:
            same = self.active is not None and (
                self.active.kind == kind or kind != "declaration" and self.active.kind != "declaration"
            )
            if same and (
                self.active.compat == compat
                or kind in ("draft", "memorandum", "plan", "proposal")
                and self.active.compat == "document"
            ):  # "the statement" is no earlier proposal
                memo = self.active
            else:
                for m in reversed(self.memos):
                    if m.compat == compat and not m.position and (kind != "declaration" or m.kind == "declaration"):
                        memo = m
                        break
        if memo is None:
            proper = proper_name(tok, data)
            if party is None and not proper and not generic and kind in ("agreement", "draft"):
                party = self.negotiating_parties(start)  # "the draft treaty", "the agreement": the sides at the table
            memo = Memo(
                kind=kind,
                party=party,
                name=mention_name(tok),
                start=start,
                end=end,
                generic=generic,
                numbered=numbered,
                status="agreed" if kind == "agreement" else "proposed",
                proper=proper,
                year=self._year(),
                plural=tok.tag_ in ("NNS", "NNPS"),
                role=data.kind_role.get(kind),
            )
            self.memos.append(memo)
        if numbered and not memo.numbered:
            memo.numbered = numbered
        name = mention_name(tok)
        if (
            len(name) > len(memo.name)
            and not memo.position
            and (party or numbered)
            and memo.kind != "agreement"
            or memo.name == memo.kind
            and name != memo.name
        ):
            memo.name = name  # "Russian memorandum" names it better than "memorandum"
        memo.mentions.append((start, end))
        if memo.date is None and memo.compat == "document":
            memo.date = mention_date(tok, self.article_date)
        self.active, self.active_sentence = memo, sent_i
        return memo

    def _specific(self, tok: Token) -> bool:
        """'a peace plan proposed by African leaders', 'a proposal that calls for ...': an indefinite mention
        that says whose it is or what it says is a document of the article."""
        for c in tok.children:
            if c.i < tok.i:
                continue
            if c.dep_ == "acl" and c.tag_ == "VBN" and any(a.dep_ == "agent" for a in c.children):
                return True
            if (
                c.dep_ == "relcl"
                and c.lemma_.lower() in self.data.cues.content_verbs
                and any(x.lower_ in ("that", "which") for x in c.children if x.dep_ in ("nsubj", "nsubjpass"))
            ):
                return True
        return False

    def agreement(self, party: str | None, at_char: int, sent: Span, sent_i: int, name: str | None = None) -> Memo:
        """The agreement reached by ``party`` (joint or single) in this article, created if new.

        Its date is the one its sentence gives, else that of the latest document of the article (an
        agreement reached at the meeting where the memoranda were handed over), else the article's."""
        date = day_date(self.doc, sent.start_char, sent.end_char, at_char, self.article_date)
        if date is None:
            dated = sorted(m.date for m in self.memos if m.date and m.compat == "document" and not m.position)
            date = dated[-1] if dated else None
        for m in reversed(self.memos):
            if m.kind == "agreement" and m.party == party and (date is None or m.date in (None, date)):
                if date and not m.date:
                    m.date = date
                self.active, self.active_sentence = m, sent_i
                return m
        if date is None:
            date = self.article_date
        memo = Memo(
            kind="agreement",
            party=party,
            name=name or f"{party or 'unnamed'} agreement",
            start=at_char,
            end=at_char,
            date=date,
            status="agreed",
            inferred=True,
            role=self.data.kind_role.get("agreement"),
        )
        self.memos.append(memo)
        if party and " and " in party:
            self.last_joint = party
        self.active, self.active_sentence = memo, sent_i
        return memo

    def position(self, party: str, kind: str, at: tuple[int, int], sent_i: int) -> Memo:
        """The demands (or proposals) a party states in prose, one memorandum per party and kind."""
        for m in self.memos:
            if m.kind == kind and m.party == party and m.name.endswith(("demands", "proposals", "offer")):
                return m
        label = {"demands": f"{party} demands", "proposal": f"{party} proposals"}.get(kind, f"{party} {kind}")
        memo = Memo(
            kind=kind,
            party=party,
            name=label,
            start=at[0],
            end=at[1],
            date=self.article_date,
            position=True,
            year=self._year(),
            role=self.data.kind_role.get(kind),
        )
        self.memos.append(memo)
        return memo

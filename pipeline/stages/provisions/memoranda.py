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

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...core.names import slug
from .dates import day_date
from .grammar import GROUP_PRONOUNS, PERSON_PRONOUNS, RELATIVE_PRONOUNS
from .mentions import Mention, mention_date, mention_name, proper_name
from .parties import parties_in, party_of_token
from .rules import RuleData, joint_party, split_party


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
    aliases: list[str] = field(default_factory=list)  # every name the article gives it
    revises: Memo | None = None  # the document it revises ("the revised draft drops the clause on ...")
    family: str | None = None  # of its kind, for its id (documents.yaml id_families): "plan" for a draft
    dated: bool = True  # its id carries the day it was presented (documents.yaml dated_kinds)

    @property
    def compat(self) -> str:
        """What a later mention must name to take it up: any document for a document ("the document" after "the
        plan"), else its own kind."""
        return "document" if self.role == "document" else self.kind

    def memorandum_id(self) -> str:
        """One id per document across articles (ids v2): number first, then proper name, then the day for the
        dated kinds, else party + family + year:

        - ``united-states-28-point-plan``: a numbered document, whatever the article calls it (a "28-point draft"
          is the 28-point plan: ``id_families`` in ``documents.yaml``);
        - ``ukraine-peace-formula``, ``minsk-agreements``: a proper name;
        - ``russia-memorandum-2025-06-02``: a memorandum, agreement or declaration with the day it was presented
          (``dated_kinds``);
        - ``united-states-plan-2026``, ``russia-demands-2026``: else party, family and year, so that articles of
          one year about one party's undated proposal merge, while a 2022 and a 2026 proposal stay apart."""
        party = slug(self.party) if self.party else None
        p = party or "unknown"
        family = self.family or self.kind
        if self.numbered and not self.position:
            return f"{p}-{slug(self.numbered)}-{family}"
        if self.proper and not self.position:
            return f"{p}-{slug(self.proper)}" if party else slug(self.proper)
        if self.date and self.dated and not self.position:
            return f"{p}-{self.kind}-{self.date}"
        year = (self.date or "")[:4] if self.date and not self.position else self.year or (self.date or "")[:4]
        return f"{p}-{family}" + (f"-{year}" if year else "")


POSITION_NAMES = ("demands", "proposals", "offer")  # how the names this module gives positions end ("Russia demands")


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
        heads = self.data.parties.joint_heads
        joint = set(self.data.parties.joint)
        if words & joint and (subj.lemma_.lower() in heads or subj.lower_ in joint):  # "the Parties" (lemma 'Parties')
            return self.negotiating_parties(subj.idx)
        if subj.lower_ in GROUP_PRONOUNS and self.last_joint:
            return self.last_joint
        if subj.lower_ in PERSON_PRONOUNS:
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

    def _kind_fields(self, kind: str) -> dict:
        """The role, id family and dating of a kind (documents.yaml)."""
        docs = self.data.documents
        return {
            "role": self.data.kind_role.get(kind),
            "family": docs.id_families.get(kind, kind),
            "dated": kind in docs.dated_kinds,
        }

    def settle(self) -> None:
        """At the end of the article: a numbered document without a party takes the party of the article's one
        document of the same family that has one ("China's proposal ... the 12-point peace plan")."""
        for memo in self.memos:
            if memo.party or not memo.numbered or memo.position:
                continue
            owners = {
                m.party
                for m in self.memos
                if m is not memo and m.party and not m.position and (m.family or m.kind) == (memo.family or memo.kind)
            }
            if len(owners) == 1:
                memo.party = owners.pop()

    def _year(self) -> str | None:
        return self.article_date[:4] if self.article_date and len(self.article_date) >= 4 else None

    # ------------------------------------------------------------ mentions

    def resolve_mention(self, tok: Token, kind: str, sent_i: int) -> Memo | None:
        """The memorandum a mention refers to, created if new; None for a generic mention."""
        mention = Mention.of(tok, kind, self.data)
        if not self._names_a_document(mention):
            return None
        memo = self._earlier(mention)
        if memo is not None and self._new_version(mention, memo):
            earlier, memo = memo, self._new(mention)
            memo.party, memo.revises = memo.party or earlier.party, earlier
        elif memo is None:
            memo = self._new(mention)
        self._mentioned(memo, mention)
        self.active, self.active_sentence = memo, sent_i
        return memo

    def _new_version(self, m: Mention, earlier: Memo) -> bool:
        """'the revised draft', 'the amended text' after the 28-point plan: a new version, not the plan again (a
        mention with the plan's own number or name is the plan)."""
        if m.numbered or proper_name(m.tok, self.data) or earlier.position:
            return False
        words = set(self.data.documents.revision_modifiers)
        return any(c.lower_ in words for c in m.tok.lefts)

    def _names_a_document(self, m: Mention) -> bool:
        """A mention with a party, a number, a definite or anaphoric word, a draft, or one that says whose it is
        or what it says. Not "a longer-term ceasefire agreement": not (yet) a document of the article."""
        if m.generic and not m.party and not m.numbered:
            return False
        return bool(
            m.party
            or m.numbered
            or m.definite
            or m.tok.lower_ in self.data.documents.anaphora
            or m.kind == "draft"
            and not m.generic
            or self._specific(m.tok)
        )

    def _earlier(self, m: Mention) -> Memo | None:
        """The memorandum named before that this mention takes up, if any."""
        if m.party or m.numbered:
            return self._of_party_or_number(m)
        if m.definite or m.tok.lower_ in self.data.documents.anaphora:
            return self._taken_up(m)
        return None

    def _of_party_or_number(self, m: Mention) -> Memo | None:
        """The last memorandum of the same kind with this party or number ("the Russian memorandum" again, "the
        28-point plan"); the active one without a party gets it ("the memorandum" ... "Russia's memorandum")."""
        party, numbered = m.party, m.numbered
        for memo in reversed(self.memos):
            if memo.position or memo.compat != m.compat and not (numbered and memo.numbered == numbered):
                continue
            if (
                party
                and memo.party == party
                or numbered
                and memo.numbered == numbered
                and (not party or not memo.party or memo.party == party)
            ):
                return memo
            if party and memo.party is None and memo is self.active and m.definite:
                memo.party = party
                return memo
        if numbered and not party and m.compat == "document":
            # "the 12-point document" after "the Chinese plan": the last document named, if it has no number yet
            last = next((memo for memo in reversed(self.memos) if memo.compat == m.compat and not memo.position), None)
            if last is not None and last.party and not last.numbered:
                return last
        return None

    def _taken_up(self, m: Mention) -> Memo | None:
        """'the document', 'the draft', 'it': the document named just before; "the statement" only an earlier
        statement, never an earlier proposal."""
        kind, compat, active = m.kind, m.compat, self.active
        same = active is not None and (active.kind == kind or kind != "declaration" and active.kind != "declaration")
        if same and (
            active.compat == compat
            or kind in ("draft", "memorandum", "plan", "proposal")
            and active.compat == "document"
        ):
            return active
        for memo in reversed(self.memos):
            if memo.compat == compat and not memo.position and (kind != "declaration" or memo.kind == "declaration"):
                return memo
        return None

    def _new(self, m: Mention) -> Memo:
        """A memorandum first named by this mention; a draft or agreement without a party ("the draft treaty",
        "the agreement") is the sides' at the table."""
        tok, kind, party = m.tok, m.kind, m.party
        proper = proper_name(tok, self.data)
        if party is None and not proper and not m.generic and kind in ("agreement", "draft"):
            party = self.negotiating_parties(m.start)
        memo = Memo(
            kind=kind,
            party=party,
            name=mention_name(tok),
            start=m.start,
            end=m.end,
            generic=m.generic,
            numbered=m.numbered,
            status="agreed" if kind == "agreement" else "proposed",
            proper=proper,
            year=self._year(),
            plural=tok.tag_ in ("NNS", "NNPS"),
            **self._kind_fields(kind),
        )
        self.memos.append(memo)
        return memo

    def _mentioned(self, memo: Memo, m: Mention) -> None:
        """What a mention adds to its memorandum: a number, a better name, its offsets, the day presented."""
        if m.numbered and not memo.numbered:
            memo.numbered = m.numbered
        name = mention_name(m.tok)
        if (
            len(name) > len(memo.name)
            and not memo.position
            and (m.party or m.numbered)
            and memo.kind != "agreement"
            or memo.name == memo.kind
            and name != memo.name
        ):
            memo.name = name  # "Russian memorandum" names it better than "memorandum"
        memo.mentions.append((m.start, m.end))
        own = proper_name(m.tok, self.data)
        if name not in memo.aliases and (own is None or memo.proper is None or own == memo.proper):
            memo.aliases.append(name)  # not "the Minsk agreements" taken up by another document's mention
        if memo.date is None and memo.compat == "document":
            memo.date = mention_date(m.tok, self.article_date)

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
                and any(x.lower_ in RELATIVE_PRONOUNS for x in c.children if x.dep_ in ("nsubj", "nsubjpass"))
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
            **self._kind_fields("agreement"),
        )
        self.memos.append(memo)
        if party and " and " in party:
            self.last_joint = party
        self.active, self.active_sentence = memo, sent_i
        return memo

    def position(self, party: str, kind: str, at: tuple[int, int], sent_i: int) -> Memo:
        """The demands (or proposals) a party states in prose, one memorandum per party and kind."""
        for m in self.memos:
            if m.kind == kind and m.party == party and m.name.endswith(POSITION_NAMES):
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
            **self._kind_fields(kind),
        )
        self.memos.append(memo)
        return memo

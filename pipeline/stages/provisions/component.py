"""Provisions: memoranda, plans and agreements, and their clauses.

The component ``provision_finder`` reads an article sentence by sentence. A PhraseMatcher over the
document words and cue verbs of ``data/provisions/`` skips, at almost no cost, the sentences that
cannot hold a provision. In the others it finds *frames*: a place where an article reports what a
document or a party puts on the table, and where its content starts.

- content verbs: "the first section calls for X", "the memorandum demands that S", "the draft also
  proposes that S", "Russia is demanding that S", "Ukraine had asked Russia to S";
- agreements: "the two sides agreed to X", "Putin agreed to S", "reached an agreement to S";
- refusals: "Russia rejected X";
- lists: "the memorandum had four provisions: 1) ...; 2) ...", an introduction ending in a colon
  followed by bullet lines, "One point is explicit: ...";
- statements under a document: "Under the plan, Ukraine would cut its army to 600,000", "the plan
  would cap ...", and a document's complement "a U.S. proposal to turn the Donbas into ...".

The content of each frame is cut into atomic provisions by :mod:`pipeline.segment`; each provision
gets its memorandum (:mod:`pipeline.memoranda`), category (first trigger of
``categories.yaml``), actor, modality, conditions, deadline (from the dates stage) and status (the
memorandum's, overridden by cues). Results go to ``doc.spans["memoranda"]`` and
``doc.spans["provisions"]`` with the record fields in ``span._.memorandum`` / ``span._.provision``;
:func:`extract_provisions` turns them into records.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ...core import extensions  # noqa: F401  (Span._.memorandum, Span._.provision)
from ...core.docs import doc_text, in_boilerplate
from ...core.guard import GuardedComponent
from .memoranda import ArticleMemoranda, Memo, mention_head, parties_in, party_of_token, timex_values
from .rules import RuleData, inflections, rule_data, split_party
from .segment import BULLET_LINE, Segment, content_end, marker_label, phrase_tokens, segment_content

log = logging.getLogger("pipeline")

Status = Literal["proposed", "agreed", "rejected", "implemented"]
Modality = Literal["demand", "offer", "commitment", "condition"]

# ---------------------------------------------------------------- matching


@dataclass
class Frame:
    """Where content starts and ends, whose it is, and how to read it."""

    memo: Memo
    start: int  # first content token
    end: int  # token after the content
    kind: str  # content, agreement, refusal, list, bullet, modal, complement
    modality: str | None
    status: str
    cue: Token | None = None
    section: str | None = None
    item: str | None = None
    need_trigger: bool = True  # prose frames keep only provisions with a category trigger
    tail_start: int | None = None
    si: int = -1  # index of its sentence


class ProvisionFinder(GuardedComponent):
    """The spaCy component: memoranda and provisions of one article (see the module docstring)."""

    stage, component = "provisions", "provision_finder"

    def __init__(self, nlp: Language, data_path: str | None = None):
        self.data: RuleData = rule_data(data_path)
        self.trigger = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.categories = PhraseMatcher(nlp.vocab, attr="LOWER")
        d, c = self.data.documents, self.data.cues
        doc_words = list(self.data.doc_kind) + list(self.data.part_kind) + ["document", "text", "paper"]
        # only words that can open a frame on their own; document-only verbs ("includes", "says") need a
        # document in the sentence or one named just before, checked per sentence
        verbs = (
            set(c.party_verbs)
            | set(c.agreement_verbs)
            | set(c.refusal_verbs)
            | set(c.party_object_verbs)
            | set(c.party_goal_verbs)
            | set(c.truce_verbs)
            | set(c.condition_verbs)
            | {"call"}
        )
        verbs = {v.split()[0] for v in verbs}  # "rule out": its verb
        words = {f for w in doc_words for f in self._forms(w)} | {f for v in verbs for f in self._forms(v)}
        words |= {f for w in c.position_nouns for f in self._forms(w)}
        words |= {
            "agreed",
            "sought",
            "wanted",
            "drew",
            "laid",
            "put",
            "set",
            "signed",
            "reached",
            "struck",
            "under",
            ":",
        }
        self.trigger.add("TRIGGER", [nlp.make_doc(w) for w in sorted(words)])
        for label, cat in self.data.categories.categories.items():
            for strength, phrases in (("strong", cat.strong), ("weak", cat.weak)):
                pats = [nlp.make_doc(f) for p in phrases for f in self._forms(p)]
                if pats:
                    self.categories.add(f"{label}|{strength}", pats)
        self.cat_ids = {
            nlp.vocab.strings[f"{lab}|{s}"]: (lab, s)
            for lab in self.data.categories.categories
            for s in ("strong", "weak")
        }
        self.under = phrase_tokens(c.under_phrases)
        self.exchange = phrase_tokens(c.exchange_phrases)
        self.self_deciding = set(self.data.parties.self_deciding)
        self._nouns_only = set(self.data.categories.nouns_only)
        self.cond_markers = sorted(phrase_tokens(c.condition_markers), key=len, reverse=True)
        self._putting_verbs = set(d.presenting_verbs) | set(c.party_verbs) | set(c.putting_verbs)
        self._refusals = set(c.refusal_verbs)
        self._phrasal_refusals = {tuple(v.split()) for v in c.refusal_verbs if len(v.split()) == 2}

    @staticmethod
    def _forms(phrase: str) -> set[str]:
        words = phrase.split()
        if not words:
            return set()
        return {" ".join(words[:-1] + [f]) for f in inflections(words[-1])}

    def process(self, doc: Doc) -> Doc:
        doc.spans["memoranda"], doc.spans["provisions"] = self.find(doc)
        return doc

    def fallback(self, doc: Doc) -> None:
        doc.spans["memoranda"], doc.spans["provisions"] = [], []

    # ------------------------------------------------------------ the article

    def find(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        if not len(doc) or not doc.has_annotation("DEP"):
            return [], []
        hits = {s for _, s, _ in self.trigger(doc)}
        if not hits:
            return [], []
        state = ArticleMemoranda(doc, self.data)
        self._text = doc_text(doc)  # Doc.text is rebuilt on every access: the cached copy
        self._mention_memo: dict[int, Memo] = {}
        found: list[tuple[Segment, Frame]] = []
        bullets: dict | None = None  # the open bullet list: {"memo", "status", "modality", "need_trigger"}
        sents = list(doc.sents)
        si = -1  # index of the sentence among the article's prose sentences: "the sentence before" skips boilerplate
        for sent in sents:
            if in_boilerplate(doc, sent.start_char, sent.end_char) or self._stray_line(sent):
                continue
            si += 1
            is_bullet, b_item, b_skip = self._bullet(doc, sent)
            if bullets is not None and not is_bullet and self._starts_line(doc, sent):
                bullets = None
            recent = state.active is not None and state.active_sentence >= si - 2
            has_trigger = (recent or any(sent.start <= i < sent.end for i in hits)) and not self._headline(sent)
            frames: list[Frame] = []
            if has_trigger:
                frames = self.frames(doc, sent, si, state)
            if is_bullet and bullets is not None:
                if frames:
                    if frames[0].kind == "agreement" and bullets.get("memo") is None:
                        bullets["memo"] = frames[0].memo
                    for f in frames:
                        f.item = f.item or b_item
                else:
                    memo = bullets.get("memo")
                    if memo is not None:
                        start = sent.start + b_skip
                        frames = [
                            Frame(
                                memo,
                                start,
                                sent.end,
                                "bullet",
                                bullets["modality"],
                                memo.status,
                                need_trigger=bullets["need_trigger"],
                                item=b_item,
                            )
                        ]
            intro = self._list_intro(doc, sent, frames, state, si)
            if intro is not None:
                bullets = intro
            if has_trigger:
                self._refusal_back(sent, si, state, found)
            for fr in frames:
                fr.si = si
                for seg in self.segments(doc, fr):
                    found.append((seg, fr))
        return self._spans(doc, state, found)

    def _refusal_back(self, sent: Span, si: int, state: ArticleMemoranda, found: list[tuple[Segment, "Frame"]]) -> None:
        """'Kyiv has firmly rejected this condition', 'Ukraine has repeatedly rejected any such land concessions':
        a refusal of something named just before rejects the other party's provisions of the last two sentences."""
        refusal = self._refusals
        for verb in sent:
            phrasal = any(
                c.dep_ == "prt" and (verb.lemma_.lower(), c.lower_) in self._phrasal_refusals for c in verb.children
            )
            if (
                not (verb.lemma_.lower() in refusal or phrasal)
                or verb.pos_ not in ("VERB", "AUX")
                or any(c.dep_ == "neg" for c in verb.children)
            ):
                continue
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i != verb.i), None)
            if obj is None:
                continue
            back = obj.pos_ == "PRON" or any(c.lower_ in ("this", "these", "those", "that", "such") for c in obj.lefts)
            named = self._mention_memo.get(obj.i)
            if named is not None and not named.generic:
                for _, fr in found:  # "Zelenskiy had also rejected the plan": its clauses read just before
                    if fr.si >= si - 2 and fr.memo is named and named.kind != "agreement":
                        fr.status = "rejected"
                continue
            subj = (
                self._subject(verb)
                if obj.dep_ == "dobj"
                else next((c for c in verb.children if c.dep_ == "agent"), None)
            )
            refuser = state.subject_party(subj) if subj is not None else None
            if not refuser:
                continue
            # not "this condition": the refused thing restated ("ruled out a withdrawal from the Donbas") rejects the
            # other side's provision of the same strong category read just before, when that frame gave one provision
            labels = set() if back else self._strong_labels(sent.doc[obj.left_edge.i : obj.right_edge.i + 1])
            if not back and not labels:
                continue
            for seg, fr in found:
                if (
                    fr.si < si - 2
                    or not fr.memo.party
                    or fr.memo.kind == "agreement"
                    or refuser in split_party(fr.memo.party)
                ):
                    continue
                if (
                    back
                    or sum(f is fr for _, f in found) == 1
                    and labels & self._strong_labels(sent.doc[seg.start : seg.end])
                ):
                    fr.status = "rejected"

    @staticmethod
    def _stray_line(sent: Span) -> bool:
        """'Advertisement', 'Read more' on a line of its own between two paragraphs: not a sentence of the text."""
        words = [t for t in sent if not (t.is_space or t.is_punct)]
        return (
            len(words) <= 2
            and not any(t.text in (".", "!", "?") for t in sent)
            and "\n" in sent.text_with_ws[-2:] + (sent.doc[sent.start - 1].text if sent.start > 0 else "\n")
        )

    # ------------------------------------------------------------ lines and bullets

    def _starts_line(self, doc: Doc, sent: Span) -> bool:
        text = self._text
        return (
            sent.start_char == 0
            or "\n" in text[max(0, sent.start_char - 3) : sent.start_char]
            or text[max(0, sent.start_char - 200) : sent.start_char].rstrip(" \t").endswith("\n")
        )

    def _bullet(self, doc: Doc, sent: Span) -> tuple[bool, str | None, int]:
        """Is the sentence a bullet line? Its number, and how many tokens the marker takes."""
        text = self._text
        line_start = text.rfind("\n", 0, sent.start_char) + 1
        if text[line_start : sent.start_char].strip():
            return False, None, 0
        if not BULLET_LINE.match(text[line_start : line_start + 12]):
            return False, None, 0
        label, skip = marker_label(doc, sent.start, sent.end)
        return True, label, skip

    def _list_intro(self, doc: Doc, sent: Span, frames: list[Frame], state: ArticleMemoranda, si: int) -> dict | None:
        """An introduction ending in a colon opens a list whose bullets are provisions of its memorandum."""
        if not self._text[sent.start_char : sent.end_char].rstrip().endswith(":"):
            return None
        memo = None
        for f in frames:
            if f.kind in ("agreement", "list", "content"):
                memo = f.memo
                break
        if memo is None or memo.kind != "agreement":
            # "the points on which both delegations agreed:": the list is what the parties agreed
            for tok in sent:
                if (
                    tok.lemma_.lower() in ("agree", "commit", "sign")
                    and tok.pos_ in ("VERB", "AUX")
                    and not any(c.dep_ == "neg" for c in tok.children)
                ):
                    subj = self._subject(tok)
                    party = state.subject_party(subj) if subj is not None else None
                    if party and party not in self.self_deciding:
                        memo = state.agreement(party, tok.idx, sent, si)
                        if memo.start == memo.end:
                            memo.start, memo.end = tok.idx, tok.idx + len(tok)
                        break
        if memo is None and state.active is not None and state.active_sentence == si:
            memo = state.active
        if memo is not None and not memo.party:
            memo = None
        return {
            "memo": memo,
            "status": memo.status if memo else "agreed",
            "modality": "commitment" if memo is None or memo.kind == "agreement" else "demand",
            "need_trigger": False,
        }

    # ------------------------------------------------------------ frames of one sentence

    def frames(self, doc: Doc, sent: Span, si: int, state: ArticleMemoranda) -> list[Frame]:
        data = self.data
        out: list[Frame] = []
        self._prev_active = (state.active, state.active_sentence)
        # document mentions first: they set the memorandum the sentence talks about
        mentions: dict[int, Memo] = {}
        for tok in sent:
            kind = mention_head(tok, data)
            if kind and not self._inside_quote_of_other(tok):
                memo = state.resolve_mention(tok, kind, si)
                if memo is not None:
                    mentions[tok.i] = memo
        active, active_si = self._prev_active
        if active is not None and active_si >= si - 3 and not active.position:
            for tok in sent:
                if (
                    tok.i not in mentions
                    and tok.lemma_.lower() in ("document", "text", "paper")
                    and tok.pos_ == "NOUN"
                    and any(c.lower_ in ("the", "this") for c in tok.lefts)
                ):
                    mentions[tok.i] = active  # "The document also opposes ...": the document named just before
        self._mention_memo.update(mentions)
        colon = self._colon_frame(doc, sent, si, state, mentions)
        if colon is not None:
            out.append(colon)
        for tok in sent:
            lemma = tok.lemma_.lower()
            if self._noun_tagged_verb(tok, mentions):
                lemma = tok.lower_[:-1]  # "Russia's memorandum demands that": a verb the tagger read as a noun
            elif tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
                continue
            if lemma in data.cues.agreement_verbs:
                fr = self._agreement_frame(doc, tok, sent, si, state)
            elif lemma in data.cues.refusal_verbs:
                fr = self._refusal_frame(doc, tok, sent, si, state, mentions)
                if fr is None and lemma in data.cues.content_verbs:
                    fr = self._content_frame(
                        doc, tok, sent, si, state, mentions
                    )  # "the document opposes the use of ..."
            elif lemma in data.cues.condition_verbs:
                out.extend(self._condition_frames(doc, tok, sent, si, state))
                fr = None
            elif lemma in data.cues.truce_verbs:
                fr = self._announced_truce(doc, tok, sent, si, state)
                if fr is None and lemma in data.cues.content_verbs:
                    fr = self._content_frame(doc, tok, sent, si, state, mentions)
            elif lemma in data.cues.content_verbs:
                fr = self._content_frame(doc, tok, sent, si, state, mentions)
            else:
                fr = None
            if fr is not None:
                out.append(fr)
        if not out:
            fr = self._modal_frame(doc, sent, si, state, mentions)
            if fr is not None:
                out.append(fr)
                lead = self._lead_exchange(doc, sent, fr)
                if lead is not None:
                    out.insert(0, lead)
        for tok_i, memo in mentions.items():
            fr = self._complement_frame(doc, doc[tok_i], memo, sent) or self._relative_frame(
                doc, doc[tok_i], memo, sent
            )
            if fr is not None:
                head = doc[tok_i].head
                if doc[tok_i].dep_ == "dobj" and head.lemma_.lower() in data.cues.refusal_verbs:
                    fr.status = "rejected"  # "Medvedev rejected proposals ... to station troops"
                out.append(fr)
        if not out:
            out.extend(self._position_for_frames(doc, sent, si, state, mentions))
        if not out:
            out.extend(self._part_for_frames(doc, sent, si, state, mentions))
        for fr in out:  # "Putin rejected a peace plan ... that called for X": X is rejected
            if fr.kind != "agreement" and any(
                m is fr.memo
                and doc[i].dep_ == "dobj"
                and doc[i].head.lemma_.lower() in data.cues.refusal_verbs
                and not any(c.dep_ == "neg" for c in doc[i].head.children)
                for i, m in mentions.items()
            ):
                fr.status = "rejected"
        out = self._bound(out)
        if out:  # the memorandum the sentence is about, not one named inside its content, is the one "it" means next
            state.active, state.active_sentence = out[-1].memo, si
        return self._tail_status(doc, sent, out)

    @staticmethod
    def _bound(frames: list[Frame]) -> list[Frame]:
        """'the second section proposed X, and the third section outlined Y': X ends where the next
        frame's clause starts."""
        frames = sorted(frames, key=lambda f: f.start)
        for a, b in zip(frames, frames[1:]):
            if b.cue is None or b.kind == "complement":
                continue
            left = b.cue.i
            subj = next((c for c in b.cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.i < b.cue.i:
                left = subj.left_edge.i
            if a.start < left < a.end:
                a.end = left
        return frames

    @staticmethod
    def _headline(sent: Span) -> bool:
        """A title-case line ('Kyiv and Moscow Agreed to Brief Leaders'): the parser reads it badly and the
        body says the same in prose."""
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        return len(words) >= 4 and sum(t.is_title or t.is_upper for t in words) >= 0.75 * len(words)

    def _noun_tagged_verb(self, tok: Token, mentions: dict[int, Memo]) -> bool:
        """'the memorandum demands that ...' tagged as a compound noun 'memorandum demands': the word after a
        document mention, a content verb's third person, followed by 'that' or 'for' or parsed as the
        mention's head ("Ukraine's blueprint envisages X" with 'envisages' read as a noun)."""
        if not (
            tok.tag_ == "NNS"
            and tok.i > 0
            and tok.i - 1 in mentions
            and tok.lower_[:-1] in self.data.cues.content_verbs
        ):
            return False
        prev = tok.doc[tok.i - 1]
        return (
            tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ in ("that", "for")
            or prev.head.i == tok.i
            and prev.dep_ in ("nsubj", "compound")
            and tok.dep_ == "ROOT"
        )

    @staticmethod
    def _inside_quote_of_other(tok: Token) -> bool:
        return False

    def _tail_status(self, doc: Doc, sent: Span, frames: list[Frame]) -> list[Frame]:
        """'Ukraine asked Russia to return X but the Russian side refused': the comment after the content
        decides the status of what came before it."""
        refusal = self._refusals
        for fr in frames:
            end = content_end(doc, fr.start, fr.end, self.data)
            if end < fr.end:
                tail = doc[end : fr.end]
                if any(
                    t.lemma_.lower() in refusal
                    or t.lemma_.lower() in ("accept", "agree")
                    and any(c.dep_ == "neg" or c.lower_ == "never" for c in t.children)
                    for t in tail
                ):
                    fr.status = "rejected"  # "..., a condition Kyiv says it will never accept"
        return frames

    # -- content verbs: "the first section calls for", "Russia demands that"

    def _subject(self, verb: Token) -> Token | None:
        if verb.tag_ == "NNS" and verb.i > 0 and verb.doc[verb.i - 1].dep_ == "compound":
            return verb.doc[verb.i - 1]
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return c
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            return self._subject(verb.head)
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        # the parser lost the subject ("According to the Times Kyiv demanded that ..."): a party name just before
        j = verb.i - 1
        while j >= verb.sent.start and (verb.doc[j].dep_ in ("advmod", "aux", "neg") or verb.doc[j].tag_ == "RB"):
            j -= 1
        if j >= verb.sent.start and verb.doc[j].pos_ == "PROPN" and party_of_token(verb.doc[j], self.data):
            return verb.doc[j]
        return None

    def _participle_document(self, verb: Token, mentions: dict[int, Memo]) -> Token | None:
        """'The initiative went through several drafts, calling for X', 'The proposal may be a turning point,
        allowing for X': a participle clause after a comma whose main clause has a document as subject says what
        the document contains; that subject is returned."""
        if (
            verb.tag_ != "VBG"
            or verb.dep_ != "advcl"
            or verb.head.i > verb.i
            or verb.i == 0
            or verb.doc[verb.i - 1].text != ","
        ):
            return None
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and (subj.i in mentions or any(t.i in mentions for t in subj.subtree if t.i <= subj.i)):
            return subj
        return None

    @staticmethod
    def _opposed_to(verb: Token) -> bool:
        """'The paper was opposed to any first use of chemical arms': 'be opposed to' is the stance 'oppose'."""
        return (
            verb.lemma_.lower() == "oppose"
            and verb.i + 1 < len(verb.doc)
            and verb.doc[verb.i + 1].lower_ == "to"
            and any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in verb.children)
        )

    def _said_by_document(self, verb: Token, mentions: dict[int, Memo]) -> bool:
        """Is a document (or a part of one, or 'it') the subject of this verb?"""
        subj = self._subject(verb)
        return subj is not None and (
            subj.i in mentions
            or subj.lemma_.lower() in self.data.part_kind
            or subj.lower_ in ("it", "which")
            or any(t.i in mentions for t in subj.subtree)
        )

    def _as_content(self, verb: Token) -> tuple[int, int] | None:
        """', as Moscow has demanded,': the demand is the phrase just before the comma (tokens [start, end))."""
        doc = verb.doc
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i), None)
        if (
            mark is None
            or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
            or mark.i < 2
            or doc[mark.i - 1].text != ","
        ):
            return None
        if verb.dep_ == "advcl" and verb.head.i < mark.i and verb.head.left_edge.i < mark.i - 1:
            return verb.head.left_edge.i, mark.i - 1  # "Handing over the region, as Moscow has demanded, ..."
        node = doc[mark.i - 2]
        while node.head.i != node.i and node.head.right_edge.i < mark.i - 1 and node.head.i != verb.i:
            node = node.head
        if node.right_edge.i != mark.i - 2 or node.left_edge.i >= node.right_edge.i:
            return None
        return node.left_edge.i, node.right_edge.i + 1

    def _object_then_to(self, verb: Token) -> bool:
        """'pressing Ukraine to withdraw', 'fighting for Ukraine to give up': a party as object, then a
        to-infinitive."""
        doc = verb.doc
        for c in verb.children:
            if c.i < verb.i:
                continue
            if (
                c.dep_ in ("advcl", "xcomp", "ccomp")
                and any(x.lower_ == "for" and x.dep_ == "mark" for x in c.children)
                and any(x.lower_ == "to" for x in c.children)
                and any(x.dep_ == "nsubj" and party_of_token(x, self.data) for x in c.children)
            ):
                return True  # "fighting for Ukraine to give up ..." parsed as a clause
            if (
                c.dep_ in ("ccomp", "xcomp")
                and any(x.lower_ == "to" and x.dep_ == "aux" for x in c.children)
                and any(x.dep_ == "nsubj" and party_of_token(x, self.data) for x in c.children)
            ):
                return True  # "wants Ukraine to recognise ..." parsed with Ukraine as the clause subject
            obj = (
                c
                if c.dep_ == "dobj"
                else next((x for x in c.children if x.dep_ == "pobj"), None)
                if c.dep_ == "prep" and c.lower_ in ("for", "on")
                else None
            )
            if obj is None or not party_of_token(obj, self.data):
                continue
            nxt = obj.right_edge.i + 1 if obj.right_edge.i > obj.i else obj.i + 1
            if (
                nxt < len(doc)
                and doc[nxt].lower_ == "to"
                or any(x.dep_ in ("xcomp", "ccomp") and x.i > obj.i for x in verb.children)
                or any(x.lower_ == "to" for x in obj.subtree if x.i > obj.i)
            ):
                return True
        return False

    def _tied_to_talks(self, verb: Token) -> bool:
        """'seeking full control of the region as part of any settlement': the goal is a term of the talks."""
        words = set(self.data.cues.negotiation_words)
        return any(t.lower_ in words or t.lemma_.lower() in words for t in verb.subtree if t.i > verb.i)

    def _position_owner(self, noun: Token, state: ArticleMemoranda) -> str | None:
        """The party whose demands or conditions a noun names: "Russia's demands", "its minimum demands"
        (its = the subject of the verb the noun depends on), also through "which" of a relative clause."""
        if noun.lower_ in ("which", "that") and noun.head.dep_ == "relcl":
            noun = noun.head.head
        if (
            noun.lemma_.lower() not in self.data.cues.position_nouns
            and noun.lower_ not in self.data.cues.position_nouns
        ):
            return None
        for c in noun.children:
            if c.dep_ != "poss":
                continue
            p = party_of_token(c, self.data)
            if p:
                return p
            if c.pos_ == "PRON" and noun.head.pos_ in ("VERB", "AUX"):
                subj = self._subject(noun.head)
                if subj is not None and subj.lower_ in ("it", "they") and noun.head.dep_ == "conj":
                    # "Moscow remains open to talks, but it will keep its demands": it = the first clause's subject
                    subj = self._subject(noun.head.head) or subj
                return state.subject_party(subj) if subj is not None else None
        return None

    def _part_of(
        self, subj: Token, si: int, state: ArticleMemoranda, mentions: dict[int, Memo]
    ) -> tuple[Memo | None, str | None]:
        """'The second section of the Russian memorandum' -> (memorandum, '2'); 'It' -> (active, its section)."""
        data = self.data
        lemma = subj.lemma_.lower()
        active, active_si = getattr(self, "_prev_active", (state.active, state.active_sentence))
        if any(i < subj.i for i in mentions) and state.active is not None:
            active, active_si = state.active, state.active_sentence
        recent = active is not None and active_si >= si - 3
        if lemma in data.part_kind:
            label = None
            for c in subj.children:
                if c.lower_ in data.documents.ordinals:
                    label = data.documents.ordinals[c.lower_]
                elif c.dep_ == "nummod" and c.like_num:
                    label = c.text
            memo = None
            for t in subj.subtree:
                if t.i in mentions:
                    memo = mentions[t.i]
            if memo is None and recent:
                memo = active
            if memo is not None and data.part_kind[lemma] == "section":
                memo.section = label
            return memo, (label if data.part_kind[lemma] == "section" else None)
        if subj.i in mentions:
            memo = mentions[subj.i]
            if subj.lower_ in ("memorandum", "document", "draft", "plan", "text") and memo is active:
                memo.section = None
            return memo, None
        if subj.lower_ in ("which", "that") or subj.tag_ in ("WDT", "WP"):
            head = subj.head.head if subj.head.dep_ == "relcl" else None
            if head is not None and head.i in mentions:
                return mentions[head.i], None
            # "a plan proposed by leaders from seven countries that called for ...": the clause hung on the
            # last noun of the mention's own phrase
            for _ in range(5):
                if head is None or head.dep_ not in ("pobj", "prep", "agent", "acl", "compound"):
                    break
                head = head.head
                if head.i in mentions:
                    return mentions[head.i], None
            return None, None  # "a region that includes ...": the antecedent is no document
        if subj.lower_ in ("it", "this") and recent:
            return active, active.section if active else None
        return None, None

    def _content_start(self, verb: Token, end: int) -> int:
        """First token of a content verb's complement: its clause ('demanded in a speech that S' -> S), the object
        of 'for'/'on' ('calls for X'), its object ('proposed X'), after an object party + 'to' ('asked Russia to S')."""
        doc = verb.doc
        right = [c for c in verb.children if c.i > verb.i]
        clause = [c for c in right if c.dep_ in ("xcomp", "ccomp")]
        dobj = [c for c in right if c.dep_ == "dobj"]
        nxt = doc[verb.i + 1] if verb.i + 1 < end else None
        if nxt is not None and nxt.lower_ == "for" and nxt.head.i == verb.i and nxt.dep_ in ("prep", "prt"):
            i = (
                verb.i + 2
            )  # "calling for a ceasefire, an exchange of ...": the parser may take a later item for the object
        elif dobj and clause and party_of_token(dobj[0], self.data) and clause[0].i > dobj[0].i:
            i = dobj[0].right_edge.i + 1
        elif clause and not dobj:
            i = clause[0].left_edge.i
        elif dobj:
            i = dobj[0].left_edge.i
        else:
            preps = [
                c
                for c in right
                if c.dep_ in ("prep", "prt", "mark") and c.lower_ in ("for", "on", "upon", "out", "forward")
            ]
            i = preps[0].i + 1 if preps else verb.i + 1
        particles = set(self.data.cues.particles) | {"to"}
        while i < end and (
            doc[i].lower_ in particles
            or doc[i].pos_ == "ADV"
            and doc[i].lower_ != "not"
            or doc[i].dep_ == "prt"
            or doc[i].lower_ in ("on", "upon")
            or doc[i].tag_ in ("RB",)
        ):
            i += 1
        return i

    def _content_frame(
        self, doc: Doc, verb: Token, sent: Span, si: int, state: ArticleMemoranda, mentions: dict[int, Memo]
    ) -> Frame | None:
        data = self.data
        lemma = verb.lower_[:-1] if self._noun_tagged_verb(verb, mentions) else verb.lemma_.lower()
        if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ == "amod":
            return None
        progressive = any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
        participle_of = self._participle_document(verb, mentions)
        if (
            verb.tag_ == "VBG"
            and not progressive
            and not (verb.dep_ == "acl" and verb.head.i in mentions)
            and participle_of is None
            or verb.lower_ == "including"
        ):
            return None  # "..., including X": a sub-list, not a verb of content
        if (
            verb.tag_ == "VBN"
            and (verb.dep_ == "acl" or any(c.dep_ == "auxpass" for c in verb.children))
            and not self._opposed_to(verb)
        ):
            return None  # "the memorandum put forward by the other side": passive
        if lemma == "call" and not any(
            c.lower_ in ("for", "on") for c in verb.children if c.i == verb.i + 1 or c.dep_ in ("prep", "prt", "mark")
        ):
            if not (verb.i + 1 < sent.end and doc[verb.i + 1].lower_ in ("for", "on")):
                return None
        if lemma in ("set", "lay", "put") and not (
            verb.i + 1 < sent.end and doc[verb.i + 1].lower_ in ("out", "forward")
        ):
            return None
        if lemma == "provide" and not (verb.i + 1 < sent.end and doc[verb.i + 1].lower_ == "for"):
            return None
        subj = participle_of if participle_of is not None else self._subject(verb)
        if subj is None:
            # "a memorandum demanding that ...": the participle modifies the document
            if verb.dep_ in ("acl",) and verb.head.i in mentions:
                subj = verb.head
            else:
                return None
        memo, section = self._part_of(subj, si, state, mentions)
        if subj.i in mentions:
            memo = mentions[subj.i]
        elif (
            subj.lemma_.lower() not in data.part_kind
            and subj.pos_ != "PRON"
            and any(t.i in mentions and t.i < verb.i for t in subj.subtree)
        ):
            memo = next(mentions[t.i] for t in subj.subtree if t.i in mentions and t.i < verb.i)
        frame_kind = "content"
        need_trigger = True
        if memo is None:
            owner = self._position_owner(subj, state) if lemma in ("include", "contain") else None
            if owner:
                party = owner  # "its minimum demands, which include X", "Russia's conditions include X"
            elif (
                lemma in data.cues.party_verbs
                or lemma in data.cues.party_object_verbs
                and self._object_then_to(verb)
                or lemma in data.cues.party_goal_verbs
                and self._tied_to_talks(verb)
            ):
                party = state.subject_party(subj)
            else:
                return None
            if not party or subj.lower_ in ("we", "i", "you") or party in self.self_deciding:
                return None  # an alliance's own calls ("NATO calls on Russia to ...") are no position at a table
            if verb.dep_ == "relcl" and not any(
                c.dep_ in ("dobj", "ccomp", "xcomp") or c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on")
                for c in verb.children
            ):
                # "the sacrifices the Kremlin is demanding of them": the demand is the noun before, not what follows
                return None
            clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
            if (
                clause is not None
                and clause.tag_ == "VBD"
                or clause is not None
                and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in clause.children)
            ):
                return None  # "Minsk insisted that Belarus was a peaceful nation": an assertion, not a demand
            kind = "demands" if data.cues.content_verbs.get(lemma) == "demand" else "proposal"
            memo = state.position(party, kind, (subj.idx, subj.idx + len(subj)), si)
            frame_kind = "position"
        elif not (memo.party or memo.numbered or memo.proper):
            return None  # "It said ..." of an unnamed statement: whose clauses, is not known
        elif lemma in ("say", "state", "read", "mention") and memo.kind not in DOC_SPEAKING:
            return None
        elif (
            lemma in ("say", "state", "read", "mention")
            and subj.pos_ == "PRON"
            and getattr(self, "_prev_active", (None, -10))[1] < si - 1
        ):
            return None  # "It said ...": a document only when it was named in the sentence before
        status = memo.status
        before = self._as_content(verb)
        if before is not None:  # "ceding the rest of the region, as Moscow has demanded, would not be accepted"
            head = doc[before[0] : before[1]].root
            if head.head.lemma_.lower() in ("accept", "agree") and any(
                c.dep_ == "neg" or c.lower_ == "never" for c in head.head.children
            ):
                status = "rejected"
            return Frame(
                memo,
                before[0],
                before[1],
                frame_kind,
                data.cues.content_verbs.get(lemma, "demand"),
                status,
                cue=verb,
                section=section,
                need_trigger="strong" if frame_kind == "position" else need_trigger,
            )
        start = self._content_start(verb, sent.end)
        if start >= sent.end - 1:
            return None
        first = doc[start]
        if first.tag_ == "VBG" and first.lemma_.lower() in set(data.documents.presenting_verbs) | set(
            data.cues.content_verbs
        ):
            return None  # "would include outlining a range of provisions": a description, not the content
        status = memo.status
        modality = data.cues.content_verbs.get(lemma, "demand")
        if memo.kind == "agreement":
            modality = "commitment"
        return Frame(
            memo,
            start,
            sent.end,
            frame_kind,
            modality,
            status,
            cue=verb,
            section=section,
            need_trigger="strong" if frame_kind == "position" else need_trigger,
        )

    # -- agreements: "the two sides agreed to ...", "reached an agreement to ..."

    def _agreement_frame(self, doc: Doc, verb: Token, sent: Span, si: int, state: ArticleMemoranda) -> Frame | None:
        data = self.data
        lemma = verb.lemma_.lower()
        if verb.dep_ in ("amod", "acl") or any(c.dep_ == "neg" for c in verb.children):
            return None
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "once") for c in verb.children):
            return None
        passive = self._passive_agreement(doc, verb, sent, si, state)
        if passive is not None:
            return passive
        if not self._reported(verb):
            return None  # "calls on Hamas to agree", "Ukraine would agree": not an agreement reached
        subj = self._subject(verb)
        if subj is None or subj.lower_ in ("neither", "none", "nobody", "no"):
            return None
        if any(t.lower_ in ("neither", "no") for t in subj.lefts):
            return None
        party = state.subject_party(subj)
        if not party and (subj.lemma_.lower() in data.cues.meeting_nouns or subj.lower_ in data.cues.meeting_nouns):
            party = state.negotiating_parties(verb.idx)  # "these talks resulted in an agreement to ..."
        if not party or party in self.self_deciding:
            return None  # "Allies agreed to provide ...": an alliance deciding on its own
        start = None
        if lemma in ("agree", "commit", "consent", "accept", "pledge"):
            right = [c for c in verb.children if c.i > verb.i]
            for c in right:
                if c.dep_ == "xcomp":
                    start = c.i  # the verb: "agreed on Tuesday to halt strikes" starts at "halt"
                    while (
                        start - 1 > verb.i and doc[start - 1].dep_ in ("neg", "advmod") and doc[start - 1].head.i == c.i
                    ):
                        start -= 1
                    break
                if c.dep_ == "ccomp" and any(a.tag_ == "MD" or a.lower_ == "to" for a in c.children):
                    start = c.left_edge.i
                    break
            if start is None and lemma != "accept":
                for c in right:
                    if c.dep_ == "prep" and c.lower_ in ("to", "on", "upon"):
                        pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                        if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                            continue
                        start = c.i + 1
                        break
        else:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "to") and c.i > verb.i:
                    c = next((x for x in c.children if x.dep_ == "pobj"), c)  # "resulted in an agreement to ..."
                if c.dep_ in ("dobj", "pobj") and c.i > verb.i and c.lemma_.lower() in data.cues.agreement_nouns:
                    for cc in c.children:
                        if cc.dep_ in ("acl", "relcl") and cc.i > c.i and any(x.lower_ == "to" for x in cc.lefts):
                            start = cc.left_edge.i
                        elif cc.dep_ == "prep" and cc.lower_ in ("on", "to") and cc.i > c.i:
                            start = cc.i + 1
                    break
        if start is None:
            return None
        while start < sent.end and doc[start].lower_ in ("to", "that", "on", "upon"):
            start += 1
        if start >= sent.end - 1:
            return None
        memo = state.agreement(party, verb.idx, sent, si)
        if memo.kind == "agreement" and memo.start == memo.end:
            memo.start, memo.end = verb.idx, verb.idx + len(verb)
        end = sent.end
        if (
            verb.dep_ not in ("ROOT", "conj")
            and verb.head.dep_ != "ROOT"
            or verb.dep_ in ("csubj", "nsubj", "pcomp", "advcl")
        ):
            end = min(
                sent.end, max(t.i for t in verb.subtree) + 1
            )  # embedded: the complement ends with the verb's phrase
        return Frame(memo, start, end, "agreement", "commitment", "agreed", cue=verb, need_trigger=True)

    def _condition_frames(self, doc: Doc, verb: Token, sent: Span, si: int, state: ArticleMemoranda) -> list[Frame]:
        """ "Kyiv conditioned any pull-back on security guarantees", "he predicated the withdrawal on a demilitarised
        zone": what a party makes its concession depend on is its demand (the "on" phrase; "on X and on Y" gives two
        contents). Passive or negated: nothing."""
        if (
            any(c.dep_ in ("neg", "auxpass") for c in verb.children)
            or verb.dep_ in ("amod", "acl")
            or verb.tag_ == "VBN"
            and not any(c.dep_ == "aux" for c in verb.children)
        ):
            return []
        prep = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i > verb.i), None
        )
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if prep is None and obj is not None:  # the parser hung "on X" on the object's last noun
            prep = next(
                (t for t in obj.subtree if t.dep_ == "prep" and t.lower_ in ("on", "upon") and t.i > obj.i), None
            )
        pobj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None:
            return []
        subj = self._subject(verb)
        party = state.subject_party(subj) if subj is not None else None
        if not party or subj.lower_ in ("we", "i", "you") or party in self.self_deciding:
            return []
        memo = state.position(party, "demands", (subj.idx, subj.idx + len(subj)), si)
        end = pobj.right_edge.i + 1
        heads = {pobj.i, prep.i} | ({obj.i} if obj is not None else set())
        if doc[end - 1].lower_ in ("and", "or"):
            end -= 1  # the parser hung "and" on the noun before it
        while end + 1 < sent.end and doc[end].lower_ in ("and", "or"):
            nxt = doc[end + 1]
            if nxt.lower_ not in ("on", "upon"):  # "on X and Y": the parser may hang Y on the object before "on"
                nxt = next(
                    (t for t in doc[end + 1 : min(sent.end, end + 6)] if t.dep_ == "conj" and t.head.i in heads), None
                )
            if nxt is None:
                break
            end = max(t.i for t in nxt.subtree) + 1  # "on X and on Y" (the parser hangs "on Y" anywhere)
        end = min(end, sent.end)
        cuts = [pobj.left_edge.i] + [
            t.i + 1
            for t in doc[pobj.right_edge.i + 1 : end]
            if t.lower_ in ("on", "upon") and doc[t.i - 1].lower_ in ("and", "or", ",")
        ]
        bounds = cuts[1:] + [end]
        return [
            Frame(
                memo,
                a,
                b - 2 if k < len(cuts) - 1 else b,
                "position",
                "condition",
                memo.status,
                cue=verb,
                need_trigger="strong",
            )
            for k, (a, b) in enumerate(zip(cuts, bounds))
        ]

    def _announced_truce(self, doc: Doc, verb: Token, sent: Span, si: int, state: ArticleMemoranda) -> Frame | None:
        """ "Armenia and Azerbaijan announced an immediate ceasefire", "the two countries declared a truce": two
        parties or more announcing a truce together have agreed to it. One party announcing one ("Russia declared
        a unilateral Easter truce") is not an agreement, and neither is a wished or denied announcement."""
        if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ in ("amod", "acl") or not self._reported(verb):
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        nouns = set(self.data.cues.truce_nouns)
        if obj is None or obj.lemma_.lower() not in nouns and obj.lower_ not in nouns:
            return None
        subj = self._subject(verb)
        party = state.subject_party(subj) if subj is not None else None
        if not party or len(split_party(party)) < 2 or party in self.self_deciding:
            return None
        memo = state.agreement(party, verb.idx, sent, si)
        if memo.kind == "agreement" and memo.start == memo.end:
            memo.start, memo.end = verb.idx, verb.idx + len(verb)
        return Frame(
            memo,
            obj.left_edge.i,
            min(obj.right_edge.i + 1, sent.end),
            "agreement",
            "commitment",
            "agreed",
            cue=verb,
            need_trigger=True,
        )

    def _passive_agreement(self, doc: Doc, verb: Token, sent: Span, si: int, state: ArticleMemoranda) -> Frame | None:
        """ "A ceasefire was agreed in October", "a prisoner exchange was agreed between Russia and Ukraine": the
        subject is the provision; the parties are those of "between X and Y", else the parties at the table.
        Only a subject with a strong category trigger ("the deal was agreed" says nothing)."""
        if verb.lemma_.lower() != "agree" or not any(c.dep_ == "auxpass" for c in verb.children):
            return None
        if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in verb.children):
            return None  # "a truce could be agreed", "a truce to be agreed": not reached
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.lower_ in ("it", "this", "that"):
            return None
        if not self._strong_trigger(doc[subj.left_edge.i : subj.right_edge.i + 1]):
            return None
        party = None
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("between", "by", "with"):
                found = parties_in(c.subtree, self.data)
                if len(found) >= 2:
                    party = " and ".join(sorted(found))
        party = party or state.negotiating_parties(verb.idx)
        if not party or party in self.self_deciding:
            return None
        memo = state.agreement(party, verb.idx, sent, si)
        if memo.kind == "agreement" and memo.start == memo.end:
            memo.start, memo.end = verb.idx, verb.idx + len(verb)
        return Frame(
            memo,
            subj.left_edge.i,
            subj.right_edge.i + 1,
            "agreement",
            "commitment",
            "agreed",
            cue=verb,
            need_trigger=True,
        )

    @staticmethod
    def _reported(verb: Token) -> bool:
        """An agreement that happened ('agreed', 'have agreed', 'did agree'), not one wished, urged or hypothetical."""
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "MD" for a in aux):
            return False
        if verb.tag_ in ("VBD", "VBZ"):
            return True
        if verb.tag_ == "VBN":
            return any(a.lemma_ == "have" for a in aux)
        if verb.tag_ == "VBP":
            return not any(a.lower_ == "to" for a in aux)
        if verb.tag_ == "VB":
            return any(a.lower_ in ("did", "do", "does") for a in aux)
        if verb.tag_ == "VBG":
            return any(c.dep_ in ("nsubj", "poss") for c in verb.children) and verb.dep_ in ("csubj", "nsubj", "pcomp")
        return False

    # -- refusals: "Russia rejected a full 30-day ceasefire"

    def _refusal_frame(
        self, doc: Doc, verb: Token, sent: Span, si: int, state: ArticleMemoranda, mentions: dict[int, Memo]
    ) -> Frame | None:
        if verb.dep_ in ("amod", "acl") or any(c.dep_ == "neg" for c in verb.children):
            return None
        dobj = [c for c in verb.children if c.dep_ in ("dobj", "xcomp") and c.i > verb.i]
        if not dobj:
            return None
        obj = dobj[0]
        if (
            obj.pos_ == "PRON"
            or obj.lemma_.lower() in self.data.cues.header_nouns
            or any(c.lower_ in ("such", "this", "these", "those", "that", "any") for c in obj.lefts)
        ):
            return None  # "rejected this condition", "any such land concessions": refers back, no new content
        # the proposer: a party named in the object ("the U.S. proposal"), else the other side of the table
        memo = next((mentions[t.i] for t in obj.subtree if t.i in mentions), None)
        if memo is not None and obj.i in mentions:
            return None  # "rejected the plan": the plan's clauses keep their status
        subj = self._subject(verb)
        refuser = state.subject_party(subj) if subj is not None else None
        if memo is None:
            table = state.negotiating_parties(verb.idx)
            others = [p for p in (table or "").replace(" and ", ", ").split(", ") if p and p != refuser]
            if not refuser or len(others) != 1:
                return None
            memo = state.position(others[0], "proposal", (verb.idx, verb.idx + len(verb)), si)
        start = obj.left_edge.i if obj.dep_ == "dobj" else obj.i
        end = obj.right_edge.i + 1
        if verb.tag_ not in ("VBD", "VBN", "VBZ") or not self._strong_trigger(doc[start:end]):
            return None
        return Frame(memo, start, end, "refusal", "offer", "rejected", cue=verb, need_trigger=True)

    def _strong_trigger(self, span: Span) -> bool:
        """A strong trigger, or two weak ones of one category ('give up parts of the Donbas')."""
        weak: dict[str, int] = {}
        for m, _, _ in self._category_matches(span):
            label, strength = self.cat_ids.get(m, ("", ""))
            if strength == "strong":
                return True
            weak[label] = weak.get(label, 0) + 1
        return any(n >= 2 for n in weak.values())

    # -- lists: "the memorandum had four provisions: 1) ...", "One point is explicit: ..."

    def _colon_frame(
        self, doc: Doc, sent: Span, si: int, state: ArticleMemoranda, mentions: dict[int, Memo]
    ) -> Frame | None:
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None:
            return None
        owned = False
        before = doc[sent.start : colon.i]
        memo = None
        for t in before:
            if t.i in mentions and not mentions[t.i].generic:
                memo = mentions[t.i]
        near = doc[max(sent.start, colon.i - 3) : colon.i]
        header = any(
            t.lemma_.lower() in self.data.cues.header_nouns or t.lemma_.lower() in self.data.part_kind for t in near
        )
        active, active_si = getattr(self, "_prev_active", (state.active, state.active_sentence))
        part = any(t.lemma_.lower() in self.data.part_kind for t in near)
        if memo is None and part and active is not None and active_si >= si - 1:
            memo = active  # "One point is explicit: ..." after the plan was named
        if memo is None:
            # "he set out his terms: Ukraine must ...": a party's own terms, demands or conditions
            owner = next(
                (
                    self._position_owner(t, state)
                    for t in reversed(near)
                    if t.lemma_.lower() in self.data.cues.position_nouns or t.lower_ in self.data.cues.position_nouns
                ),
                None,
            )
            if owner and owner not in self.self_deciding:
                memo = state.position(owner, "demands", (colon.idx, colon.idx + 1), si)
                header = owned = True
        if memo is None or not memo.party:
            return None
        if not header and not any(
            (t.lemma_.lower() in self.data.cues.content_verbs or t.lemma_.lower() in ("have", "list", "contain"))
            and self._said_by_document(t, mentions)
            for t in before
        ):
            return None  # "the fiction produced by that framework: that ...": the document says nothing here
        start = colon.i + 1
        rest = [t for t in doc[start : sent.end] if not (t.is_space or t.is_punct)]
        if len(rest) < 2:
            return None  # the list follows on the next lines
        section = None
        for t in before:
            if t.lemma_.lower() in self.data.part_kind:
                for c in t.children:
                    if c.lower_ in self.data.documents.ordinals:
                        section = self.data.documents.ordinals[c.lower_]
        modality = "commitment" if memo.kind == "agreement" else "demand"
        return Frame(
            memo, start, sent.end, "list", modality, memo.status, cue=colon, section=section, need_trigger=owned
        )

    # -- "Under the plan, Ukraine would ...", "The plan would cap ..."

    def _modal_frame(
        self, doc: Doc, sent: Span, si: int, state: ArticleMemoranda, mentions: dict[int, Memo]
    ) -> Frame | None:
        root = sent.root
        modal = [
            c
            for c in root.children
            if c.tag_ == "MD" and c.lower_ in self.data.cues.modals or c.lower_ in self.data.cues.modals
        ]
        if not modal:  # "China will (i) modify ...": the parser hung the modal on the list marker
            modal = [
                t
                for t in doc[max(sent.start, root.i - 5) : root.i]
                if t.tag_ == "MD" and t.lower_ in self.data.cues.modals
            ]
        if not modal:
            return None
        memo = None
        start = None
        for words in self.under:
            for i in range(sent.start, min(sent.end, sent.start + 6)):
                if all(i + k < sent.end and doc[i + k].lower_ == w for k, w in enumerate(words)):
                    for j in range(i, min(sent.end, i + 12)):
                        if j in mentions:
                            memo = mentions[j]
                            break
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and not self._list_marker(c)), None)
        if subj is None and modal[0].i > sent.start and party_of_token(doc[modal[0].i - 1], self.data):
            subj = doc[modal[0].i - 1]  # "The United States will (i) modify ...": the parser took "(i)" for the subject
        if subj is not None and subj.i in mentions:
            memo = mentions[subj.i]
            start = modal[0].i + 1 if modal else root.i
        elif memo is not None and subj is not None:
            start = subj.left_edge.i
        elif memo is None and subj is not None and root.lemma_ != "be":
            memo = self._continued(subj, si, state)
            if memo is not None:
                start = subj.left_edge.i  # "In return, Russia would agree to ...", "The United States will (i) ..."
        if memo is None or start is None or memo.kind in ("demands",):
            return None
        return Frame(
            memo,
            start,
            sent.end,
            "modal",
            "commitment" if memo.kind == "agreement" else "demand",
            memo.status,
            cue=modal[0] if modal else root,
            need_trigger=True,
        )

    @staticmethod
    def _list_marker(tok: Token) -> bool:
        """'i' of '(i)', 'a' of 'a)': a list marker, not a word."""
        doc = tok.doc
        return tok.i + 1 < len(doc) and doc[tok.i + 1].text == ")" and len(tok.text) <= 4 and tok.text.isalnum()

    def _continued(self, subj: Token, si: int, state: ArticleMemoranda) -> Memo | None:
        """The document a modal sentence goes on describing: one named (or continued) in the sentence before,
        with a party of it, a joint word ("the Parties"), a pronoun or a party's possession as subject
        ("The draft took shape. In return, Russia would agree to ...", "The Parties commit to the following:
        The United States will ...")."""
        active, active_si = getattr(self, "_prev_active", (state.active, state.active_sentence))
        if active is None or active_si < si - 1 or active.position or active.generic or not active.party:
            return None
        if subj.lower_ in ("it", "they"):
            return active
        party = state.subject_party(subj)
        if party is None and any(
            c.dep_ == "poss" and (c.pos_ == "PRON" or party_of_token(c, self.data)) for c in subj.children
        ):
            return active  # "its army would be capped", "Ukraine's army would be ..."
        if party and (set(split_party(party)) & set(split_party(active.party)) or active.kind != "agreement"):
            return active
        return None

    def _lead_exchange(self, doc: Doc, sent: Span, fr: Frame) -> Frame | None:
        """'In return for neutrality, it would receive guarantees': what is given in return is a provision too."""
        for words in self.exchange:
            i = sent.start
            while i < sent.end and (doc[i].is_space or doc[i].is_punct):
                i += 1
            if all(i + k < sent.end and doc[i + k].lower_ == w for k, w in enumerate(words)):
                start = i + len(words)
                comma = next((t.i for t in doc[start : fr.start] if t.text == ","), None)
                if comma is not None and comma - start >= 1:
                    return Frame(fr.memo, start, comma, "modal", fr.modality, fr.status, cue=doc[i], need_trigger=True)
        return None

    # -- "a draft deal wherein Kyiv would give up ...", "an agreement under which ..."

    def _relative_frame(self, doc: Doc, head: Token, memo: Memo, sent: Span) -> Frame | None:
        if memo.generic or not memo.party:
            return None
        for i in range(head.i + 1, min(sent.end - 2, head.i + 8)):
            low = doc[i].lower_
            if doc[i].is_punct and doc[i].text != ",":
                return None
            if low in ("wherein", "whereby"):
                start = i + 1
            elif low in ("in", "under", "by") and doc[i + 1].lower_ == "which":
                start = i + 2
            else:
                continue
            return Frame(
                memo,
                start,
                sent.end,
                "content",
                "commitment" if memo.kind == "agreement" else "demand",
                memo.status,
                cue=doc[i],
                need_trigger=True,
            )
        return None

    # -- "a U.S. proposal to turn the Donbas into ...", "an agreement to exchange ..."

    def _complement_frame(self, doc: Doc, head: Token, memo: Memo, sent: Span) -> Frame | None:
        if memo.generic or not memo.party:
            return None
        for c in head.children:
            if c.i < head.i:
                continue
            if (
                c.dep_ in ("acl", "relcl")
                and c.tag_ == "VB"
                and any(x.lower_ == "to" for x in c.lefts)
                or c.dep_ == "acl"
                and c.tag_ == "VBG"
                and c.i == head.i + 1
                and c.lemma_.lower() not in self.data.cues.content_verbs
                and memo.kind in ("agreement", "plan", "proposal", "draft")
            ):
                start = c.i  # "a proposal to turn ...", "an agreement granting ..."
                end = self._verb_list_end(doc, c, sent)
                return Frame(
                    memo,
                    start,
                    end,
                    "complement",
                    "demand" if memo.kind != "agreement" else "commitment",
                    memo.status,
                    cue=head,
                    need_trigger=True,
                )
            if (
                c.dep_ == "prep"
                and c.lower_ == "for"
                and memo.kind in ("proposal", "plan", "demands")
                and c.i == head.i + 1
            ):
                pobj = [x for x in c.children if x.dep_ == "pobj"]
                if pobj:
                    return Frame(
                        memo,
                        pobj[0].left_edge.i,
                        pobj[0].right_edge.i + 1,
                        "complement",
                        "demand",
                        memo.status,
                        cue=head,
                        need_trigger=True,
                    )
        return None

    # -- "Russia's demand for Ukraine to hand over X", "another US demand - for Ukraine to hold elections"

    def _noun_owner(self, noun: Token, state: ArticleMemoranda) -> str | None:
        """The party of a position noun: a possessive ("Russia's demand", "its demand") or a party word
        before it in its own phrase ("the US demand", "a Russian condition")."""
        owner = self._position_owner(noun, state)
        if owner:
            return owner
        for c in noun.lefts:
            if c.dep_ in ("compound", "amod", "nmod"):
                p = party_of_token(c, self.data)
                if p:
                    return p
        return None

    @staticmethod
    def _position_that_or_list(doc: Doc, sent: Span, j: int) -> tuple[int, int] | None:
        """The content after a position noun other than "for": a clause ("its insistence that Ukraine hold
        elections") or an example list ("maximalist demands, such as X, Y and Z"). (start, end) or None."""
        w = doc[j]
        if (
            w.lower_ == "that"
            and w.dep_ == "mark"
            and w.head.i > j
            and w.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in w.head.children)
        ):
            return j + 1, max(t.i for t in w.head.subtree if t.i < sent.end) + 1
        prep = (
            doc[j + 1]
            if w.lower_ == "such" and j + 1 < sent.end and doc[j + 1].lower_ == "as"
            else w
            if w.lower_ == "including"
            else None
        )
        if prep is None:
            return None
        pobj = next((x for x in prep.children if x.dep_ == "pobj"), None)
        if pobj is None or pobj.i <= prep.i:
            return None
        return pobj.left_edge.i, min(pobj.right_edge.i + 1, sent.end)

    def _list_owner(self, noun: Token, state: ArticleMemoranda) -> str | None:
        """Whose demands a clause or list follows when the noun has no possessive party: the subject of the verb
        that puts them forward ("Putin forwarded demands such as ..."), or, for "its insistence that ..." outside a
        verb phrase, the subject of the sentence's main verb ("Moscow continues ..., reflected in its insistence")."""
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in self._putting_verbs:
            subj = self._subject(head)
            return state.subject_party(subj) if subj is not None else None
        if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children):
            root = noun.sent.root
            subj = self._subject(root) if root.pos_ in ("VERB", "AUX") else None
            return state.subject_party(subj) if subj is not None and subj.pos_ != "PRON" else None
        return None

    def _position_for_frames(
        self, doc: Doc, sent: Span, si: int, state: ArticleMemoranda, mentions: dict[int, Memo]
    ) -> list[Frame]:
        """A party's position noun followed by "for": "for Ukraine to cede X" (a clause) or "for neutrality"
        (a noun phrase). The content starts after "for"; like every position it needs a category trigger."""
        nouns = self.data.cues.position_nouns
        out: list[Frame] = []
        for noun in sent:
            if noun.pos_ not in ("NOUN", "PROPN") or (noun.lower_ not in nouns and noun.lemma_.lower() not in nouns):
                continue
            j = noun.i + 1
            while j < sent.end and j <= noun.i + 2 and doc[j].text in ("-", "–", "—", ":", ","):
                j += 1
            if j >= sent.end - 1:
                continue
            content = self._position_that_or_list(doc, sent, j) if doc[j].lower_ != "for" else None
            if doc[j].lower_ != "for" and content is None:
                continue
            owner = self._noun_owner(noun, state) or (self._list_owner(noun, state) if content else None)
            if not owner or owner in self.self_deciding:
                continue
            to = next((t for t in doc[j + 1 : min(sent.end, j + 7)] if t.lower_ == "to" and t.head.tag_ == "VB"), None)
            if content is not None:
                j, end = content[0] - 1, content[1]
            elif to is not None:
                end = max(t.i for t in to.head.subtree if t.i < sent.end) + 1
            else:
                pobj = next((x for x in doc[j].children if x.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                end = pobj.right_edge.i + 1
            if end <= j + 1:
                continue
            memo = state.position(owner, "demands", (noun.idx, noun.idx + len(noun)), si)
            status = (
                "rejected"
                if noun.dep_ in ("dobj", "nsubjpass")
                and noun.head.lemma_.lower() in self.data.cues.refusal_verbs
                and not any(c.dep_ == "neg" for c in noun.head.children)
                else memo.status
            )
            out.append(Frame(memo, j + 1, end, "position", "demand", status, cue=noun, need_trigger=True))
        return out

    def _part_for_frames(
        self, doc: Doc, sent: Span, si: int, state: ArticleMemoranda, mentions: dict[int, Memo]
    ) -> list[Frame]:
        """A document's items named with their content: "its provisions for X, alongside Y", "the plan's
        clauses on X". Each "for"/"on" phrase is one content; a phrase after a comma or "alongside",
        "including" starts the next; "for the east of Ukraine" right after one extends it."""
        items = set(self.data.documents.parts.get("item", []))
        out: list[Frame] = []
        for noun in sent:
            if noun.pos_ != "NOUN" or noun.tag_ != "NNS" or noun.lemma_.lower() not in items:
                continue
            if not any(c.dep_ == "poss" or c.lower_ in ("the", "these", "those") for c in noun.lefts):
                continue
            preps = [c for c in noun.rights if c.dep_ == "prep" and any(x.dep_ == "pobj" for x in c.children)]
            if not preps or preps[0].lower_ not in ("for", "on"):
                continue
            memo, _ = self._part_of(noun, si, state, mentions)
            if memo is None or memo.generic:
                continue
            groups: list[list[Token]] = []
            for p in preps:
                new = not groups or doc[p.i - 1].text == "," or p.lower_ in ("alongside", "including", "besides")
                if new:
                    groups.append([p])
                else:
                    groups[-1].append(p)
            nxt = max(x.right_edge.i for x in groups[-1]) + 1
            if nxt < sent.end - 1 and doc[nxt].text == ",":
                nxt += 1
            if (
                nxt < sent.end
                and doc[nxt].lower_ in ("alongside", "including", "besides")
                and doc[nxt].dep_ == "prep"
                and doc[nxt] not in preps
                and any(x.dep_ == "pobj" for x in doc[nxt].children)
            ):
                groups.append([doc[nxt]])  # the parser hung "alongside Y" on the verb
            for g in groups:
                first = (
                    g[0]
                    if g[0].lower_ not in ("for", "on", "alongside", "including", "besides")
                    else next(x for x in g[0].children if x.dep_ == "pobj")
                )
                start = first.left_edge.i
                end = max(x.right_edge.i for x in g) + 1
                out.append(
                    Frame(
                        memo,
                        start,
                        end,
                        "content",
                        "commitment" if memo.kind == "agreement" else "demand",
                        memo.status,
                        cue=noun,
                        need_trigger=True,
                    )
                )
        return out

    @staticmethod
    def _verb_list_end(doc: Doc, verb: Token, sent: Span) -> int:
        """End of 'a proposal to halt the fighting, rebuild the port, prevent X and advance Y': bare verbs after a comma
        that the parser hung elsewhere (a conjunct of the main verb) go on the list of the infinitive."""
        end = verb.right_edge.i + 1
        while (
            end + 1 < sent.end
            and doc[end].text == ","
            and doc[end + 1].tag_ in ("VB", "VBP")
            and doc[end + 1].dep_ == "conj"
            and not (verb.i <= doc[end + 1].head.i < end)
        ):
            end = max(end + 2, doc[end + 1].right_edge.i + 1)
        return end

    # ------------------------------------------------------------ segments to provisions

    def segments(self, doc: Doc, fr: Frame) -> list[Segment]:
        segs = segment_content(doc, fr.start, fr.end, self.data, item=fr.item)
        out: list[Segment] = []
        for seg in segs:
            out += self._split_topics(doc, seg)
        return out

    def _split_topics(self, doc: Doc, seg: Segment) -> list[Segment]:
        """'de-escalation and security guarantees', 'neutrality and non-nuclear status': two noun phrases
        joined by 'and' ('or' offers alternatives of one clause) whose strong triggers name different
        categories are two provisions (the parser's coordination is not trusted; the categories are)."""
        depth = 0
        for i in range(seg.start + 1, seg.end - 1):
            t = doc[i]
            depth += t.text in ("(", "[") and 1 or t.text in (")", "]") and -1 or 0
            comma = t.text == "," and doc[i + 1].lower_ not in (
                "and",
                "or",
            )  # "a ceasefire, security guarantees and ..."
            if (
                depth
                or not (t.lower_ == "and" or comma)
                or doc[i - 1].text == ","
                or doc[i + 1].pos_ in ("VERB", "AUX", "ADP")
            ):
                continue
            left, right = self._strong_labels(doc[seg.start : i]), self._strong_labels(doc[i + 1 : seg.end])
            if (
                left
                and right
                and not left & right
                and doc[i - 1].pos_ in ("NOUN", "PROPN")
                and not any(x.tag_ in self.FINITE for x in doc[i + 1 : seg.end])
                and (not comma or not any(x.pos_ in ("VERB", "AUX") and x.tag_ != "VBN" for x in doc[seg.start : i]))
            ):
                return [Segment(seg.start, i, seg.item)] + self._split_topics(doc, Segment(i + 1, seg.end, seg.item))
        return [seg]

    FINITE = ("VBZ", "VBP", "VBD", "MD")

    def _strong_labels(self, span: Span) -> set[str]:
        return {
            self.cat_ids[m][0]
            for m, _, _ in self._category_matches(span)
            if self.cat_ids.get(m, ("", ""))[1] == "strong"
        }

    def _category_matches(self, span: Span) -> list[tuple[int, int, int]]:
        """Trigger matches in a span, without a noun trigger used as a verb ('the network remains offline')."""
        nouns_only = self._nouns_only
        return [
            (m, s, e)
            for m, s, e in self.categories(span)
            if not (e - s == 1 and span.doc[s].lower_ in nouns_only and span.doc[s].pos_ in ("VERB", "AUX"))
        ]

    def category(self, span: Span) -> tuple[str | None, bool]:
        """(label, found a trigger): the first strong trigger in the provision, else the first weak one."""
        best: dict[str, tuple[int, int, str]] = {}
        for match_id, s, e in self._category_matches(span):
            label, strength = self.cat_ids.get(match_id, (None, None))
            if label is None:
                continue
            key = (s, -(e - s))
            cur = best.get(strength)
            if cur is None or key < (cur[0], cur[1]):
                best[strength] = (s, -(e - s), label)
        for strength in ("strong", "weak"):
            if strength in best:
                return best[strength][2], True
        return self.data.categories.fallback, False

    def _spans(
        self, doc: Doc, state: ArticleMemoranda, found: list[tuple[Segment, Frame]]
    ) -> tuple[list[Span], list[Span]]:
        taken: list[tuple[int, int]] = []
        seen: set[str] = set()
        prov_spans: list[Span] = []
        for seg, fr in found:
            span = self._cut_markup(doc[seg.start : seg.end])
            if span is None or not span.text.strip() or in_boilerplate(doc, span.start_char, span.end_char):
                continue
            if any(not (span.end_char <= a or span.start_char >= b) for a, b in taken):
                continue
            norm = re.sub(r"[^a-z0-9]+", " ", span.text.lower()).strip()
            if (
                norm in seen
                or len(norm) >= 20
                and any(
                    (norm in x or x in norm) and min(len(x), len(norm)) >= 0.7 * max(len(x), len(norm))
                    for x in seen
                    if len(x) >= 20
                )
            ):
                continue  # the same clause again (a subtitle repeated in the body): reported once, where first read
            if any(
                t.i in self._mention_memo
                and self._mention_memo[t.i] is not fr.memo
                and not self._mention_memo[t.i].generic
                for t in span[:4]
            ):
                continue  # "..., as well as the Minsk agreements which ...": another document, not this one's clause
            seen.add(norm)
            category, triggered = self.category(span)
            if fr.need_trigger and not triggered or fr.need_trigger == "strong" and not self._strong_trigger(span):
                continue
            if self._commercial(span, category):
                continue
            taken.append((span.start_char, span.end_char))
            fr.memo.n_provisions += 1
            span._.provision = {
                "memo": fr.memo,
                "frame": fr,
                "category": category,
                "item": seg.item or fr.item,
                **self.details(doc, span, fr, state),
            }
            prov_spans.append(span)
        memo_spans = []
        for memo in state.memos:
            if memo.n_provisions == 0 and not self._worth_listing(memo):
                continue
            span = doc.char_span(memo.start, memo.end, alignment_mode="expand") if memo.end > memo.start else None
            if span is None:
                continue
            span._.memorandum = memo
            memo_spans.append(span)
        return memo_spans, prov_spans

    def _commercial(self, span: Span, category: str) -> bool:
        """Trade is not peace: a purchase or sale named before any verb ("Purchases of U.S. aircraft") whose
        category is the economy or the fallback, or a clause that opens with a trade document or trade talks
        ("a trade deal that will ...", "a framework for an agreement on reciprocal trade")."""
        cues = self.data.cues
        economy = category in ("RECONSTRUCTION_ECONOMY", self.data.categories.fallback)
        if economy:
            for t in span:
                if t.pos_ in ("VERB", "AUX"):
                    break
                if t.lemma_.lower() in cues.commercial_nouns or t.lower_ in cues.commercial_nouns:
                    return True
        head = span[:10]
        topic = any(t.lemma_.lower() in cues.commercial_topics for t in head)
        if not topic:
            return False
        words = set(cues.negotiation_words)
        return any(mention_head(t, self.data) or t.lower_ in words for t in head) and not (
            self._strong_labels(span) - {"RECONSTRUCTION_ECONOMY", "NEGOTIATION_PROCESS", self.data.categories.fallback}
        )

    @staticmethod
    def _worth_listing(memo: Memo) -> bool:
        """A document the article names without reporting its clauses ("Russia presented a $12 trillion economic
        proposal") is still listed, with 0 provisions: a non-generic document with a proper name or a number, a
        party's memorandum, plan, proposal or draft, a dated agreement or declaration of a party. Prose positions
        and agreements inferred from a verb are listed only with provisions."""
        if memo.position or memo.generic or memo.inferred or memo.kind == "demands" or memo.end <= memo.start:
            return False
        if memo.plural and not memo.proper:
            return False  # "handed each other written proposals": the documents themselves are named elsewhere
        if memo.kind not in DOC_SPEAKING:
            return False
        if memo.proper or memo.numbered:
            return True  # "the Minsk agreements", "a 12-point plan"
        # a party's memorandum, plan, proposal or draft; an agreement or declaration only with the day it was made
        return bool(memo.party) and (memo.kind in ("memorandum", "plan", "proposal", "draft") or bool(memo.date))

    def _cut_markup(self, span: Span) -> Span | None:
        """A provision ends before a footnote or link in crawled markup ('...voting.[[xi]](https://...')."""
        text = span.text
        glued = re.search(r"\.\d{1,3}\s+[A-Z]", text)  # "... remains offline.12 Ukraine's ministry": a footnote number
        cut = min(
            (i for i in (text.find("[["), text.find("]("), text.find("http"), glued.start() if glued else -1) if i > 0),
            default=-1,
        )
        if cut < 0:
            return span
        out = span.doc.char_span(
            span.start_char, span.start_char + len(text[:cut].rstrip(" .,;:[(")), alignment_mode="contract"
        )
        return out if out is not None and len(out) else None

    # ------------------------------------------------------------ fields of a provision

    def details(self, doc: Doc, span: Span, fr: Frame, state: ArticleMemoranda | None = None) -> dict:
        """Actor, conditions, deadline and status of one provision."""
        return {
            "actor": self.actor(span, fr, state),
            "conditions": self.conditions(span),
            "deadline": self.deadline(doc, span),
            "status": self.status(span, fr),
        }

    def actor(self, span: Span, fr: Frame, state: ArticleMemoranda | None = None) -> str | None:
        """Who must act: the subject of the provision's own clause ('Ukraine withdraw ...', 'both sides will ...');
        else the parties of an agreement or commitment; else unknown."""
        for t in span:
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.i >= span.start and t.head.i < span.end:
                p = state.subject_party(t) if state is not None else party_of_token(t, self.data)
                if p:
                    return p
        if fr.memo.kind == "agreement" or fr.modality == "commitment":
            return fr.memo.party
        return None  # a demand without a subject: who acts is not said ("the return of all children")

    def conditions(self, span: Span) -> str | None:
        """The clause opened by a condition marker ('if', 'after', 'in exchange for', 'once', 'before')."""
        doc = span.doc
        for i in range(span.start + 1, span.end):
            for words in self.cond_markers:
                if all(i + k < span.end and doc[i + k].lower_ == w for k, w in enumerate(words)):
                    if (
                        i > span.start
                        and doc[i - 1].like_num
                        or doc[i - 1].lower_ in ("days", "weeks", "months", "day", "week", "month")
                    ):
                        continue  # "within 30 days after ...": part of a deadline
                    if words[0] in ("after", "before", "until", "once") and not any(
                        doc[j].tag_.startswith("VB")
                        or doc[j].lemma_.lower() in ("ceasefire", "exchange", "signing", "end")
                        for j in range(i + 1, min(span.end, i + 8))
                    ):
                        continue
                    end = span.end
                    for j in range(i + len(words), span.end):
                        if doc[j].text in (",", ";"):
                            end = j
                            break
                    return doc[i:end].text
        return None

    def deadline(self, doc: Doc, span: Span) -> str | None:
        """A time limit: 'within 100 days of ending martial law' -> 'P100D after ending martial law'."""
        markers = set(self.data.cues.deadline_markers) - {"in", "for", "over", "after"}
        for at, tx in timex_values(doc, span.start_char, span.end_char):
            tok = doc.char_span(tx["start"], tx["end"], alignment_mode="expand")
            if tok is None:
                continue
            prev = doc[tok.start - 1] if tok.start > 0 else None
            if prev is None or prev.lower_ not in markers and not (prev.lower_ == "later" and tok.start > 1):
                continue
            value = tx.get("value") or _duration_value(tx.get("text", "")) or tx.get("text")
            if tx.get("anchor_text") and tx.get("anchor_start") is not None:
                rel = "before" if (tx.get("relation") or "") in ("before", "prior", "until") else "after"
                a_start, a_end = tx["anchor_start"], min(tx.get("anchor_end") or span.end_char, span.end_char)
                anchor = doc_text(doc)[a_start:a_end]
                anchor = re.split(r",|;| and that | and | but ", anchor)[0].strip()
                if anchor and span.start_char <= a_start < span.end_char:
                    return f"{value} {rel} {anchor}"
            rest = doc[tok.end : span.end]
            if prev.lower_ == "within" and len(rest) > 1 and rest[0].lower_ in ("of", "after", "from", "following"):
                anchor = rest[1:]
                cut = next((t.i for t in anchor if t.text in (",", ";")), anchor.end)
                return f"{value} after {doc[anchor.start : cut].text}"
            if prev.lower_ == "within":
                return str(value)
            return f"{prev.lower_} {value}"
        return None

    def status(self, span: Span, fr: Frame) -> str:
        """The frame's status (the memorandum's by default), overridden by a cue in the provision's own clause."""
        status = fr.status
        text = span.text.lower()
        for cue, st in self.data.status_cue.items():
            if st == "implemented" and re.search(rf"\b{re.escape(cue)}\b", text):
                return st
        return status


DOC_SPEAKING = {"memorandum", "plan", "proposal", "draft", "agreement", "declaration", "demands"}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "thirty": 30,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
}


def _duration_value(text: str) -> str | None:
    """'30 days' -> 'P30D' when the dates stage gave no value."""
    m = re.match(r"^\s*(\d+|[a-z]+)[\s-]+(day|week|month|year)s?\b", text.lower())
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS.get(m.group(1))
    if n is None:
        return None
    return f"P{n}{m.group(2)[0].upper()}"


@Language.factory("provision_finder", default_config={"data_path": None})
def make_provision_finder(nlp: Language, name: str, data_path: str | None):
    """Memoranda and provisions (rule files in ``data/provisions/`` unless ``data_path`` names another folder)."""
    return ProvisionFinder(nlp, data_path)

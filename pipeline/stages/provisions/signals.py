"""Signals of sentences and candidate provisions: what the decision layer (:mod:`.decide`) weighs.

:class:`ArticleSignals` computes once per article what every sentence and candidate reads: the parse as arrays,
the scope of every sentence (:mod:`.scope`), the category triggers, quotations and their speakers, party words,
document words, the rule frames' segments and the cue classes of ``signals.yaml`` and ``cues.yaml``. Then

- :func:`sentence_signals` names what one sentence says of itself and its neighbours: does it state what a
  document in scope provides? ("The army would be capped at 90,000." two sentences after "the plan": a deontic
  modal, a strong trigger, a document one sentence back);
- :func:`candidate_signals` names what one span says: its source and what the rule filters did, size, syntax,
  modality, quotation, layout, scope, triggers, and a few crosses of the strongest.

A signal is a ``family=value`` name, present or absent. No signal carries a word of the text: the vocabulary
is the closed classes of the rule files, so what is learnt is the genre, never an article.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span

from .arrays import TokenArrays
from .candidates import Candidate
from .parties import party_of_token
from .scope import Scope, sentence_scopes

if TYPE_CHECKING:
    from .lexicon import Lexicon, SignalWords
    from .reading import Reading
    from .spans import RuleSegment

QUOTE_CHARS = frozenset('"“”«»')
BULLET_MARKS = ("-", "*", "•", "·", "▪", "‣")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl")
FIRST_PERSON = ("we", "i")  # the speaker of a quotation: an intent, not a document's clause


def bucket(x: int, edges: tuple[int, ...]) -> str:
    """The label of the bucket holding x ('3-5'; edges are the lower bounds)."""
    for a, b in zip(edges, edges[1:]):
        if a <= x < b:
            return f"{a}-{b - 1}"
    return f"{edges[-1]}+"


LEN_EDGES = (0, 4, 7, 13, 21, 36)
BACK_EDGES = (0, 1, 2, 3, 6, 11)


@dataclass
class SentenceInfo:
    """What the sentence-level signals of one sentence and of its neighbours read."""

    start: int  # tokens
    end: int
    start_char: int
    end_char: int
    strong: int = 0
    labels: int = 0  # distinct strong labels
    strong_labels: tuple[str, ...] = ()
    weak_labels: tuple[str, ...] = ()
    deontic: int = 0
    rule: int = 0
    kept: int = 0
    mention: bool = False
    bullet: str | None = None
    line_start: bool = False
    colon_end: bool = False
    quote_line: bool = False
    under: bool = False
    root: int = 0
    cues: tuple[str, ...] = ()


class ArticleSignals:
    """Everything the sentences and candidates of one article share (see the module docstring)."""

    def __init__(self, reading: Reading, outcomes: list[RuleSegment], words: SignalWords):
        self.reading, self.words = reading, words
        doc = self.doc = reading.doc
        self.data = reading.data
        self.text = reading.text
        self.a = a = TokenArrays.of(doc)
        self.sents: list[Span] = reading.sentences
        self.tok_starts = [s.start for s in self.sents]
        self.scopes: list[Scope] = sentence_scopes(reading)
        self.outcomes = outcomes
        self.cat_hits = self._category_hits(reading.lex)
        self.hit_starts = [h[0] for h in self.cat_hits]
        self.quotes = sorted(
            (s.start_char, s.end_char, (s._.quote or {}).get("kind") or "quote", self._speaker_party(s))
            for s in doc.spans.get("quotes", [])
        )
        self.quote_starts = [q[0] for q in self.quotes]
        self._party: dict[int, str | None] = {}
        kinds = words.doc_kind
        self.doc_word = [
            a.pos[i] in ("NOUN", "PROPN") and (a.lemma[i] in kinds or a.lower[i] in kinds) for i in range(len(doc))
        ]
        self.kept_spans = sorted((rs.span.start, rs.span.end) for rs in outcomes if rs.outcome == "kept" and rs.span)
        self.n = n = len(self.sents)
        self.rule_n, self.kept_n = [0] * n, [0] * n
        for rs in outcomes:
            if 0 <= rs.frame.si < n:
                self.rule_n[rs.frame.si] += 1
                self.kept_n[rs.frame.si] += rs.outcome == "kept"
        self._info: dict[int, SentenceInfo] = {}
        deontic = {self.sentence_of(i) for i, t in enumerate(a.tag) if t == "MD" and a.lower[i] in words.deontic}
        self.a_deontic = len(deontic - {-1})
        self.a_strong = len({self.sentence_of(h[0]) for h in self.cat_hits if h[3] == "strong"} - {-1})
        self.a_kept = sum(self.kept_n)
        self.a_mentions = sum(1 for sc in self.scopes if sc.memo is not None and sc.back == 0)

    def sentence_of(self, tok: int) -> int:
        """The prose sentence holding a token (-1: none, a boilerplate line)."""
        k = bisect.bisect_right(self.tok_starts, tok) - 1
        return k if k >= 0 and tok < self.sents[k].end else -1

    def info(self, si: int) -> SentenceInfo:
        """The sentence-level signals of one sentence, read once when first asked for."""
        info = self._info.get(si)
        if info is None:
            info = self._info[si] = self._sentence_info(si, self.sents[si])
        return info

    def party(self, i: int) -> str | None:
        """The party token i names (capitalised words and entities only: "Ukrainian", "the Kremlin"), once."""
        if i not in self._party:
            t = self.doc[i]
            self._party[i] = (
                party_of_token(t, self.data) if t.ent_type_ or (t.is_title or t.is_upper) and t.is_alpha else None
            )
        return self._party[i]

    # ------------------------------------------------------------ per article

    def _category_hits(self, lex: Lexicon) -> list[tuple[int, int, str, str]]:
        """(start, end, label, strength) of every category trigger of the article, in text order."""
        cm = lex.categories
        out = []
        for m, s, e in cm.matches(self.doc[:]):
            label, strength = cm.ids.get(m, ("", ""))
            if label:
                out.append((s, e, label, strength))
        out.sort()
        return out

    def _speaker_party(self, span: Span) -> str | None:
        q = span._.quote or {}
        for key in ("speaker_canonical", "speaker"):
            if q.get(key):
                p = self.data.party_of(q[key])
                if p:
                    return p
        return None

    def _sentence_info(self, si: int, sent: Span) -> SentenceInfo:
        a, w, text = self.a, self.words, self.text
        info = SentenceInfo(sent.start, sent.end, sent.start_char, sent.end_char)
        info.rule, info.kept = self.rule_n[si], self.kept_n[si]
        lo = bisect.bisect_left(self.hit_starts, sent.start)
        labels, weak = set(), set()
        for hs, _, lab, st in self.cat_hits[lo:]:
            if hs >= sent.end:
                break
            if st == "strong":
                info.strong += 1
                labels.add(lab)
            else:
                weak.add(lab)
        info.labels = len(labels)
        info.strong_labels, info.weak_labels = tuple(sorted(labels)), tuple(sorted(weak - labels))
        cues = set()
        for i in range(sent.start, sent.end):
            low, lem = a.lower[i], a.lemma[i]
            if a.tag[i] == "MD":
                if low in w.deontic:
                    info.deontic += 1
                elif low in w.hedge:
                    cues.add("hedge")
            for name, ws in w.classes.items():
                if low in ws or lem in ws:
                    cues.add(name)
            if a.pos[i] == "VERB" and w.cue_class.get(lem) == "report":
                cues.add("report")
            if self.doc_word[i]:
                cues.add("doc")
        info.root = next((i for i in range(sent.start, sent.end) if a.head[i] == i and not a.punct[i]), sent.start)
        info.cues = tuple(sorted(cues))
        sc = self.scopes[si]
        info.mention = sc.memo is not None and sc.back == 0
        start = sent.start_char
        line_start = text.rfind("\n", 0, start) + 1
        prefix = text[line_start:start].strip()
        info.line_start = not prefix
        head3 = text[start : start + 3]
        if prefix in BULLET_MARKS or any(head3.startswith(m + " ") for m in BULLET_MARKS):
            info.bullet = "bullet"
        elif prefix.startswith(">") or head3.startswith("> "):
            info.bullet = "quote"
        elif prefix[:-1].isdigit() and prefix.endswith((".", ")")):
            info.bullet = "number"
        body = text[start : sent.end_char].strip()
        info.colon_end = body.endswith(":")
        info.quote_line = info.line_start and body[:1] in QUOTE_CHARS
        low = body[:40].lower()
        info.under = info.mention and any(low.startswith(" ".join(ws)) for ws in w.under)
        return info

    # ------------------------------------------------------------ look-ups

    def subject_kind(self, verb: int) -> str:
        """'doc' (a document word), 'party', 'joint' ("both sides"), 'first' (we, I: a speaker's own intent),
        'pron', 'other' or 'none': a verb's subject."""
        a = self.a
        for i in range(max(0, verb - 12), verb):
            if a.head[i] == verb and a.dep[i] in ("nsubj", "nsubjpass"):
                lo = max(a.left[i], i - 4)  # the subject's own phrase ("the envoy", not "Under the plan, the envoy")
                if any(self.doc_word[j] for j in range(lo, i + 1)):
                    return "doc"
                if a.lower[i] in ("it", "which"):
                    return "pron"
                if a.lower[i] in FIRST_PERSON:
                    return "first"
                if any(self.party(j) for j in range(lo, i + 1)):
                    return "party"
                if a.lower[i] in self.words.joint:
                    return "joint"
                return "pron" if a.pos[i] == "PRON" else "other"
        return "none"

    def ancestor_cue(self, h: int, s: int, e: int) -> tuple[str, str, int]:
        """(cue class, subject kind, depth) of the nearest ancestor verb of h outside [s, e) with a cue class."""
        a = self.a
        depth, i = 0, h
        while depth <= 6:
            j = a.head[i]
            if j == i:
                return "none", "none", depth
            i = j
            depth += 1
            if s <= i < e:
                continue
            cls = self.words.cue_class.get(a.lemma[i])
            if cls and a.pos[i] in ("VERB", "AUX", "NOUN"):
                return cls, self.subject_kind(i), depth
        return "far", "none", depth

    def span_head(self, s: int, e: int) -> int:
        """The first token of [s, e) whose head lies outside it (the span's root)."""
        a = self.a
        for i in range(s, e):
            h = a.head[i]
            if (h == i or not s <= h < e) and not a.punct[i]:
                return i
        return s

    def triggers_in(self, s: int, e: int) -> tuple[int, int]:
        """(strong, weak) category triggers inside the tokens [s, e)."""
        strong = weak = 0
        for hs, he, _, st in self.cat_hits[bisect.bisect_left(self.hit_starts, s) :]:
            if hs >= e:
                break
            if he <= e:
                if st == "strong":
                    strong += 1
                else:
                    weak += 1
        return strong, weak

    def quote_at(self, a: int, b: int) -> tuple[str, str | None] | None:
        """(kind, speaker's party) of the quotation holding most of the characters [a, b), or None."""
        k = bisect.bisect_right(self.quote_starts, b) - 1
        best = None
        stop = bisect.bisect_right(self.quote_starts, a) - 6
        while k >= 0 and k >= stop:
            qs, qe, kind, party = self.quotes[k]
            ov = min(b, qe) - max(a, qs)
            if ov > 0.5 * (b - a) and (best is None or ov > best[0]):
                best = (ov, kind, party)
            k -= 1
        return None if best is None else (best[1], best[2])


def modal_class(ctx: ArticleSignals, h: int, s: int, e: int) -> str | None:
    """'deontic', 'hedge', 'other_md', 'is_to' or 'semi' for the head of a clause, from its own children."""
    a, w = ctx.a, ctx.words
    for i in range(max(s, h - 6), min(e, h)):
        if a.head[i] == h and a.tag[i] == "MD":
            low = a.lower[i]
            return "deontic" if low in w.deontic else "hedge" if low in w.hedge else "other_md"
    if h > 1 and a.lemma[h - 1] == "to" and a.lemma[h - 2] == "be":
        return "is_to"
    if any(a.lower[i] in w.semi for i in range(max(s, h - 3), h)):
        return "semi"
    return None


def scope_signals(sc: Scope, out: list[str]) -> str:
    """The scope family; returns the bucket of sentences back ('none' without a document)."""
    if sc.memo is None:
        out.append("scope=none")
        return "none"
    back = bucket(sc.back, BACK_EDGES)
    memo = sc.memo
    out += [
        f"scope_back={back}",
        f"scope_par={bucket(sc.paragraphs, (0, 1, 2, 4))}",
        f"scope_kind={memo.kind}",
        f"scope_party={bool(memo.party)}",
        f"scope_n={min(sc.recent, 3)}",
    ]
    if memo.position:
        out.append("scope_position")
    if memo.inferred:
        out.append("scope_inferred")
    if memo.numbered or memo.proper:
        out.append("scope_named")
    return back


def _core(info: SentenceInfo, prefix: str, out: list[str]) -> None:
    out += [
        f"{prefix}strong={min(info.strong, 3)}",
        f"{prefix}deontic={min(info.deontic, 2)}",
        f"{prefix}kept={min(info.kept, 2)}",
        f"{prefix}rule={min(info.rule, 2)}",
    ]
    if info.mention:
        out.append(f"{prefix}mention")
    if info.bullet:
        out.append(f"{prefix}bullet={info.bullet}")
    out += [f"{prefix}cue_{c}" for c in info.cues]


def sentence_signals(ctx: ArticleSignals, si: int) -> list[str]:
    """The signals of a sentence: does it state what a document in scope provides?"""
    a, info = ctx.a, ctx.info(si)
    a.read_sentence(info.start, info.end)
    out = ["bias"]
    _core(info, "", out)
    for off, tag in ((-1, "prev_"), (1, "next_"), (-2, "prev2_")):
        j = si + off
        if 0 <= j < ctx.n:
            _core(ctx.info(j), tag, out)
        else:
            out.append(f"{tag}none")
    n = info.end - info.start
    out.append(f"len={bucket(n, (0, 6, 12, 25, 40, 60))}")
    back = scope_signals(ctx.scopes[si], out)
    r = info.root
    cls = ctx.words.cue_class.get(a.lemma[r], "other")
    subj = ctx.subject_kind(r)
    mclass = modal_class(ctx, r, info.start, info.end)
    out += [f"root={cls}", f"root={cls}|subj={subj}", f"root_modal={mclass}", f"root_tag={a.tag[r]}"]
    out += sorted(clause_signals(ctx, info))
    out += [f"cat={lab}" for lab in info.strong_labels] + [f"catw={lab}" for lab in info.weak_labels]
    for _, _, kind, party in ctx.quotes[
        bisect.bisect_left(ctx.quote_starts, info.start_char) : bisect.bisect_right(ctx.quote_starts, info.end_char)
    ]:
        out.append(f"quote={kind}")
        if party:
            out.append(f"quote={kind}|party")
    if info.quote_line:
        out.append("quote_line")
    if si > 0 and ctx.info(si - 1).colon_end:
        out.append("after_colon_line")
    if info.colon_end:
        out.append("ends_colon")
    if info.under:
        out.append("under_doc")
    if info.line_start:
        out.append("line_start")
    out += [
        f"pos={bucket(si, (0, 1, 3, 8, 20))}",
        f"rel={int(4 * si / max(1, ctx.n))}",
        f"a_kept={bucket(ctx.a_kept, (0, 1, 3, 6, 10))}",
        f"a_mentions={bucket(ctx.a_mentions, (0, 1, 3, 6, 10))}",
        f"a_deontic={bucket(int(10 * ctx.a_deontic / max(1, ctx.n)), (0, 1, 2, 4))}",
        f"a_strong={bucket(int(10 * ctx.a_strong / max(1, ctx.n)), (0, 2, 4, 6))}",
        f"n_cats={min(info.labels, 3)}",
        f"x_back={back}|deontic={min(info.deontic, 1)}",
        f"x_back={back}|strong={min(info.strong, 2)}",
        f"x_back={back}|kept={min(info.kept, 1)}",
        f"x_root={cls}|modal={mclass}",
        f"x_strong={min(info.strong, 2)}|deontic={min(info.deontic, 1)}|mention={info.mention}",
    ]
    return out


def verb_class(ctx: ArticleSignals, i: int) -> str:
    """The cue class of a verb (content, party, agree, refuse, report), 'event' for a verb of narrative, or 'other'."""
    lemma = ctx.a.lemma[i]
    return ctx.words.cue_class.get(lemma) or ("event" if lemma in ctx.words.event_verbs else "other")


def clause_signals(ctx: ArticleSignals, info: SentenceInfo) -> set[str]:
    """Each clause of the sentence as (verb class, modal, subject kind, a strong trigger in the clause or not):
    "Hamas will release the hostages" (other, deontic, party, 1) against "the envoy will travel to Berlin" (event,
    deontic, other, 0)."""
    a = ctx.a
    a.read_sentence(info.start, info.end)
    out = set()
    for i in range(info.start, info.end):
        if a.pos[i] not in ("VERB", "AUX") or a.dep[i] in ("aux", "auxpass"):
            continue
        m = modal_class(ctx, i, info.start, info.end)
        cls = verb_class(ctx, i)
        if m is None and cls in ("other", "event") and a.dep[i] != "ROOT":
            continue
        strong, _ = ctx.triggers_in(a.left[i], a.right[i] + 1)
        k = ctx.subject_kind(i)
        t = min(strong, 1)
        out.add(f"cl={cls}|{m}|{k}|{t}")
        out.add(f"cl={m}|{k}|{t}")
        out.add(f"cl={cls}|{m}")
    return out


def candidate_signals(ctx: ArticleSignals, c: Candidate) -> list[str]:
    """The signals of one candidate span (see the module docstring)."""
    a, w = ctx.a, ctx.words
    s, e, si = c.start, c.end, c.si
    info = ctx.info(si)
    fams = sorted({x.split(":")[0] for x in c.sources})
    out = ["bias"] + [f"src={x}" for x in sorted(c.sources)] + [f"fam={x}" for x in fams]
    out.append(f"n_src={min(len(c.sources), 4)}")
    rule = c.rule
    if rule is not None:
        kind = rule.frame.kind
        out += [f"rule={kind}", f"rule_out={rule.outcome}", f"rule={kind}|out={rule.outcome}"]
        out.append(f"rule_trig={rule.frame.need_trigger}")
    else:
        if any(x <= s and e <= y for x, y in ctx.kept_spans):
            out.append("inside_kept_rule")
    if any(s <= x and y <= e and (x, y) != (s, e) for x, y in ctx.kept_spans):
        out.append("contains_kept_rule")
    n = e - s
    sn = max(1, info.end - info.start)
    length = bucket(n, LEN_EDGES)
    out += [f"len={length}", f"frac={bucket(int(10 * n / sn), (0, 3, 6, 9))}"]
    if n >= 0.9 * sn:
        out.append("whole_sentence")
    commas = sum(1 for i in range(s, e) if a.lower[i] == ",")
    out.append(f"commas={min(commas, 3)}")
    h = c.head if c.head >= 0 else ctx.span_head(s, e)
    out += [f"head_dep={a.dep[h]}", f"head_tag={a.tag[h]}", f"first_pos={a.pos[s]}"]
    gov = a.head[h]
    if gov != h and not s <= gov < e:
        out += [f"gov={w.cue_class.get(a.lemma[gov], 'other')}", f"gov_pos={a.pos[gov]}"]
        if ctx.doc_word[gov]:
            out.append("gov_is_doc")
    else:
        out.append("gov=none")
    neg = subj = subj_party = to_inf = False
    for i in range(max(s, h - 12), min(e, h + 4)):
        if a.head[i] != h or i == h:
            continue
        if a.dep[i] == "neg":
            neg = True
        elif a.dep[i] in SUBJECT_DEPS:
            subj = True
            if any(ctx.party(j) for j in range(max(s, i - 3), i + 1)):
                subj_party = True
            if a.lower[i] in w.joint or a.lemma[i] in ("side", "party"):
                out.append("subj_joint")
        elif a.lower[i] == "to" and a.dep[i] == "aux":
            to_inf = True
    modal = modal_class(ctx, h, s, e)
    out.append(f"modal={modal}")
    if neg:
        out.append("neg")
    if to_inf:
        out.append("to_inf")
    out.append(f"subj={'party' if subj_party else 'yes' if subj else 'no'}")
    tag = a.tag[h]
    tense = "past" if tag == "VBD" else "pres" if tag in ("VBZ", "VBP") else "nonfin" if tag[:2] == "VB" else "nominal"
    out.append(f"tense={tense}")
    if tense == "past" and modal is None:
        out.append("past_no_modal")
    q = ctx.quote_at(c.start_char, c.end_char)
    if q is not None:
        out += [f"quote={q[0]}", f"quote_speaker={'party' if q[1] else 'other'}"]
    if info.quote_line:
        out.append("quote_line")
    lead = ctx.text[info.start_char : c.start_char]
    if sum(ch in QUOTE_CHARS for ch in lead) % 2 == 1:
        out.append("in_quote_marks")
    if info.bullet:
        out.append(f"bullet={info.bullet}")
    if si > 0 and ctx.info(si - 1).colon_end:
        out.append("after_colon_line")
    if info.colon_end:
        out.append("sent_ends_colon")
    out += [f"sent_pos={bucket(si, (0, 1, 3, 8, 20))}", f"sent_rel={int(4 * si / max(1, ctx.n))}"]
    sc = ctx.scopes[si]
    back = scope_signals(sc, out)
    memo = rule.frame.memo if rule is not None else sc.memo
    if memo is not None and memo.party:
        out.append("memo_party")
    strong, weak = ctx.triggers_in(s, e)
    out += [f"cat_strong={min(strong, 2)}", f"cat_weak={min(weak, 2)}", f"head_class={verb_class(ctx, h)}"]
    parties = {p for p in (ctx.party(i) for i in range(s, e)) if p}
    out.append(f"parties={min(len(parties), 2)}")
    if any(ctx.doc_word[i] for i in range(s, e)):
        out.append("doc_word_inside")
    out += [f"sent_{x}" for x in info.cues]
    out += [
        f"s_strong={min(info.strong, 3)}",
        f"s_deontic={min(info.deontic, 2)}",
        f"s_kept={min(info.kept, 2)}",
        f"s_rule={min(info.rule, 2)}",
    ]
    if info.mention:
        out.append("s_mention")
    if si > 0 and ctx.info(si - 1).mention:
        out.append("prev_mention")
    if si > 0 and ctx.info(si - 1).kept:
        out.append("prev_kept")
    if si + 1 < ctx.n and ctx.info(si + 1).kept:
        out.append("next_kept")
    if info.under:
        out.append("under_doc")
    out += [f"a_kept={bucket(ctx.a_kept, (0, 1, 3, 6, 10))}", f"a_mentions={bucket(ctx.a_mentions, (0, 1, 3, 6, 10))}"]
    cls, subj_kind, depth = ctx.ancestor_cue(h, s, e)
    out += [
        f"anc={cls}",
        f"anc={cls}|subj={subj_kind}",
        f"anc_depth={min(depth, 4)}",
        f"own_subj={ctx.subject_kind(h)}",
    ]
    main = rule.frame.kind if rule is not None else fams[0] if fams else "none"
    out += [
        f"x_src={main}|modal={modal}",
        f"x_src={main}|back={back}",
        f"x_modal={modal}|back={back}",
        f"x_src={main}|quote={q[0] if q else None}",
        f"x_len={length}|head={a.dep[h]}",
        f"x_catstrong={min(strong, 1)}|back={back}",
        f"x_modal={modal}|subj={subj_party}",
        f"x_anc={cls}|modal={modal}",
        f"x_strong={min(strong, 1)}|s_strong={min(info.strong, 2)}|modal={modal is not None}",
        f"x_len={length}|strong={min(strong, 1)}",
        f"x_anc={cls}|back={back}",
    ]
    return out

"""The learned decision layer: which candidates are provisions, and whose.

The rules read the article first (frames, segments, memoranda). Then, with a model artifact present
(``data/provisions/model.json``, trained by ``make train``; see :mod:`.learn`):

1. every prose sentence that may hold a provision (:func:`relevant_sentences`) is scored by the *sentence*
   model: does it state what a document in scope provides? (:func:`.signals.sentence_signals`);
2. only in the sentences that clear the cascade threshold are candidates proposed (:mod:`.candidates`: the rule
   frames' segments, kept or dropped, and clauses, cores, conjuncts, objects and segments of the parse) and
   scored by the *candidate* model (:func:`.signals.candidate_signals`);
3. a candidate's probability is the product of the two; decoding keeps, best first, those above the threshold
   that overlap no span kept before (one span per provision). In ``rules_first`` mode, the rules' own provisions
   are kept whatever the model says and the model adds to them.

A kept candidate is a provision of the rule frame that cut it (or of a frame of its sentence it overlaps), else of
the document in scope, else of an agreement of the parties at the table ("Both teams settled on a swap of the
wounded"); its fields come from the rules (:mod:`.fields`). Without an artifact the component keeps the rules'
provisions alone.

The artifact is JSON: per stage a bias and one weight per signal name, the two thresholds, and a fingerprint of
its content, checked on load; it is read through the shared rule loader's validation (a bad file names itself).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from spacy.tokens import Span

from ...core.rules import RuleFileError, RuleModel, rule_file, validate
from .candidates import Candidate, CandidateSet, rule_candidates, sentence_candidates
from .frames.base import Frame
from .lexicon import SignalWords
from .memoranda import Memo
from .reading import Reading
from .rules import DATA
from .signals import ArticleSignals, candidate_signals, sentence_signals
from .spans import RuleSegment, provision_span

MODEL_FILE = DATA / "model.json"
FORMAT = "provisions-decision/1"
RELEVANCE_WINDOW = 2  # sentences after a document mention in which it is still in scope for the cascade


class StageWeights(RuleModel):
    """One logistic model: a bias and a weight per signal name (a signal not listed weighs 0)."""

    bias: float
    weights: dict[str, float]

    def probability(self, names: list[str]) -> float:
        w = self.weights
        z = self.bias + sum(w.get(n, 0.0) for n in names)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fingerprint_of(body: dict) -> str:
    """sha256 of the canonical JSON of an artifact without its fingerprint (16 hex digits)."""
    clean = {k: v for k, v in body.items() if k != "fingerprint"}
    return hashlib.sha256(json.dumps(clean, sort_keys=True, separators=(",", ":")).encode()).hexdigest()[:16]


@rule_file("provisions/model.json")
class DecisionModel(RuleModel):
    """The artifact of :mod:`.learn` (``model.json``)."""

    format: Literal["provisions-decision/1"]
    mode: Literal["model", "rules_first"]
    sentence: StageWeights
    candidate: StageWeights
    cascade: float = Field(ge=0.0, le=1.0, description="sentence probability below which no candidate is proposed")
    threshold: float = Field(ge=0.0, le=1.0, description="provision probability a candidate needs")
    meta: dict = Field(default_factory=dict)
    fingerprint: str

    @model_validator(mode="after")
    def _fingerprint_matches(self) -> DecisionModel:
        expected = fingerprint_of(self.model_dump(mode="json"))
        if self.fingerprint != expected:
            raise ValueError(f"fingerprint {self.fingerprint} does not match the content ({expected}): edited by hand?")
        return self


def read_model(path: Path | str) -> DecisionModel:
    """The artifact at ``path``, validated; RuleFileError naming the file when it is not valid JSON or not a model."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, f"cannot be read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise RuleFileError(path, f"line {exc.lineno}: not valid JSON: {exc.msg}") from None
    return validate(path, data, DecisionModel)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> DecisionModel | None:
    """The artifact at ``path``; with no path the committed one, or None when there is none (a clone that has not
    trained one: the rules alone decide); ``""`` asks for the rules alone."""
    if path == "":
        return None
    if path is None:
        return read_model(MODEL_FILE) if MODEL_FILE.exists() else None
    return read_model(path)


# ---------------------------------------------------------------- what the model reads


@dataclass
class ArticleCandidates:
    """The sentences and candidates of one article that the model reads, with their signals."""

    ctx: ArticleSignals
    sentences: dict[int, list[str]] = field(default_factory=dict)  # sentence index -> signals
    candidates: list[Candidate] = field(default_factory=list)
    signals: list[list[str]] = field(default_factory=list)  # of each candidate


def relevant_sentences(ctx: ArticleSignals) -> list[bool]:
    """Sentences that may hold a provision: a document in scope within two sentences, a rule segment or a strong
    category trigger, and the sentence just after one of those ("A ten-day pause would follow.")."""
    out = [sc.memo is not None and sc.back <= RELEVANCE_WINDOW for sc in ctx.scopes]
    for si, n in enumerate(ctx.rule_n):
        if n:
            out[si] = True
    for hs, _, _, strength in ctx.cat_hits:
        k = ctx.sentence_of(hs)
        if k >= 0 and strength == "strong":
            out[k] = True
    seeds = list(out)
    for si, x in enumerate(seeds):
        if x and si + 1 < len(out):
            out[si + 1] = True
    return out


def article_candidates(
    reading: Reading, outcomes: list[RuleSegment], words: SignalWords, model: DecisionModel | None = None
) -> tuple[ArticleCandidates, dict[int, float]]:
    """The signals of the relevant sentences and, in those that clear the cascade (all of them without a model:
    training reads everything), the candidates and their signals. Returns them and the sentence probabilities."""
    ctx = ArticleSignals(reading, outcomes, words)
    out = ArticleCandidates(ctx)
    relevant = relevant_sentences(ctx)
    p_sent: dict[int, float] = {}
    open_sentences = []
    for si, ok in enumerate(relevant):
        if not ok:
            continue
        sig = sentence_signals(ctx, si)
        out.sentences[si] = sig
        if model is not None:
            p_sent[si] = model.sentence.probability(sig)
            if p_sent[si] < model.cascade:
                continue
        open_sentences.append(si)
    cs = CandidateSet(reading.doc, reading.data)
    chosen = set(open_sentences)
    keep_rules = model is not None and model.mode == "rules_first"  # the rules' provisions, whatever the sentence
    rule_candidates(cs, [rs for rs in outcomes if rs.frame.si in chosen or keep_rules and rs.outcome == "kept"])
    a = ctx.a
    for si in open_sentences:
        sent = ctx.sents[si]
        sentence_candidates(cs, a, sent.start, sent.end, si)
    out.candidates = cs.sorted(reading.text)
    out.signals = [candidate_signals(ctx, c) for c in out.candidates]
    return out, p_sent


def candidate_probabilities(model: DecisionModel, ac: ArticleCandidates, p_sent: dict[int, float]) -> list[float]:
    """P(sentence) x P(candidate | sentence), one per candidate; 1 for a rule's provision in rules-first mode."""
    out = []
    for c, sig in zip(ac.candidates, ac.signals):
        if model.mode == "rules_first" and c.rule is not None and c.rule.outcome == "kept":
            out.append(1.0)
        else:
            out.append(p_sent.get(c.si, 0.0) * model.candidate.probability(sig))
    return out


def decode(spans: list[tuple[int, int]], probs: list[float], threshold: float) -> list[int]:
    """Indices of the kept spans: above the threshold, best first (ties: shorter, earlier), none overlapping one
    kept before; in text order."""
    order = sorted(range(len(spans)), key=lambda j: (-round(probs[j], 9), spans[j][1] - spans[j][0], spans[j][0]))
    kept: list[int] = []
    taken: list[tuple[int, int]] = []
    for j in order:
        if probs[j] < threshold:
            break
        a, b = spans[j]
        if any(a < y and x < b for x, y in taken):
            continue
        kept.append(j)
        taken.append((a, b))
    return sorted(kept, key=lambda j: spans[j])


# ---------------------------------------------------------------- whose provision


def candidate_frame(reading: Reading, ctx: ArticleSignals, c: Candidate) -> Frame | None:
    """The frame a kept candidate is read under: the rule frame that cut it, else a frame of its sentence it
    overlaps, else the document in scope (a ``scope`` frame), else an agreement of the parties at the table;
    None when the article names no document and no parties at the table (whose would it be?)."""
    if c.rule is not None:
        return c.rule.frame
    for rs in ctx.outcomes:
        fr = rs.frame
        if fr.si == c.si and fr.start < c.end and c.start < fr.end:
            return fr
    sc = ctx.scopes[c.si]
    memo = sc.memo if sc.memo is not None else table_agreement(reading, ctx, c)
    if memo is None:
        return None
    modality = "commitment" if memo.kind == "agreement" else "demand"
    return Frame(memo, c.start, c.end, "scope", modality, memo.status, si=c.si, need_trigger=False)


def table_agreement(reading: Reading, ctx: ArticleSignals, c: Candidate) -> Memo | None:
    """The agreement of the parties at the table that an outcome told as news belongs to ("Both teams settled on
    a swap of the wounded"); none in an article that names no document (a proclamation, battlefield news)."""
    memoranda = reading.memoranda
    if not any(not m.generic for m in memoranda.memos):
        return None
    sent = ctx.sents[c.si]
    party = memoranda.negotiating_parties(c.start_char)
    if not party:
        return None
    memo = memoranda.agreement(party, c.start_char, sent, c.si)
    if memo.end <= memo.start:  # named by no mention: its record points at the first clause it holds
        memo.start, memo.end = c.start_char, c.end_char
    return memo


def decide(reading: Reading, outcomes: list[RuleSegment], words: SignalWords, model: DecisionModel) -> list[Span]:
    """The article's provision spans as the model decides them (see the module docstring). An article that names
    no document and holds no rule frame has no provision the model could give a memorandum: it is not read."""
    if not outcomes and all(m.generic for m in reading.memoranda.memos):
        return []
    ac, p_sent = article_candidates(reading, outcomes, words, model)
    probs = candidate_probabilities(model, ac, p_sent)
    spans = [(c.start_char, c.end_char) for c in ac.candidates]
    out: list[Span] = []
    doc = reading.doc
    for j in decode(spans, probs, model.threshold):
        c = ac.candidates[j]
        fr = candidate_frame(reading, ac.ctx, c)
        if fr is None:
            continue
        rs = c.rule
        span = rs.span if rs is not None and rs.span is not None else doc[c.start : c.end]
        category = rs.category if rs is not None and rs.category else reading.lex.categories.category(span)[0]
        item = (rs.seg.item or fr.item) if rs is not None else None
        out.append(provision_span(reading, span, fr, category, item, score=round(probs[j], 4)))
    return out

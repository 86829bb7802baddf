"""Training the decision model (:mod:`.decide`) and writing its artifact; the held-apart measurement it needs.

scikit-learn is needed here only (``pip install -e '.[train]'``, imported when a model is fitted): the component
reads the JSON artifact with the standard library. ``train/provisions/train.py`` (``make train``) builds the rows
from the gold of ``../shared/data`` and the team's examples and calls :func:`train_artifact`;
``train/provisions/evaluate.py`` (``make eval-provisions``) cross-validates by article with the same functions.

- **Rows.** One :class:`ArticleRows` per gold article: the signals of its relevant sentences and of every candidate
  in them (the rules' segments and the parse's), the candidates' offsets and record fields, and labels.
- **Labels** (:func:`label_rows`). A candidate is positive when it covers at least half of a gold anchor that counts
  (the scorer's rule) and at least :data:`MIN_PURITY` of it is that anchor (a whole sentence holding two provisions
  is a negative: predicting it would cost one); an anchor no candidate covers so purely makes its purest matching
  candidate the positive. Candidates that match only optional anchors are left out, and so are sentences holding
  only optional anchors. A sentence is positive when it holds at least half of an anchor that counts.
- **Model.** Two logistic regressions (liblinear, fixed seed): the sentence model on every relevant sentence, the
  candidate model on the candidates of positive sentences; signals seen fewer than :data:`MIN_COUNT` times are
  dropped. The threshold is chosen by an inner cross-validation by article over a fixed grid (where F1 is flat,
  the highest threshold within a point of the best).
- **Deterministic.** Rows are sorted by (corpus, doc_id) and signals are sorted names; weights are rounded to six
  decimals; the artifact is canonical JSON: training twice gives byte-identical files.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .decide import FORMAT, StageWeights, decode, fingerprint_of

MIN_PURITY = 0.45
MIN_COUNT = 2
THRESHOLDS = tuple(round(0.1 + 0.025 * k, 3) for k in range(29))  # 0.1 .. 0.8
F1_TOLERANCE = 1.0  # of the thresholds within this many F1 points of the best, the highest: precision first
SENTENCE_C = 0.03
CANDIDATE_C = 0.3
SENTENCE_POSITIVE_WEIGHT = 3.0


@dataclass
class ArticleRows:
    """What the model reads of one gold article, its labels and the record fields of its candidates."""

    corpus: str
    doc_id: str
    text: str
    sentences: list[int] = field(default_factory=list)  # relevant sentence indices
    sentence_signals: list[list[str]] = field(default_factory=list)
    sentence_bounds: list[tuple[int, int]] = field(default_factory=list)  # character offsets
    cand_si: list[int] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    cand_signals: list[list[str]] = field(default_factory=list)
    rule_kept: list[bool] = field(default_factory=list)
    fields: list[dict] = field(default_factory=list)  # party, category, status, memorandum_id
    sentence_labels: list[int | None] = field(default_factory=list)
    labels: list[int | None] = field(default_factory=list)


# ---------------------------------------------------------------- gold and labels


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    optional: bool
    key: str  # the gold memorandum's key
    parties: tuple[str, ...]
    categories: tuple[str, ...]
    status: str | None


def gold_anchors(gold_doc: dict | None, text: str) -> list[Anchor]:
    """The anchors of one gold article, located at their first occurrence in the body."""
    out = []
    for memo in (gold_doc or {}).get("memoranda", []):
        parties = memo.get("party")
        parties = tuple(parties) if isinstance(parties, list) else (parties,)
        for prov in memo["provisions"]:
            at = text.find(prov["anchor"])
            if at >= 0:
                out.append(
                    Anchor(
                        at,
                        at + len(prov["anchor"]),
                        bool(prov.get("optional")),
                        memo["key"],
                        parties,
                        tuple(prov.get("categories", ())),
                        prov.get("status", memo.get("status")),
                    )
                )
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covers(anchor: Anchor, span: tuple[int, int]) -> bool:
    """The scorer's rule: a span matches an anchor when it covers at least half of it."""
    return overlap((anchor.start, anchor.end), span) >= 0.5 * (anchor.end - anchor.start)


def purity(anchor: Anchor, span: tuple[int, int]) -> float:
    return overlap((anchor.start, anchor.end), span) / max(1, span[1] - span[0])


def label_rows(rows: ArticleRows, anchors: list[Anchor]) -> None:
    """Labels of the sentences and candidates of one article (see the module docstring)."""
    counted = [a for a in anchors if not a.optional]
    optional = [a for a in anchors if a.optional]
    rows.sentence_labels = []
    for b in rows.sentence_bounds:
        if any(covers(a, b) for a in counted):
            rows.sentence_labels.append(1)
        elif any(covers(a, b) for a in optional):
            rows.sentence_labels.append(None)
        else:
            rows.sentence_labels.append(0)
    labels: list[int | None] = []
    best_of: list[int] = []
    for sp in rows.spans:
        best, best_k = 0.0, -1
        for k, a in enumerate(counted):
            if covers(a, sp):
                p = purity(a, sp)
                if p > best:
                    best, best_k = p, k
        best_of.append(best_k)
        if best_k >= 0 and best >= MIN_PURITY:
            labels.append(1)
        elif best_k < 0 and any(covers(a, sp) for a in optional):
            labels.append(None)
        else:
            labels.append(0)
    covered = {best_of[j] for j, lab in enumerate(labels) if lab == 1}
    for k, a in enumerate(counted):
        if k in covered:
            continue
        matching = [(purity(a, sp), -j) for j, sp in enumerate(rows.spans) if covers(a, sp)]
        if matching:
            labels[-max(matching)[1]] = 1
    rows.labels = labels


# ---------------------------------------------------------------- the metric, in memory


def norm_party(p: str | None) -> frozenset[str]:
    """'Russia and Ukraine', 'Ukraine, Russia' -> the same set of lower-case names."""
    import re

    parts = re.split(r",|&|/|\+|\band\b", (p or "").lower())
    return frozenset(x.strip().removeprefix("the ").strip() for x in parts if x.strip())


def score(gold: dict[str, list[Anchor]], preds: dict[str, list[dict]]) -> dict[str, float]:
    """Detection P/R/F1 and field accuracies of predictions against gold anchors: a prediction matches an anchor it
    covers at least half of, one to one, largest overlap first; a match to an optional anchor counts neither way."""
    n_gold = n_pred = tp = party = category = status = 0
    for doc_id, anchors in gold.items():
        p = preds.get(doc_id, [])
        spans = [(x["start"], x["end"]) for x in p]
        pairs = sorted(
            (
                (overlap((a.start, a.end), s), gi, pi)
                for gi, a in enumerate(anchors)
                for pi, s in enumerate(spans)
                if covers(a, s)
            ),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        n_gold += sum(1 for a in anchors if not a.optional)
        n_pred += len(p)
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            a = anchors[gi]
            if a.optional:
                n_pred -= 1
                continue
            tp += 1
            party += norm_party(p[pi].get("party")) in {norm_party(x) for x in a.parties}
            category += p[pi].get("category") in a.categories
            status += p[pi].get("status") == a.status
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    acc = (lambda k: 100.0 * k / tp) if tp else (lambda k: 0.0)
    return {
        "n_gold": n_gold,
        "n_pred": n_pred,
        "tp": tp,
        "P": 100 * prec,
        "R": 100 * rec,
        "F1": 100 * f1,
        "party": acc(party),
        "category": acc(category),
        "status": acc(status),
    }


# ---------------------------------------------------------------- fitting


@dataclass(frozen=True)
class Params:
    """The settings of one training run (the defaults are the committed model's)."""

    sentence_c: float = SENTENCE_C
    candidate_c: float = CANDIDATE_C
    sentence_positive_weight: float = SENTENCE_POSITIVE_WEIGHT
    mode: str = "rules_first"  # or "model": the rules' provisions are kept whatever the model says
    inner_folds: int = 4
    team_weight: float = 1.0  # of a row of the team's examples, against 1 for a real article's


def fit_stage(
    x: list[list[str]], y: list[int], c: float, positive_weight: float, weights: list[float] | None = None
) -> dict:
    """One logistic regression over named binary signals: {"bias", "weights"} (weights rounded, zeros dropped)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(n for row in x for n in set(row))
    names = sorted(n for n, k in counts.items() if k >= MIN_COUNT)
    index = {n: i for i, n in enumerate(names)}
    indptr, indices = [0], []
    for row in x:
        cols = sorted({index[n] for n in row if n in index})
        indices += cols
        indptr.append(len(indices))
    m = csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(x), max(1, len(names))))
    m.indices, m.indptr = m.indices.astype("int32"), m.indptr.astype("int32")  # liblinear wants 32-bit indices
    if len(set(y)) < 2:
        return {"bias": 0.0, "weights": {}}
    clf = LogisticRegression(
        C=c, solver="liblinear", random_state=0, max_iter=2000, class_weight={0: 1.0, 1: positive_weight}
    )
    clf.fit(m, y, sample_weight=weights)
    weights = {n: round(float(w), 6) for n, w in zip(names, clf.coef_[0])}
    return {"bias": round(float(clf.intercept_[0]), 6), "weights": {n: w for n, w in weights.items() if w != 0.0}}


def stage_rows(rows: list[ArticleRows], team_weight: float = 1.0):
    """Training rows of the two stages: every labelled sentence; the candidates of the positive sentences
    (and the weight of each row: ``team_weight`` for the team's examples)."""
    sx, sy, cx, cy, sw, cw = [], [], [], [], [], []
    for r in rows:
        w = team_weight if r.corpus == "team" else 1.0
        positive = set()
        for si, sig, lab in zip(r.sentences, r.sentence_signals, r.sentence_labels):
            if lab is None:
                continue
            sx.append(sig)
            sy.append(lab)
            sw.append(w)
            if lab == 1:
                positive.add(si)
        for si, sig, lab in zip(r.cand_si, r.cand_signals, r.labels):
            if si in positive and lab is not None:
                cx.append(sig)
                cy.append(lab)
                cw.append(w)
    return sx, sy, cx, cy, sw, cw


def fit(rows: list[ArticleRows], params: Params, threshold: float = 0.3, meta: dict | None = None) -> dict:
    """The artifact of a model trained on ``rows`` (canonical content, fingerprinted)."""
    sx, sy, cx, cy, sw, cw = stage_rows(rows, params.team_weight)
    art = {
        "format": FORMAT,
        "mode": params.mode,
        "sentence": fit_stage(sx, sy, params.sentence_c, params.sentence_positive_weight, sw),
        "candidate": fit_stage(cx, cy, params.candidate_c, 1.0, cw),
        "cascade": threshold,
        "threshold": threshold,
        "meta": {
            **(meta or {}),
            "sentence_c": params.sentence_c,
            "candidate_c": params.candidate_c,
            "sentence_positive_weight": params.sentence_positive_weight,
            "sentence_rows": len(sy),
            "sentence_positives": sum(sy),
            "candidate_rows": len(cy),
            "candidate_positives": sum(cy),
        },
    }
    art["fingerprint"] = fingerprint_of(art)
    return art


# ---------------------------------------------------------------- predicting rows


def row_probabilities(art: dict, r: ArticleRows) -> list[float]:
    """As :func:`.decide.candidate_probabilities`, on stored rows."""
    sentence, candidate = StageWeights(**art["sentence"]), StageWeights(**art["candidate"])
    p_sent = {si: sentence.probability(sig) for si, sig in zip(r.sentences, r.sentence_signals)}
    out = []
    for si, sig, kept in zip(r.cand_si, r.cand_signals, r.rule_kept):
        if art["mode"] == "rules_first" and kept:
            out.append(1.0)
        else:
            out.append(p_sent.get(si, 0.0) * candidate.probability(sig))
    return out


def predict(art: dict, rows: list[ArticleRows], threshold: float | None = None, probs=None) -> dict[str, list[dict]]:
    """Decoded predictions per article, as records the scorer reads."""
    thr = art["threshold"] if threshold is None else threshold
    out = {}
    for r in rows:
        p = probs[r.doc_id] if probs is not None else row_probabilities(art, r)
        out[r.doc_id] = [{"start": r.spans[j][0], "end": r.spans[j][1], **r.fields[j]} for j in decode(r.spans, p, thr)]
    return out


def rules_only(rows: list[ArticleRows]) -> dict[str, list[dict]]:
    """The rules' own provisions."""
    return {
        r.doc_id: [{"start": s[0], "end": s[1], **f} for s, f, k in zip(r.spans, r.fields, r.rule_kept) if k]
        for r in rows
    }


def folds_of(rows: list[ArticleRows], k: int) -> list[list[ArticleRows]]:
    """k folds by article, balanced by gold size: articles sorted by (positives, doc_id), dealt round-robin."""
    order = sorted(rows, key=lambda r: (-sum(1 for x in r.labels if x == 1), r.doc_id))
    folds: list[list[ArticleRows]] = [[] for _ in range(k)]
    for i, r in enumerate(order):
        folds[i % k].append(r)
    return folds


def choose_threshold(
    rows: list[ArticleRows], gold: dict[str, list[Anchor]], params: Params, scored: set[str] | None = None
) -> float:
    """The threshold of best F1 over an inner cross-validation by article on ``rows`` (training articles only):
    where F1 is flat, the highest of those within :data:`F1_TOLERANCE` of the best (the same F1 with the higher
    precision: what the tables show should be right); ``scored``: the articles whose F1 counts (all by default)."""
    inner = folds_of(rows, params.inner_folds)
    probs = {}
    for i, held in enumerate(inner):
        train = [r for j, f in enumerate(inner) if j != i for r in f]
        art = fit(train, params)
        for r in held:
            probs[r.doc_id] = row_probabilities(art, r)
    counted = [r for r in rows if scored is None or r.doc_id in scored]
    sub = {r.doc_id: gold[r.doc_id] for r in counted}
    f1 = {t: score(sub, predict({"threshold": t, "mode": params.mode}, counted, t, probs))["F1"] for t in THRESHOLDS}
    best = max(f1.values())
    return max(t for t in THRESHOLDS if f1[t] >= best - F1_TOLERANCE)


def train_artifact(
    rows: list[ArticleRows],
    gold: dict[str, list[Anchor]],
    params: Params,
    meta: dict | None = None,
    scored: set[str] | None = None,
) -> dict:
    """The threshold by inner cross-validation (F1 over the ``scored`` articles), then the model on all ``rows``."""
    thr = choose_threshold(rows, gold, params, scored)
    return fit(rows, params, thr, meta)


def write_artifact(art: dict, path: Path | str) -> None:
    """Canonical JSON (sorted keys, no spaces), one line: the same model gives the same bytes."""
    Path(path).write_text(json.dumps(art, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n", "utf-8")

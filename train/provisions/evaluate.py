"""Held-apart figures of the decision model: 5-fold cross-validation by article on the news gold, beside the rules.

    python train/provisions/evaluate.py --shared ../shared [--variants model,rules_first] [--folds 5]

For every fold a model is trained on the other folds' news articles, the seed and (unless ``--no-team``) the
team's examples, its threshold chosen by an inner cross-validation on those training articles alone, and the
fold's articles are scored by it: no article is scored by a model that saw it, and the team's examples are never
scored. The seed is scored by a model trained on the news gold and the team's examples. Predictions are written
as outputs folders (``documents.jsonl`` + ``provisions.jsonl``) under ``--out`` and scored by
``../shared/eval/score.py`` itself; per-fold lines use the same metric in memory (:func:`learn.score`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dataset import DEFAULT_CACHE, build  # noqa: E402

from pipeline.stages.provisions.learn import (  # noqa: E402
    Params,
    choose_threshold,
    fit,
    folds_of,
    gold_anchors,
    predict,
    rules_only,
    score,
)

COLS = ("P", "R", "F1", "party", "category", "status")


def write_outputs(folder: Path, rows, preds: dict[str, list[dict]]) -> None:
    """An outputs folder that score.py reads."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "documents.jsonl", "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({"doc_id": r.doc_id, "text": r.text}, ensure_ascii=False) + "\n")
    with open(folder / "provisions.jsonl", "w", encoding="utf-8") as fh:
        for r in rows:
            for p in preds.get(r.doc_id, []):
                fh.write(json.dumps({"doc_id": r.doc_id, **p}, ensure_ascii=False) + "\n")


def official(shared: Path, folder: Path, gold: Path) -> str:
    """score.py's summary line for an outputs folder."""
    res = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), "provisions", str(folder), str(gold)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = res.stdout.strip().splitlines()
    return lines[-1] if lines else res.stderr


def line(name: str, s: dict) -> str:
    return f"{name:<46}" + " ".join(f"{s[c]:6.1f}" for c in COLS) + f"  ({s['tp']}/{s['n_pred']} of {s['n_gold']})"


def cross_validate(news, extra, anchors, params: Params, k: int, tag: str, verbose: bool) -> dict[str, list[dict]]:
    """Predictions for every news article by a model that did not see it."""
    preds: dict[str, list[dict]] = {}
    for i, held in enumerate(folds_of(news, k)):
        held_ids = {r.doc_id for r in held}
        train = [r for r in news if r.doc_id not in held_ids] + extra
        thr = choose_threshold(train, anchors, params, scored={r.doc_id for r in train if r.corpus != "team"})
        art = fit(train, params, thr)
        fold = predict(art, held)
        preds.update(fold)
        if verbose:
            print(line(f"  {tag} fold {i} ({len(held)} articles, thr {thr})", score(_sub(anchors, held), fold)))
    return preds


def _sub(anchors, rows):
    return {r.doc_id: anchors[r.doc_id] for r in rows}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--out", type=Path, default=Path("/tmp/peace-eval/provisions-cv"))
    ap.add_argument("--variants", default="model,rules_first")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-team", action="store_true", help="leave the team's examples out of training")
    ap.add_argument("--both", action="store_true", help="with and without the team's examples")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    shared = args.shared.resolve()
    rows, gold = build(shared, args.cache, quiet=args.quiet)
    anchors = {r.doc_id: gold_anchors(gold.get(r.doc_id), r.text) for r in rows}
    news = [r for r in rows if r.corpus == "news"]
    seed = [r for r in rows if r.corpus == "seed"]
    team = [r for r in rows if r.corpus == "team"]
    news_gold = shared / "data" / "news-gold" / "provisions.json"
    seed_gold = shared / "data" / "seed-gold" / "provisions.json"
    n_cands = sum(len(r.spans) for r in rows)
    print(f"{len(news)} news, {len(seed)} seed, {len(team)} team articles; {n_cands} candidates")
    print(f"{'':<46}" + " ".join(f"{c:>6}" for c in COLS))
    base = rules_only(news)
    write_outputs(args.out / "rules-news", news, base)
    print(line("rules only, news gold", score(_sub(anchors, news), base)))
    print("  score.py:", official(shared, args.out / "rules-news", news_gold))
    sp = rules_only(seed)
    write_outputs(args.out / "rules-seed", seed, sp)
    print(line("rules only, seed", score(_sub(anchors, seed), sp)))
    team_options = [False, True] if args.both else [not args.no_team]
    for variant in args.variants.split(","):
        params = Params(mode=variant)
        for with_team in team_options:
            tag = f"{variant}{'' if with_team else ', no team'}"
            extra = seed + (team if with_team else [])
            preds = cross_validate(news, extra, anchors, params, args.folds, tag, not args.quiet)
            folder = args.out / f"cv-{variant}{'' if with_team else '-noteam'}"
            write_outputs(folder, news, preds)
            print(line(f"{tag}: news {args.folds}-fold CV", score(_sub(anchors, news), preds)))
            print("  score.py:", official(shared, folder, news_gold))
            train = news + (team if with_team else [])
            thr = choose_threshold(train, anchors, params, scored={r.doc_id for r in news})
            art = fit(train, params, thr)
            sp = predict(art, seed)
            folder = args.out / f"seed-{variant}{'' if with_team else '-noteam'}"
            write_outputs(folder, seed, sp)
            print(line(f"{tag}: seed (trained without it)", score(_sub(anchors, seed), sp)))
            print("  score.py:", official(shared, folder, seed_gold))


if __name__ == "__main__":
    main()

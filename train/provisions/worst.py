"""The articles of a run that score worst against a provision gold file (``make eval`` prints the ten worst).

    python train/provisions/worst.py OUTPUTS GOLD.json [-n 10]

Per article: gold provisions that count, predicted, matched, F1 (the metric of ``../shared/eval/score.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.stages.provisions.learn import gold_anchors, score


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outputs", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("-n", type=int, default=10)
    args = ap.parse_args(argv)
    texts = {d["doc_id"]: d["text"] for d in read_jsonl(args.outputs / "documents.jsonl")}
    preds: dict[str, list[dict]] = {}
    for p in read_jsonl(args.outputs / "provisions.jsonl"):
        preds.setdefault(p["doc_id"], []).append(p)
    rows = []
    for g in json.loads(args.gold.read_text(encoding="utf-8")):
        did = g["doc_id"]
        s = score({did: gold_anchors(g, texts.get(did, ""))}, {did: preds.get(did, [])})
        if s["n_gold"] or s["n_pred"]:
            rows.append((s["F1"], -(s["n_gold"] - s["tp"]) - (s["n_pred"] - s["tp"]), did, s))
    rows.sort()
    print(f"worst {min(args.n, len(rows))} of {len(rows)} articles with gold or predicted provisions:")
    print(f"{'article':<58} {'gold':>5} {'pred':>5} {'match':>5} {'F1':>6}")
    for f1, _, did, s in rows[: args.n]:
        print(f"{did[:58]:<58} {s['n_gold']:>5} {s['n_pred']:>5} {s['tp']:>5} {f1:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

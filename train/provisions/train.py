"""Train the decision model of the provisions stage and write its artifact (``make train``).

    python train/provisions/train.py --shared ../shared [--out pipeline/data/provisions/model.json]

Trained on the gold of ``../shared/data`` (news gold, seed) and the team's examples in ``train/provisions``
(:mod:`dataset`), with the settings of :class:`pipeline.stages.provisions.learn.Params`. Deterministic: training
twice gives byte-identical files (the fingerprint printed is the artifact's).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dataset import DEFAULT_CACHE, build  # noqa: E402

from pipeline.stages.provisions.decide import MODEL_FILE  # noqa: E402
from pipeline.stages.provisions.learn import Params, gold_anchors, train_artifact, write_artifact  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--mode", choices=("model", "rules_first"), default=Params().mode)
    args = ap.parse_args(argv)
    shared = args.shared.resolve()
    if not (shared / "data" / "news-gold").is_dir():
        print(f"make train needs the gold of ../shared: {shared / 'data' / 'news-gold'} not found", file=sys.stderr)
        return 2
    rows, gold = build(shared, args.cache)
    anchors = {r.doc_id: gold_anchors(gold.get(r.doc_id), r.text) for r in rows}
    counts = {c: sum(r.corpus == c for r in rows) for c in sorted({r.corpus for r in rows})}
    real = {r.doc_id for r in rows if r.corpus != "team"}  # the threshold of best F1 on real articles (news, seed)
    art = train_artifact(rows, anchors, Params(mode=args.mode), meta={"articles": counts}, scored=real)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_artifact(art, args.out)
    size = args.out.stat().st_size / 1024
    print(
        f"{args.out}: {len(art['sentence']['weights'])} sentence and {len(art['candidate']['weights'])} candidate "
        f"signals, threshold {art['threshold']}, mode {art['mode']}, fingerprint {art['fingerprint']}, {size:.0f} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

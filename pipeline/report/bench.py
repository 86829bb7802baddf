"""How long the report takes to build on a large run, and how large its pages get.

    make report-bench                                   # PolNeAR train + news of ../shared (1,041 articles)
    python -m pipeline.report.bench --outputs OUT1 --outputs OUT2 [--repeat 3]

Each ``--corpus`` is extracted first into ``--work`` (once: the run's cache makes a second bench start at
once); each ``--outputs`` is used as it is. The output files of all of them are concatenated into one
outputs folder, as one run over every corpus would write them, and the report of that folder is built
``--repeat`` times in this process. Printed: articles and records, build seconds (wall-clock and CPU, each
run: on a busy machine read the CPU seconds), pages, total size, the largest page and the largest page of
each kind; the figures also go to ``bench/report-bench-<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from .build import build_report
from .inputs import RECORD_FILES


def merge_outputs(folders: list[Path], into: Path) -> dict[str, int]:
    """Concatenate the JSON Lines output files of ``folders`` into ``into`` (an article id met twice is kept
    once, from the first folder); returns the records written per kind."""
    into.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    counts: dict[str, int] = defaultdict(int)
    keep_ids: dict[Path, set[str]] = {}
    for folder in folders:
        ids = set()
        with open(folder / "documents.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    doc_id = json.loads(line)["doc_id"]
                    if doc_id not in seen:
                        ids.add(doc_id)
                        seen.add(doc_id)
        keep_ids[folder] = ids
    for kind in RECORD_FILES:
        with open(into / f"{kind}.jsonl", "w", encoding="utf-8") as out:
            for folder in folders:
                path = folder / f"{kind}.jsonl"
                if not path.exists():
                    continue
                with open(path, encoding="utf-8") as fh:
                    for line in fh:
                        if not line.strip():
                            continue
                        doc_id = json.loads(line).get("doc_id")
                        if doc_id is None or doc_id in keep_ids[folder]:
                            out.write(line if line.endswith("\n") else line + "\n")
                            counts[kind] += 1
    runs = [json.loads((f / "run.json").read_text(encoding="utf-8")) for f in folders if (f / "run.json").exists()]
    summary = {
        "articles": counts["documents"],
        "counts": dict(counts),
        "stages": runs[0].get("stages") if runs else [],
        "pipeline_version": runs[0].get("pipeline_version", "") if runs else "",
        "merged_from": [str(f) for f in folders],
    }
    (into / "run.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return dict(counts)


def extract(corpus: Path, work: Path) -> Path | None:
    if not corpus.is_dir():
        print(f"no {corpus}: left out of the bench", file=sys.stderr)
        return None
    out = work / ("extract-" + "-".join(corpus.resolve().parts[-2:]))
    print(f"extracting {corpus} into {out} (cached after the first time)", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(corpus), "--outputs", str(out), "--quiet"], check=False
    )
    return out if (out / "documents.jsonl").exists() else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m pipeline.report.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--corpus", action="append", type=Path, default=[], help="a corpus folder to extract first")
    ap.add_argument("--outputs", action="append", type=Path, default=[], help="an outputs folder to use as it is")
    ap.add_argument("--work", type=Path, default=Path("/tmp/peace-report-bench"), help="working folder")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json-dir", type=Path, default=Path("bench"))
    args = ap.parse_args(argv)
    folders = list(args.outputs)
    if not folders:
        folders = [f for f in (extract(c, args.work) for c in args.corpus) if f is not None]
    if not folders:
        print("nothing to measure: give --outputs or --corpus folders that exist", file=sys.stderr)
        return 2
    merged = args.work / "merged"
    counts = merge_outputs(folders, merged)
    print("records: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    seconds, cpu = [], []
    for n in range(max(args.repeat, 1)):
        t0, c0 = time.perf_counter(), time.process_time()
        summary = build_report(merged, title="Report bench")
        seconds.append(round(time.perf_counter() - t0, 2))
        cpu.append(round(time.process_time() - c0, 2))
        print(f"build {n + 1}: {seconds[-1]:.2f}s ({cpu[-1]:.2f} CPU-seconds)")
    sizes = {p.relative_to(summary.folder).as_posix(): p.stat().st_size for p in summary.folder.rglob("*.html")}
    by_kind: dict[str, tuple[str, int]] = {}
    for name, size in sizes.items():
        kind = name.split("/")[0] + "/" if "/" in name else name.split("-")[0].split(".")[0] + ".html"
        if size > by_kind.get(kind, ("", -1))[1]:
            by_kind[kind] = (name, size)
    largest = max(sizes.items(), key=lambda kv: kv[1])
    result = {
        "articles": counts.get("documents", 0),
        "records": counts,
        "seconds": seconds,
        "best_seconds": min(seconds),
        "cpu_seconds": cpu,
        "load_average": list(os.getloadavg()),
        "pages": len(sizes),
        "total_mb": round(sum(sizes.values()) / 1e6, 1),
        "largest_page": {"path": largest[0], "kb": round(largest[1] / 1e3)},
        "largest_by_kind": {k: {"path": v[0], "kb": round(v[1] / 1e3)} for k, v in sorted(by_kind.items())},
        "folders": [str(f) for f in folders],
    }
    print(
        f"{result['articles']:,} articles: best build {result['best_seconds']:.2f}s (runs: {seconds}; CPU: {cpu}; "
        f"load average {os.getloadavg()[0]:.1f}); "
        f"{result['pages']:,} pages, {result['total_mb']} MB; largest page {largest[0]} ({largest[1] / 1e3:,.0f} kB)"
    )
    for kind, (name, size) in sorted(by_kind.items()):
        print(f"  largest {kind:<18} {size / 1e3:>8,.0f} kB  {name}")
    args.json_dir.mkdir(parents=True, exist_ok=True)
    out = args.json_dir / f"report-bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"-> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

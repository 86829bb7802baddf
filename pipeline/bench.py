"""Benchmark: the pipeline's speed against its base model, scaling, memory, reruns.

    make bench                                  # the 840 PolNeAR training articles (625k words)
    make bench BENCH_ARGS="--limit 200"         # an evenly spread sample of 200 files
    python -m pipeline.bench --corpus DIR --json bench/x.json --compare bench/old.json

One run measures, each in a fresh Python process (so that no measurement inherits the memory, the
loaded model or the warm caches of another):

(a)  the bare base model: ``nlp.pipe`` over the article bodies with the run's batch size, in one
     process and with ``n_process=N``;
(b)  the full pipeline: ``pipeline.run.extract`` with every requested stage, the cache and the output
     files, in one process, with the model loaded beforehand and every component timed;
(c)  the same with N worker processes, from a cold start (workers load their own models);
(d)  a no-change rerun through the command line, Python start-up included.

Throughput is words (whitespace-separated, of the bodies) per second of wall-clock time, and also
per CPU-second: on a shared machine the wall clock is noisy and the CPU figure is the steadier
one. The figures are printed and written to a JSON file (by default ``bench/bench-<time>.json``)
so that two runs can be compared (``--compare``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "corpus"
TARGETS = {"ratio": 0.85, "scaling": 1.8, "rerun_seconds": 2.0, "rss_mb": 1024.0}
FOUNDATION_PIPES = ("paragraph_sentences", "boilerplate_lines")


# ---------------------------------------------------------------- timing the components


class _Meter:
    """An iterator that counts the time spent pulling items from the iterator it wraps."""

    def __init__(self, items):
        self.items = iter(items)
        self.seconds = 0.0

    def __iter__(self):
        return self

    def __next__(self):
        t0 = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - t0


class TimedPipe:
    """Stands in for a pipeline component and adds its own time (not that of the components
    before it, which run lazily inside its ``pipe``) to ``seconds[name]``.

    Everything else (``memory_zone``, labels, error handlers) is delegated to the component."""

    def __init__(self, name: str, proc, seconds: dict[str, float]):
        self._name, self._proc, self._seconds = name, proc, seconds
        seconds.setdefault(name, 0.0)

    def __getattr__(self, attr):
        return getattr(self._proc, attr)

    def __call__(self, doc, **kwargs):
        t0 = time.perf_counter()
        try:
            return self._proc(doc, **kwargs)
        finally:
            self._seconds[self._name] += time.perf_counter() - t0

    def pipe(self, docs, **kwargs) -> Iterator:
        upstream = _Meter(docs)
        if hasattr(self._proc, "pipe"):
            inner = self._proc.pipe(upstream, **kwargs)
        else:
            kwargs = {k: v for k, v in kwargs.items() if k != "batch_size"}
            inner = (self._proc(doc, **kwargs) for doc in upstream)
        while True:
            t0, before = time.perf_counter(), upstream.seconds
            try:
                doc = next(inner)
            except StopIteration:
                return
            finally:
                self._seconds[self._name] += time.perf_counter() - t0 - (upstream.seconds - before)
            yield doc


def instrument(nlp, seconds: dict[str, float]) -> None:
    """Replace every component of ``nlp`` by a :class:`TimedPipe` (in place)."""
    components = nlp._components  # spaCy keeps (name, component) pairs here; pipeline and pipe() read it
    for i, (name, proc) in enumerate(components):
        if not isinstance(proc, TimedPipe):
            components[i] = (name, TimedPipe(name, proc, seconds))


# ---------------------------------------------------------------- memory


def _rss_mb(pid: int | None = None) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20


def _maxrss_mb(who: int) -> float:
    """Peak RSS in MB from getrusage (Linux reports KB, macOS bytes)."""
    value = resource.getrusage(who).ru_maxrss
    return value / 2**20 if sys.platform == "darwin" else value / 1024


class RssSampler:
    """Samples the RSS of this process and of its children while a measurement runs: the peak of
    every process, and the growth of this one over the run (late peak minus early peak)."""

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.samples: list[tuple[float, float]] = []
        self.children: dict[int, float] = {}
        self.children_cpu: dict[int, float] = {}  # CPU-seconds of each child, as last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        t0 = time.perf_counter()
        while not self._stop.is_set():
            try:
                self.samples.append((time.perf_counter() - t0, me.memory_info().rss / 2**20))
                for child in me.children(recursive=True):
                    try:
                        rss = child.memory_info().rss / 2**20
                        cpu = child.cpu_times()
                    except psutil.Error:
                        continue
                    self.children[child.pid] = max(self.children.get(child.pid, 0.0), rss)
                    self.children_cpu[child.pid] = cpu.user + cpu.system
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def growth_mb(self) -> float | None:
        """Peak of the last quarter of the run minus the peak of its second quarter (the first one
        is the warm-up): a leak shows as a steady rise, a memory zone keeps this near zero."""
        if len(self.samples) < 8:
            return None
        n = len(self.samples)
        early = max(r for _, r in self.samples[n // 4 : n // 2])
        late = max(r for _, r in self.samples[3 * n // 4 :])
        return round(late - early, 1)


def _cpu_seconds(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


# ---------------------------------------------------------------- measurements (each in its own process)


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def measure_bare(corpus: Path, model: str, batch_size: int, n_process: int) -> dict[str, Any]:
    """The base model alone: ``nlp.pipe`` over the bodies, as spaCy's own benchmark would."""
    from .ingest import read_corpus

    texts = [a.text for a in read_corpus(corpus, [])]
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(model)
    load = time.perf_counter() - t0
    cpu0, ccpu0 = _cpu_seconds(resource.RUSAGE_SELF), _cpu_seconds(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    wall = time.perf_counter() - t0
    cpu = _cpu_seconds(resource.RUSAGE_SELF) - cpu0 + _cpu_seconds(resource.RUSAGE_CHILDREN) - ccpu0
    return {
        "words": _words(texts),
        "articles": len(texts),
        "seconds": wall,
        "cpu_seconds": cpu,
        "load_seconds": load,
        "pipes": nlp.pipe_names,
        "rss_peak_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "rss_peak_child_mb": _maxrss_mb(resource.RUSAGE_CHILDREN) if n_process > 1 else None,
    }


def measure_full(
    corpus: Path,
    out: Path,
    model: str,
    stages: tuple[str, ...],
    batch_size: int,
    n_process: int,
    profile: bool,
    engine: str = "local",
    preload: bool = True,
) -> dict[str, Any]:
    """``pipeline.run.extract`` from scratch (``force``).

    With ``preload`` the pipeline is built first and timed apart (forked pool workers inherit it),
    so that the run's time is that of the work itself, as for the bare model; without, the run
    starts cold, as a user's would, workers building their own. ``profile`` times every component."""
    from .ingest import read_corpus
    from .run import extract as run_extract
    from .run import timing
    from .settings import Settings

    settings = Settings(model=model, stages=stages, batch_size=batch_size, n_process=n_process)
    words = _words([a.text for a in read_corpus(corpus, [])])
    pipes: dict[str, float] = {}
    load, pipe_names, groups = None, None, None
    if preload or profile:
        t0 = time.perf_counter()
        from .run.nlp import cached_nlp

        nlp = cached_nlp(model, stages)
        load = time.perf_counter() - t0
    if profile:
        instrument(nlp, pipes)
        pipe_names = nlp.pipe_names
        groups = _pipe_groups(nlp.pipe_names, stages)
        timing.TIMINGS = {}
    cpu0, ccpu0 = _cpu_seconds(resource.RUSAGE_SELF), _cpu_seconds(resource.RUSAGE_CHILDREN)
    with RssSampler() as rss:
        t0 = time.perf_counter()
        summary = run_extract(corpus, out, settings, force=True, engine=engine, progress=False)
        wall = time.perf_counter() - t0
    cpu_self = _cpu_seconds(resource.RUSAGE_SELF) - cpu0
    cpu_children = _cpu_seconds(resource.RUSAGE_CHILDREN) - ccpu0
    return {
        "words": words,
        "articles": summary.articles,
        "seconds": wall,
        "cpu_seconds": cpu_self + cpu_children,
        "cpu_seconds_main": cpu_self,
        "load_seconds": load,
        "phases": summary.timings,
        "timings": timing.TIMINGS,
        "pipes": pipes,
        "pipe_names": pipe_names,
        "groups": groups,
        "counts": summary.counts,
        "errors": summary.errors,
        "n_process": n_process,
        "engine": engine,
        "pipeline_version": summary.pipeline_version,
        "rss_peak_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "rss_peak_children_mb": sorted(round(v, 1) for v in rss.children.values()),
        "children_cpu_seconds": sorted(round(v, 2) for v in rss.children_cpu.values()),
        "rss_peak_child_mb": _maxrss_mb(resource.RUSAGE_CHILDREN) if rss.children else None,
        "rss_growth_mb": rss.growth_mb(),
    }


def _pipe_groups(pipe_names: list[str], stages: tuple[str, ...]) -> dict[str, list[str]]:
    """Which component belongs to what: the base model, the foundation, each stage."""
    from .stages import resolve

    groups: dict[str, list[str]] = {"foundation": [p for p in pipe_names if p in FOUNDATION_PIPES]}
    owned = set(groups["foundation"])
    for stage in resolve(stages):
        names = [c[0] for c in stage.components if c[0] in pipe_names]
        groups[stage.name] = names
        owned.update(names)
    groups = {"base": [p for p in pipe_names if p not in owned], **groups}
    return groups


def snapshot_code(code_root: Path, into: Path) -> Path:
    """Copy the ``pipeline`` package to ``into``: every measurement runs this frozen copy, so that
    an edit made while the bench runs cannot change the code (and the cache keys) half-way."""
    shutil.copytree(
        code_root / "pipeline", into / "pipeline", ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.tmp")
    )
    return into


def _env(src: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    }


def _measure_in_subprocess(kind: str, src: Path, **params) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter, on the code in ``src``, and return its figures."""
    cmd = [sys.executable, "-m", "pipeline.bench", "--measure", json.dumps({"kind": kind, **params}, default=str)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=src, env=_env(src))
    if proc.returncode != 0:
        raise RuntimeError(f"the {kind} measurement failed (exit status {proc.returncode}); see the messages above")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _run_measure(spec: str) -> int:
    params = json.loads(spec)
    kind = params.pop("kind")
    if kind == "bare":
        result = measure_bare(Path(params["corpus"]), params["model"], params["batch_size"], params["n_process"])
    else:
        result = measure_full(
            Path(params["corpus"]),
            Path(params["out"]),
            params["model"],
            tuple(params["stages"]),
            params["batch_size"],
            params["n_process"],
            params["profile"],
            params.get("engine", "local"),
            params.get("preload", True),
        )
    print(json.dumps(result))
    return 0


# ---------------------------------------------------------------- the corpus


def sample_corpus(corpus: Path, limit: int | None, into: Path) -> Path:
    """``corpus`` itself, or a copy of ``limit`` of its files spread evenly over it (every k-th
    file in name order, so that a PolNeAR sample mixes the publishers)."""
    from .ingest import iter_files

    if not limit:
        return corpus
    files = list(iter_files(corpus))
    step = max(1, len(files) // limit)
    chosen = files[::step][:limit]
    base = corpus if corpus.is_dir() else corpus.parent
    for path in chosen:
        target = into / path.relative_to(base)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return into


def _digest_outputs(out: Path) -> dict[str, str]:
    import hashlib

    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.jsonl"))}


def _outputs_identical(a: Path, b: Path) -> bool:
    """Byte-for-byte equality of every output file."""
    return _digest_outputs(a) == _digest_outputs(b)


# ---------------------------------------------------------------- the benchmark


def run_bench(args) -> dict[str, Any]:
    from .settings import Settings

    settings = Settings()
    model = args.model or settings.model
    stages = tuple(s.strip() for s in (args.stages or ",".join(settings.stages)).split(",") if s.strip())
    batch = args.batch_size or settings.batch_size
    n = args.n_process
    work = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    report: dict[str, Any] = {"meta": _meta(args, model, stages, batch, n)}
    try:
        corpus = sample_corpus(args.corpus.resolve(), args.limit, work / "corpus")
        src = snapshot_code(args.code.resolve(), work / "src")
        common = {"src": src, "corpus": str(corpus), "model": model, "batch_size": batch}
        _say("base model, 1 process ...")
        report["base_1"] = _measure_in_subprocess("bare", n_process=1, **common)
        if n > 1 and not args.no_base_parallel:
            _say(f"base model, n_process={n} ...")
            report["base_n"] = _measure_in_subprocess("bare", n_process=n, **common)
        full = {**common, "stages": list(stages)}
        _say("full pipeline, 1 process (profiled) ...")
        report["full_1"] = _measure_in_subprocess("full", out=str(work / "out1"), n_process=1, profile=True, **full)
        if n > 1:
            _say(f"full pipeline, {n} processes ...")
            report["full_n"] = _measure_in_subprocess(
                "full", out=str(work / "outn"), n_process=n, profile=False, **full
            )
            report["identical_outputs"] = _outputs_identical(work / "out1", work / "outn")
            if args.cold:
                _say(f"full pipeline, {n} processes, cold start ...")
                report["full_n_cold"] = _measure_in_subprocess(
                    "full", out=str(work / "outc"), n_process=n, profile=False, preload=False, **full
                )
        if args.dask:
            _say(f"full pipeline, Dask LocalCluster of {n} workers (cold start) ...")
            report["full_dask"] = _measure_in_subprocess(
                "full", out=str(work / "outdask"), n_process=n, profile=False, engine="dask", preload=False, **full
            )
            report["identical_outputs_dask"] = _outputs_identical(work / "out1", work / "outdask")
        _say("no-change rerun ...")
        report["rerun"] = _rerun(src, corpus, work / "out1", model, stages)
        report["meta"]["pipeline_version"] = report["full_1"]["pipeline_version"]
    finally:
        report["meta"]["load_after"] = _loadavg()
        if args.keep:
            _say(f"kept the work folder {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    report["figures"] = figures(report)
    return report


def _rerun(src: Path, corpus: Path, out: Path, model: str, stages: tuple[str, ...]) -> dict[str, Any]:
    """The command a user runs again after changing nothing: wall time including Python start-up."""
    before = _digest_outputs(out)
    cmd = [
        sys.executable,
        "-m",
        "pipeline",
        "extract",
        str(corpus),
        "--outputs",
        str(out),
        "--quiet",
        "--model",
        model,
        "--stages",
        ",".join(stages),
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=src, env=_env(src))
    wall = time.perf_counter() - t0
    run = json.loads((out / "run.json").read_text())
    return {
        "seconds": wall,
        "exit_status": proc.returncode,
        "processed": run["processed"],
        "cached": run["cached"],
        "phases": run.get("timings", {}),
        "unchanged_outputs": _digest_outputs(out) == before,
    }


def figures(report: dict[str, Any]) -> dict[str, Any]:
    """The headline numbers (what the targets are about) from the raw measurements."""
    b1, f1 = report["base_1"], report["full_1"]
    words = f1["words"]
    fig: dict[str, Any] = {
        "words": words,
        "articles": f1["articles"],
        "base_wps": words / b1["seconds"],
        "base_wps_cpu": words / b1["cpu_seconds"],
        "full_wps": words / f1["seconds"],
        "full_wps_cpu": words / f1["cpu_seconds"],
    }
    fig["ratio"] = fig["full_wps"] / fig["base_wps"]
    fig["ratio_cpu"] = fig["full_wps_cpu"] / fig["base_wps_cpu"]
    if "base_n" in report:
        fig["base_n_wps"] = words / report["base_n"]["seconds"]
        fig["base_scaling"] = fig["base_n_wps"] / fig["base_wps"]
    if "full_n" in report:
        fn = report["full_n"]
        fig["full_n_wps"] = words / fn["seconds"]
        fig["scaling"] = f1["seconds"] / fn["seconds"]
        # CPU-seconds of the N-process run over those of the 1-process run: the cost of going
        # parallel (model copies, pickling, the main process), independent of the machine's load
        fig["parallel_cpu_overhead"] = fn["cpu_seconds"] / f1["cpu_seconds"] - 1
        # what an idle machine would give: the 1-process run's CPU time over the busiest worker's
        # plus all of the main process's (counted as if it never overlapped the workers)
        if fn.get("children_cpu_seconds"):
            fig["scaling_cpu"] = f1["cpu_seconds"] / (fn["cpu_seconds_main"] + max(fn["children_cpu_seconds"]))
    cold_1 = f1["seconds"] + (f1["load_seconds"] or 0.0)
    for key, name in (("full_n_cold", "cold"), ("full_dask", "dask")):
        if key in report:
            fig[f"{name}_wps"] = words / report[key]["seconds"]
            fig[f"{name}_scaling"] = cold_1 / report[key]["seconds"]
    fig["rerun_seconds"] = report["rerun"]["seconds"]
    peaks = [f1["rss_peak_mb"]]
    for key in ("full_n", "full_n_cold"):
        if key in report:
            peaks += [report[key]["rss_peak_mb"], report[key].get("rss_peak_child_mb") or 0.0]
    fig["rss_peak_mb"] = max(peaks)
    fig["rss_growth_mb"] = f1.get("rss_growth_mb")
    fig["stages"] = stage_table(f1)
    base = sum(r["pipes"] for r in fig["stages"] if r["name"] in ("tokenizer", "base"))
    ours = sum(r["pipes"] + r["records"] for r in fig["stages"] if r["name"] not in ("tokenizer", "base"))
    fig["base_model_seconds"], fig["our_seconds"] = base, ours
    fig["our_share"] = ours / base if base else None
    return fig


def stage_table(f1: dict[str, Any]) -> list[dict[str, Any]]:
    """Seconds per group of components and per record extractor, from the profiled run."""
    pipes, timings, groups = f1["pipes"], f1["timings"], f1["groups"]
    rows = [{"name": "tokenizer", "pipes": timings.get("tokenizer", 0.0), "records": 0.0, "components": []}]
    for group, names in groups.items():
        rec = timings.get(f"records:{group}", 0.0) if group not in ("base", "foundation") else 0.0
        if group == "foundation":
            rec = timings.get("records:documents", 0.0)
        rows.append(
            {
                "name": group,
                "pipes": sum(pipes.get(p, 0.0) for p in names),
                "records": rec,
                "components": names,
                "per_component": {p: pipes.get(p, 0.0) for p in names},
            }
        )
    ph = f1["phases"]
    run = (
        ph.get("ingest", 0.0)
        + ph.get("hash", 0.0)
        + ph.get("cache_check", 0.0)
        + ph.get("write", 0.0)
        + timings.get("cache_write", 0.0)
    )
    rows.append(
        {
            "name": "run",
            "pipes": 0.0,
            "records": run,
            "components": [],
            "per_component": {
                "ingest": ph.get("ingest", 0.0),
                "hash": ph.get("hash", 0.0),
                "cache check": ph.get("cache_check", 0.0),
                "cache entries": timings.get("cache_write", 0.0),
                "outputs": ph.get("write", 0.0),
            },
        }
    )
    return rows


# ---------------------------------------------------------------- printing


def _fmt_wps(x: float | None) -> str:
    return "-" if x is None else f"{x:,.0f}"


def _check(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _line(label: str, value: str, extra: str = "") -> str:
    return f"{label:54} {value:>9}{extra}"


def render(report: dict[str, Any]) -> str:
    meta, fig, f1 = report["meta"], report["figures"], report["full_1"]
    n = meta["n_process"]
    out = [
        f"pipeline bench: {fig['articles']} articles, {fig['words']:,} words from {meta['corpus']}"
        + (f" (sample of {meta['limit']} files)" if meta["limit"] else ""),
        f"pipeline {meta.get('pipeline_version')} ({meta.get('commit')}), model {meta['model']}, stages "
        f"{','.join(meta['stages'])}, batch size {meta['batch_size']}",
        f"{meta['cpus']} CPUs; load average {meta['load_before']} before, {meta.get('load_after')} after "
        f"(CPU-s figures are steadier than wall-clock ones when the machine is busy)",
        "",
        _line("words per second", "wall", f" {'per CPU-s':>10}"),
        _line(
            "(a) base model: nlp.pipe, 1 process", _fmt_wps(fig["base_wps"]), f" {_fmt_wps(fig['base_wps_cpu']):>10}"
        ),
    ]
    if "base_n_wps" in fig:
        out.append(
            _line(
                f"    base model: nlp.pipe, n_process={n}",
                _fmt_wps(fig["base_n_wps"]),
                f"   x{fig['base_scaling']:.2f}",
            )
        )
    out.append(
        _line(
            "(b) full pipeline: extract, all outputs, 1 process",
            _fmt_wps(fig["full_wps"]),
            f" {_fmt_wps(fig['full_wps_cpu']):>10}",
        )
    )
    out.append(
        _line(
            "    b / a",
            f"{fig['ratio']:.3f}",
            f" {fig['ratio_cpu']:>10.3f}   target >= {TARGETS['ratio']}: {_check(fig['ratio'] >= TARGETS['ratio'])}",
        )
    )
    if "scaling" in fig:
        out.append(
            _line(
                f"(c) full pipeline, {n} processes",
                _fmt_wps(fig["full_n_wps"]),
                f"   x{fig['scaling']:.2f} of 1 process; target >= {TARGETS['scaling']}: "
                f"{_check(fig['scaling'] >= TARGETS['scaling'])}",
            )
        )
        if "scaling_cpu" in fig:
            out.append(
                _line(
                    "    the same from CPU-seconds (an idle machine's)",
                    f"x{fig['scaling_cpu']:.2f}",
                    f"   1 process's CPU-s / (main's + busiest worker's); target >= {TARGETS['scaling']}: "
                    f"{_check(fig['scaling_cpu'] >= TARGETS['scaling'])}",
                )
            )
        out.append(
            _line(
                f"    CPU-s of {n} processes over 1",
                f"{fig['parallel_cpu_overhead']:+.1%}",
                "   (the cost of going parallel, whatever the load)",
            )
        )
        out.append(_line("    outputs identical to 1 process's", str(report["identical_outputs"]).lower()))
    if "cold_wps" in fig:
        out.append(
            _line(
                f"    {n} processes from a cold start (workers load)",
                _fmt_wps(fig["cold_wps"]),
                f"   x{fig['cold_scaling']:.2f} of 1 process from a cold start",
            )
        )
    if "dask_wps" in fig:
        out.append(
            _line(
                f"    Dask LocalCluster of {n}, cold start",
                _fmt_wps(fig["dask_wps"]),
                f"   x{fig['dask_scaling']:.2f}; identical outputs: {str(report['identical_outputs_dask']).lower()}",
            )
        )
    rr = report["rerun"]
    ok = rr["seconds"] < TARGETS["rerun_seconds"] and rr["processed"] == 0 and rr["unchanged_outputs"]
    out.append(
        _line(
            "(d) no-change rerun, CLI incl. Python start-up, s",
            f"{rr['seconds']:.2f}",
            f"   target < {TARGETS['rerun_seconds']:.0f} s: {_check(ok)}"
            + ("" if rr["processed"] == 0 else f" ({rr['processed']} articles processed again!)"),
        )
    )
    workers = report.get("full_n", {}).get("rss_peak_children_mb") or []
    out.append(
        _line(
            "peak RSS per process, MB",
            f"{fig['rss_peak_mb']:.0f}",
            f"   target < {TARGETS['rss_mb']:.0f}: {_check(fig['rss_peak_mb'] < TARGETS['rss_mb'])}; "
            f"1 process {f1['rss_peak_mb']:.0f}"
            + (
                f"; {n} processes: main {report['full_n']['rss_peak_mb']:.0f}, workers "
                f"{', '.join(f'{w:.0f}' for w in workers)}"
                if workers
                else ""
            ),
        )
    )
    growth = fig.get("rss_growth_mb")
    out.append(
        _line(
            "RSS growth during the 1-process run, MB",
            "-" if growth is None else f"{growth:+.0f}",
            "   (late peak minus early peak)",
        )
    )
    out += ["", f"time per stage, 1 process, seconds{'':20} {'components':>10} {'records':>8} {'vs base':>8}"]
    base = fig["base_model_seconds"] or 1e-9
    for row in fig["stages"]:
        label = row["name"] + (f" ({', '.join(row['components'])})" if row["components"] else "")
        share = (row["pipes"] + row["records"]) / base * 100
        out.append(f"  {label[:52]:52} {row['pipes']:>10.2f} {row['records']:>8.2f} {share:>7.1f}%")
        if row["name"] in ("base", "run") or len(row.get("per_component", {})) > 1:
            out.append("      " + ", ".join(f"{p} {s:.2f}" for p, s in row["per_component"].items()))
    share = fig["our_share"] or 0.0
    out.append(
        f"  {'all ours (every row but tokenizer and base)':52} {'':>10} {fig['our_seconds']:>8.2f} {share * 100:>7.1f}%"
        f"   (b/a >= 0.85 needs <= 17.6%)"
    )
    out.append(
        f"  model load: full pipeline {f1['load_seconds']:.2f} s, base model alone "
        f"{report['base_1']['load_seconds']:.2f} s"
    )
    out.append("  no-change rerun: " + ", ".join(f"{k} {v:.2f}" for k, v in rr["phases"].items()) + " (seconds)")
    return "\n".join(out)


def compare(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Key figures of an earlier report beside this one's."""
    rows = [
        ("base model words/s", "base_wps"),
        ("full pipeline words/s", "full_wps"),
        ("b / a", "ratio"),
        ("b / a (CPU)", "ratio_cpu"),
        ("scaling", "scaling"),
        ("scaling (CPU)", "scaling_cpu"),
        ("rerun s", "rerun_seconds"),
        ("peak RSS MB", "rss_peak_mb"),
    ]
    fo, fn = old.get("figures", {}), new["figures"]
    out = [f"compared with {old.get('meta', {}).get('time', '?')} ({old.get('meta', {}).get('commit', '?')}):"]
    for label, key in rows:
        a, b = fo.get(key), fn.get(key)
        if a is None or b is None:
            continue
        out.append(f"  {label:24} {a:>12,.3f} -> {b:>12,.3f}  ({(b - a) / a * 100 if a else 0:+.1f}%)")
    so = {r["name"]: r["pipes"] + r["records"] for r in fo.get("stages", [])}
    for r in fn["stages"]:
        if r["name"] in so:
            a, b = so[r["name"]], r["pipes"] + r["records"]
            out.append(f"  {'stage ' + r['name']:24} {a:>12,.3f} -> {b:>12,.3f}  s")
    return "\n".join(out)


# ---------------------------------------------------------------- command line


def _loadavg() -> str | None:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return None


def _meta(args, model: str, stages: tuple[str, ...], batch: int, n: int) -> dict[str, Any]:
    from . import __version__
    from .run.pool import available_cpus

    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "commit": _git_commit(args.code),
        "version": __version__,
        "corpus": str(args.corpus),
        "limit": args.limit,
        "model": model,
        "stages": list(stages),
        "batch_size": batch,
        "n_process": n,
        "cpus": available_cpus(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "load_before": _loadavg(),
    }


def _git_commit(folder: Path) -> str | None:
    """Short commit of the measured code, '+dirty' when tracked files have changed since."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=folder
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "pipeline"],
            capture_output=True,
            text=True,
            cwd=folder,
        ).stdout.strip()
    except OSError:
        return None
    return (commit + ("+dirty" if dirty else "")) or None


def _say(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"corpus folder (default {DEFAULT_CORPUS})")
    p.add_argument("--limit", type=int, default=None, help="use N files spread evenly over the corpus")
    p.add_argument("--model", default=None, help="spaCy pipeline (default: as for extract)")
    p.add_argument("--stages", default=None, help="comma-separated stages (default: all)")
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--n-process", type=int, default=2, help="processes for the scaling run (default 2)")
    p.add_argument("--no-base-parallel", action="store_true", help="skip the base model's n_process run")
    p.add_argument("--cold", action="store_true", help="also time the N-process run from a cold start")
    p.add_argument("--dask", action="store_true", help="also time the Dask engine on a LocalCluster (cold start)")
    p.add_argument(
        "--json", type=Path, default=None, help="where to write the figures (default bench/bench-<time>.json)"
    )
    p.add_argument("--compare", type=Path, default=None, help="an earlier JSON report to compare with")
    p.add_argument("--keep", action="store_true", help="keep the temporary corpus, code copy and outputs")
    p.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="project folder whose pipeline/ package is measured "
        "(default: this one); e.g. a checkout of another commit",
    )
    p.add_argument("--measure", default=None, help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.measure:
        return _run_measure(args.measure)
    if not args.corpus.exists():
        print(
            f"bench: no corpus at {args.corpus}. `make bench` measures the PolNeAR training articles of ../shared "
            f"(set SHARED=DIR if it is elsewhere); to measure another folder of articles: "
            f'make bench BENCH_ARGS="--corpus DIR"',
            file=sys.stderr,
        )
        return 2
    old = None
    if args.compare:
        try:
            old = json.loads(args.compare.read_text())
        except (OSError, ValueError) as exc:
            print(f"bench: cannot read {args.compare}: {exc}", file=sys.stderr)
            return 2
    try:
        report = run_bench(args)
    except RuntimeError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    print(render(report))
    if old is not None:
        print()
        print(compare(old, report))
    path = args.json or ROOT / "bench" / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"\nfigures written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Command line: ``python -m pipeline extract CORPUS --outputs OUT`` and friends.

Exit statuses of ``extract``: 0 every article was read and processed; 1 the run finished but
errors were recorded in errors.jsonl (a bad file, a component that failed on an article); 2 the
run could not start (no corpus folder, an unusable outputs folder, an invalid option); 3 another
run holds the outputs folder; 4 the run stopped on the way (a full disk, a bug): the outputs are
those of the last complete run.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .settings import ALL_STAGES, DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_MODEL, Settings, SettingsError

EXIT_OK, EXIT_ERRORS, EXIT_SETUP, EXIT_LOCKED, EXIT_STOPPED = 0, 1, 2, 3, 4


def _count(low: int):
    """An argparse type: an integer of at least ``low``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, not {value}")
        return value

    return parse


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from a corpus folder")
    ex.add_argument("corpus", nargs="?", default="corpus", type=Path, help="folder of articles (read recursively)")
    ex.add_argument("-o", "--outputs", default=Path("outputs"), type=Path, help="output folder (default: outputs)")
    ex.add_argument(
        "--model", default=None, help=f"spaCy pipeline to load (env PIPELINE_MODEL, default {DEFAULT_MODEL})"
    )
    ex.add_argument("--stages", default=",".join(ALL_STAGES), help="comma-separated stages to run")
    ex.add_argument("--n-process", type=_count(0), default=None, help="worker processes (0: automatic)")
    ex.add_argument("--batch-size", type=_count(1), default=None)
    ex.add_argument(
        "--max-bytes",
        type=_count(1),
        default=DEFAULT_MAX_BYTES,
        help=f"skip input files larger than this (default {DEFAULT_MAX_BYTES:,}; JSONL files: 100 times this)",
    )
    ex.add_argument(
        "--max-chars",
        type=_count(1),
        default=DEFAULT_MAX_CHARS,
        help=f"skip article bodies longer than this many characters (default {DEFAULT_MAX_CHARS:,}, spaCy's own)",
    )
    ex.add_argument("--force", action="store_true", help="reprocess every article, ignoring the cache")
    ex.add_argument("--wait", action="store_true", help="if another run holds the outputs folder, wait for it")
    ex.add_argument("--engine", choices=("local", "dask"), default="local")
    ex.add_argument(
        "--scheduler", default=None, help="Dask scheduler address (tcp://host:port); default: a LocalCluster"
    )
    ex.add_argument("-q", "--quiet", action="store_true", help="only errors and the summary line")
    ex.add_argument("-v", "--verbose", action="store_true")
    ex.add_argument("--report", action="store_true", help="then build the HTML report in OUTPUTS/report")

    rp = sub.add_parser("report", help="build the HTML report of an outputs folder (no NLP; see docs/report.md)")
    rp.add_argument("outputs", nargs="?", default=Path("outputs"), type=Path, help="outputs folder (default: outputs)")
    rp.add_argument("-o", "--out", default=None, type=Path, help="report folder (default: OUTPUTS/report)")
    rp.add_argument("--title", default=None, help="title of the report (default: the outputs folder's name)")

    sc = sub.add_parser("schema", help="write the JSON Schema of every output record")
    sc.add_argument("--out", default=Path("docs/schema"), type=Path)
    sc.add_argument("--markdown", action="store_true", help="print the field tables as Markdown")
    return p


def _settings(args) -> Settings:
    s = Settings()
    if args.model:
        s.model = args.model
    s.stages = tuple(x.strip() for x in args.stages.split(",") if x.strip())
    if args.n_process is not None:
        s.n_process = args.n_process
    if args.batch_size is not None:
        s.batch_size = args.batch_size
    s.max_bytes = args.max_bytes
    s.max_chars = args.max_chars
    return s


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        from .schema import markdown_tables, write_schemas

        if args.markdown:
            print(markdown_tables())
        else:
            for path in write_schemas(args.out):
                print(path)
        return 0
    if args.command == "report":
        return _report(args.outputs, args.out, args.title)

    level = logging.ERROR if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="%(levelname)s %(message)s", stream=sys.stderr)
    from .run import extract
    from .run.errors import RunStopped

    try:
        summary = extract(
            args.corpus,
            args.outputs,
            _settings(args),
            force=args.force,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=not args.quiet,
            wait=args.wait,
        )
    except RunStopped as exc:  # SetupError 2, OutputsLocked 3, RunStopped 4
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_status
    except SettingsError as exc:  # a setting from the environment
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SETUP
    except OSError as exc:  # a full disk, a folder gone: nothing of the last complete run was replaced
        print(
            f"error: the run stopped: {exc}. The outputs are those of the last complete run; articles "
            f"finished before the stop are cached, so the next run resumes.",
            file=sys.stderr,
        )
        return EXIT_STOPPED
    except SystemExit as exc:
        if not isinstance(exc.code, str):
            raise
        print(f"error: {exc.code}", file=sys.stderr)  # the model or the Dask engine is missing
        return EXIT_SETUP
    except Exception as exc:
        logging.getLogger("pipeline").debug("the unexpected error", exc_info=True)
        print(
            f"error: the run stopped on an unexpected error: {type(exc).__name__}: {exc} (a bug: please report it; "
            f"--verbose shows where). The outputs are those of the last complete run.",
            file=sys.stderr,
        )
        return EXIT_STOPPED
    counts = ", ".join(f"{v} {k}" for k, v in summary.counts.items())
    print(
        f"{summary.articles} articles ({summary.processed} processed, {summary.cached} unchanged) -> "
        f"{args.outputs}: {counts}; {summary.errors} errors, {summary.warnings} warnings "
        f"(see errors.jsonl); {summary.seconds:.1f}s",
        file=sys.stderr,
    )
    status = EXIT_ERRORS if summary.failed else EXIT_OK
    return max(status, _report(args.outputs)) if args.report else status


def _report(outputs: Path, out: Path | None = None, title: str | None = None) -> int:
    from .report import build_report  # imports no spaCy: the report is built from the output files alone

    try:
        summary = build_report(outputs, out, title=title)
    except (FileNotFoundError, NotADirectoryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SETUP
    print(summary.line(), file=sys.stderr)
    return EXIT_OK

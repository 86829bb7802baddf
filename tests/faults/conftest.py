"""The fault-injection harness: runs of ``pipeline extract`` in forked child processes, killed with
SIGKILL at chosen moments, starved of disk, or run two at a time, then rerun and compared byte for
byte with a clean run.

A child is a fork of the test process, so it inherits the pipeline that the session loaded once
(``nlp`` fixture): a faulty run costs its own work only, not a model load. A fault is injected by
patching a function in the child alone (the parent is never patched)."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[2]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output file (tables included) but run.json (it holds the run's time) and the cache."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "run.json" and ".cache" not in p.relative_to(out).parts
    }


def temp_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.tmp"))


class Child:
    """A forked run: ``pid``, its exit status (``status``, or ``-signal``) and what it printed."""

    def __init__(self, pid: int, log: Path):
        self.pid, self.log = pid, log
        self.status: int | None = None

    def wait(self, timeout: float = 120.0) -> int:
        deadline = time.monotonic() + timeout
        while self.status is None:
            pid, raw = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(raw)
                break
            if time.monotonic() > deadline:
                os.killpg(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                raise TimeoutError(f"forked run {self.pid} still running after {timeout} s")
            time.sleep(0.02)
        self.reap_group()
        return self.status

    def reap_group(self, timeout: float = 10.0) -> None:
        """Wait until no process of the child's group is left (its pool workers die with it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.killpg(self.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        os.killpg(self.pid, signal.SIGKILL)
        raise AssertionError(f"processes of the run {self.pid} outlived it")

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture()
def fork_run(tmp_path, nlp):
    """``fork_run(fn, fsize=None)``: run ``fn`` (returning an exit status) in a forked child, in a
    process group of its own, with stdout and stderr to a log file, and optionally a file size
    limit (``ulimit -f``). Returns a :class:`Child`; ``.wait()`` gives its status."""
    children: list[Child] = []

    def start(fn: Callable[[], int | None], fsize: int | None = None) -> Child:
        log = tmp_path / f"child-{len(children)}.log"
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 99
            try:
                os.setpgid(0, 0)
                fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                sys.stdout = open(1, "w", closefd=False)  # not pytest's capture
                sys.stderr = open(2, "w", buffering=1, closefd=False)
                if fsize is not None:
                    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, resource.RLIM_INFINITY))
                result = fn()
                code = result if isinstance(result, int) else 0
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        child = Child(pid, log)
        children.append(child)
        return child

    yield start
    for child in children:
        if child.status is None:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(child.pid, 0)


def kill_self() -> None:
    """What ``kill -9`` does to the process that calls it."""
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    return folder


@pytest.fixture(scope="session")
def clean(tmp_path_factory, nlp):
    """The outputs of a clean run over corpus/ (one process), as bytes."""
    from pipeline.run.extract import extract
    from pipeline.settings import Settings

    out = tmp_path_factory.mktemp("clean") / "out"
    corpus = tmp_path_factory.mktemp("clean-corpus") / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    summary = extract(corpus, out, Settings(n_process=1), progress=False)
    assert not summary.failed
    return snapshot(out)


def cli(*args: str) -> int:
    from pipeline.cli import main

    return main(["extract", *args, "--quiet"])

"""kill -9 of the run and of one worker at several moments: whatever was finished stays, nothing is
half-written, and a rerun gives the outputs of a clean run, byte for byte."""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import time

import pytest

from .conftest import cli, kill_self, snapshot, temp_files


def _count_calls(monkeypatch, module, name: str, at: int, action) -> None:
    """Patch ``module.name`` so that its ``at``-th call does ``action`` first."""
    real = getattr(module, name)
    calls = {"n": 0}

    def patched(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == at:
            action()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, patched)


@pytest.mark.parametrize("at", [1, 3])
def test_kill_during_the_nlp_keeps_every_finished_article(fork_run, corpus, tmp_path, clean, monkeypatch, at):
    """Killed while the model works on article ``at``: the ``at - 1`` finished ones are cached at
    once (not at the end of their batch), and the rerun processes only the rest."""
    from pipeline.run import process

    out = tmp_path / "out"

    def faulty():
        _count_calls(monkeypatch, process, "doc_to_result", at, kill_self)
        return cli(str(corpus), "-o", str(out), "--n-process", "1")

    assert fork_run(faulty).wait() == -signal.SIGKILL
    assert len(list((out / ".cache" / "records").glob("*.json"))) == at - 1
    assert not list(out.glob("*.jsonl")) and not temp_files(out)
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    run = json.loads((out / "run.json").read_text())
    assert (run["processed"], run["cached"]) == (4 - (at - 1), at - 1)
    assert snapshot(out) == clean


@pytest.mark.parametrize("at", [2, 4, 9])
def test_kill_while_the_outputs_are_renamed_into_place(fork_run, corpus, tmp_path, clean, monkeypatch, at):
    """Killed at the ``at``-th atomic rename of a run that replaces older outputs (one article
    changed): some files are new, some old, none is torn; the rerun makes them consistent."""
    from pipeline.core import files

    out = tmp_path / "out"
    original = (corpus / "geneva-statement.txt").read_text()
    (corpus / "geneva-statement.txt").write_text(original + "\nA closing line added later.\n")
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    (corpus / "geneva-statement.txt").write_text(original)

    def faulty():
        _count_calls(monkeypatch, files.os, "replace", at, kill_self)
        return cli(str(corpus), "-o", str(out), "--n-process", "1")

    assert fork_run(faulty).wait() == -signal.SIGKILL
    for path in out.glob("*.jsonl"):  # every file is whole: old or new
        for line in path.read_text().splitlines():
            json.loads(line)
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    assert json.loads((out / "run.json").read_text())["processed"] == 0  # the cache had it all
    assert snapshot(out) == clean and not temp_files(out)


def test_kill_before_the_manifest_is_written(fork_run, corpus, tmp_path, clean, monkeypatch):
    import importlib

    extract = importlib.import_module("pipeline.run.extract")
    out = tmp_path / "out"

    def faulty():
        monkeypatch.setattr(extract, "write_manifest", lambda *a, **k: kill_self())
        return cli(str(corpus), "-o", str(out), "--n-process", "1")

    assert fork_run(faulty).wait() == -signal.SIGKILL
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    assert snapshot(out) == clean
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0  # and now the no-change rerun
    assert json.loads((out / "run.json").read_text())["processed"] == 0


def test_kill_in_the_middle_of_a_cache_entry(fork_run, corpus, tmp_path, clean, monkeypatch):
    """A cache entry half written when the run dies is a temporary file: never read, removed by
    the next run (finding 17)."""
    from pipeline.core import files

    out = tmp_path / "out"

    def faulty():
        real_open = files.AtomicFile.open

        def open_then_die(self):
            fh = real_open(self)
            if "records" in self.path.parts:
                fh.write('{"entry":1,"sha256":"')
                fh.flush()
                kill_self()
            return fh

        monkeypatch.setattr(files.AtomicFile, "open", open_then_die)
        return cli(str(corpus), "-o", str(out), "--n-process", "1")

    assert fork_run(faulty).wait() == -signal.SIGKILL
    assert len(temp_files(out)) == 1
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    assert snapshot(out) == clean and not temp_files(out)


@pytest.mark.parametrize("at", [1, 3])
def test_a_worker_killed_once_costs_nothing(fork_run, corpus, tmp_path, clean, monkeypatch, at):
    """A pool worker killed (as by the out-of-memory killer) while on article ``at``: the run
    redoes what the worker had not finished and ends as a clean run does (finding 6)."""
    from pipeline.run import process

    out = tmp_path / "out"
    marker = tmp_path / "killed-once"

    def faulty():
        main_pid = os.getpid()

        def die_once():
            if os.getpid() != main_pid and not marker.exists():
                marker.write_text(str(os.getpid()))
                kill_self()

        _count_calls(monkeypatch, process, "doc_to_result", at, die_once)
        return cli(str(corpus), "-o", str(out), "--n-process", "2")

    child = fork_run(faulty)
    assert child.wait() == 0, child.output
    assert marker.exists()  # a worker was killed
    assert snapshot(out) == clean and not temp_files(out)


def test_an_article_that_kills_its_worker_every_time_is_an_error(fork_run, corpus, tmp_path, clean, monkeypatch):
    """The poison article alone is lost, reported with its file and line (kind worker_died), not
    cached; every other article is written; once the cause is gone a rerun heals."""
    from pipeline.run import process

    out = tmp_path / "out"

    def faulty():
        main_pid = os.getpid()
        real = process.doc_to_result

        def poison(doc, article, *args, **kwargs):
            if article.doc_id == "brief-black-sea" and os.getpid() != main_pid:
                faulthandler.disable()  # (pytest's dump of the stack would go to the terminal)
                os.abort()  # a C-level abort
            return real(doc, article, *args, **kwargs)

        monkeypatch.setattr(process, "doc_to_result", poison)
        return cli(str(corpus), "-o", str(out), "--n-process", "2")

    child = fork_run(faulty)
    assert child.wait() == 1, child.output
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [(e["path"], e["line"], e["doc_id"], e["stage"], e["kind"]) for e in errors] == [
        ("wire-briefs.jsonl", 2, "brief-black-sea", "nlp", "worker_died")
    ]
    assert "SIGABRT" in errors[0]["message"]
    docs = [json.loads(x)["doc_id"] for x in (out / "documents.jsonl").read_text().splitlines()]
    assert docs == ["brief-energy-truce", "geneva-statement", "istanbul-talks-2025"]
    assert cli(str(corpus), "-o", str(out), "--n-process", "2") == 0
    assert json.loads((out / "run.json").read_text())["processed"] == 1
    assert snapshot(out) == clean


def test_the_run_killed_with_its_workers_busy_leaves_no_process(fork_run, corpus, tmp_path, clean, monkeypatch):
    """kill -9 of the run while its pool works: the workers die with it (they would otherwise keep
    writing into a folder that the next run holds), and the rerun completes the work."""
    from pipeline.run import process

    out = tmp_path / "out"

    def faulty():
        main_pid = os.getpid()
        real = process.doc_to_result

        def slow(*args, **kwargs):
            if os.getpid() != main_pid:
                (tmp_path / f"worker-{os.getpid()}").touch()
                time.sleep(0.3)
            return real(*args, **kwargs)

        monkeypatch.setattr(process, "doc_to_result", slow)
        return cli(str(corpus), "-o", str(out), "--n-process", "2")

    child = fork_run(faulty)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("worker-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL  # and wait() checks that no process of its group is left
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    assert snapshot(out) == clean and not temp_files(out)

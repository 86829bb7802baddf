"""Two runs on one outputs folder (finding 18): the second refuses, naming the first's pid, or
waits for it with --wait; neither damages the other's outputs or cache."""

from __future__ import annotations

import json
import shutil
import time

from .conftest import cli, snapshot


def _slow_run(monkeypatch, corpus, out, started, seconds=0.4):
    """A run whose articles take ``seconds`` each, that says when it holds the lock."""
    from pipeline.run import process

    real = process.doc_to_result

    def slow(*args, **kwargs):
        started.touch()
        time.sleep(seconds)
        return real(*args, **kwargs)

    def run():
        monkeypatch.setattr(process, "doc_to_result", slow)
        return cli(str(corpus), "-o", str(out), "--n-process", "1")

    return run


def _wait_for(path, timeout=60):
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


def test_a_second_run_on_the_same_outputs_refuses_or_waits(fork_run, corpus, tmp_path, clean, monkeypatch):
    out = tmp_path / "out"
    other = tmp_path / "other"  # another corpus: one article only
    other.mkdir()
    shutil.copy(corpus / "geneva-statement.txt", other)
    started = tmp_path / "started"

    first = fork_run(_slow_run(monkeypatch, corpus, out, started))
    _wait_for(started)
    second = fork_run(lambda: cli(str(other), "-o", str(out), "--n-process", "1"))
    assert second.wait() == 3
    assert f"in use by another run (pid {first.pid})" in second.output and "--wait" in second.output
    assert first.wait() == 0, first.output
    assert snapshot(out) == clean  # the refused run touched nothing

    started.unlink()
    (corpus / "geneva-statement.txt").write_text((corpus / "geneva-statement.txt").read_text() + "\nOne more line.\n")
    first = fork_run(_slow_run(monkeypatch, corpus, out, started))
    _wait_for(started)
    waiting = fork_run(lambda: cli(str(other), "-o", str(out), "--n-process", "1", "--wait"))
    assert first.wait() == 0 and waiting.wait() == 0, waiting.output
    docs = [json.loads(x)["doc_id"] for x in (out / "documents.jsonl").read_text().splitlines()]
    assert docs == ["geneva-statement"]  # the waiting run ran after the first, on its own corpus
    assert json.loads((out / "run.json").read_text())["processed"] == 1

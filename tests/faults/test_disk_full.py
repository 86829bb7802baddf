"""A full disk (a file size limit, as ``ulimit -f`` sets): the run stops with a clear message and
exit status 4, leaves no temporary file and no torn output, and the next run completes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT, cli, snapshot, temp_files


@pytest.mark.parametrize("n_process", ["1", "2"])  # the cache written by the run, or by its workers
def test_a_full_disk_while_caching_stops_the_run_cleanly(fork_run, corpus, tmp_path, clean, n_process):
    out = tmp_path / "out"
    child = fork_run(lambda: cli(str(corpus), "-o", str(out), "--n-process", n_process), fsize=6000)
    assert child.wait() == 4, child.output
    assert "File too large" in child.output and "Traceback" not in child.output
    assert not temp_files(out) and not list(out.glob("*.jsonl"))
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    assert snapshot(out) == clean


def test_a_full_disk_while_writing_the_outputs_keeps_the_old_ones(tmp_path, corpus, clean):
    """Through the command line in a shell with ``ulimit -f``: the outputs are rewritten from the
    cache (no model is loaded), the limit stops the run, every file of the last run is intact."""
    out = tmp_path / "out"
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    (out / "documents.jsonl").unlink()  # a touched output: the rerun writes them all again, from the cache
    before = snapshot(out)
    cmd = f"ulimit -f 8; exec {sys.executable} -m pipeline extract {corpus} -o {out} --quiet"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert run.returncode == 4, run.stderr
    assert "File too large" in run.stderr and "Traceback" not in run.stderr
    assert snapshot(out) == before and not temp_files(out)
    assert json.loads((out / "run.json").read_text())["processed"] == 4  # still that of the first run
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    assert snapshot(out) == clean

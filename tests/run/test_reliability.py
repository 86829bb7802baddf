"""The run's promises (issue 14): one run per outputs folder, a clear stop before any work when it
cannot run, exit statuses that mean one thing each, files only ever removed when a run of ours
wrote them, outputs never read back as input, and file modes from the umask."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli import main

# The modules of the run's new machinery are imported by the tests that use them, so that every
# command-line test here also runs (and fails) on a tree without them.

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    return folder


def _cli(*args: str) -> int:
    return main(["extract", *args, "--quiet", "--n-process", "1"])


def _no_processing(monkeypatch):
    """Fail the test if the run gets as far as processing articles."""
    import pipeline.run.pool as pool

    def refuse(*a, **k):
        raise AssertionError("articles were processed")

    monkeypatch.setattr(pool, "run_local", refuse)


# ---------------------------------------------------------------- finding 7: an unusable outputs folder


def test_an_outputs_path_that_is_a_file_stops_the_run_before_any_work(corpus, tmp_path, monkeypatch, capsys):
    _no_processing(monkeypatch)
    target = tmp_path / "out"
    target.write_text("a file\n")
    assert _cli(str(corpus), "-o", str(target)) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert target.read_text() == "a file\n"


def test_an_outputs_folder_that_cannot_be_written_stops_the_run_before_any_work(corpus, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    out.mkdir()
    if subprocess.run(["chattr", "+i", str(out)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        _no_processing(monkeypatch)
        assert _cli(str(corpus), "-o", str(out)) == 2
        assert f"cannot write in the outputs folder {out}" in capsys.readouterr().err
    finally:
        subprocess.run(["chattr", "-i", str(out)], check=True)


# ---------------------------------------------------------------- finding 18: the lock


def _hold_lock(outputs: Path):
    """A child process that holds the lock of ``outputs`` until its pipe is closed."""
    from pipeline.run.lock import OutputsLock

    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(go_w)
            os.close(ready_r)
            with OutputsLock(outputs):
                os.write(ready_w, b"x")
                os.read(go_r, 1)
        finally:
            os._exit(0)
    os.close(go_r)
    os.close(ready_w)
    os.read(ready_r, 1)
    os.close(ready_r)
    return pid, go_w


def test_a_held_lock_refuses_naming_the_holder_and_is_free_when_it_ends(tmp_path):
    from pipeline.run.errors import OutputsLocked
    from pipeline.run.lock import OutputsLock

    out = tmp_path / "out"
    pid, release = _hold_lock(out)
    try:
        with pytest.raises(OutputsLocked, match=f"in use by another run \\(pid {pid}\\).*--wait"):
            with OutputsLock(out):
                pass
    finally:
        os.close(release)
        os.waitpid(pid, 0)
    with OutputsLock(out):
        assert (out / ".cache" / "lock").read_text().strip() == str(os.getpid())


def test_wait_waits_for_the_holder(tmp_path):
    from pipeline.run.lock import OutputsLock

    out = tmp_path / "out"
    pid, release = _hold_lock(out)
    t0 = time.monotonic()
    releaser = os.fork()
    if releaser == 0:
        time.sleep(0.5)
        os.close(release)
        os._exit(0)
    os.close(release)
    with OutputsLock(out, wait=True):
        assert time.monotonic() - t0 >= 0.4
    os.waitpid(releaser, 0)
    os.waitpid(pid, 0)


def test_the_lock_file_of_a_dead_run_is_taken_over(tmp_path):
    from pipeline.run.lock import OutputsLock

    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / ".cache" / "lock").write_text(dead.stdout)  # as kill -9 leaves it
    with OutputsLock(out):
        pass


def test_one_process_cannot_hold_a_folder_twice(tmp_path):
    from pipeline.run.errors import OutputsLocked
    from pipeline.run.lock import OutputsLock

    with OutputsLock(tmp_path / "out"):
        with pytest.raises(OutputsLocked, match="in this process"):
            with OutputsLock(tmp_path / "out"):
                pass


def test_a_locked_folder_exits_3(corpus, tmp_path, monkeypatch, capsys):
    _no_processing(monkeypatch)
    out = tmp_path / "out"
    pid, release = _hold_lock(out)
    try:
        assert _cli(str(corpus), "-o", str(out)) == 3
        assert f"pid {pid}" in capsys.readouterr().err
    finally:
        os.close(release)
        os.waitpid(pid, 0)


# ---------------------------------------------------------------- findings 24, 26, 20: exit statuses, options


def test_exit_status_2_is_for_a_run_that_cannot_start_only(corpus, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert _cli(str(tmp_path / "missing"), "-o", str(out)) == 2
    import importlib

    run_extract = importlib.import_module("pipeline.run.extract")  # the module, not the function

    def bug(*a, **k):
        raise ValueError("a bug deep in the run")

    monkeypatch.setattr(run_extract, "write_outputs", bug)
    assert _cli(str(corpus), "-o", str(out)) == 4
    assert "a bug deep in the run" in capsys.readouterr().err


@pytest.mark.parametrize("option", [["--batch-size", "-3"], ["--batch-size", "0"], ["--n-process", "-1"]])
def test_invalid_numbers_are_refused(corpus, tmp_path, option, capsys):
    with pytest.raises(SystemExit) as exc:
        _cli(str(corpus), "-o", str(tmp_path / "out"), *option)
    assert exc.value.code == 2 and "must be at least" in capsys.readouterr().err
    from pipeline.run.errors import SetupError
    from pipeline.run.extract import extract
    from pipeline.settings import Settings

    with pytest.raises(SetupError, match="batch-size must be an integer of at least 1"):
        extract(corpus, tmp_path / "out", Settings(batch_size=-3), progress=False)


def test_a_bad_environment_variable_is_a_setup_error(corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PIPELINE_BATCH_SIZE", "many")
    assert _cli(str(corpus), "-o", str(tmp_path / "out")) == 2
    assert "PIPELINE_BATCH_SIZE must be an integer" in capsys.readouterr().err


def test_max_chars_is_an_option_and_named_in_the_message(corpus, tmp_path, monkeypatch, nlp):
    out = tmp_path / "out"
    assert _cli(str(corpus), "-o", str(out), "--max-chars", "1000") == 1
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [(e["path"], e["kind"]) for e in errors] == [("istanbul-talks-2025.md", "too_large")]
    assert "--max-chars" in errors[0]["message"]
    assert _cli(str(corpus), "-o", str(out), "--max-chars", "2000") == 0


# ---------------------------------------------------------------- findings 8, 19: what a run removes


def test_a_run_removes_only_files_an_earlier_run_of_ours_wrote(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    assert _cli(str(corpus), "-o", str(out)) == 0
    tables = out / "tables"
    ours = sorted(p.name for p in tables.iterdir())
    assert "ukraine-and-united-states-agreement-2025-11-24.md" in ours
    (tables / "my-notes.md").write_text("notes\n")
    (tables / "draft.csv").write_text("a,b\n")
    (corpus / "geneva-statement.txt").unlink()  # the only article of that agreement
    assert _cli(str(corpus), "-o", str(out)) == 0
    now = sorted(p.name for p in tables.iterdir())
    assert "ukraine-and-united-states-agreement-2025-11-24.md" not in now  # ours, not written this time
    assert (tables / "my-notes.md").read_text() == "notes\n" and (tables / "draft.csv").exists()


def test_a_run_with_fewer_stages_removes_the_files_of_the_others(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    assert _cli(str(corpus), "-o", str(out)) == 0
    assert (out / "quotes.jsonl").exists() and (out / "tables" / "index.md").exists()
    assert _cli(str(corpus), "-o", str(out), "--stages", "dates") == 0
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        "dates.jsonl",
        "documents.jsonl",
        "errors.jsonl",
        "run.json",
    ]
    assert not list((out / "tables").iterdir())
    import pipeline

    frames = pipeline.load(out)
    assert frames.quotes.empty and not frames.dates.empty


# ---------------------------------------------------------------- finding 15: outputs inside the corpus


@pytest.mark.parametrize("where", ["out", "."])
def test_outputs_inside_the_corpus_are_not_read_back(corpus, where, nlp):
    out = corpus / where
    for _ in range(3):
        assert _cli(str(corpus), "-o", str(out)) == 0
        docs = [json.loads(x)["doc_id"] for x in (out / "documents.jsonl").read_text().splitlines()]
        assert docs == ["brief-black-sea", "brief-energy-truce", "geneva-statement", "istanbul-talks-2025"]


# ---------------------------------------------------------------- findings 17, 25: temporary files, modes


def test_temporary_files_of_an_interrupted_run_are_removed(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    assert _cli(str(corpus), "-o", str(out)) == 0
    strays = [
        out / ".entities.jsonl.k2j3abcd.tmp",
        out / "tables" / ".index.md.x_y0z9qq.tmp",
        out / ".cache" / "records" / ".a.json.q1w2e3r4.tmp",
    ]
    for p in strays:
        p.write_text("half")
    (out / "notes.tmp").write_text("not ours: no leading dot")
    (out / ".notes.tmp").write_text("not ours: not named as ours")
    assert _cli(str(corpus), "-o", str(out)) == 0
    assert not any(p.exists() for p in strays) and (out / "notes.tmp").exists() and (out / ".notes.tmp").exists()


def test_a_failing_flush_removes_the_temporary_file_and_keeps_its_error(tmp_path, monkeypatch):
    from pipeline.core.files import AtomicFile, atomic_write_text

    path = tmp_path / "x.jsonl"
    atomic_write_text(path, "old\n")
    f = AtomicFile(path)
    fh = f.open()
    fh.write("new\n" * 10)

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left on device"):
        f.commit()
    f.abort()  # again: never raises
    assert path.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["x.jsonl"]


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_files_get_the_mode_of_the_umask(tmp_path, umask):
    probe = (
        f"import os; os.umask({umask}); from pipeline.core.files import atomic_write_text, AtomicFile; "
        f"atomic_write_text({str(tmp_path / 'a')!r}, 'x'); "
        f"f = AtomicFile({str(tmp_path / 'b')!r}); f.open().write('y'); f.commit()"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=ROOT)
    for name in ("a", "b"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~umask


def test_outputs_are_not_private(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        assert _cli(str(corpus), "-o", str(out)) == 0
    finally:
        os.umask(old)
    for p in [*out.glob("*.jsonl"), *(out / "tables").iterdir(), *(out / ".cache" / "records").iterdir()]:
        assert stat.S_IMODE(p.stat().st_mode) == 0o644, p

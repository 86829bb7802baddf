"""A damaged cache entry (torn in half with its header intact: finding 9; a record line altered:
finding 16) is noticed by its seal before any line of it is used, and the article is processed
again in the same run: the outputs are those of a clean run."""

from __future__ import annotations

import json

import pytest

from pipeline.run.cache import ResultCache

from .conftest import cli, snapshot


def _entry(out, doc_id):
    return ResultCache(out)._path(doc_id)


def _tear(path):
    data = path.read_bytes()
    lines = data.split(b"\n")
    path.write_bytes(b"\n".join(lines[:2]) + b"\n" + data[len(b"\n".join(lines[:2])) + 1 :][: len(data) // 3])


def _alter(path):
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b'"start":', b'"start":9', 1)[:-5]  # a record line, no longer JSON
    path.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize("damage", [_tear, _alter], ids=["torn", "altered"])
def test_a_damaged_entry_is_processed_again(corpus, tmp_path, clean, damage):
    out = tmp_path / "out"
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    damage(_entry(out, "istanbul-talks-2025"))
    (out / "entities.jsonl").unlink()  # the outputs must be written again: the entries are used
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    run = json.loads((out / "run.json").read_text())
    assert (run["processed"], run["cached"]) == (1, 3)
    assert snapshot(out) == clean
    for line in (out / "entities.jsonl").read_text().splitlines():
        json.loads(line)


def test_an_entry_damaged_during_the_run_is_reported_removed_and_healed(corpus, tmp_path, clean, monkeypatch):
    """Damaged after it was checked (a disk error, another process): the article is missing from
    these outputs with an error saying so, exit 1, and the next run processes it again."""
    from pipeline.run import outputs

    out = tmp_path / "out"
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    (out / "entities.jsonl").unlink()
    real = outputs.OutputWriters.__init__

    def damage_then_write(self, *args, **kwargs):
        _tear(_entry(out, "geneva-statement"))
        real(self, *args, **kwargs)

    monkeypatch.setattr(outputs.OutputWriters, "__init__", damage_then_write)
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 1
    monkeypatch.undo()
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [(e["doc_id"], e["kind"]) for e in errors] == [("geneva-statement", "cache")]
    assert not _entry(out, "geneva-statement").exists()
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 0
    assert json.loads((out / "run.json").read_text())["processed"] == 1
    assert snapshot(out) == clean

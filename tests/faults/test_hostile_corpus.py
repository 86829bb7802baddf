"""End to end: a corpus of every kind of bad input the campaign found, through the command line.
The run completes, every output is valid and loads in pandas, each problem is in errors.jsonl with
its file (and line), the exit status is 1, and a rerun changes nothing."""

from __future__ import annotations

import json
import os

import pipeline

from .conftest import cli, snapshot

GOOD = "The delegations of Russia and Ukraine met in Istanbul on Monday to discuss a ceasefire.\n"


def _hostile(folder, outside):
    def put(name, data):
        path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
        with open(path, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))

    folder.mkdir()
    put("good.md", "---\ntitle: Talks\ndate: 2025-06-03\n---\n" + GOOD)
    put("wire.jsonl", '{"doc_id": "w\\ud800", "text": "Envoys \\udfff met in Geneva on Tuesday."}\n{bad json\n')
    put(b"bad\xffname.txt", GOOD)
    put("keys.md", "---\n1: one\n~: x\n2025-06-03: signed\nblob: !!binary /w==\n---\n" + GOOD)
    bomb = "\n".join(
        ["a: &a [x, x, x, x, x, x, x, x]"]
        + [f"{c}: &{c} [{', '.join(['*' + p] * 8)}]" for p, c in zip("abcdefg", "bcdefgh")]
    )
    put("bomb.md", "---\n" + bomb + "\n---\n" + GOOD)
    put("crlf.md", "---\r\ntitle: CRLF\r\ndate: 2025-06-04\r\n---\r\n" + GOOD.replace("\n", "\r\n"))
    put("badbyte.txt", "Erdoğan met Zelenskyy in Türkiye. ".encode() + b"\xff" + GOOD.encode())
    put("baddate.md", "---\ndate: 2025-13-45\n---\n" + GOOD)
    put("blob.txt", bytes(range(0x80, 0x100)) * 8)
    put("ru.txt", "Делегации встретились в Стамбуле в понедельник.\n".encode("utf-16-le"))
    put("rule.md", "---\n\nA paragraph between rules.\n\n---\n\n" + GOOD)
    put("empty.txt", "")
    os.symlink(outside, os.path.join(folder, "leak.txt"))


def test_a_hostile_corpus_runs_to_the_end(tmp_path, nlp):
    outside = tmp_path / "secret.txt"
    outside.write_text("Not for the outputs.\n")
    corpus = tmp_path / "corpus"
    _hostile(corpus, outside)
    out = tmp_path / "out"
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 1
    for path in out.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line)
    frames = pipeline.load(out)
    docs = frames.documents.set_index("doc_id")
    assert set(docs.index) == {
        "good", "w\ufffd", "bad\ufffdname", "keys", "bomb", "crlf", "badbyte", "baddate", "ru", "rule",
    }  # fmt: skip
    assert docs.loc["crlf", "title"] == "CRLF" and str(docs.loc["crlf", "date"].date()) == "2025-06-04"
    assert "\ufffd" in docs.loc["badbyte", "text"] and "Erdoğan" in docs.loc["badbyte", "text"]
    assert docs.loc["rule", "text"].startswith("---\n\nA paragraph")
    assert "Not for the outputs" not in (out / "documents.jsonl").read_text()
    errors = frames.errors
    by_file = {(p, k) for p, k in zip(errors.path, errors.kind)}
    for expected in [
        ("wire.jsonl", "encoding"),
        ("wire.jsonl", "jsonl"),
        ("bad\ufffdname.txt", "encoding"),
        ("keys.md", "front_matter"),
        ("bomb.md", "front_matter"),
        ("badbyte.txt", "encoding"),
        ("baddate.md", "bad_date"),
        ("blob.txt", "binary"),
        ("ru.txt", "encoding"),
        ("empty.txt", "empty"),
        ("leak.txt", "symlink"),
    ]:
        assert expected in by_file, expected
    assert sorted(errors[errors.severity == "error"].path) == ["blob.txt", "empty.txt", "wire.jsonl"]
    before = snapshot(out)
    assert cli(str(corpus), "-o", str(out), "--n-process", "1") == 1
    assert json.loads((out / "run.json").read_text())["processed"] == 0
    assert snapshot(out) == before

"""Bad input found by the fault campaign (issue 14): each costs its own file or line at most, is
reported with its file (and line), and leaves the articles plain, JSON-writable data."""

from __future__ import annotations

import json
import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.core.records import DocumentRecord
from pipeline.ingest import decode_bytes, read_corpus, split_front_matter
from pipeline.run.fingerprint import article_key


def _write(folder: Path, name: str | bytes, content) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _writable(article) -> None:
    """What the run does with an article before and after the NLP: its key, and its document record."""
    article_key(article, "fp")
    record = DocumentRecord(
        doc_id=article.doc_id,
        path=article.path,
        format=article.format,
        title=article.title,
        meta=article.meta,
        text=article.text,
        n_chars=len(article.text),
        n_words=0,
        sha256="x",
        pipeline_version="v",
        model="m",
    ).to_json_dict()
    json.dumps(record, ensure_ascii=False).encode("utf-8")


@contextmanager
def time_limit(seconds: int):
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_lone_surrogates_in_jsonl_are_replaced_with_a_warning(tmp_path):  # finding 1
    _write(
        tmp_path,
        "wire.jsonl",
        '{"doc_id": "a\\ud800", "text": "Talks in Geneva \\udfff resumed."}\n{"text": "A clean second line."}\n',
    )
    errors = []
    arts = read_corpus(tmp_path, errors)
    assert len(arts) == 2
    for art in arts:
        _writable(art)
    assert arts[0].doc_id == "a\ufffd" and "\ufffd resumed" in arts[0].text
    warning = next(e for e in errors if e.kind == "encoding")
    assert (warning.path, warning.line, warning.severity) == ("wire.jsonl", 1, "warning")


def test_a_file_name_that_is_not_utf8_is_read_under_a_readable_name(tmp_path):  # finding 2
    _write(tmp_path, b"bad\xffname.txt", "Delegations met in Istanbul on Monday.\n")
    errors = []
    (art,) = read_corpus(tmp_path, errors)
    _writable(art)
    assert art.path == "bad\ufffdname.txt" and art.doc_id == "bad\ufffdname"
    assert any(e.kind == "encoding" and e.path == art.path for e in errors)


@pytest.mark.parametrize(
    "front, key",
    [("1: one", "1"), ("~: x", "null"), ("2025-06-03: signed", "2025-06-03"), ("true: yes", "true")],
)
def test_front_matter_keys_that_are_not_strings_are_read_as_text(tmp_path, front, key):  # finding 3
    _write(tmp_path, "a.md", f"---\ntitle: Talks\n{front}\n---\nThe envoys met.\n")
    errors = []
    (art,) = read_corpus(tmp_path, errors)
    _writable(art)
    assert key in art.meta and art.title == "Talks"
    assert any(e.kind == "front_matter" and e.severity == "warning" for e in errors)


def test_binary_front_matter_values_become_json(tmp_path):  # finding 4
    _write(tmp_path, "a.md", "---\ntitle: T\nblob: !!binary /w==\ntext_blob: !!binary aGVsbG8=\n---\nBody text.\n")
    errors = []
    (art,) = read_corpus(tmp_path, errors)
    _writable(art)
    assert art.meta["blob"] == "/w==" and art.meta["text_blob"] == "hello"


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path):  # finding 5
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        levels.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    bomb = "\n".join(levels)
    assert len(bomb) < 800
    _write(tmp_path, "bomb.md", f"---\ntitle: Bomb\n{bomb}\n---\nThe body survives.\n")
    errors = []
    with time_limit(10):
        (art,) = read_corpus(tmp_path, errors)
    assert art.text == "The body survives.\n" and art.title == "Bomb"
    assert any(e.kind == "front_matter" and "alias" in e.message for e in errors)
    _writable(art)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_front_matter_with_crlf_or_cr_line_endings(tmp_path, newline):  # finding 11
    text = newline.join(["---", "title: Geneva talks", "date: 2025-11-23", "---", "The delegations met.", ""])
    _write(tmp_path, "a.md", text)
    (art,) = read_corpus(tmp_path, [])
    assert (art.title, art.date, art.text) == ("Geneva talks", "2025-11-23", "The delegations met.\n")


def test_one_bad_byte_in_utf8_replaces_that_byte_only(tmp_path):  # finding 12
    good = "Erdoğan hosted Zelenskyy and Fidan in Türkiye: “talks”. "
    data = good.encode() + b"\xff" + (" " + good).encode()
    _write(tmp_path, "a.txt", data)
    errors = []
    (art,) = read_corpus(tmp_path, errors)
    assert art.text == good + "\ufffd " + good
    (warning,) = [e for e in errors if e.kind == "encoding"]
    assert warning.severity == "warning" and f"byte {len(good.encode())}" in warning.message and warning.line == 1


def test_cp1252_is_still_cp1252():
    text, codec, problem = decode_bytes("Café talks – “peace” in Genève".encode("cp1252"))
    assert (text, codec) == ("Café talks – “peace” in Genève", "cp1252") and "cp1252" in problem


@pytest.mark.parametrize("date", ["2025-13-45", "2025-06-03T25:61:00", "0000-01-01"])
def test_an_impossible_date_keeps_the_article_with_a_warning(tmp_path, date):  # finding 13
    _write(tmp_path, "2025-06-04-talks.md", f"---\ntitle: Talks\ndate: {date}\n---\nThe envoys met.\n")
    errors = []
    (art,) = read_corpus(tmp_path, errors)
    assert art.title == "Talks" and art.text == "The envoys met.\n"
    assert (art.date, art.date_source) == ("2025-06-04", "filename")  # the next source of a date
    assert any(e.kind == "bad_date" and e.severity == "warning" for e in errors)
    _writable(art)


def test_an_unreadable_folder_is_an_error(tmp_path, monkeypatch):  # finding 14
    _write(tmp_path, "ok.txt", "Talks resumed.\n")
    _write(tmp_path, "locked/hidden.txt", "Never read.\n")
    real_scandir = os.scandir
    locked = str(tmp_path / "locked")

    def scandir(path="."):
        if os.fspath(path) == locked:  # as for a folder without read permission (the tests run as root)
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    errors = []
    arts = read_corpus(tmp_path, errors)
    assert [a.doc_id for a in arts] == ["ok"]
    (err,) = [e for e in errors if e.path == "locked"]
    assert err.severity == "error" and err.kind == "unreadable" and "Permission denied" in err.message


def test_outputs_folders_in_the_corpus_are_not_input(tmp_path):  # finding 15 (the walk's part)
    _write(tmp_path, "a.txt", "Talks resumed.\n")
    _write(tmp_path, "out/documents.jsonl", json.dumps({"doc_id": "a", "text": "Talks resumed."}) + "\n")
    _write(tmp_path, "out/.cache/manifest.json", "{}")
    _write(tmp_path, "old/entities.jsonl", json.dumps({"text": "Talks"}) + "\n")
    _write(tmp_path, "old/.cache/records/x.json", "{}")
    errors = []
    arts = read_corpus(tmp_path, errors, exclude=[tmp_path / "out"])
    assert [a.doc_id for a in arts] == ["a"]
    assert [(e.path, e.kind) for e in errors if e.kind != "no_date"] == [("old", "outputs_folder")]  # own: quietly


def test_utf16_without_bom_in_cyrillic(tmp_path):  # finding 21
    text = "Переговоры в Стамбуле продолжились во вторник. Делегации обсудили обмен пленными.\n" * 3
    for codec in ("utf-16-le", "utf-16-be"):
        decoded, used, problem = decode_bytes(text.encode(codec))
        assert (decoded, used) == (text, codec) and "no byte order mark" in problem
    _write(tmp_path, "ru.txt", text.encode("utf-16-le"))
    (art,) = read_corpus(tmp_path, [])
    assert art.text == text


@pytest.mark.parametrize("seed", range(5))
def test_high_bytes_without_nul_are_binary(tmp_path, seed):  # finding 22
    import random

    rng = random.Random(seed)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    text, _, problem = decode_bytes(data)
    assert text is None and "binary" in problem
    _write(tmp_path, "blob.txt", data)
    errors = []
    assert read_corpus(tmp_path, errors) == []
    assert [e.kind for e in errors] == ["binary"]


def test_a_markdown_rule_at_the_top_is_not_front_matter(tmp_path):  # finding 23
    text = "---\n\nThe first paragraph, set between rules.\n\n---\n\nThe second paragraph.\n"
    meta, body, line, problems = split_front_matter(text)
    assert (meta, body, line, problems) == ({}, text, 1, [])
    _write(tmp_path, "a.md", text)
    (art,) = read_corpus(tmp_path, [])
    assert "The first paragraph" in art.text


def test_a_symlink_out_of_the_corpus_is_not_followed(tmp_path):  # the campaign's /etc/hostname
    corpus = tmp_path / "corpus"
    outside = _write(tmp_path, "secret.txt", "Not an article of this corpus.\n")
    _write(corpus, "real/a.txt", "Talks resumed in Geneva.\n")
    (corpus / "leak.txt").symlink_to(outside)
    (corpus / "inside.txt").symlink_to(corpus / "real" / "a.txt")
    (corpus / "real" / "loop").symlink_to(corpus)
    errors = []
    arts = read_corpus(corpus, errors)
    assert sorted(a.path for a in arts) == ["inside.txt", "real/a.txt"]
    warnings = {e.path: e for e in errors}
    assert "outside the corpus" in warnings["leak.txt"].message and str(outside) in warnings["leak.txt"].message
    assert warnings["leak.txt"].severity == "warning" and warnings["real/loop"].kind == "symlink"


def test_a_fifo_does_not_hang_the_walk(tmp_path):
    _write(tmp_path, "a.txt", "Talks resumed.\n")
    os.mkfifo(tmp_path / "pipe.txt")
    errors = []
    with time_limit(10):
        arts = read_corpus(tmp_path, errors)
    assert [a.doc_id for a in arts] == ["a"] and [e.kind for e in errors if e.kind != "no_date"] == ["unsupported"]


def test_jsonl_too_deep_costs_its_line(tmp_path):
    _write(tmp_path, "x.jsonl", "[" * 100_000 + "]" * 100_000 + '\n{"text": "The second line."}\n')
    errors = []
    (art,) = read_corpus(tmp_path, errors)
    assert art.path == "x.jsonl:2" and [(e.kind, e.line) for e in errors if e.kind != "no_date"] == [("jsonl", 1)]


def test_front_matter_limits(tmp_path):
    deep = "title: Deep\nx: " + "[" * 30 + "]" * 30 + "\n" + "".join(f"k{i}: value\n" for i in range(400))  # > 4 KB
    many = "title: Many\nx: [" + ", ".join(["1"] * 20_000) + "]"
    long = "title: Long\n" + "".join(f"k{i}: value\n" for i in range(8000))
    for name, block in (("deep", deep), ("many", many), ("long", long)):
        _write(tmp_path, f"{name}.md", f"---\n{block}\n---\nBody.\n")
    errors = []
    arts = {a.doc_id: a for a in read_corpus(tmp_path, errors)}
    assert {a.title for a in arts.values()} == {"Deep", "Many", "Long"}
    assert {e.path for e in errors if e.kind == "front_matter"} == {"deep.md", "many.md", "long.md"}
    _write(tmp_path, "short-deep.md", "---\ntitle: Short\nx: " + "[" * 30 + "]" * 30 + "\n---\nBody.\n")
    (art,) = [a for a in read_corpus(tmp_path, []) if a.doc_id == "short-deep"]  # short: read as YAML
    assert art.title == "Short" and isinstance(art.meta["x"], list)

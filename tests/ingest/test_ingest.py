"""Reading articles: formats, front matter, dates, and bad input that must not stop a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import (
    date_from_filename,
    date_from_text,
    decode_bytes,
    guess_title,
    normalise_date,
    read_corpus,
    split_front_matter,
)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-06-03", "2025-06-03"),
        ("'2025-03-25'", "2025-03-25"),
        ("2025-11-21T20:15:11", "2025-11-21"),
        ("unknown", None),
        ("", None),
        ("June 3, 2025", "2025-06-03"),
        ("3 June 2025", "2025-06-03"),
        ("Sept. 12, 2016", "2016-09-12"),
        ("2025-02-30", None),
        ("not a date", None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_date_from_filename():
    assert date_from_filename("20220219T090000Z_US_en_7affa6504b.txt") == "2022-02-19"
    assert date_from_filename("2021-04-15-executive-order.md") == "2021-04-15"
    assert date_from_filename("article.txt") is None


def test_byline_date_at_the_end():
    body = "Talks resume\n\nThe delegations met again.\n\nJane Q. Writer March 4, 2024"
    assert date_from_text(body) == ("2024-03-04", "byline")


def test_reuters_dateline_uses_the_year_of_the_file_name():
    body = "KYIV, Feb 5 (Reuters) - Ukraine said on Wednesday that talks would go on."
    assert date_from_text(body, year_hint=2025) == ("2025-02-05", "dateline")


def test_front_matter_split_and_lenient_fallback():
    meta, body, line, problems = split_front_matter("---\ntitle: A\ndate: 2025-01-02\n---\nBody.\n")
    assert meta["title"] == "A" and body == "Body.\n" and line == 5 and not problems
    meta, body, _, problems = split_front_matter('---\ntitle: "unclosed\ndate: 2025-01-02\n---\nBody.')
    assert problems and meta.get("date") == "2025-01-02" and body == "Body."


def test_title_is_the_first_short_line():
    assert guess_title("Second round of talks\n\nThe text.") == "Second round of talks"
    assert (
        guess_title(
            "This is a long first paragraph that goes on, and on, and it ends with a full stop, as prose does, not "
            "like a headline at all."
        )
        is None
    )


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("Zelensky met Erdoğan.".encode("utf-8"), "utf-8"),
        ("Zelensky met Erdoğan.".encode("utf-16"), "utf-16-le"),
        ("Café talks – “peace”".encode("cp1252"), "cp1252"),
    ],
)
def test_decoding(data, encoding):
    text, codec, _ = decode_bytes(data)
    assert codec == encoding and text.startswith(("Zelensky", "Caf"))


def test_binary_is_refused():
    text, _, problem = decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert text is None and "binary" in problem


def _write(folder: Path, name: str, content) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def test_bad_files_are_reported_and_the_rest_is_read(tmp_path):
    _write(tmp_path, "good.md", "---\ntitle: Good\ndate: 2025-06-03\n---\nRussia and Ukraine met in Istanbul.\n")
    _write(tmp_path, "empty.txt", "")
    _write(tmp_path, "blank.txt", "   \n\n")
    _write(tmp_path, "binary.txt", b"\x00\x01\x02\x03" * 200)
    _write(tmp_path, "latin.txt", "Talks in Gen\xe8ve resumed.".encode("cp1252"))
    _write(tmp_path, "utf16.txt", "Talks in Geneva resumed.".encode("utf-16"))
    _write(tmp_path, "broken.md", "---\ntitle: [unclosed\ndate: 2025-01-01\n---\nA body that survives.\n")
    _write(tmp_path, "notes.pdf", b"%PDF-1.4")
    lines = [
        json.dumps({"doc_id": "j1", "text": "First line article."}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Second line article.", "date": "2025-06-03"}),
    ]
    _write(tmp_path, "sub/batch.jsonl", "\n".join(lines) + "\n")
    errors = []
    arts = {a.doc_id: a for a in read_corpus(tmp_path, errors)}
    assert set(arts) == {"good", "latin", "utf16", "broken", "j1", "sub/batch/4"}
    assert arts["broken"].text == "A body that survives.\n" and arts["broken"].date == "2025-01-01"
    assert "Genève" in arts["latin"].text
    by_kind = {(e.path, e.kind, e.line) for e in errors}
    assert ("empty.txt", "empty", None) in by_kind and ("blank.txt", "empty", None) in by_kind
    assert ("binary.txt", "binary", None) in by_kind
    assert ("sub/batch.jsonl", "jsonl", 2) in by_kind and ("sub/batch.jsonl", "jsonl", 3) in by_kind
    assert any(e.path == "broken.md" and e.kind == "front_matter" and e.line for e in errors)
    assert any(e.path == "latin.txt" and e.kind == "encoding" and e.severity == "warning" for e in errors)
    assert any(e.path == "notes.pdf" and e.kind == "unsupported" for e in errors)
    for e in errors:
        assert e.path in e.message  # every message names its file


def test_huge_file_is_skipped(tmp_path):
    _write(tmp_path, "huge.txt", "word " * 1000)
    errors = []
    assert read_corpus(tmp_path, errors, max_bytes=1000) == []
    assert errors[0].kind == "too_large"


def test_duplicate_doc_ids_are_made_unique(tmp_path):
    _write(tmp_path, "a.md", "---\ndoc_id: same\n---\nOne.\n")
    _write(tmp_path, "b.md", "---\ndoc_id: same\n---\nTwo.\n")
    errors = []
    ids = sorted(a.doc_id for a in read_corpus(tmp_path, errors))
    assert ids == ["same", "same~2"] and any(e.kind == "duplicate_id" for e in errors)


def test_crlf_is_normalised(tmp_path):
    _write(tmp_path, "a.txt", "Title\r\n\r\nBody text here.\r\n")
    art = read_corpus(tmp_path, [])[0]
    assert "\r" not in art.text and art.title == "Title"


def test_html_article(tmp_path):
    html = (
        "<html><head><title>Talks resume</title></head><body><nav>Home | World</nav><article><h1>Talks resume</h1>"
        + "".join(
            f"<p>Paragraph {i}: the delegations of Russia and Ukraine met in Istanbul to discuss a ceasefire and "
            f"prisoner exchanges.</p>"
            for i in range(6)
        )
        + "</article><footer>Subscribe to our newsletter</footer></body></html>"
    )
    _write(tmp_path, "page.html", html)
    errors = []
    arts = read_corpus(tmp_path, errors)
    assert len(arts) == 1 and "Istanbul" in arts[0].text and "<p>" not in arts[0].text


def test_date_from_url_and_title(tmp_path):
    _write(
        tmp_path,
        "a.md",
        "---\ntitle: Talks\nsource: https://news.example.org/world/2025/06/03/talks-resume\ndate: "
        "unknown\n---\nBody.\n",
    )
    _write(tmp_path, "b.md", '---\ntitle: "War diary - 10 February 2025"\ndate: unknown\n---\nBody.\n')
    arts = {a.doc_id: a for a in read_corpus(tmp_path, [])}
    assert (arts["a"].date, arts["a"].date_source, arts["a"].url) == (
        "2025-06-03",
        "url",
        "https://news.example.org/world/2025/06/03/talks-resume",
    )
    assert (arts["b"].date, arts["b"].date_source) == ("2025-02-10", "title")


def test_meta_keeps_unknown_keys_as_json(tmp_path):
    _write(
        tmp_path,
        "a.md",
        "---\ntitle: T\ndate: 2025-01-02\nword_count: 12\ntags: [a, b]\npublished_time: 2025-01-02 "
        "08:00:00\n---\nBody.\n",
    )
    art = read_corpus(tmp_path, [])[0]
    assert art.meta["word_count"] == 12 and art.meta["tags"] == ["a", "b"]
    json.dumps(art.meta)  # serialisable


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), name=st.sampled_from(["x.txt", "x.md", "x.jsonl", "x.html"]))
def test_any_bytes_never_crash_the_reader(tmp_path, data, name):
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / name).write_bytes(data)
    errors = []
    for art in read_corpus(folder, errors):
        assert isinstance(art.text, str) and art.text.strip() and "\r" not in art.text
    assert all(e.kind != "exception" for e in errors)

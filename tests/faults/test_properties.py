"""Property tests: no bytes, no file name and no YAML front matter stop a run. Model-free (the
reader and what the run does with an article before and after the NLP), and fast."""

from __future__ import annotations

import json
import os
import signal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.files import dumps_line
from pipeline.core.records import DocumentRecord, ErrorRecord
from pipeline.ingest import read_corpus
from pipeline.run.fingerprint import article_key

SUFFIXES = ["x.txt", "x.md", "x.jsonl", "x.html", "x.htm", "x.text"]


def _fresh(folder):
    folder.mkdir(exist_ok=True)
    for old in os.listdir(os.fsencode(folder)):
        os.unlink(os.path.join(os.fsencode(folder), old))
    return folder


def _read_all_writable(folder):
    """read_corpus raises nothing, within 10 s; every article and error is writable as UTF-8 JSON."""

    def stop(signum, frame):
        raise TimeoutError("the reader is stuck")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    try:
        errors: list[ErrorRecord] = []
        articles = read_corpus(folder, errors)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    for art in articles:
        assert art.text.strip() and "\r" not in art.text
        article_key(art, "fp")
        doc = DocumentRecord(
            doc_id=art.doc_id,
            path=art.path,
            format=art.format,
            title=art.title,
            date=art.date,
            date_source=art.date_source,
            source=art.source,
            url=art.url,
            author=art.author,
            meta=art.meta,
            text=art.text,
            n_chars=len(art.text),
            n_words=0,
            sha256="x",
            pipeline_version="v",
            model="m",
        )
        json.loads(dumps_line(doc.to_json_dict()).encode("utf-8"))
    for err in errors:
        assert err.kind != "exception", err.message  # a reader bug, caught: still a bug
        dumps_line(err.to_json_dict()).encode("utf-8")
    return articles, errors


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=600),
    name=st.sampled_from(SUFFIXES),
    prefix=st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf", b"\xff\xfe", b'{"text": "', b"---\r\ntitle: x\r\n"]),
    raw_name=st.binary(min_size=1, max_size=8).filter(lambda b: b"/" not in b and b"\x00" not in b and b[:1] != b"."),
)
def test_any_bytes_under_any_name_never_stop_the_reader(tmp_path, data, name, prefix, raw_name):
    folder = _fresh(tmp_path / "fuzz")
    path = os.path.join(os.fsencode(folder), raw_name + b"-" + name.encode())
    with open(path, "wb") as fh:
        fh.write(prefix + data)
    _read_all_writable(folder)


KEYS = st.one_of(
    st.sampled_from(["title", "date", "doc_id", "source", "url", "author", "published", "tags", "x"]),
    st.sampled_from(["1", "~", "2025-06-03", "true", "? [a, b]", "'quoted key'", "null", "0x1F", ".inf", "<<"]),
    st.text(alphabet="abcdefghij_-: ", min_size=1, max_size=8),
)
SCALARS = st.one_of(
    st.sampled_from(
        [
            "2025-06-03",
            "2025-13-45",
            "2025-06-03T25:61:00",
            "'2025-03-25'",
            "unknown",
            "~",
            ".nan",
            "-.inf",
            "1" * 5000,
            "!!binary /w==",
            "!!binary aGVsbG8=",
            "!!binary not-base64!",
            "!!set {a, b}",
            "!!omap [a: 1, b: 2]",
            "!!python/object:os.system ls",
            "!!timestamp 2025-99-99",
            "!!int abc",
            "!!float x",
            "!custom tag",
            "&anchor value",
            "*anchor",
            "|\n  block\n  text",
            '"\\ud800 lone"',
            '"\\x00\\x01"',
            "[1, [2, [3, [4]]]]",
            "{a: {b: {c: 1}}}",
            "@reserved",
            "`backtick",
            "'unclosed",
            "[unclosed",
        ]
    ),
    st.text(max_size=30),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
)
LINES = st.one_of(st.tuples(KEYS, SCALARS).map(lambda kv: f"{kv[0]}: {kv[1]}"), st.text(max_size=40), st.just("---"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(LINES, max_size=12),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    body=st.text(max_size=200),
    closed=st.booleans(),
    suffix=st.sampled_from(["a.md", "a.txt"]),
)
def test_any_front_matter_never_stops_the_reader(tmp_path, lines, newline, body, closed, suffix):
    folder = _fresh(tmp_path / "fm")
    text = newline.join(["---", *lines, *(["---"] if closed else []), body or "Body."])
    (folder / suffix).write_bytes(text.encode("utf-8", "surrogatepass"))
    articles, errors = _read_all_writable(folder)
    assert articles or errors  # the file is an article, or a problem is recorded: never nothing


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(
        st.dictionaries(
            st.sampled_from(["text", "doc_id", "title", "date", "meta", "x"]),
            st.recursive(
                st.one_of(st.none(), st.booleans(), st.floats(), st.integers(), st.text(max_size=20)),
                lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                max_leaves=8,
            ),
        ),
        max_size=5,
    ),
    surrogate=st.booleans(),
)
def test_any_jsonl_never_stops_the_reader(tmp_path, values, surrogate):
    folder = _fresh(tmp_path / "jl")
    lines = [json.dumps(v) for v in values]
    if surrogate:
        lines.append('{"text": "a \\ud800 b", "doc_id": "\\udfff"}')
    (folder / "x.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _read_all_writable(folder)

"""The highlighted body: the text comes through exactly, each span's pieces make up its text, provisions stay whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from pipeline.report.spans import Span, render


def pieces(markup: str) -> tuple[str, dict[tuple[str, str], list[str]]]:
    root = lxml_html.fromstring(f"<div>{markup}</div>")
    out: dict[tuple[str, str], list[str]] = {}
    for el in root.iter("span"):
        out.setdefault((el.get("data-k"), el.get("data-i")), []).append(el.text_content())
    return root.text_content(), out


def test_nested_spans_render_inside_each_other():
    text = "Putin said a ceasefire is near."
    html = render(text, [Span(11, 30, "p", 0, "p-11"), Span(0, 5, "e", 0, "e-0", label="PERSON"), Span(13, 22, "e", 1)])
    assert html == (
        '<span class="hl hl-e" id="e-0" data-k="e" data-i="0" data-s="0" data-e="5" data-label="PERSON">Putin</span>'
        ' said <span class="hl hl-p" id="p-11" data-k="p" data-i="0" data-s="11" data-e="30">a '
        '<span class="hl hl-e" data-k="e" data-i="1" data-s="13" data-e="22">ceasefire</span> is near</span>.'
    )


def test_a_crossing_quote_is_split_and_the_provision_stays_whole():
    text = "He said that its plan offers a ceasefire along the river."
    quote = Span(text.index("its"), text.index(" along"), "q", 0, "q-13")
    prov = Span(text.index("a cease"), text.index("."), "p", 0, "p-28")
    body, got = pieces(render(text, [quote, prov]))
    assert body == text
    assert got[("p", "0")] == ["a ceasefire along the river"]
    assert got[("q", "0")] == ["its plan offers ", "a ceasefire"]


def test_text_is_escaped():
    html = render('<script>alert("x")</script> & co', [Span(0, 8, "e", 0, "e-0", title='"><b>')])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; co" in html
    assert 'title="&#34;&gt;&lt;b&gt;"' in html


def test_spans_outside_the_body_or_empty_are_left_out():
    body, got = pieces(render("abc", [Span(2, 9, "e", 0), Span(1, 1, "d", 0), Span(-1, 2, "q", 0)]))
    assert body == "abc" and got == {}


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet='ab <&">\n', min_size=1, max_size=40))
    spans = []
    for i in range(draw(st.integers(0, 10))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(Span(start, end, draw(st.sampled_from("pqmdeb")), i, f"a{i}"))
    return text, spans


def _crosses(a: Span, b: Span) -> bool:
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


@settings(max_examples=150, deadline=None)
@given(text_and_spans())
def test_any_spans_render_the_body_exactly(case):
    text, spans = case
    body, got = pieces(render(text, spans))
    assert body == text
    for s in spans:
        assert "".join(got[(s.kind, str(s.index))]) == text[s.start : s.end]
        if s.kind == "p" and not any(t.kind == "p" and _crosses(s, t) for t in spans):
            assert len(got[("p", str(s.index))]) == 1  # a provision is one element unless another provision crosses it

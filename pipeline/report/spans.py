"""An article body as HTML with its records highlighted: nested elements, each record whole where it can be.

Records overlap: an entity sits inside a quote, a quote inside a provision, and now and then two spans
cross ("told the National Post he's already …": the entity ends inside the quote that starts in it).
HTML elements nest, so the spans are put into a tree one kind after another, in order of importance
(:data:`RANK`): a span is never split by a span inserted after it, and a later span that crosses an
earlier one is cut at the earlier one's boundary into pieces. A provision therefore always renders
as one element (the target of ``article.html#p-<start>``); a crossing quote or entity renders as two
pieces with the same ``data-k`` / ``data-i``, whose texts, in document order, make up its text.

Every piece carries ``data-k`` (kind), ``data-i`` (index of the record in the article's list of that
kind), ``data-s`` / ``data-e`` (the record's offsets); the first piece carries the anchor ``id``. Text
is HTML-escaped; the returned value is :class:`markupsafe.Markup`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# Outer and unbroken first: provisions, quotes, document mentions, dates, entities, boilerplate lines.
RANK = {"p": 0, "q": 1, "m": 2, "d": 3, "e": 4, "b": 5}


@dataclass(eq=False)
class Span:
    """One record to highlight: offsets into the body, kind letter (see :data:`RANK`), index in the
    article's list of records of that kind, anchor id (or None), tooltip and a short label shown
    after the text by CSS (``data-label``, never part of the text)."""

    start: int
    end: int
    kind: str
    index: int
    anchor: str | None = None
    title: str = ""
    label: str = ""
    pieces: list["_Node"] = field(default_factory=list, repr=False)


@dataclass(eq=False)
class _Node:
    start: int
    end: int
    span: Span | None
    children: list["_Node"] = field(default_factory=list)


def _insert(node: _Node, a: int, b: int, span: Span) -> None:
    """Put [a, b) of ``span`` under ``node`` (whose range holds it), splitting it at the children it crosses."""
    kids = node.children
    i = max(bisect_right([k.start for k in kids], a) - 1, 0)
    while i < len(kids) and kids[i].end <= a:
        i += 1
    j = i
    while j < len(kids) and kids[j].start < b:
        j += 1
    # kids[i:j] overlap [a, b), in order
    if j - i == 1 and kids[i].start <= a and b <= kids[i].end:
        _insert(kids[i], a, b, span)  # inside one child (an identical span goes inside too)
        return
    left = kids[i] if i < j and kids[i].start < a else None  # crosses its end: that part goes into it
    right = kids[j - 1] if i < j and kids[j - 1].end > b and kids[j - 1] is not left else None
    if left is not None:
        _insert(left, a, left.end, span)
        a, i = left.end, i + 1
    inner_end = b
    if right is not None:
        inner_end, j = right.start, j - 1
    if a < inner_end:  # the middle piece adopts the children it holds whole
        mid = _Node(a, inner_end, span, kids[i:j])
        span.pieces.append(mid)
        kids[i:j] = [mid]
    if right is not None:
        _insert(right, right.start, b, span)


def build_tree(length: int, spans: list[Span]) -> _Node:
    """The tree of pieces over a body of ``length`` characters; spans outside the body or empty are left out
    (the caller reports them)."""
    root = _Node(0, length, None)
    for span in sorted(spans, key=lambda s: (RANK[s.kind], s.start, -s.end, s.index)):
        span.pieces = []
        if 0 <= span.start < span.end <= length:
            _insert(root, span.start, span.end, span)
        span.pieces.sort(key=lambda n: n.start)
    return root


def _open_tag(node: _Node) -> str:
    s = node.span
    assert s is not None
    first = s.pieces and s.pieces[0] is node
    cls = f"hl hl-{s.kind}" + ("" if first else " cont")
    attrs = [f'class="{cls}"']
    if first and s.anchor:
        attrs.append(f'id="{escape(s.anchor)}"')
    attrs.append(f'data-k="{s.kind}" data-i="{s.index}" data-s="{s.start}" data-e="{s.end}"')
    if s.title:
        attrs.append(f'title="{escape(s.title)}"')
    if s.label and node is s.pieces[-1]:
        attrs.append(f'data-label="{escape(s.label)}"')
    return "<span " + " ".join(attrs) + ">"


def render(text: str, spans: list[Span]) -> Markup:
    """The body, escaped, with every span's pieces as ``<span class="hl hl-<kind>">`` elements."""
    root = build_tree(len(text), spans)
    out: list[str] = []

    def walk(node: _Node) -> None:
        pos = node.start
        for child in node.children:
            if child.start > pos:
                out.append(escape(text[pos : child.start]))
            out.append(_open_tag(child))
            walk(child)
            out.append("</span>")
            pos = child.end
        if node.end > pos:
            out.append(escape(text[pos : node.end]))

    walk(root)
    return Markup("".join(out))

"""Candidate provisions of one article: every segment the rule frames cut, and clauses and list items of the parse.

The rules stay where they are strong: every segment a frame cut is a candidate, kept or dropped by the filters
of :func:`.spans.segment_outcomes` (the outcome is a signal). Beside them, in the sentences the decision layer
considers, the parse proposes:

- ``clause``: a clause head's whole subtree ("the monitors would report every week");
- ``core``: the same without trailing clauses after a comma ("the militia will disband, while the army ...");
- ``conj``: each conjunct of a coordination ("open the port, clear the mines and reopen the rail link" gives
  three), which keeps provisions atomic;
- ``obj``: the object of a verb or a preposition ("calls for a 45-day truce"), and the same cut before a
  coordination inside it ("settled on a swap of the wounded and on a new round of talks" gives "a swap of the
  wounded", where the parser joined the second phrase to the first);
- ``seg``: the rule segmenter (:func:`.segment.segment_content`) over a main or reported clause.

Candidates are deduplicated by token span: a span proposed several ways keeps all its sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from .arrays import TokenArrays
from .rules import RuleData
from .segment import Segment, segment_content, trim

if TYPE_CHECKING:
    from .spans import RuleSegment

CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis", "dep", "appos"}
OBJECT_DEPS = {"dobj", "pobj", "attr", "nsubjpass", "oprd"}
SEGMENTED_DEPS = {"ROOT", "ccomp", "xcomp"}  # clauses the segmenter runs over (it is the costly source)
COMMENT_DEPS = {"advcl", "conj", "ccomp", "parataxis", "relcl", "npadvmod"}  # trailing clauses a core leaves out
MAX_TOKENS = 80


@dataclass
class Candidate:
    """A span that may be a provision: tokens [start, end) of sentence ``si`` and where it came from."""

    start: int
    end: int
    si: int
    sources: set[str] = field(default_factory=set)
    head: int = -1  # its syntactic head, where the source knows it
    rule: RuleSegment | None = None  # the rule segment, when a frame cut it
    start_char: int = 0
    end_char: int = 0


def is_clause_head(a: TokenArrays, i: int) -> bool:
    """A verb heading a clause: 'would withdraw', 'taking', 'agreed' (not an auxiliary or a modifier)."""
    dep = a.dep[i]
    return dep in CLAUSE_DEPS and (a.pos[i] in ("VERB", "AUX") or a.tag[i].startswith("VB"))


def core_end(a: TokenArrays, i: int) -> int:
    """End of a clause without its trailing clauses after a comma (', while ...', ', which ...')."""
    for c in a.children[i]:
        if c > i and a.dep[c] in COMMENT_DEPS:
            lo = a.left[c]
            if lo > 0 and (a.lower[lo - 1] in (",", ";", "-", "–", "—") or a.dep[lo - 1] == "cc"):
                j = lo - 1
                while j > i and (a.punct[j] or a.dep[j] == "cc"):
                    j -= 1
                return j + 1
    return a.right[i] + 1


def conjunct_items(a: TokenArrays, h: int) -> list[tuple[int, int]]:
    """Token spans of each conjunct of the coordination headed by ``h`` ('A, B and C' -> A, B, C)."""
    conjs = [c for c in a.children[h] if c > h and a.dep[c] == "conj"]
    if not conjs:
        return []
    cut = [c for c in a.children[h] if a.dep[c] in ("cc", "punct") and h < c < a.left[conjs[0]]]
    items = [(a.left[h], min([a.left[conjs[0]]] + cut[:1]))]
    chain = conjs
    while chain:
        c, chain = chain[0], chain[1:]
        nxt = [x for x in a.children[c] if x > c and a.dep[x] == "conj"]
        end = a.right[c] + 1
        if nxt:
            stop = [x for x in a.children[c] if a.dep[x] in ("cc", "punct") and c < x < a.left[nxt[0]]]
            end = stop[0] if stop else a.left[nxt[0]]
        items.append((a.left[c], end))
        chain += nxt
    return items


class CandidateSet:
    """The candidates of one article, deduplicated by token span."""

    def __init__(self, doc: Doc, data: RuleData):
        self.doc, self.data = doc, data
        self.by_span: dict[tuple[int, int], Candidate] = {}

    def add(self, s: int, e: int, si: int, source: str, head: int = -1, rule: RuleSegment | None = None) -> None:
        if rule is None:
            seg = trim(self.doc, Segment(s, e), self.data)
            s, e = seg.start, seg.end
            if e - s < 2 or e - s > MAX_TOKENS:
                return  # a frame's own segment is a candidate whatever its length
        c = self.by_span.get((s, e))
        if c is None:
            c = self.by_span[(s, e)] = Candidate(s, e, si, head=head)
        c.sources.add(source)
        if rule is not None and (c.rule is None or rule.outcome == "kept"):
            c.rule = rule

    def sorted(self, text: str) -> list[Candidate]:
        """The candidates in text order, with character offsets; none that is only whitespace."""
        doc = self.doc
        out = []
        for c in sorted(self.by_span.values(), key=lambda c: (c.start, c.end)):
            last = doc[c.end - 1]
            c.start_char, c.end_char = doc[c.start].idx, last.idx + len(last)
            if text[c.start_char : c.end_char].strip():
                out.append(c)
        return out


def rule_candidates(cs: CandidateSet, outcomes: list[RuleSegment]) -> None:
    """Every segment a frame cut, with its frame kind as source."""
    for rs in outcomes:
        span = rs.span
        s, e = (span.start, span.end) if span is not None else (rs.seg.start, rs.seg.end)
        if e > s:
            cs.add(s, e, rs.frame.si, f"rule:{rs.frame.kind}", rule=rs)


def sentence_candidates(cs: CandidateSet, a: TokenArrays, start: int, end: int, si: int) -> None:
    """Clause, core, conjunct, object and segmenter candidates of the sentence [start, end)."""
    a.read_sentence(start, end)
    doc, data = cs.doc, cs.data
    for i in range(start, end):
        dep = a.dep[i]
        if is_clause_head(a, i):
            s, e = a.left[i], a.right[i] + 1
            cs.add(s, e, si, f"clause:{dep}", i)
            ce = core_end(a, i)
            if ce < e:
                cs.add(s, ce, si, f"core:{dep}", i)
            if dep in SEGMENTED_DEPS:
                for seg in segment_content(doc, s, ce, data):
                    cs.add(seg.start, seg.end, si, "seg", i)
        if dep != "conj" and any(c > i and a.dep[c] == "conj" for c in a.children[i]):
            for x, y in conjunct_items(a, i):
                cs.add(x, y, si, "conj", i)
        if dep in OBJECT_DEPS and a.pos[i] in ("NOUN", "PROPN", "NUM", "PRON") and a.right[i] > a.left[i]:
            cs.add(a.left[i], a.right[i] + 1, si, f"obj:{dep}", i)
            cut = next((k for k in range(i + 1, a.right[i] + 1) if a.dep[k] == "cc" or a.lower[k] == ";"), None)
            if cut is not None:  # "a swap of the wounded and on a new round": the object before the coordination
                cs.add(a.left[i], cut, si, "obj:core", i)

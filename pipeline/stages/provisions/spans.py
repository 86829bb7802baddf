"""From frames to spans: a frame's content cut into provisions, the provisions kept, their fields, and the
memoranda worth a record (``doc.spans["provisions"]``, ``doc.spans["memoranda"]``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...core.docs import in_boilerplate
from .fields import details
from .frames.base import Frame
from .grammar import AND_OR
from .lexicon import Lexicon
from .memoranda import Memo
from .mentions import mention_head
from .reading import Reading
from .rules import RuleData
from .segment import Segment, segment_content, trim

FINITE = ("VBZ", "VBP", "VBD", "MD")  # Penn tags of a finite verb


def segments(lex: Lexicon, doc: Doc, fr: Frame) -> list[Segment]:
    """A frame's content cut into atomic provisions (:func:`.segment.segment_content`), then split where two
    noun phrases name different categories. A revision's clause ("drops the demand for a referendum") is one
    provision, named as the revision names it."""
    if fr.kind == "revision":
        seg = trim(doc, Segment(fr.start, fr.end, fr.item), lex.data)
        return [seg] if seg.end > seg.start else []
    segs = segment_content(doc, fr.start, fr.end, lex.data, item=fr.item)
    out: list[Segment] = []
    for seg in segs:
        out += split_topics(lex, doc, seg)
    return out


def split_topics(lex: Lexicon, doc: Doc, seg: Segment) -> list[Segment]:
    """'de-escalation and security guarantees', 'neutrality and non-nuclear status': two noun phrases
    joined by 'and' ('or' offers alternatives of one clause) whose strong triggers name different
    categories are two provisions (the parser's coordination is not trusted; the categories are)."""
    strong_labels = lex.categories.strong_labels
    depth = 0
    for i in range(seg.start + 1, seg.end - 1):
        t = doc[i]
        depth += t.text in ("(", "[") and 1 or t.text in (")", "]") and -1 or 0
        comma = t.text == "," and doc[i + 1].lower_ not in AND_OR  # "a ceasefire, security guarantees and ..."
        if (
            depth
            or not (t.lower_ == "and" or comma)
            or doc[i - 1].text == ","
            or doc[i + 1].pos_ in ("VERB", "AUX", "ADP")
        ):
            continue
        left, right = strong_labels(doc[seg.start : i]), strong_labels(doc[i + 1 : seg.end])
        if (
            left
            and right
            and not left & right
            and doc[i - 1].pos_ in ("NOUN", "PROPN")
            and not any(x.tag_ in FINITE for x in doc[i + 1 : seg.end])
            and (not comma or not any(x.pos_ in ("VERB", "AUX") and x.tag_ != "VBN" for x in doc[seg.start : i]))
        ):
            return [Segment(seg.start, i, seg.item)] + split_topics(lex, doc, Segment(i + 1, seg.end, seg.item))
    return [seg]


OUTCOMES = ("kept", "empty", "overlap", "repeat", "other_doc", "no_trigger", "commercial")


@dataclass
class RuleSegment:
    """A segment a frame cut and what the filters of :func:`segment_outcomes` did with it: ``kept``, or why it
    was dropped (``empty``: nothing left after markup or boilerplate; ``overlap`` with one kept before; the same
    clause again, ``repeat``; starts with ``other_doc``'s name; ``no_trigger`` its frame needs; ``commercial``).
    The decision layer (:mod:`.decide`) reads every one of them, the dropped ones too."""

    seg: Segment
    frame: Frame
    span: Span | None  # the segment without trailing markup (None: nothing left)
    outcome: str
    category: str | None = None


def segment_outcomes(reading: Reading) -> list[RuleSegment]:
    """Every segment read, in reading order, kept as a provision unless it overlaps one kept before, repeats
    a clause, starts with another document's name, lacks the category trigger its frame needs or is trade."""
    doc = reading.doc
    lex = reading.lex
    taken: list[tuple[int, int]] = []
    seen: set[str] = set()
    out: list[RuleSegment] = []
    for seg, fr in reading.found:
        span = cut_markup(doc[seg.start : seg.end])
        if span is None or not span.text.strip() or in_boilerplate(doc, span.start_char, span.end_char):
            out.append(RuleSegment(seg, fr, None, "empty"))
            continue
        if any(not (span.end_char <= a or span.start_char >= b) for a, b in taken):
            out.append(RuleSegment(seg, fr, span, "overlap"))
            continue
        norm = re.sub(r"[^a-z0-9]+", " ", span.text.lower()).strip()
        if repeats(norm, seen):
            out.append(RuleSegment(seg, fr, span, "repeat"))
            continue  # the same clause again (a subtitle repeated in the body): reported once, where first read
        if names_other_document(reading, span, fr):
            out.append(RuleSegment(seg, fr, span, "other_doc"))
            continue  # "..., as well as the Minsk agreements which ...": another document, not this one's clause
        seen.add(norm)
        category, triggered = lex.categories.category(span)
        if fr.need_trigger and not triggered or fr.need_trigger == "strong" and not lex.categories.strong_trigger(span):
            out.append(RuleSegment(seg, fr, span, "no_trigger", category))
            continue
        if commercial(lex, span, category):
            out.append(RuleSegment(seg, fr, span, "commercial", category))
            continue
        taken.append((span.start_char, span.end_char))
        out.append(RuleSegment(seg, fr, span, "kept", category))
    return out


def provision_spans(reading: Reading, outcomes: list[RuleSegment]) -> list[Span]:
    """The kept segments as provision spans, their fields in ``span._.provision``."""
    out: list[Span] = []
    for rs in outcomes:
        if rs.outcome != "kept" or rs.span is None:
            continue
        out.append(provision_span(reading, rs.span, rs.frame, rs.category, rs.seg.item or rs.frame.item))
    return out


def provision_span(reading: Reading, span: Span, fr: Frame, category: str | None, item: str | None, **extra) -> Span:
    """A provision of ``fr``'s memorandum: its fields in ``span._.provision`` (``extra``: the decision layer's)."""
    fr.memo.n_provisions += 1
    span._.provision = {
        "memo": fr.memo,
        "frame": fr,
        "category": category,
        "item": item,
        **details(reading.lex, reading.doc, span, fr, reading.memoranda),
        **extra,
    }
    return span


def repeats(norm: str, seen: set[str]) -> bool:
    """The same normalised clause, or one of 20 characters or more that holds (or is held by) one seen of
    nearly the same length."""
    return norm in seen or (
        len(norm) >= 20
        and any(
            (norm in x or x in norm) and min(len(x), len(norm)) >= 0.7 * max(len(x), len(norm))
            for x in seen
            if len(x) >= 20
        )
    )


def names_other_document(reading: Reading, span: Span, fr: Frame) -> bool:
    """A segment whose first words mention another (non-generic) document than its frame's."""
    mention_memo = reading.mention_memo
    return any(
        t.i in mention_memo and mention_memo[t.i] is not fr.memo and not mention_memo[t.i].generic for t in span[:4]
    )


def memo_spans(reading: Reading) -> list[Span]:
    """The span of each memorandum's first mention: those with provisions and those worth listing without."""
    doc = reading.doc
    out = []
    for memo in reading.memoranda.memos:
        if memo.n_provisions == 0 and not worth_listing(memo, reading.data):
            continue
        span = doc.char_span(memo.start, memo.end, alignment_mode="expand") if memo.end > memo.start else None
        if span is None:
            continue
        span._.memorandum = memo
        out.append(span)
    return out


def commercial(lex: Lexicon, span: Span, category: str) -> bool:
    """Trade is not peace: a purchase or sale named before any verb ("Purchases of U.S. aircraft") whose
    category is the economy or the fallback, or a clause that opens with a trade document or trade talks
    ("a trade deal that will ...", "a framework for an agreement on reciprocal trade")."""
    data = lex.data
    cues = data.cues
    economy = category in ("RECONSTRUCTION_ECONOMY", data.categories.fallback)
    if economy:
        for t in span:
            if t.pos_ in ("VERB", "AUX"):
                break
            if t.lemma_.lower() in cues.commercial_nouns or t.lower_ in cues.commercial_nouns:
                return True
    head = span[:10]
    topic = any(t.lemma_.lower() in cues.commercial_topics for t in head)
    if not topic:
        return False
    words = set(cues.negotiation_words)
    return any(mention_head(t, data) or t.lower_ in words for t in head) and not (
        lex.categories.strong_labels(span) - {"RECONSTRUCTION_ECONOMY", "NEGOTIATION_PROCESS", data.categories.fallback}
    )


def worth_listing(memo: Memo, data: RuleData) -> bool:
    """A document the article names without reporting its clauses ("Russia presented a $12 trillion economic
    proposal") is still listed, with 0 provisions: a non-generic document with a proper name or a number, a
    party's memorandum, plan, proposal or draft, a dated agreement or declaration of a party. Prose positions
    and agreements inferred from a verb are listed only with provisions."""
    if memo.position or memo.generic or memo.inferred or memo.kind == "demands" or memo.end <= memo.start:
        return False
    if memo.plural and not memo.proper:
        return False  # "handed each other written proposals": the documents themselves are named elsewhere
    if memo.role is None:
        return False  # a kind the rule files do not know
    if memo.numbered:
        return True  # "a 12-point plan"
    if memo.proper:  # "the Minsk agreements", "the Peace Formula"; not a programme ("the Belt and Road Initiative")
        words = set(re.findall(r"[a-z]+", memo.name.lower()))
        return memo.role != "document" or bool(words & set(data.documents.peace_name_words))
    if counted_only(memo.name, data):
        return False  # "first package", "$ 500 million package": a kind with a number, no document's name
    # a party's memorandum, plan, proposal or draft; an agreement or declaration only with the day it was made
    return bool(memo.party) and (memo.kind in ("memorandum", "plan", "proposal", "draft") or bool(memo.date))


def counted_only(name: str, data: RuleData) -> bool:
    """A name that is only a kind with ordinals, numbers or amounts ("first package", "$ 500 million package")."""
    words = [w for w in re.findall(r"[\w$€£.,]+", name.lower()) if w not in data.doc_kind]
    return bool(words) and all(
        w in data.documents.ordinals or w in ("million", "billion") or not re.search(r"[a-z]", w) for w in words
    )


def cut_markup(span: Span) -> Span | None:
    """A provision ends before a footnote or link in crawled markup ('...voting.[[xi]](https://...')."""
    text = span.text
    glued = re.search(r"\.\d{1,3}\s+[A-Z]", text)  # "... remains offline.12 Ukraine's ministry": a footnote number
    cut = min(
        (i for i in (text.find("[["), text.find("]("), text.find("http"), glued.start() if glued else -1) if i > 0),
        default=-1,
    )
    if cut < 0:
        return span
    out = span.doc.char_span(
        span.start_char, span.start_char + len(text[:cut].rstrip(" .,;:[(")), alignment_mode="contract"
    )
    return out if out is not None and len(out) else None

"""Lists: "the memorandum had four provisions: 1) ...; 2) ...", "One point is explicit: ...", "he set out
his terms: S", and an introduction ending in a colon followed by bullet or numbered lines ("The
delegations agreed on the following:" then "- ..." lines: each line a ``bullet`` frame)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..grammar import SAYING_PRONOUNS
from ..memoranda import Memo
from ..rules import RuleData
from ..segment import BULLET_LINE, marker_label
from .base import Frame
from .common import position_owner, subject

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


@dataclass
class OpenList:
    """A list an introduction ending in a colon opened: its bullet lines are provisions of ``memo``."""

    memo: Memo | None  # None until a bullet line names the agreement ("- Both sides agreed to ...")
    modality: str
    need_trigger: bool = False


@dataclass
class BulletLine:
    """A sentence that opens a line with a bullet or a number ('- ', '3. ', '(b)')."""

    item: str | None  # its number
    skip: int  # tokens the marker takes


# ---------------------------------------------------------------- "...: X"


def said_by_document(verb: Token, mentions: dict[int, Memo], data: RuleData) -> bool:
    """Is a document (or a part of one, or 'it') the subject of this verb?"""
    subj = subject(verb, data)
    return subj is not None and (
        subj.i in mentions
        or subj.lemma_.lower() in data.part_kind
        or subj.lower_ in SAYING_PRONOUNS
        or any(t.i in mentions for t in subj.subtree)
    )


def colon_frames(reading: Reading, sentence: Sentence) -> list[Frame]:
    fr = colon_frame(reading, sentence)
    return [fr] if fr is not None else []


def colon_frame(reading: Reading, sentence: Sentence) -> Frame | None:
    """What follows a colon, when before it a document says something ("the memorandum has four
    provisions:"), a part of it is named ("One point is explicit:") or a party sets out its terms."""
    doc = reading.doc
    data = reading.data
    sent, mentions = sentence.span, sentence.mentions
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None:
        return None
    before = doc[sent.start : colon.i]
    near = doc[max(sent.start, colon.i - 3) : colon.i]
    header = any(t.lemma_.lower() in data.cues.header_nouns or t.lemma_.lower() in data.part_kind for t in near)
    memo, owned = colon_memo(reading, sentence, colon, before, near)
    header = header or owned
    if memo is None or not memo.party:
        return None
    if not header and not any(
        (t.lemma_.lower() in data.cues.content_verbs or t.lemma_.lower() in data.cues.listing_verbs)
        and said_by_document(t, mentions, data)
        for t in before
    ):
        return None  # "the fiction produced by that framework: that ...": the document says nothing here
    start = colon.i + 1
    rest = [t for t in doc[start : sent.end] if not (t.is_space or t.is_punct)]
    if len(rest) < 2:
        return None  # the list follows on the next lines
    section = None
    for t in before:
        if t.lemma_.lower() in data.part_kind:
            for c in t.children:
                if c.lower_ in data.documents.ordinals:
                    section = data.documents.ordinals[c.lower_]
    modality = "commitment" if memo.kind == "agreement" else "demand"
    return Frame(memo, start, sent.end, "list", modality, memo.status, cue=colon, section=section, need_trigger=owned)


def colon_memo(
    reading: Reading, sentence: Sentence, colon: Token, before: Span, near: Span
) -> tuple[Memo | None, bool]:
    """(the memorandum a colon's list belongs to, whether it is a party's own terms): a document named before
    the colon; the document named in the sentence before for a part of it ("One point is explicit: ...");
    a party's terms, demands or conditions ("he set out his terms: Ukraine must ...")."""
    data = reading.data
    mentions, si = sentence.mentions, sentence.index
    memo = None
    for t in before:
        if t.i in mentions and not mentions[t.i].generic:
            memo = mentions[t.i]
    if memo is not None:
        return memo, False
    active, active_si = sentence.active_before, sentence.active_before_index
    if any(t.lemma_.lower() in data.part_kind for t in near) and active is not None and active_si >= si - 1:
        return active, False  # "One point is explicit: ..." after the plan was named
    owner = next(
        (
            position_owner(reading, t)
            for t in reversed(near)
            if t.lemma_.lower() in data.cues.position_nouns or t.lower_ in data.cues.position_nouns
        ),
        None,
    )
    if owner and owner not in reading.lex.self_deciding:
        return reading.memoranda.position(owner, "demands", (colon.idx, colon.idx + 1), si), True
    return None, False


# ---------------------------------------------------------------- bullet lines


def starts_line(reading: Reading, sent: Span) -> bool:
    text = reading.text
    return (
        sent.start_char == 0
        or "\n" in text[max(0, sent.start_char - 3) : sent.start_char]
        or text[max(0, sent.start_char - 200) : sent.start_char].rstrip(" \t").endswith("\n")
    )


def bullet_line(reading: Reading, sent: Span) -> BulletLine | None:
    """Is the sentence a bullet line? Its number, and how many tokens the marker takes."""
    text = reading.text
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    if text[line_start : sent.start_char].strip():
        return None
    if not BULLET_LINE.match(text[line_start : line_start + 12]):
        return None
    label, skip = marker_label(reading.doc, sent.start, sent.end)
    return BulletLine(label, skip)


def close_list(reading: Reading, sent: Span, line: BulletLine | None) -> None:
    """A prose line after the bullets ends the list."""
    if reading.open_list is not None and line is None and starts_line(reading, sent):
        reading.open_list = None


def bullet_frames(reading: Reading, sent: Span, line: BulletLine | None, frames: list[Frame]) -> list[Frame]:
    """A bullet line of an open list: its frames (an agreement in the line names the list's memorandum), else
    the whole line as a provision of the list's memorandum."""
    bullets = reading.open_list
    if line is None or bullets is None:
        return frames
    if frames:
        if frames[0].kind == "agreement" and bullets.memo is None:
            bullets.memo = frames[0].memo
        for f in frames:
            f.item = f.item or line.item
        return frames
    memo = bullets.memo
    if memo is None:
        return frames
    return [
        Frame(
            memo,
            sent.start + line.skip,
            sent.end,
            "bullet",
            bullets.modality,
            memo.status,
            need_trigger=bullets.need_trigger,
            item=line.item,
        )
    ]


def open_list(reading: Reading, sent: Span, frames: list[Frame], si: int) -> None:
    """An introduction ending in a colon opens a list whose bullets are provisions of its memorandum."""
    intro = list_intro(reading, sent, frames, si)
    if intro is not None:
        reading.open_list = intro


def list_intro(reading: Reading, sent: Span, frames: list[Frame], si: int) -> OpenList | None:
    if not reading.text[sent.start_char : sent.end_char].rstrip().endswith(":"):
        return None
    state = reading.memoranda
    memo = None
    for f in frames:
        if f.kind in ("agreement", "list", "content"):
            memo = f.memo
            break
    if memo is None or memo.kind != "agreement":
        # "the points on which both delegations agreed:": the list is what the parties agreed
        for tok in sent:
            if (
                tok.lemma_.lower() in reading.data.cues.list_agreement_verbs
                and tok.pos_ in ("VERB", "AUX")
                and not any(c.dep_ == "neg" for c in tok.children)
            ):
                subj = subject(tok, reading.data)
                party = state.subject_party(subj) if subj is not None else None
                if party and party not in reading.lex.self_deciding:
                    memo = state.agreement(party, tok.idx, sent, si)
                    if memo.start == memo.end:
                        memo.start, memo.end = tok.idx, tok.idx + len(tok)
                    break
    if memo is None and state.active is not None and state.active_sentence == si:
        memo = state.active
    if memo is not None and not memo.party:
        memo = None
    return OpenList(memo, "commitment" if memo is None or memo.kind == "agreement" else "demand", need_trigger=False)

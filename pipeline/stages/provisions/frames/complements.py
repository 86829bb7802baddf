"""A document mention with its content attached: "a U.S. proposal to turn the Donbas into ...", "an
agreement granting the U.S. ...", "a draft deal wherein Kyiv would give up ...", "an agreement under which
...", and a document's items named with their content: "its provisions for X, alongside Y"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..grammar import ADDITION_PREPOSITIONS, FOR_ON, ITEM_DETERMINERS, RELATIVE_PREPOSITIONS, WHEREIN
from ..memoranda import Memo
from .base import Frame
from .common import part_of

if TYPE_CHECKING:
    from ..reading import Reading, Sentence


def mention_frames(reading: Reading, sentence: Sentence) -> list[Frame]:
    """The complement or relative clause of each document mention of the sentence."""
    doc = reading.doc
    out: list[Frame] = []
    for tok_i, memo in sentence.mentions.items():
        fr = complement_frame(reading, doc[tok_i], memo, sentence.span) or relative_frame(
            doc, doc[tok_i], memo, sentence.span
        )
        if fr is not None:
            head = doc[tok_i].head
            if doc[tok_i].dep_ == "dobj" and head.lemma_.lower() in reading.data.cues.refusal_verbs:
                fr.status = "rejected"  # "Medvedev rejected proposals ... to station troops"
            out.append(fr)
    return out


def relative_frame(doc: Doc, head: Token, memo: Memo, sent: Span) -> Frame | None:
    """'a draft deal wherein S', 'an agreement under which S'."""
    if memo.generic or not memo.party:
        return None
    for i in range(head.i + 1, min(sent.end - 2, head.i + 8)):
        low = doc[i].lower_
        if doc[i].is_punct and doc[i].text != ",":
            return None
        if low in WHEREIN:
            start = i + 1
        elif low in RELATIVE_PREPOSITIONS and doc[i + 1].lower_ == "which":
            start = i + 2
        else:
            continue
        return Frame(
            memo,
            start,
            sent.end,
            "content",
            "commitment" if memo.kind == "agreement" else "demand",
            memo.status,
            cue=doc[i],
            need_trigger=True,
        )
    return None


def complement_frame(reading: Reading, head: Token, memo: Memo, sent: Span) -> Frame | None:
    """'a proposal to turn X into Y', 'an agreement granting X', 'a proposal for X'."""
    doc = reading.doc
    if memo.generic or not memo.party:
        return None
    for c in head.children:
        if c.i < head.i:
            continue
        if (
            c.dep_ in ("acl", "relcl")
            and c.tag_ == "VB"
            and any(x.lower_ == "to" for x in c.lefts)
            or c.dep_ == "acl"
            and c.tag_ == "VBG"
            and c.i == head.i + 1
            and c.lemma_.lower() not in reading.data.cues.content_verbs
            and memo.kind in ("agreement", "plan", "proposal", "draft")
        ):
            start = c.i  # "a proposal to turn ...", "an agreement granting ..."
            end = verb_list_end(doc, c, sent)
            return Frame(
                memo,
                start,
                end,
                "complement",
                "demand" if memo.kind != "agreement" else "commitment",
                memo.status,
                cue=head,
                need_trigger=True,
            )
        if (
            c.dep_ == "prep"
            and c.lower_ == "for"
            and memo.kind in ("proposal", "plan", "demands")
            and c.i == head.i + 1
        ):
            pobj = [x for x in c.children if x.dep_ == "pobj"]
            if pobj:
                return Frame(
                    memo,
                    pobj[0].left_edge.i,
                    pobj[0].right_edge.i + 1,
                    "complement",
                    "demand",
                    memo.status,
                    cue=head,
                    need_trigger=True,
                )
    return None


def verb_list_end(doc: Doc, verb: Token, sent: Span) -> int:
    """End of 'a proposal to halt the fighting, rebuild the port, prevent X and advance Y': bare verbs after a comma
    that the parser hung elsewhere (a conjunct of the main verb) go on the list of the infinitive."""
    end = verb.right_edge.i + 1
    while (
        end + 1 < sent.end
        and doc[end].text == ","
        and doc[end + 1].tag_ in ("VB", "VBP")
        and doc[end + 1].dep_ == "conj"
        and not (verb.i <= doc[end + 1].head.i < end)
    ):
        end = max(end + 2, doc[end + 1].right_edge.i + 1)
    return end


def part_for_frames(reading: Reading, sentence: Sentence) -> list[Frame]:
    """A document's items named with their content: "its provisions for X, alongside Y", "the plan's
    clauses on X". Each "for"/"on" phrase is one content; a phrase after a comma or "alongside",
    "including" starts the next; "for the east of Ukraine" right after one extends it."""
    doc = reading.doc
    sent = sentence.span
    items = set(reading.data.documents.parts.get("item", []))
    out: list[Frame] = []
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.tag_ != "NNS" or noun.lemma_.lower() not in items:
            continue
        if not any(c.dep_ == "poss" or c.lower_ in ITEM_DETERMINERS for c in noun.lefts):
            continue
        preps = [c for c in noun.rights if c.dep_ == "prep" and any(x.dep_ == "pobj" for x in c.children)]
        if not preps or preps[0].lower_ not in FOR_ON:
            continue
        memo, _ = part_of(reading, sentence, noun)
        if memo is None or memo.generic:
            continue
        groups: list[list[Token]] = []
        for p in preps:
            new = not groups or doc[p.i - 1].text == "," or p.lower_ in ADDITION_PREPOSITIONS
            if new:
                groups.append([p])
            else:
                groups[-1].append(p)
        nxt = max(x.right_edge.i for x in groups[-1]) + 1
        if nxt < sent.end - 1 and doc[nxt].text == ",":
            nxt += 1
        if (
            nxt < sent.end
            and doc[nxt].lower_ in ADDITION_PREPOSITIONS
            and doc[nxt].dep_ == "prep"
            and doc[nxt] not in preps
            and any(x.dep_ == "pobj" for x in doc[nxt].children)
        ):
            groups.append([doc[nxt]])  # the parser hung "alongside Y" on the verb
        for g in groups:
            first = (
                g[0]
                if g[0].lower_ not in (*FOR_ON, *ADDITION_PREPOSITIONS)
                else next(x for x in g[0].children if x.dep_ == "pobj")
            )
            start = first.left_edge.i
            end = max(x.right_edge.i for x in g) + 1
            out.append(
                Frame(
                    memo,
                    start,
                    end,
                    "content",
                    "commitment" if memo.kind == "agreement" else "demand",
                    memo.status,
                    cue=noun,
                    need_trigger=True,
                )
            )
    return out

"""Document scope: which document the article is talking about, sentence by sentence.

A document enters scope where it is mentioned ("the 20-point plan", "the draft", "it"), where a frame
reads its content ("the two sides agreed to ...", "Russia is demanding that ...") and stays in scope
over the following sentences and paragraphs until another document is mentioned. Whether the text has
turned to something else in between (battlefield news, an interview, background) is not decided here:
the decision layer reads how far back the document was named, in sentences and in paragraphs, beside
the cues of the sentence itself (:mod:`.signals`).

The input is the rule stage's own reading of the article (``reading.memoranda``: every memorandum with
the offsets of its mentions; ``reading.found``: the frames read), so mention resolution stays where it
is strong. Example: "The plan runs to 17 points. The army would be capped at 90,000. A vote would follow
within three months." gives the plan in scope of the second sentence one sentence back, of the third two
back.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .memoranda import Memo
    from .reading import Reading

NONE_BACK = 99  # sentences back of a sentence with no document in scope


@dataclass(frozen=True)
class Scope:
    """The document in scope at one sentence, and how far back it was named."""

    memo: Memo | None
    back: int = NONE_BACK  # sentences since the last mention (0: named in this sentence)
    paragraphs: int = NONE_BACK  # paragraph starts between that mention and this sentence
    recent: int = 0  # distinct documents named in this sentence and the two before (several: ambiguous)


def mention_events(reading: Reading) -> list[tuple[int, int, Memo]]:
    """(character offset, order, memorandum) of every mention of a non-generic memorandum and of every frame's
    memorandum at its sentence, in text order."""
    events: list[tuple[int, int, Memo]] = []
    order = {id(m): k for k, m in enumerate(reading.memoranda.memos)}
    for memo in reading.memoranda.memos:
        if memo.generic:
            continue
        for s, _ in memo.mentions or ([(memo.start, memo.end)] if memo.end >= memo.start else []):
            events.append((s, order[id(memo)], memo))
    sents = reading.sentences
    for _, fr in reading.found:
        if 0 <= fr.si < len(sents) and not fr.memo.generic:
            events.append(
                (
                    reading.doc[fr.start].idx if fr.start < len(reading.doc) else sents[fr.si].start_char,
                    order.get(id(fr.memo), -1),
                    fr.memo,
                )
            )
    events.sort(key=lambda e: (e[0], e[1]))
    return events


def paragraph_starts(text: str) -> list[int]:
    """Offsets where a paragraph starts: after a blank line, or after a line that ends a sentence (a hard-wrapped
    line that stops mid-sentence does not start one)."""
    out = [0]
    i = text.find("\n")
    while i >= 0:
        j = i - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        if not text.startswith("\n", i + 1) and (j < 0 or text[j] in "\n.!?:;\"”'’)"):
            out.append(i + 1)  # (a blank line starts nothing: the line after it does)
        i = text.find("\n", i + 1)
    return out


def sentence_scopes(reading: Reading) -> list[Scope]:
    """The scope of every prose sentence of the article (``reading.sentences``)."""
    sents = reading.sentences
    events = mention_events(reading)
    chars = [e[0] for e in events]
    pars = paragraph_starts(reading.text)
    starts = [s.start_char for s in sents]
    out: list[Scope] = []
    for si, sent in enumerate(sents):
        k = bisect.bisect_left(chars, sent.end_char) - 1
        if k < 0:
            out.append(Scope(None))
            continue
        char, _, memo = events[k]
        named_in = max(0, bisect.bisect_right(starts, char) - 1)
        p_back = bisect.bisect_right(pars, sent.start_char) - bisect.bisect_right(pars, char)
        lo = starts[max(0, si - 2)]
        recent = {id(ev[2]) for ev in events[bisect.bisect_left(chars, lo) : k + 1]}
        out.append(Scope(memo, si - named_in, max(0, p_back), len(recent)))
    return out

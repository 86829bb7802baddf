"""The parse of one article as plain arrays, read once: what the signals and candidates look up per token.

Walking ``Token`` objects costs a Python object per access; the decision layer reads every token of the
sentences it considers many times, so it reads these lists instead (built from ``doc.to_array`` in one pass).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc


@dataclass
class TokenArrays:
    """Per token: part of speech, Penn tag, dependency, head (absolute index), lower form, lower lemma, punctuation,
    whitespace; the left and right edge of its subtree and its children are filled per sentence, on demand
    (:meth:`read_sentence`), for the few sentences whose clauses become candidates."""

    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    lower: list[str]
    lemma: list[str]
    punct: list[bool]
    space: list[bool]
    left: list[int]
    right: list[int]
    children: list[list[int]]
    done: set[int] = field(default_factory=set)  # the sentences read (their first token)

    @classmethod
    def of(cls, doc: Doc) -> TokenArrays:
        n = len(doc)
        if not n:
            return cls([], [], [], [], [], [], [], [], [], [], [])
        arr = doc.to_array([POS, TAG, DEP, HEAD, LOWER, LEMMA, IS_PUNCT, IS_SPACE])
        strings = doc.vocab.strings

        def column(k: int, lower: bool = False) -> list[str]:
            ids, inverse = np.unique(arr[:, k], return_inverse=True)
            names = [strings[int(x)] for x in ids]
            if lower:
                names = [x.lower() for x in names]
            return [names[j] for j in inverse.tolist()]

        head = (np.arange(n, dtype=np.int64) + arr[:, 3].astype(np.int64)).tolist()
        return cls(
            pos=column(0),
            tag=column(1),
            dep=column(2),
            head=head,
            lower=column(4),
            lemma=column(5, lower=True),
            punct=arr[:, 6].astype(bool).tolist(),
            space=arr[:, 7].astype(bool).tolist(),
            left=list(range(n)),
            right=list(range(n)),
            children=[[] for _ in range(n)],
        )

    def read_sentence(self, start: int, end: int) -> None:
        """Children and subtree edges of the tokens of one sentence [start, end) (heads stay inside it), once."""
        if start in self.done:
            return
        self.done.add(start)
        head, left, right, children = self.head, self.left, self.right, self.children
        for i in range(start, end):
            h = head[i]
            if h != i and start <= h < end:
                children[h].append(i)
        for i in range(start, end):
            j, steps = i, 0
            while head[j] != j and start <= head[j] < end and steps < end - start:
                j = head[j]
                steps += 1
                if i < left[j]:
                    left[j] = i
                if i > right[j]:
                    right[j] = i

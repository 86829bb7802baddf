"""The normaliser's entry point: words -> :func:`.words.split_words` -> :func:`.reading.read`
-> :func:`.decide.decide` -> a :class:`.context.Timex` (or None: not a temporal expression)."""

from __future__ import annotations

from dataclasses import replace

from ..rules import Lexicon, load_lexicon
from .context import Context, Timex
from .decide import decide
from .reading import read
from .words import split_words

MEMO_MAX = 20_000  # entries kept per lexicon before the memo starts afresh


def normalise(words: list[str], ctx: Context, lex: Lexicon | None = None) -> Timex | None:
    """The TIMEX3 reading of an expression's words, or None when it is not one.

    Memoised (per lexicon) on the words and the whole context, of which the reading is a pure
    function: the same expression in the same setting ("last week" twice in an article, "Monday"
    in two articles of the same day and tense) is read once. The caller gets its own copy."""
    lex = lex or load_lexicon()
    memo = lex.derived("normalise_memo", lambda lx: {})
    key = (tuple(words), ctx.dct, ctx.tense, ctx.ref, ctx.quarter)
    if key in memo:
        t = memo[key]
    else:
        if len(memo) >= MEMO_MAX:
            memo.clear()
        t = memo[key] = _normalise(words, ctx, lex)
    return replace(t) if t is not None else None


def _normalise(words: list[str], ctx: Context, lex: Lexicon) -> Timex | None:
    ws = split_words(words)
    if not ws:
        return None
    r = read(ws, lex, ctx.dct.year if ctx.dct else None)
    try:
        t = decide(r, ctx, lex)
    except (ValueError, OverflowError):
        return None  # a date that does not exist ("February 30"), a year out of range
    if t is None:
        return None
    if t.mod is None and r.mod:
        t.mod = r.mod
    return t

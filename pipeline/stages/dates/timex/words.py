"""The words as the reader sees them: lowercased, hyphens split off, modifier phrases taken off.

:func:`split_words` turns the tokens of a span into the reader's words ("Sept." -> ``sept``,
"mid-1990s" -> ``mid`` ``-`` ``1990s``, "2025 - 06 - 03" -> ``2025-06-03``); :func:`strip_mods`
takes the lexicon's modifier phrases off both ends ("at least 30 days" -> ``30 days`` with
EQUAL_OR_MORE). The regular expressions are the word shapes the readers know.
"""

from __future__ import annotations

import re

from ..rules import Lexicon
from .keywords import MOD_BEFORE_UNITS

NUM_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
ORD_RE = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
CLOCK_RE = re.compile(r"^(\d{1,2})[:.](\d\d)(?::(\d\d))?(am|pm|a\.m\.?|p\.m\.?)?$")
HOUR_AMPM_RE = re.compile(r"^(\d{1,2})(am|pm|a\.m\.?|p\.m\.?)$")
DECADE_RE = re.compile(r"^'?(\d{2}|\d{4})'?s$")
TWO_DIGITS_RE = re.compile(r"^\d\d$")
FRACTION_RE = re.compile(r"^(\d+)/(\d+)$")
ISO_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")
AMPM_DOTTED_RE = re.compile(r"^[ap]\.m\.$")
# notation, not vocabulary: the spellings of am / pm, read as one word each
AMPM = {"am": "am", "a.m": "am", "a.m.": "am", "pm": "pm", "p.m": "pm", "p.m.": "pm"}


def split_words(words: list[str]) -> list[str]:
    """Lowercase words; split hyphenated ones ('mid-1990s' -> 'mid', '-', '1990s'); strip
    abbreviation dots ('Sept.' -> 'sept')."""
    out = []
    for w in words:
        w = w.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
        if w in AMPM:
            out.append(AMPM[w])
            continue
        if "-" in w and w != "-" and not ISO_RE.match(w):
            parts = w.split("-")
            for i, part in enumerate(parts):
                if i:
                    out.append("-")
                if part:
                    out.append(part.rstrip(".") if len(part) > 1 else part)
            continue
        out.append(w.rstrip(".") if len(w) > 1 and not AMPM_DOTTED_RE.match(w) else w)
    return _join_iso(out)


def _join_iso(words: list[str]) -> list[str]:
    """'2025', '-', '06', '-', '03' (as the tokenizer splits an ISO date) -> '2025-06-03'."""
    i = 0
    while i + 4 < len(words):
        if words[i + 1] == "-" == words[i + 3] and ISO_RE.match("".join(words[i : i + 5])):
            words = words[:i] + ["".join(words[i : i + 5])] + words[i + 5 :]
        i += 1
    return words


# ---------------------------------------------------------------- modifier phrases

ModPhrase = tuple[tuple[str, ...], str]  # the phrase's words, its TIMEX3 mod


def mod_phrases(lex: Lexicon) -> list[ModPhrase]:
    """Modifier phrases as word tuples, longest first (computed once)."""

    def build(lx: Lexicon) -> list[ModPhrase]:
        items = [(tuple(split_words(k.split())), v) for k, v in lx.mods.items()]
        return sorted(items, key=lambda kv: -len(kv[0]))

    return lex.derived("mod_phrases", build)


def mod_phrases_by_first(lex: Lexicon) -> tuple[dict[str, list[ModPhrase]], list[ModPhrase]]:
    """:func:`mod_phrases` by first word (in the same order), and those that start with 'or'
    ("or so", "or more"): the only ones that can match at the front or at the end of words."""

    def build(lx: Lexicon) -> tuple[dict[str, list[ModPhrase]], list[ModPhrase]]:
        by_first: dict[str, list[ModPhrase]] = {}
        for phrase, mod in mod_phrases(lx):
            by_first.setdefault(phrase[0], []).append((phrase, mod))
        return by_first, by_first.get("or", [])

    return lex.derived("mod_phrases_by_first", build)


def strip_mods(words: list[str], lex: Lexicon) -> tuple[list[str], list[str]]:
    """Take modifier phrases off both ends of the words."""
    by_first, or_phrases = mod_phrases_by_first(lex)
    mods: list[str] = []
    changed = True
    while changed and words:
        changed = False
        for phrase, mod in by_first.get(words[0], ()):
            n = len(phrase)
            if tuple(words[:n]) == phrase and len(words) > n:
                nxt = words[n]
                if phrase == ("some",) and not (nxt in lex.numbers or NUM_RE.match(nxt)):
                    continue
                if phrase in (("earlier",), ("later",)) and nxt in lex.units and nxt not in MOD_BEFORE_UNITS:
                    continue
                words = words[n:]
                if words and words[0] == "-":
                    words = words[1:]
                mods.append(mod)
                changed = True
                break
        for phrase, mod in or_phrases:
            n = len(phrase)
            if len(words) > n and tuple(words[-n:]) == phrase:
                words = words[:-n]
                mods.append(mod)
                changed = True
                break
    return words, mods

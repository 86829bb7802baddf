"""The pattern notation of ``data/dates/patterns.yaml``, compiled into spaCy Matcher patterns.

A rule is a line of elements with ``( a | b )?`` choices, macros (``NUM``, ``YEAR``) and lexicon
macros (``MONTH``: the words of a lexicon section); :func:`load_patterns` expands every rule into
plain token patterns, and :func:`group_patterns` groups them by a word they cannot match without,
so that the component runs only the groups whose words occur near a trigger.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from .rules import Lexicon, load_lexicon, load_pattern_file

TOKEN_RE = re.compile(r"\(|\)[?]?|[^\s()]+")


def _lexicon_words(lex: Lexicon, section: str) -> list[str]:
    """Single words of a lexicon section, lowercase, with and without an abbreviation dot."""
    words = set()
    for key in getattr(lex, section):
        if " " in key:
            continue
        words.add(key)
        if len(key) <= 5 and key.isalpha():
            words.add(key + ".")
    return sorted(words)


def _split_top(tokens: list[str]) -> list[list[str]]:
    """Split a group's tokens at its own '|' (not at those of nested groups)."""
    alts: list[list[str]] = [[]]
    depth = 0
    for t in tokens:
        if t == "|" and depth == 0:
            alts.append([])
            continue
        depth += t == "("
        depth -= t.startswith(")")
        alts[-1].append(t)
    return alts


def _expand(rule: str) -> list[list[str]]:
    """Expand ( a | b c )? choices of a rule into plain element sequences."""
    tokens = TOKEN_RE.findall(rule)
    seqs: list[list[list[str]]] = []  # list of alternatives per position
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "(":
            depth, j = 1, i + 1
            while j < len(tokens) and depth:
                depth += tokens[j] == "("
                depth -= tokens[j].startswith(")")
                j += 1
            inner, close = tokens[i + 1 : j - 1], tokens[j - 1]
            alts = _split_top(inner)
            if all(len(a) == 1 and a[0].islower() and a[0][-1] not in "?+*" for a in alts) and "(" not in inner:
                # a choice of single words is one token pattern: fewer Matcher patterns, faster
                seqs.append([["{" + "|".join(a[0] for a in alts) + "}" + ("?" if close == ")?" else "")]])
                i = j
                continue
            expanded = [seq for a in alts for seq in _expand(" ".join(a))]
            if close == ")?":
                expanded.append([])
            seqs.append(expanded)
            i = j
        else:
            seqs.append([[t]])
            i += 1
    return [list(itertools.chain.from_iterable(combo)) for combo in itertools.product(*seqs)]


def _element(el: str, macros: dict[str, dict], lexmacros: dict[str, list[str]]) -> dict:
    op = None
    if len(el) > 1 and el[-1] in "?+*":
        el, op = el[:-1], el[-1]
    if el.startswith("{") and el.endswith("}"):
        spec = {"LOWER": {"IN": el[1:-1].split("|")}}
    elif el in macros:
        spec = dict(macros[el])
    elif el in lexmacros:
        spec = {"LOWER": {"IN": lexmacros[el]}}
    else:
        spec = {"LOWER": el.lower()}
    if op:
        spec["OP"] = op
    return spec


@lru_cache(maxsize=4)
def load_patterns(path: str | None = None, lexicon_path: str | None = None) -> list[list[dict]]:
    """Matcher patterns compiled from ``patterns.yaml``."""
    data = load_pattern_file(path)
    lex = load_lexicon(lexicon_path)
    lexmacros = {name: _lexicon_words(lex, section) for name, section in data.lexicon_macros.items()}
    patterns = []
    space = {"IS_SPACE": True, "OP": "*"}  # hard-wrapped text: a line break inside an expression
    for rule in data.rules:
        for seq in _expand(rule):
            if seq:
                tokens = [_element(el, data.macros, lexmacros) for el in seq]
                patterns.append([x for i, tok in enumerate(tokens) for x in ((space, tok) if i else (tok,))])
    return patterns


def _needed_words(pattern: list[dict]) -> frozenset[str] | None:
    """A word set the pattern cannot match without (one token of it must be in the match): the
    rarest-looking of its required ``LOWER`` elements (stop words and punctuation look common),
    or None when every required element is a regex, a flag or a shape."""
    best = None
    for el in pattern:
        if el.get("OP") in ("?", "*") or set(el) - {"OP"} != {"LOWER"}:
            continue
        value = el["LOWER"]
        words = (
            [value]
            if isinstance(value, str)
            else value.get("IN")
            if isinstance(value, dict) and set(value) == {"IN"}
            else None
        )
        if not words:
            continue
        common = sum(w in STOP_WORDS or not w.replace(".", "").replace("'", "").isalnum() for w in words)
        cost = (1000 * common + len(words), sorted(words))
        if best is None or cost < best[0]:
            best = (cost, frozenset(words))
    return best[1] if best else None


def group_patterns(patterns: list[list[dict]]) -> list[tuple[frozenset[str] | None, list[list[dict]]]]:
    """The patterns grouped by the word set each needs (see :func:`_needed_words`), in a stable
    order. The Matcher tries every pattern at every token, so running only the groups whose
    words occur in a window costs a fraction of running all of them, with the same matches."""
    groups: dict[frozenset[str] | None, list[list[dict]]] = {}
    for pattern in patterns:
        groups.setdefault(_needed_words(pattern), []).append(pattern)
    return list(groups.items())


def longest_first(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) pairs, longest first, then leftmost: what
    ``Matcher(greedy="LONGEST")`` keeps, applied to the union of the groups' matches."""
    taken: set[int] = set()
    out = []
    for s, e in sorted(set(pairs), key=lambda x: (x[1] - x[0], -x[0]), reverse=True):
        if taken.isdisjoint(range(s, e)):
            out.append((s, e))
            taken.update(range(s, e))
    return out

"""How a name is written and keyed: its clean text, a person's words, the keys mentions are grouped by.

Pure functions of text (and the rules), shared by the linking, the canonical names and the roles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from ...core.docs import doc_text
from ...core.names import fold
from .grammar import INITIAL, SPACES, TRAILING_POSSESSIVE
from .rules import Rules


def clean_text(span: Span, rules: Rules) -> str:
    """The span's text on one line, without a leading 'the' or a trailing possessive:
    "the Kremlin's" -> "Kremlin"."""
    return _clean_text(doc_text(span.doc)[span.start_char : span.end_char], rules.leading_article)


@lru_cache(maxsize=65536)
def _clean_text(text: str, leading_article: re.Pattern) -> str:
    """See :func:`clean_text` (memoised: the same names recur in every article)."""
    text = SPACES.sub(" ", text).strip()
    text = leading_article.sub("", text)
    return TRAILING_POSSESSIVE.sub("", text).strip()


def person_words(text: str, rules: Rules) -> list[str]:
    """The words of a person's name without the titles in front: "Foreign Minister Sergey Lavrov" -> Sergey Lavrov."""
    words = text.split()
    while words and words[0].lower() in rules.title_words:
        words = words[1:]
    return words


def words_key(words: list[str], rules: Rules) -> tuple[str, ...]:
    """Spelling-independent key of a name, word by word: "Sergei Lavrov" and "Sergey Lavrov" agree."""
    return tuple(rules.name_key(w) for w in words)


def person_key(words: list[str], rules: Rules) -> tuple[str, ...]:
    """The name key without middle initials: "David R. Cameron" and "David Cameron" agree."""
    return tuple(rules.name_key(w) for w in words if not INITIAL.fullmatch(w))


def place_key(text: str, rules: Rules) -> tuple[str, ...]:
    """Key of a place without its place suffix: "Kursk region" and "Kursk" agree."""
    words = fold(text).lower().split()
    while len(words) > 1 and words[-1] in rules.place_suffixes:
        words = words[:-1]
    return tuple(words)


def acronym(word: str) -> bool:
    """'NATO', 'KhPG', 'CCD': two to eight letters, at least two capitals, starting with one."""
    caps = sum(c.isupper() for c in word)
    return 2 <= len(word) <= 8 and word[0].isupper() and word.isalpha() and caps >= 2 and caps * 2 >= len(word)


def initials(name: str) -> str:
    """'CCD' for 'Center for Countering Disinformation': the capitals starting its words."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isupper())

"""Names folded and slugged one way, for ids and file names across every stage."""

from __future__ import annotations

import re
import unicodedata

NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Strip diacritics: 'Çirağan' -> 'Ciragan', 'Erdoğan' -> 'Erdogan'."""
    if text.isascii():  # ASCII is unchanged by NFKD: the common case costs nothing
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str | None, limit: int = 64) -> str:
    """Lower-case ASCII slug for ids and file names: 'Russian memorandum' -> 'russian-memorandum'.

    Cut at a word boundary to at most ``limit`` characters; 'unknown' when nothing is left."""
    t = NOT_SLUG.sub("-", fold(text or "").lower()).strip("-")
    if len(t) > limit:
        t = t[:limit].rsplit("-", 1)[0]
    return t.strip("-") or "unknown"

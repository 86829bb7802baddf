"""The dates stage's expressions as this stage reads them: inside a range of the article, and the day (ISO)
nearest to a point (the day a document was presented or an agreement reached)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def timex_values(doc: Doc, start_char: int, end_char: int) -> list[tuple[int, dict]]:
    """(start offset, timex dict) of the dates stage's expressions inside [start_char, end_char)."""
    out = []
    spans = doc.spans["timex"] if "timex" in doc.spans else []
    has_ext = Span.has_extension("timex")
    for s in spans:
        if s.start_char >= start_char and s.end_char <= end_char:
            tx = s._.timex if has_ext else None
            if isinstance(tx, dict):
                out.append((s.start_char, {**tx, "text": s.text, "start": s.start_char, "end": s.end_char}))
            else:
                out.append(
                    (
                        s.start_char,
                        {
                            "type": s.label_ or "DATE",
                            "value": None,
                            "text": s.text,
                            "start": s.start_char,
                            "end": s.end_char,
                        },
                    )
                )
    if not spans:
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME") and ent.start_char >= start_char and ent.end_char <= end_char:
                out.append(
                    (
                        ent.start_char,
                        {
                            "type": ent.label_,
                            "value": None,
                            "text": ent.text,
                            "start": ent.start_char,
                            "end": ent.end_char,
                        },
                    )
                )
    return out


def day_date(doc: Doc, start_char: int, end_char: int, near: int, not_after: str | None) -> str | None:
    """The day (ISO) of the date expression nearest to ``near`` in the range, not after the article date."""
    best = None
    for at, tx in timex_values(doc, start_char, end_char):
        value = tx.get("value") or ""
        if tx.get("type", "DATE") != "DATE" or not ISO_DAY.match(value):
            continue
        if not_after and value > not_after:
            continue
        dist = abs(at - near)
        if best is None or dist < best[0]:
            best = (dist, value)
    return best[1] if best else None

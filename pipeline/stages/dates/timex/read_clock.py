"""The word reader for clock times: '9:30', '10am', '4 p.m.', "five o'clock", 'noon'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .words import CLOCK_RE, HOUR_AMPM_RE

if TYPE_CHECKING:
    from .features import Reader


def clock_time(rd: Reader) -> int:
    """'9:30', '10am', 'p.m.' after a number, "o'clock", 'noon'."""
    r, w = rd.r, rd.w
    m = CLOCK_RE.match(w)
    if m and int(m.group(1)) <= 24:
        r.clock = (int(m.group(1)), int(m.group(2)))
        if m.group(4):
            r.ampm = "am" if m.group(4).startswith("a") else "pm"
        return 1
    m = HOUR_AMPM_RE.match(w)
    if m:
        r.clock = (int(m.group(1)), 0)
        r.ampm = "am" if m.group(2).startswith("a") else "pm"
        return 1
    if w in ("am", "pm"):
        r.ampm = w
        if rd.pending is not None and rd.pending <= 12 and r.clock is None:
            r.clock, rd.pending = (int(rd.pending), 0), None
        elif r.numbers and r.clock is None and r.numbers[-1] is not None and r.numbers[-1] <= 12:
            r.clock = (int(r.numbers.pop()), 0)
        return 1
    if w == "o'clock" or (w == "o" and rd.nxt == "'clock"):
        if rd.pending is not None:
            r.clock, rd.pending = (int(rd.pending), 0), None
        return 1 if w == "o'clock" else 2
    if w in rd.lex.clock_words and not (w == "midday" and r.pod):
        hh, mm = rd.lex.clock_words[w].split(":")
        r.clock = (int(hh), int(mm))
        return 1
    return 0

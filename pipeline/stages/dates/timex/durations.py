"""TIMEX3 duration values: a number and a lexicon unit code -> ``P2D``, ``PT5H30M``, ``PXY``."""

from __future__ import annotations


def duration_value(n: float | None, code: str, time: bool = False) -> str:
    """P2D, PT5H, 1.5 years -> P1Y6M, 5.5 hours -> PT5H30M, vague -> PXY."""
    if code == "WE":
        return "P2D" if n in (None, 1) else f"P{format_number(n * 2)}D"
    if code in ("DE", "CE", "ML"):
        if n is None:
            return f"PX{code}"
        return f"P{format_number(n * {'DE': 10, 'CE': 100, 'ML': 1000}[code])}Y"
    prefix = "PT" if time else "P"
    if n is None:
        return f"{prefix}X{code}"
    if n == int(n):
        return f"{prefix}{int(n)}{code}"
    whole, frac = int(n), n - int(n)
    head = f"{whole}{code}" if whole else ""
    if time:
        sub = {"H": (60, "M"), "M": (60, "S")}.get(code)
        if sub:
            return f"PT{head}{format_number(frac * sub[0])}{sub[1]}"
    elif code == "D":
        return f"P{head}T{format_number(frac * 24)}H"
    else:
        sub = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "Q": (3, "M")}.get(code)
        if sub:
            return f"P{head}{format_number(frac * sub[0])}{sub[1]}"
    return f"{prefix}{format_number(n)}{code}"


def format_number(n: float) -> str:
    """A number as TIMEX3 writes it: 3 for 3.0, 2.5 for 2.5."""
    return str(int(n)) if float(n) == int(n) else f"{n:g}"

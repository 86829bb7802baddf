"""Optional per-phase timings of a run, for the benchmark (:mod:`pipeline.bench` switches them on)."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

# Per-phase timings (seconds), summed over a run in this process; None means off.
# pipeline.bench switches it on; the cost of a timing is one perf_counter() call.
TIMINGS: dict[str, float] | None = None


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Add the block's wall time to ``TIMINGS[name]`` when timings are on."""
    if TIMINGS is None:
        yield
        return
    t0 = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[name] = TIMINGS.get(name, 0.0) + time.perf_counter() - t0

"""Shared helpers: timing, percentiles, and the rows of the results table."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(slots=True)
class Row:
    """One line of the results table (and of the JSON's ``rows``)."""

    section: str
    metric: str
    value: float | None
    unit: str = ""
    target: str = ""
    ok: bool | None = None  # None: no target, or not measured
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(samples: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; NaN for no samples."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    k = (len(ordered) - 1) * q / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(func: Callable, *args, **kwargs) -> tuple[float, object]:
    """``(seconds, result)`` of one call."""
    t0 = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - t0, result


def summary(samples: list[float]) -> dict:
    """p50, p95, max and count of latencies given in seconds, reported in milliseconds."""
    return {
        "n": len(samples),
        "p50_ms": round(percentile(samples, 50) * 1000, 3),
        "p95_ms": round(percentile(samples, 95) * 1000, 3),
        "max_ms": round(max(samples) * 1000, 3) if samples else math.nan,
        "mean_ms": round(sum(samples) / len(samples) * 1000, 3) if samples else math.nan,
    }

"""Keeping the explorer's answer to a keystroke short: the garbage collector, and pauses.

Painting a frame allocates tens of thousands of short-lived objects (strips, segments, styles).
With Python's default thresholds a young collection runs every few hundred of them and a full
collection walks everything the process holds (imports, the store, caches) every few seconds:
measured at a million facts, collections took more main-thread time than painting and set the
p95 of keystroke latency. While the explorer runs, what exists at start-up is frozen out of
the collector's sight and young collections run less often; both are undone when it stops.
"""

from __future__ import annotations

import gc
import time

from textual.worker import get_current_worker

# Young generation every 10,000 allocations (default 700); older generations as by default.
THRESHOLDS = (10_000, 10, 10)


class QuietCollector:
    """Freezes the start-up heap and raises the collector's thresholds until :meth:`stop`."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Freeze what exists now and collect the young generation less often."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(*THRESHOLDS)

    def stop(self) -> None:
        """Restore the thresholds in force before :meth:`start`."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            gc.unfreeze()
            self._saved = None


def waited(seconds: float) -> bool:
    """Sleep ``seconds`` in a thread worker; False when the worker was cancelled meanwhile."""
    time.sleep(seconds)
    return not get_current_worker().is_cancelled

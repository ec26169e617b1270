"""The explorer's marks: changed in memory at once, written to the store by a worker.

A keystroke must never wait for the database, so a mark change updates :attr:`MarkBuffer.marked`
and queues the fact id; :meth:`MarkBuffer.flush` (any thread) writes what is pending. Searches
and exports flush first, so that ``is:marked`` sees every change. Each change is also kept,
up to :data:`UNDO_LEVELS` of them, for :meth:`MarkBuffer.undo`. Pure: no Textual.
"""

from __future__ import annotations

import threading
from collections import deque

from relexplorer.store import Store

UNDO_LEVELS = 50


class MarkBuffer:
    """The marked fact ids as the user sees them, and the changes not yet stored."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.marked: set[int] = set()
        self._dirty: set[int] = set()
        self._lock = threading.Lock()  # guards marked and _dirty
        self._flush_lock = threading.Lock()  # one writer at a time, so the last writes the latest
        # (the ids whose state a change flipped, the state it gave them), the latest last
        self._history: deque[tuple[frozenset[int], bool]] = deque(maxlen=UNDO_LEVELS)

    def snapshot(self) -> set[int]:
        """A copy of the marked ids (safe to hand to a worker)."""
        with self._lock:
            return set(self.marked)

    def set(self, ids: set[int], marked: bool) -> set[int]:
        """Mark or unmark ``ids`` in memory (:meth:`flush` stores the change); return the ids whose
        state changed, and keep the change for :meth:`undo` when there is one."""
        with self._lock:
            changed = ids - self.marked if marked else ids & self.marked
            self._apply(ids, marked)
            if changed:
                self._history.append((frozenset(changed), marked))
        return changed

    def undo(self) -> tuple[set[int], bool] | None:
        """Take back the latest change still kept: ``(ids, state they are back in)``, or None."""
        with self._lock:
            if not self._history:
                return None
            ids, marked = self._history.pop()
            self._apply(set(ids), not marked)
        return set(ids), not marked

    @property
    def undo_levels(self) -> int:
        """How many changes :meth:`undo` can still take back."""
        return len(self._history)

    def _apply(self, ids: set[int], marked: bool) -> None:
        if marked:
            self.marked |= ids
        else:
            self.marked -= ids
        self._dirty |= ids

    def loaded(self, stored: set[int]) -> None:
        """Take the marks read from the store; changes not yet written win over them."""
        with self._lock:
            pending_on = {i for i in self._dirty if i in self.marked}
            self.marked = (set(stored) - self._dirty) | pending_on

    def flush(self) -> None:
        """Write pending changes (any thread). On failure they stay pending and it raises."""
        with self._flush_lock:
            with self._lock:
                dirty, self._dirty = self._dirty, set()
                on_ids = [i for i in dirty if i in self.marked]
                off_ids = [i for i in dirty if i not in self.marked]
            try:
                self.store.set_marks(on_ids, True)
                self.store.set_marks(off_ids, False)
            except BaseException:
                with self._lock:
                    self._dirty |= dirty
                raise

"""The explorer's searches: each keystroke starts a new *generation*, run in a thread worker.

A worker only posts messages (:class:`~relexplorer.tui.messages.FactsLoaded`,
:class:`~relexplorer.tui.messages.QueryFailed`, ...); the app drops those of a generation it has
since replaced, and SQLite aborts a replaced search mid-statement (see
:meth:`~relexplorer.store.Store.interrupt_when`), so that a stale query never holds the store.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import TYPE_CHECKING

from relexplorer.catalog import fact_exists
from relexplorer.errors import QueryError
from relexplorer.search import Query, matching_ids, position_of, search
from relexplorer.tui.messages import DatabaseError, FactsLoaded, MatchesCounted, QueryFailed

if TYPE_CHECKING:
    from relexplorer.tui.app import ExplorerApp

# A jump to a fact far down a long result list starts the list near it instead of loading
# every row before it.
JUMP_PRELOAD = 2_000
PROGRESS_STEPS = 20_000  # SQLite VM steps between checks for a stale search


class SearchController:
    """Starts searches, pages and jumps for the app, one generation at a time."""

    def __init__(self, app: ExplorerApp, page: int) -> None:
        self.app = app
        self.store = app.store
        self.page = page
        self.generation = 0
        self.shown_generation = 0
        self.base_offset = 0
        self.loading_more = False
        self._thread = threading.local()  # which generation the current worker thread runs

    def attach(self) -> None:
        """Let SQLite abort the statements of stale searches (call when the app mounts)."""
        self.store.interrupt_when(self.is_stale, PROGRESS_STEPS)

    def detach(self) -> None:
        """Stop checking for stale searches (call when the app unmounts)."""
        self.store.interrupt_when(None)

    def is_stale(self) -> bool:
        """True in a search worker (any thread) whose search a newer one replaced."""
        generation = getattr(self._thread, "generation", None)
        return generation is not None and generation != self.generation

    def is_current(self, generation: int) -> bool:
        """True when ``generation`` is the latest search."""
        return generation == self.generation

    def start(self, query: Query, limit: int, select: int | None = None) -> int:
        """Run the first page of ``query`` as a new generation; return the generation."""
        self.generation += 1
        self.loading_more = False
        self._run(partial(self._page, self.generation, query, 0, limit, select=select))
        return self.generation

    def more(self, query: Query, loaded: int) -> None:
        """Load the page after the ``loaded`` rows shown (once at a time)."""
        if self.loading_more:
            return
        self.loading_more = True
        self._run(partial(self._page, self.generation, query, self.base_offset + loaded, self.page, append=True))

    def locate(self, fact_id: int, query: Query | None) -> None:
        """Show fact ``fact_id`` in the list (dropping the filters if they hide it)."""
        self.generation += 1
        self._run(partial(self._locate, self.generation, fact_id, query))

    def collect(self, query: Query, limit: int) -> None:
        """Find the ids of the first ``limit`` facts shown (for "mark all")."""
        self.app.run_worker(partial(self._collect, self.generation, query, limit), thread=True,
                            exclusive=True, group="mark-all")

    def shown(self, generation: int, offset: int | None = None) -> None:
        """The app showed the results of ``generation`` (starting at ``offset``)."""
        self.loading_more = False
        self.shown_generation = generation
        if offset is not None:
            self.base_offset = offset

    def _run(self, work) -> None:
        self.app.run_worker(work, thread=True, exclusive=True, group="search")

    def _page(self, generation: int, query: Query, offset: int, limit: int, *, append: bool = False,
              select: int | None = None, reset_filters: bool = False) -> None:
        """Run one page of a search and post the outcome (in a worker thread)."""
        self._thread.generation = generation
        try:
            self.app.marks.flush()
            result = search(self.store, query, limit=limit, offset=offset)
        except QueryError as exc:
            self.app.post_message(QueryFailed(generation, str(exc)))
            return
        except Exception as exc:  # a worker's edge: a locked or damaged database, a stale abort
            self.app.post_message(QueryFailed(generation, f"database error: {exc}"))
            return
        finally:
            self._thread.generation = None
        self.app.post_message(FactsLoaded(generation, result, append=append, complete=len(result.hits) < limit,
                                          select=select, reset_filters=reset_filters))

    def _locate(self, generation: int, fact_id: int, query: Query | None) -> None:
        try:
            self.app.marks.flush()
            if not fact_exists(self.store, fact_id):
                self.app.post_message(DatabaseError(f"There is no fact {fact_id}."))
                return
            query = query or Query(text="")
            index = position_of(self.store, query, fact_id)
            reset = index is None
            if reset:
                query = Query(text="")
                index = position_of(self.store, query, fact_id) or 0
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.app.post_message(DatabaseError(f"cannot find fact {fact_id}: {exc}"))
            return
        offset = 0 if index < JUMP_PRELOAD else index - 10
        limit = index + self.page if index < JUMP_PRELOAD else self.page
        self._page(generation, query, offset, limit, select=fact_id, reset_filters=reset)

    def _collect(self, generation: int, query: Query, limit: int) -> None:
        self._thread.generation = generation
        try:
            self.app.marks.flush()
            ids = matching_ids(self.store, query, limit + 1)
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            if self.is_current(generation):
                self.app.post_message(DatabaseError(f"cannot mark the facts: {exc}"))
            return
        finally:
            self._thread.generation = None
        self.app.post_message(MatchesCounted(generation, ids[:limit], len(ids) > limit))

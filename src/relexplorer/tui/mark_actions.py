"""The explorer's marks and its reading view: mark, mark all, unmark all, undo, show only marked, open.

A mixin of :class:`~relexplorer.tui.app.ExplorerApp`, which provides ``store``, ``marks`` (a
:class:`~relexplorer.tui.marks.MarkBuffer`), ``facts``, ``state``, ``searches`` and the rest.
Handlers are named ``on_<message>`` because Textual only collects ``@on`` handlers from classes
that are message pumps themselves. A change of more than :data:`CONFIRM_OVER` marks asks first;
every change can be taken back with ``ctrl+z`` (:meth:`MarkBuffer.undo`).
"""

from __future__ import annotations

from textual import work

from relexplorer.tui.messages import DatabaseError, MarksLoaded, MatchesCounted
from relexplorer.tui.screens.confirm import ConfirmScreen
from relexplorer.tui.screens.reading_screen import ReadingScreen

MARK_ALL_LIMIT = 10_000
CONFIRM_OVER = 50  # "mark all" and "unmark all" ask before changing more marks than this
# The app's keys that act on the list, which the reading view hides: off while it is open.
LIST_ACTIONS = {"mark_all", "unmark_all", "only_marked", "copy_quote", "edit_metadata", "figures",
                "toggle_topics", "refresh", "read", "focus_search"}


def _facts(n: int) -> str:
    return f"{n:,} fact" + ("" if n == 1 else "s")


class MarksAndReading:
    """Mark keys, undo and the reading view of the explorer (mixed into the app)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The list's keys do nothing while the reading view covers the list."""
        if action in LIST_ACTIONS and isinstance(self.screen, ReadingScreen):
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]

    @work(thread=True, group="marks")
    def _load_marks(self) -> None:
        try:
            marked = self.store.marked_ids()
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(DatabaseError(f"cannot read the marks: {exc}"))
            return
        self.post_message(MarksLoaded(marked))

    def on_marks_loaded(self, message: MarksLoaded) -> None:
        """Show the marks read from the store."""
        self.marks.loaded(message.marked)
        self._marks_shown(None)

    def set_marked(self, ids: set[int], marked: bool) -> set[int]:
        """Mark or unmark ``ids`` everywhere they are shown, and store it; return what changed."""
        changed = self.marks.set(ids, marked)
        self._marks_shown(ids)
        self._save_marks()
        return changed

    def _marks_shown(self, ids: set[int] | None) -> None:
        self.facts.update_marks(self.marked, ids)
        self._update_status()
        if isinstance(self.screen, ReadingScreen):
            self.screen.marks_changed(self.marked)

    @work(thread=True, group="marks")
    def _save_marks(self) -> None:
        try:
            self.marks.flush()
        except Exception as exc:  # a worker's edge: the changes stay pending and are retried
            self.post_message(DatabaseError(f"cannot save the marks (will retry): {exc}"))

    def action_toggle_mark(self) -> None:
        """Mark or unmark the fact under the cursor."""
        fact_id = self.facts.current_fact_id
        if fact_id is None:
            self.notify("No fact under the cursor to mark.", severity="warning")
            return
        self.set_marked({fact_id}, fact_id not in self.marked)

    def action_mark_all(self) -> None:
        """Mark every fact that the current search shows (asking first when that is many)."""
        if self.current_query is not None:
            self.searches.collect(self.current_query, MARK_ALL_LIMIT)

    def on_matches_counted(self, message: MatchesCounted) -> None:
        """The facts shown are counted: mark them, after asking if that changes many marks."""
        if not self.searches.is_current(message.generation):
            return
        ids = set(message.ids)
        new = ids - self.marked
        which = f"the first {len(ids):,}" if message.capped else f"all {len(ids):,}"
        if not new:
            self.notify(f"{which.capitalize()} facts shown are marked already.")
            return

        def mark(yes: bool | None = True) -> None:
            if yes:
                self.set_marked(ids, True)
                self.notify(f"Marked {which} facts shown ({len(new):,} newly). ctrl+z takes it back.")

        if len(new) > CONFIRM_OVER:
            self.push_screen(ConfirmScreen(f"Mark {_facts(len(new))} more ({which} facts shown)?", yes="Mark"), mark)
        else:
            mark()

    def action_unmark_all(self) -> None:
        """Remove every mark (asking first when that is many)."""
        count = len(self.marked)
        if not count:
            self.notify("No facts are marked.")
            return

        def unmark(yes: bool | None = True) -> None:
            if yes:
                self.set_marked(set(self.marked), False)
                self.notify(f"Unmarked {_facts(count)}. ctrl+z takes it back.")
                if self.state.only_marked:
                    self.start_search()

        if count > CONFIRM_OVER:
            self.push_screen(ConfirmScreen(f"Remove the marks of all {_facts(count)}?", yes="Unmark"), unmark)
        else:
            unmark()

    def action_undo(self) -> None:
        """Take back the latest change of marks (several levels)."""
        undone = self.marks.undo()
        if undone is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        ids, marked = undone
        self._marks_shown(ids)
        self._save_marks()
        state = "marked again" if marked else "unmarked again"
        self.notify(f"Undone: {_facts(len(ids))} {state}.", timeout=3)
        if self.state.only_marked:
            self.start_search(keep=self.facts.current_fact_id)

    def action_only_marked(self) -> None:
        """Toggle showing only the marked facts."""
        self.state.only_marked = not self.state.only_marked
        self.start_search(keep=self.facts.current_fact_id)

    def action_read(self) -> None:
        """Open the fact under the cursor in its article (the reading view)."""
        hit = self.facts.current_hit
        if hit is None:
            self.notify("No fact under the cursor to read.", severity="warning")
            return
        query = self.current_query if self.state.active else None
        self._save_marks()
        self.push_screen(ReadingScreen(self.store, hit.id, query))

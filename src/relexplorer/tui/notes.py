"""The explorer's notes and saved searches: ``N`` writes the note on a fact (its ``#tags`` come
from the text), ``ctrl+s`` names the current search; saved searches run from the tree and the
palette, and are deleted from the palette. Every write runs in a worker.

A mixin of :class:`~relexplorer.tui.app.ExplorerApp`, which provides ``store``, ``state``,
``facts``, ``marked``, ``current_detail``, ``start_search``, ``action_focus_results`` and the
``_load_detail`` worker. Its key bindings are :data:`NOTE_BINDINGS` (the app lists them: a
mixin's own ``BINDINGS`` would not count).
"""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.widgets import Input

from relexplorer import catalog
from relexplorer.display import one_line
from relexplorer.errors import QueryError
from relexplorer.search import parse_query
from relexplorer.search.notes import noted_facts
from relexplorer.tui.messages import (
    DatabaseError,
    NoteSaved,
    NotesLoaded,
    SavedSearchChosen,
    SearchDeleted,
    SearchSaved,
)
from relexplorer.tui.screens.confirm import ConfirmScreen
from relexplorer.tui.screens.note_dialog import NoteDialog, NoteRequest
from relexplorer.tui.screens.save_search_dialog import SaveSearchDialog
from relexplorer.tui.widgets.search_bar import SearchBar
from relexplorer.tui.widgets.topics_tree import TopicsTree

NOTE_BINDINGS = [
    Binding("N", "edit_note", "Note", tooltip="Write, change or delete the note on the fact (#words are tags)"),
    Binding("ctrl+s", "save_search", "Save search", show=False,
            tooltip="Name the current search; it appears in the tree and the palette"),
]


class NotesAndSearches:
    """Notes on facts and saved searches for the explorer app."""

    noted: set[int] | frozenset[int] = frozenset()  # the facts with a note, once loaded

    def on_mount(self) -> None:
        """Read which facts have a note (the facts list marks them)."""
        self.load_notes()

    # -- notes --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="notes-read")
    def load_notes(self) -> None:
        """Re-read the ids of the facts that have a note."""
        try:
            noted = set(noted_facts(self.store, "has", ""))
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(DatabaseError(f"cannot read the notes: {exc}"))
            return
        self.post_message(NotesLoaded(noted))

    def on_notes_loaded(self, message: NotesLoaded) -> None:
        """Mark the facts with a note in the list."""
        self.noted = set(message.noted)
        self.facts.update_notes(self.noted, self.marked)

    def action_edit_note(self) -> None:
        """Open the note dialog on the fact under the cursor."""
        current = self.facts.current_fact_id
        detail = self.current_detail
        if current is None:
            self.notify("No fact under the cursor to write a note on.", severity="warning")
            return
        if detail is None or detail.id != current:
            self.notify("The fact is still loading; press N again.", timeout=2)
            return

        def chosen(request: NoteRequest | None) -> None:
            if request is not None:
                self._save_note(request)

        self.push_screen(NoteDialog(detail.id, detail.text, detail.note.text if detail.note else ""), chosen)

    @work(thread=True, group="notes")
    def _save_note(self, request: NoteRequest) -> None:
        try:
            found = self.store.set_note(request.fact_id, request.text)
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(NoteSaved(request.fact_id, error=f"cannot save the note: {exc}"))
            return
        if not found:
            self.post_message(NoteSaved(request.fact_id, error=f"fact {request.fact_id} is gone; press r"))
            return
        self.post_message(NoteSaved(request.fact_id, removed=not request.text.strip()))

    def on_note_saved(self, message: NoteSaved) -> None:
        """Say whether the note was saved; show it in the list and the detail pane."""
        if message.error:
            self.notify(message.error, title="Note not saved", severity="error", markup=False)
            return
        noted = set(self.noted)
        if message.removed:
            noted.discard(message.fact_id)
            self.notify(f"Deleted the note on fact {message.fact_id}.")
        else:
            noted.add(message.fact_id)
            self.notify(f"Saved the note on fact {message.fact_id}; kept when the article is ingested again.")
        self.noted = noted
        self.facts.update_notes(noted, self.marked, {message.fact_id})
        if self.facts.current_fact_id == message.fact_id:
            self._detail_requested = message.fact_id
            self._load_detail(message.fact_id)

    # -- saved searches ------------------------------------------------------------------

    def action_save_search(self) -> None:
        """Ask for a name for the typed search, then save it."""
        query = self.state.text.strip()
        if not query:
            self.notify("Type a search first (/), then ctrl+s names it.", severity="warning")
            return
        try:
            parse_query(query)
        except QueryError as exc:
            self.notify(f"Not saved: {exc}", severity="warning", markup=False)
            return
        if self.state.node is not None:
            self.notify("Only the typed search is saved, not the filter chosen in the tree.", timeout=4)

        def chosen(name: str | None) -> None:
            if name is not None:
                self._save_search(name, query, replace=False)

        self.push_screen(SaveSearchDialog(query), chosen)

    @work(thread=True, group="searches")
    def _save_search(self, name: str, query: str, *, replace: bool) -> None:
        try:
            existing = {s.name: s.query for s in catalog.saved_searches(self.store)}
            if not replace and existing.get(name, query) != query:
                self.post_message(SearchSaved(name, query, existing=existing[name]))
                return
            self.store.save_search(name, query)
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(SearchSaved(name, query, error=f"cannot save the search: {exc}"))
            return
        self.post_message(SearchSaved(name, query))

    def on_search_saved(self, message: SearchSaved) -> None:
        """Ask before replacing a search of the same name; else say it was saved."""
        if message.error:
            self.notify(message.error, title="Search not saved", severity="error", markup=False)
            return
        if message.existing is not None:
            def answered(replace: bool | None) -> None:
                if replace:
                    self._save_search(message.name, message.query, replace=True)
                else:
                    self.notify("Not saved: the saved search keeps its query.", timeout=3)

            self.push_screen(ConfirmScreen(
                f"A saved search is named “{one_line(message.name)}”:\n  {one_line(message.existing)}\n"
                f"Replace its query with:\n  {one_line(message.query)}", yes="Replace", no="Keep"), answered)
            return
        self.notify(f"Saved the search “{message.name}”.", markup=False)
        self.query_one(TopicsTree).reload()

    def on_saved_search_chosen(self, message: SavedSearchChosen) -> None:
        """Run a saved search: its query in the search box, the tree's filter dropped."""
        search_bar = self.query_one(SearchBar)
        self.state.node = None
        self.state.text = message.query
        with search_bar.prevent(Input.Changed):
            search_bar.value = message.query
        self.start_search()
        self.action_focus_results()

    def delete_saved_search(self, name: str) -> None:
        """Ask, then delete the saved search ``name``."""
        def answered(delete: bool | None) -> None:
            if delete:
                self._delete_search(name)

        self.push_screen(ConfirmScreen(f"Delete the saved search “{one_line(name)}”?", yes="Delete"), answered)

    @work(thread=True, group="searches")
    def _delete_search(self, name: str) -> None:
        try:
            found = self.store.delete_search(name)
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(SearchDeleted(name, error=f"cannot delete the search: {exc}"))
            return
        self.post_message(SearchDeleted(name, found))

    def on_search_deleted(self, message: SearchDeleted) -> None:
        """Say whether the saved search was deleted; take it out of the tree."""
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        if message.found:
            self.notify(f"Deleted the saved search “{message.name}”.", markup=False)
        else:
            self.notify(f"No saved search is named “{message.name}”.", severity="warning", markup=False)
        self.query_one(TopicsTree).reload()

"""The explorer: topics tree | facts list | fact detail over source quote, a search box on top.

All database work runs in thread workers that only post messages (:mod:`relexplorer.tui.messages`);
the handlers here change the widgets. Every search gets a generation number: a keystroke starts
a new search (cancelling the pending one) and results of an older generation are dropped.
Marks live in memory first and are written by a worker; searches and exports flush them first.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import Footer, Input, OptionList

from relexplorer.catalog import fact_detail
from relexplorer.errors import QueryError
from relexplorer.model import FactDetail
from relexplorer.search import Query
from relexplorer.store import Store
from relexplorer.tui.commands import ExplorerCommands
from relexplorer.tui.exporting import MarkedExport
from relexplorer.tui.latency import QuietCollector, waited
from relexplorer.tui.mark_actions import MarksAndReading
from relexplorer.tui.marks import MarkBuffer
from relexplorer.tui.messages import (
    DatabaseError,
    DetailLoaded,
    FactsLoaded,
    FilterChosen,
    JumpTo,
    QueryFailed,
)
from relexplorer.tui.metadata import CitationsAndMetadata, prepare_citation
from relexplorer.tui.notes import NOTE_BINDINGS, NotesAndSearches
from relexplorer.tui.render import clipboard_text
from relexplorer.tui.screens.help import HelpScreen, keys_of
from relexplorer.tui.search_controller import SearchController
from relexplorer.tui.state import ViewState, build_query, empty_message
from relexplorer.tui.views import OtherViews
from relexplorer.tui.widgets.fact_detail import FactDetailPane
from relexplorer.tui.widgets.facts_list import FactsList
from relexplorer.tui.widgets.search_bar import SearchBar
from relexplorer.tui.widgets.source_quote import SourceQuote
from relexplorer.tui.widgets.status_line import StatusLine
from relexplorer.tui.widgets.topics_tree import TopicsTree

PAGE = 100
# A new search shows this many rows first (enough to fill a tall terminal), then pages.
FIRST_PAGE = 30
# While typing, the detail follows the first result after this pause (s): not at every key.
DETAIL_PAUSE = 0.15
BUSY_AFTER = 0.3  # seconds before the status line says a search is running


class ExplorerApp(NotesAndSearches, MarksAndReading, MarkedExport, CitationsAndMetadata, OtherViews, App[None]):
    """The relexplorer explorer. Build it with :func:`make_app`."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "relexplorer"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        # A priority binding acts before the keys typed after it are routed, so "/trade" typed
        # fast lands in the search box; an Input that has the focus still receives "/" itself.
        Binding("slash", "focus_search", "Search", priority=True,
                tooltip="Type a search (same syntax as `relexplorer search`)"),
        Binding("space", "toggle_mark", "Mark", tooltip="Mark or unmark the fact under the cursor"),
        Binding("a", "mark_all", "Mark all", show=False, tooltip="Mark every fact shown (asks first above 50)"),
        Binding("u", "unmark_all", "Unmark all", show=False, tooltip="Remove every mark (asks first above 50)"),
        Binding("m", "only_marked", "Marked", tooltip="Show only the marked facts (again: show all)"),
        Binding("e", "export", "Export", tooltip="Export the marked facts to Markdown, cited plain, Chicago or APA"),
        Binding("y", "copy_quote", "Copy", show=False, tooltip="Copy the fact's quote and its citation to the clipboard"),
        Binding("E", "edit_metadata", "Edit source", show=False,
                tooltip="Correct the title, author, date, outlet or URL of the fact's document"),
        *NOTE_BINDINGS,
        Binding("f", "figures", "Figures",
                tooltip="A table of the figures of the facts shown: source, value sorted within a unit, / filters"),
        Binding("c", "compare", "Compare", show=False,
                tooltip="Compare the fact's figure across sources: a table by year, conflicts, a chart"),
        Binding("g", "group_by_document", "Group", show=False,
                tooltip="Group the facts by document (a heading each); again: a source tag on each fact"),
        Binding("t", "toggle_topics", "Tree", tooltip="Show or hide the topics tree"),
        Binding("r,ctrl+r", "refresh", "Refresh", show=False,
                tooltip="Re-read counts and results (another process may have ingested)"),
        Binding("escape", "escape", "Back", show=False,
                tooltip="Leave the search box; again: clear the search and filters"),
        Binding("question_mark", "help", "Help", tooltip="This help: keys and search syntax"),
        Binding("q", "quit", "Quit", tooltip="Quit relexplorer"),
        # Last, so that on 80 columns the footer still ends with help and quit.
        Binding("ctrl+z", "undo", "Undo", tooltip="Take back the latest change of marks (again: the one before)"),
        Binding("o", "read", "Read", tooltip="Read the fact in its article (n/p: next/previous, escape: back)"),
    ]

    def __init__(self, store: Store, *, today: date | None = None, folder: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.folder = folder
        self.state = ViewState()
        self.marks = MarkBuffer(store)
        self.current_detail: FactDetail | None = None
        self.current_query: Query | None = None
        self.description = ""
        self.total_label = ""
        self.searches = SearchController(self, PAGE)
        self._detail_requested: int | None = None
        self._collector = QuietCollector()

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        yield StatusLine(id="status")
        with Horizontal(id="main"):
            yield TopicsTree(self.store, id="topics")
            yield FactsList(id="facts")
            with Vertical(id="right"):
                yield FactDetailPane(id="detail")
                yield SourceQuote(id="quote")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#topics").border_title = "Topics"
        self.query_one("#facts").border_title = "Facts"
        self.query_one("#detail").border_title = "Fact"
        self.query_one("#quote").border_title = "Source"
        self.facts.focus()
        self.searches.attach()
        self._collector.start()
        self._load_marks()
        self.start_search()

    def on_unmount(self) -> None:
        self.searches.detach()
        self._collector.stop()

    @property
    def marked(self) -> set[int]:
        """The marked fact ids as the user sees them."""
        return self.marks.marked

    @property
    def facts(self) -> FactsList:
        """The facts list widget."""
        return self.query_one("#facts", FactsList)

    @property
    def status(self) -> StatusLine:
        """The status line widget."""
        return self.query_one("#status", StatusLine)

    # -- searching ----------------------------------------------------------------------

    def start_search(self, *, keep: int | None = None) -> None:
        """Run the current view's query (a new generation); a bad query leaves the results."""
        try:
            query, description = build_query(self.state)
        except QueryError as exc:
            self.status.show_error(str(exc))
            return
        self.current_query, self.description = query, description
        generation = self.searches.start(query, FIRST_PAGE if keep is None else PAGE, select=keep)
        self.set_timer(BUSY_AFTER, partial(self._show_busy, generation))

    def _show_busy(self, generation: int) -> None:
        if self.searches.is_current(generation) and self.searches.shown_generation != generation:
            self.status.show_busy()

    @on(FactsLoaded)
    def _show_facts(self, message: FactsLoaded) -> None:
        if not self.searches.is_current(message.generation):
            return
        result = message.result
        facts = self.facts
        self.searches.shown(message.generation, None if message.append else result.offset)
        if message.reset_filters:
            self._reset_state()
            self.description = ""
            self.current_query = message.result.query
        if message.append:
            facts.append(result.hits, self.marked, complete=message.complete)
        else:
            self._detail_requested = None
            facts.set_empty_message(empty_message(self.state))
            facts.show(result.hits, result.query, self.marked, complete=message.complete, keep=message.select)
            if not result.hits:
                self.current_detail = None
                self._detail_requested = None
                self.query_one(FactDetailPane).clear("No fact to show.")
                self.query_one(SourceQuote).clear()
            if message.select is not None and facts.current_fact_id == message.select:
                facts.focus()
                facts.reveal()
        self.total_label = result.total_label
        self._update_status()

    @on(QueryFailed)
    def _query_failed(self, message: QueryFailed) -> None:
        if self.searches.is_current(message.generation):
            self.searches.shown(message.generation)
            self.status.show_error(message.message)

    def _update_status(self) -> None:
        if self.total_label:
            self.status.show_counts(self.total_label, self.description, len(self.marked))

    @on(FactsList.NeedMore)
    def _load_more(self, message: FactsList.NeedMore) -> None:
        if not self.facts.complete and self.current_query is not None:
            self.searches.more(self.current_query, message.loaded)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.state.text = event.value
        self.start_search()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.action_focus_results()

    @on(FilterChosen)
    def _filter_chosen(self, message: FilterChosen) -> None:
        self.state.node = message.node
        self.start_search()

    def _reset_state(self) -> None:
        self.state = ViewState()
        search_bar = self.query_one(SearchBar)
        with search_bar.prevent(Input.Changed):
            search_bar.value = ""

    # -- the fact under the cursor ------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#facts")
    def _fact_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        fact_id = self.facts.current_fact_id
        if fact_id is None or fact_id == self._detail_requested:
            return
        self._detail_requested = fact_id
        self._load_detail(fact_id, DETAIL_PAUSE if isinstance(self.focused, SearchBar) else 0.0)

    @work(thread=True, exclusive=True, group="detail")
    def _load_detail(self, fact_id: int, pause: float = 0.0) -> None:
        if pause and not waited(pause):
            return
        try:
            detail = fact_detail(self.store, fact_id)
            prepare_citation(detail)
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(DatabaseError(f"cannot read fact {fact_id}: {exc}"))
            return
        self.post_message(DetailLoaded(fact_id, detail))

    @on(DetailLoaded)
    def _show_detail(self, message: DetailLoaded) -> None:
        try:
            current = self.facts.current_fact_id
        except NoMatches:
            return  # a worker's late answer while the app closes: the widgets are gone
        if message.fact_id != current:
            return
        if message.detail is None:
            self.query_one(FactDetailPane).clear(f"Fact {message.fact_id} is gone; press r to refresh.")
            self.query_one(SourceQuote).clear()
            self.current_detail = None
            return
        self.current_detail = message.detail
        self.query_one(FactDetailPane).show(message.detail, self.facts.query_shown)
        self.query_one(SourceQuote).show(message.detail, self.facts.query_shown, self.citation_style)

    @on(JumpTo)
    def _jump_to(self, message: JumpTo) -> None:
        if self.facts.select_fact(message.fact_id):
            self.facts.focus()
            self.facts.reveal()
            return
        self.searches.locate(message.fact_id, self.current_query)

    # -- copy (marks: tui/mark_actions.py, export: tui/exporting.py, figures and comparison: tui/views.py) --

    def action_copy_quote(self) -> None:
        """Copy the fact's quote and citation to the clipboard."""
        detail = self.current_detail
        if detail is None or detail.id != self.facts.current_fact_id:
            self.notify("No fact under the cursor to copy.", severity="warning")
            return
        self.copy_to_clipboard(clipboard_text(detail, self.citation_style))
        self.notify(f"Copied fact {detail.id} with its citation to the clipboard.")

    # -- moving around ------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Put the cursor in the search box."""
        if self.screen is not self.screen_stack[0]:
            raise SkipAction()
        # Focus now, not later: the next keys are routed to whatever has the focus.
        self.screen.set_focus(self.query_one(SearchBar))

    def action_focus_results(self) -> None:
        """Move to the facts list."""
        facts = self.facts
        self.screen.set_focus(facts)
        if facts.highlighted is None and facts.hits:
            facts.highlighted = 0

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted outside the search box is a search (a leading "/" is the key)."""
        if isinstance(self.focused, Input) or self.screen is not self.screen_stack[0]:
            return
        lines = event.text.splitlines()
        text = lines[0] if lines else ""
        text = text[1:] if text.startswith("/") else text
        search_bar = self.query_one(SearchBar)
        self.screen.set_focus(search_bar)
        if text:
            search_bar.insert_text_at_cursor(text)

    def action_escape(self) -> None:
        """Leave the search box; outside it, clear the search and the filters."""
        if isinstance(self.focused, SearchBar):
            self.action_focus_results()
            return
        if self.state.active:
            self.action_clear_filters()

    def action_clear_filters(self) -> None:
        """Show every fact."""
        self._reset_state()
        self.start_search(keep=self.facts.current_fact_id)

    def action_toggle_topics(self) -> None:
        """Show or hide the topics tree (hidden by default on narrow terminals)."""
        self.screen.toggle_class("-topics-toggled")
        tree = self.query_one(TopicsTree)
        self.screen.refresh_bindings()
        if self.screen.has_class("-narrow") == self.screen.has_class("-topics-toggled"):
            self.screen.set_focus(tree)  # just shown: the user wants it
        elif tree.has_focus:
            self.screen.set_focus(self.facts)

    def action_refresh(self) -> None:
        """Re-read the counts, the marks and the results."""
        self.query_one(TopicsTree).reload()
        self._load_marks()
        self.load_notes()
        self._detail_requested = None
        self.start_search(keep=self.facts.current_fact_id)
        self.notify("Refreshed.", timeout=2)

    def action_help(self) -> None:
        """Show the keys and the search syntax."""
        self.push_screen(HelpScreen(keys_of(self)))

    # -- errors and quitting ------------------------------------------------------------

    @on(DatabaseError)
    def _database_error(self, message: DatabaseError) -> None:
        self.notify(message.message, severity="error", markup=False)

    async def action_quit(self) -> None:
        """Save pending marks, then quit."""
        try:
            self.marks.flush()
        except Exception as exc:  # the edge of quitting: still quit, and say what was lost
            self.notify(f"cannot save the marks: {exc}", severity="error", markup=False)
        self.exit()


def make_app(store: Store, *, today: date | None = None, folder: Path | None = None) -> ExplorerApp:
    """The explorer on ``store`` (the CLI and the tests both build it here).

    ``today`` fixes the date in the proposed export name and ``folder`` the export folder
    (default: the current folder), so that tests and screenshots are reproducible.
    """
    return ExplorerApp(store, today=today, folder=folder)

"""The reading view (``o``): a fact's whole article, the fact in the middle, and the keys to read on.

The document, the facts and figures around the fact and, when the explorer was showing a search,
the ids of that search's hits in the document are read by a thread worker (:func:`read_article`);
the rest of the facts and figures as the lines on screen need them. ``n`` and ``p`` move between
those hits (in id order, which is document order), or between all the document's facts when
nothing was searched. Marks go through the
app (:meth:`~relexplorer.tui.mark_actions.MarksAndReading.set_marked`), so that the list, the
status line and undo see them. ``escape`` closes the view; the list underneath never moved.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from relexplorer.catalog import (
    ReadingDocument,
    ReadingSpans,
    fact_span,
    next_fact,
    reading_document,
    reading_spans,
)
from relexplorer.display import one_line
from relexplorer.search import Query, matching_ids
from relexplorer.store import Store
from relexplorer.tui.messages import DatabaseError
from relexplorer.tui.reading_layout import ReadingLayout, SpanWindows
from relexplorer.tui.widgets.article_view import GUTTER, ArticleView

HITS_LIMIT = 1_000_000


@dataclass(slots=True)
class Opened:
    """What the reading view needs to open: the document wrapped at the expected width, the fact
    ``(id, start, end)``, the facts and figures around it, and the search's hits in the document
    (None: no search)."""

    document: ReadingDocument
    layout: ReadingLayout
    current: tuple[int, int, int]
    spans: dict[int, ReadingSpans]
    hits: list[int] | None


def read_article(store: Store, fact_id: int, query: Query | None, width: int) -> Opened | None:
    """Everything to open fact ``fact_id`` in its document, wrapped at ``width`` cells (the wrap is
    the longest part: done here, it never holds up the screen); None when the fact is gone."""
    where = fact_span(store, fact_id)
    document = reading_document(store, where[0]) if where is not None else None
    if where is None or document is None:
        return None
    document_id, start, end = where
    windows = SpanWindows.windows_of(start, end)
    spans = {w: reading_spans(store, document_id, *SpanWindows.bounds(w))
             for w in range(max(windows.start - 1, 0), windows.stop + 1)}
    hits = None
    if query is not None and not query.empty:
        hits = matching_ids(store, replace(query, filters=[*query.filters, ("document_id", str(document_id))]),
                            HITS_LIMIT)
        if fact_id not in hits:
            hits = sorted([*hits, fact_id])  # opened on a fact the search no longer shows: keep it in reach
    return Opened(document, ReadingLayout(document, width), (fact_id, start, end), spans, hits)


class ReadingScreen(Screen[None]):
    """Fact ``fact_id`` in its document; ``query`` is the search it was opened from (or None)."""

    BINDINGS = [
        Binding("n", "step(1)", "Next", tooltip="Reading view: the next fact (the next hit of the search)"),
        Binding("p", "step(-1)", "Previous", tooltip="Reading view: the previous fact (or hit)"),
        Binding("space", "toggle_mark", "Mark", tooltip="Reading view: mark or unmark the current fact"),
        Binding("c", "centre", "Centre", show=False, tooltip="Reading view: bring the current fact back to the middle"),
        Binding("escape", "close", "Back", tooltip="Reading view: back to the list, where it was"),
    ]

    DEFAULT_CSS = """
    ReadingScreen #reading-title {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    ReadingScreen ArticleView {
        height: 1fr;
    }
    """

    @dataclass
    class Loaded(Message):
        """The worker read the article (``None``: the fact is gone, or ``error``)."""

        opened: Opened | None
        error: str = ""

    @dataclass
    class SpansRead(Message):
        """The facts and figures of some windows of the text."""

        found: dict[int, ReadingSpans]

    @dataclass
    class Moved(Message):
        """The fact ``(id, start, end)`` that ``n`` or ``p`` reached (None: none that way)."""

        current: tuple[int, int, int] | None
        step: int

    def __init__(self, store: Store, fact_id: int, query: Query | None) -> None:
        super().__init__()
        self.store = store
        self.fact_id = fact_id
        self.search_query = query
        self.document: ReadingDocument | None = None
        self.hits: list[int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Opening the article…", style="italic"), id="reading-title")
        yield ArticleView(id="article")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.article.focus()
        # The view is not laid out yet: its text width is the screen's less the scrollbar and margin.
        self._read(self.app.size.width - self.article.styles.scrollbar_size_vertical - GUTTER)

    @property
    def article(self) -> ArticleView:
        """The text widget."""
        return self.query_one(ArticleView)

    # -- workers ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="reading")
    def _read(self, width: int) -> None:
        try:
            self.app.marks.flush()  # type: ignore[attr-defined]  # a search for is:marked sees the latest
            opened = read_article(self.store, self.fact_id, self.search_query, width)
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(self.Loaded(None, f"cannot open the article: {exc}"))
            return
        self.post_message(self.Loaded(opened))

    @work(thread=True, group="reading-spans")
    def _read_spans(self, document_id: int, windows: list[int]) -> None:
        try:
            found = {w: reading_spans(self.store, document_id, *SpanWindows.bounds(w)) for w in windows}
        except Exception as exc:  # a worker's edge: the text stays readable, only unmarked
            self.post_message(DatabaseError(f"cannot read the article's facts: {exc}"))
            return
        self.post_message(self.SpansRead(found))

    @work(thread=True, exclusive=True, group="reading-step")
    def _step(self, current: tuple[int, int, int], step: int) -> None:
        document_id = self.document.id if self.document else 0
        try:
            if self.hits is None:
                target = next_fact(self.store, document_id, current[1], step)
            else:
                i = bisect_right(self.hits, current[0]) if step > 0 else bisect_left(self.hits, current[0]) - 1
                where = fact_span(self.store, self.hits[i]) if 0 <= i < len(self.hits) else None
                target = (self.hits[i], where[1], where[2]) if where is not None else None
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(DatabaseError(f"cannot move to the next fact: {exc}"))
            return
        self.post_message(self.Moved(target, step))

    # -- messages ---------------------------------------------------------------------

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        opened = message.opened
        if opened is None:
            self.notify(message.error or "This fact is gone; press r in the list to refresh.",
                        severity="error", markup=False)
            self.dismiss(None)
            return
        self.document, self.hits = opened.document, opened.hits
        spans = SpanWindows()
        for window, found in opened.spans.items():
            spans.add(window, found)
        self.article.show(opened.document, opened.current, self.app.marked, spans,  # type: ignore[attr-defined]
                          opened.layout)
        self._show_title()

    @on(ArticleView.NeedSpans)
    def _need_spans(self, message: ArticleView.NeedSpans) -> None:
        if self.document is not None:
            self._read_spans(self.document.id, message.windows)

    @on(SpansRead)
    def _spans_read(self, message: SpansRead) -> None:
        self.article.add_spans(message.found)

    @on(Moved)
    def _moved(self, message: Moved) -> None:
        if message.current is None:
            which = "hit" if self.hits is not None else "fact"
            self.notify(f"No {'next' if message.step > 0 else 'previous'} {which} in this article.", timeout=2)
            return
        self.fact_id = message.current[0]
        self.article.set_current(message.current)
        self._show_title()

    def _show_title(self) -> None:
        if self.document is None:
            return
        if self.hits is not None:
            where = f"hit {bisect_left(self.hits, self.fact_id) + 1:,} of {len(self.hits):,} in this article"
        else:
            where = f"{self.document.facts:,} facts in this article"
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append(f"Fact {self.fact_id} · {where}", "bold")
        title.append(f"  {one_line(self.document.title or self.document.slug)}", "dim")
        self.query_one("#reading-title", Static).update(title)

    # -- keys -------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        """Move to the next (``step`` 1) or previous (-1) fact or hit."""
        current = self.article.current
        if current is not None:
            self._step(current, step)

    def action_toggle_mark(self) -> None:
        """Mark or unmark the current fact."""
        if self.document is None:
            return
        app = self.app
        app.set_marked({self.fact_id}, self.fact_id not in app.marked)  # type: ignore[attr-defined]

    def marks_changed(self, marked: set[int]) -> None:
        """The app's marks changed (here, in the list or by undo): redraw them."""
        self.article.set_marked(marked)

    def action_centre(self) -> None:
        """Bring the current fact back to the middle of the screen."""
        self.article.centre()

    def action_close(self) -> None:
        """Back to the list, where it was."""
        self.dismiss(None)

"""The reading view (``o``): a fact's whole article, the fact in the middle, and the keys to read on.

The document and, when the explorer was showing a search, the ids of that search's hits in the
document are read by a thread worker (:func:`read_article`); ``n`` and ``p`` then move between
those hits, or between all the document's facts when nothing was searched. Marks go through the
app (:meth:`~relexplorer.tui.mark_actions.MarksAndReading.set_marked`), so that the list, the
status line and undo see them. ``escape`` closes the view; the list underneath never moved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from relexplorer.catalog import ReadingDocument, reading_document
from relexplorer.display import one_line
from relexplorer.search import Query, matching_ids
from relexplorer.store import Store
from relexplorer.tui.widgets.article_view import ArticleView

HITS_LIMIT = 1_000_000


def read_article(store: Store, fact_id: int, document_id: int,
                 query: Query | None) -> tuple[ReadingDocument | None, list[int] | None]:
    """The document and, for a search (``query`` not empty), its hits in that document."""
    document = reading_document(store, document_id)
    if document is None or query is None or query.empty:
        return document, None
    scoped = replace(query, filters=[*query.filters, ("document_id", str(document_id))])
    hits = matching_ids(store, scoped, HITS_LIMIT)
    if fact_id not in hits:
        hits = sorted([*hits, fact_id])  # opened on a fact the search no longer shows: keep it in reach
    return document, hits


class ReadingScreen(Screen[None]):
    """Fact ``fact_id`` in its document ``document_id``; ``query`` is the search it was opened from."""

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
        """The worker read the document (``None``: it is gone) and the search's hits in it."""

        document: ReadingDocument | None
        hits: list[int] | None
        error: str = ""

    def __init__(self, store: Store, fact_id: int, document_id: int, query: Query | None) -> None:
        super().__init__()
        self.store = store
        self.fact_id = fact_id
        self.document_id = document_id
        self.search_query = query
        self.document: ReadingDocument | None = None
        self.hits: list[int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Opening the article…", style="italic"), id="reading-title")
        yield ArticleView(id="article")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        self._read()

    @work(thread=True, exclusive=True, group="reading")
    def _read(self) -> None:
        try:
            self.app.marks.flush()  # type: ignore[attr-defined]  # a search for is:marked sees the latest
            document, hits = read_article(self.store, self.fact_id, self.document_id, self.search_query)
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(self.Loaded(None, None, f"cannot open the article: {exc}"))
            return
        self.post_message(self.Loaded(document, hits))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.document is None:
            self.notify(message.error or "The article is gone; press r in the list to refresh.",
                        severity="error", markup=False)
            self.dismiss(None)
            return
        self.document, self.hits = message.document, message.hits
        self.query_one(ArticleView).show(message.document, self.fact_id, self.app.marked)  # type: ignore[attr-defined]
        self._show_title()

    @property
    def article(self) -> ArticleView:
        """The text widget."""
        return self.query_one(ArticleView)

    def _show_title(self) -> None:
        if self.document is None:
            return
        if self.hits is not None:
            where = f"hit {self.hits.index(self.fact_id) + 1:,} of {len(self.hits):,} in this article"
        else:
            index = next((i for i, f in enumerate(self.document.facts) if f[0] == self.fact_id), 0)
            where = f"{index + 1:,} of {len(self.document.facts):,} facts"
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append(f"Fact {self.fact_id} · {where}", "bold")
        title.append(f"  {one_line(self.document.title or self.document.slug)}", "dim")
        self.query_one("#reading-title", Static).update(title)

    # -- keys -------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        """Move to the next (``step`` 1) or previous (-1) fact or hit."""
        reading = self.article.reading
        if reading is None:
            return
        target = reading.neighbour(self.fact_id, step, self.hits)
        if target is None:
            which = "hit" if self.hits is not None else "fact"
            self.notify(f"No {'next' if step > 0 else 'previous'} {which} in this article.", timeout=2)
            return
        self.fact_id = target
        self.article.set_current(target)
        self._show_title()

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

"""The right-bottom pane: the paragraph a fact comes from, the fact highlighted in it, and its
citation in the chosen style (author, title, outlet, date, section or page, URL)."""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from relexplorer.export import DEFAULT_STYLE
from relexplorer.model import FactDetail, Passage
from relexplorer.search import Query
from relexplorer.tui.render import citation, highlighted

FACT = Style(bold=True, underline=True)
_CITATION = Style(dim=True)
# A paragraph can be a whole book when a source has no breaks: show a window around the fact.
CONTEXT = 1200


def quote_renderable(detail: FactDetail, query: Query | None, style: str = DEFAULT_STYLE) -> Group:
    """The quote pane's content: the paragraph with the fact and the matches highlighted, and
    the fact's citation in ``style``."""
    paragraph = detail.paragraph or Passage(detail.start, detail.end, detail.text)
    text = paragraph.text
    start = max(0, detail.start - paragraph.start)
    end = min(len(text), detail.end - paragraph.start)
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    body = highlighted(text[lo:hi], query)
    body.stylize(FACT, start - lo, end - lo)
    if lo > 0:
        body = Text("… ") + body
    if hi < len(text):
        body.append(" …")
    cited = Text("— ", _CITATION)
    cited.append_text(citation(detail, style))
    cited.stylize(_CITATION)
    return Group(body, Text(), cited)


def fact_offset(detail: FactDetail) -> int:
    """Where the fact starts in the shown paragraph text (for scrolling it into view)."""
    start = max(0, detail.start - (detail.paragraph.start if detail.paragraph else detail.start))
    return min(start, CONTEXT + 2)


class SourceQuote(VerticalScroll):
    """Shows the source paragraph of a fact; scrolls with j/k when focused."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    DEFAULT_CSS = """
    SourceQuote > Static {
        width: 100%;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="quote-body")

    def show(self, detail: FactDetail, query: Query | None, style: str = DEFAULT_STYLE) -> None:
        """Show the paragraph of ``detail``, scrolled so that the fact is in view, and its
        citation in ``style``."""
        content = quote_renderable(detail, query, style)
        self.query_one("#quote-body", Static).update(content)
        self.scroll_home(animate=False)
        offset = fact_offset(detail)
        if offset:
            self.call_after_refresh(self._scroll_to_offset, content.renderables[0], offset)

    def _scroll_to_offset(self, body: Text, offset: int) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        lines = body.wrap(self.app.console, width)
        if len(lines) + 2 <= self.scrollable_content_region.height:
            return  # the paragraph and its citation fit: nothing to scroll
        seen, line = 0, 0
        for wrapped in lines:
            seen += len(wrapped.plain) + 1
            if seen > offset:
                break
            line += 1
        if line > 1:  # keep a line of what comes before the fact
            self.scroll_to(y=line - 1, animate=False)

    def clear(self, message: str = "") -> None:
        """Show nothing (or a short message)."""
        self.query_one("#quote-body", Static).update(Text(message, Style(dim=True)))

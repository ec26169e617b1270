"""The explorer's export of the marked facts: ``e`` asks for a file and a citation style, a
worker writes the Markdown (pending marks flushed first), and a notification says where it went.

A mixin of :class:`~relexplorer.tui.app.ExplorerApp`, which provides ``store``, ``marks``,
``marked``, ``today``, ``folder`` and the citation style.
"""

from __future__ import annotations

from datetime import date

from textual import work

from relexplorer.catalog import fact_details
from relexplorer.errors import ExportError
from relexplorer.export import MarkdownOptions, render_markdown, write_atomic
from relexplorer.search import search
from relexplorer.tui.messages import ExportFinished
from relexplorer.tui.screens.export_dialog import ExportDialog, ExportRequest

EXPORT_LIMIT = 100_000


class MarkedExport:
    """Exporting the marked facts to Markdown, for the explorer app."""

    def proposed_export_name(self) -> str:
        """``relexplorer-marked-YYYY-MM-DD.md`` (today, or the date given to the factory)."""
        return f"relexplorer-marked-{(self.today or date.today()).isoformat()}.md"

    def action_export(self) -> None:
        """Ask for a file name, then export the marked facts to Markdown."""
        if not self.marked:
            self.notify("No marked facts to export: press space on a fact to mark it.", severity="warning")
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self.set_citation_style(request.style, quiet=True)
                self._export(request)

        self.push_screen(ExportDialog(self.proposed_export_name(), len(self.marked), self.folder,
                                      self.citation_style), chosen)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest) -> None:
        try:
            self.marks.flush()
            result = search(self.store, "is:marked", limit=EXPORT_LIMIT, count_cap=0)
            facts = fact_details(self.store, [h.id for h in result.hits])
            content = render_markdown(facts, query="is:marked", database=str(self.store.path),
                                      options=MarkdownOptions(style=request.style))
            path = write_atomic(request.path, content, overwrite=request.overwrite)
        except ExportError as exc:
            self.post_message(ExportFinished(None, 0, str(exc)))
            return
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(ExportFinished(None, 0, f"cannot export: {exc}"))
            return
        self.post_message(ExportFinished(path.resolve(), len(facts)))

    def on_export_finished(self, message: ExportFinished) -> None:
        """Say where the facts went, or why they did not."""
        if message.error:
            self.notify(message.error, title="Export failed", severity="error", markup=False)
        else:
            noun = "fact" if message.count == 1 else "facts"
            self.notify(f"Wrote {message.count:,} {noun} to {message.path}", title="Exported", markup=False)

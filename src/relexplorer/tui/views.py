"""The explorer's other views of the facts shown: the figures table (``f``), the comparison of
the fact's series across sources (``c``) and the facts list grouped by document (``g``).

A mixin of :class:`~relexplorer.tui.app.ExplorerApp`, which provides ``store``, ``facts``,
``marks``, ``current_query``, ``description`` and the ``_save_marks`` worker.
"""

from __future__ import annotations

from relexplorer.tui.messages import JumpTo
from relexplorer.tui.screens.figures_screen import FiguresScreen
from relexplorer.tui.screens.series_screen import SeriesScreen


class OtherViews:
    """Figures table and grouping for the explorer app."""

    def action_figures(self) -> None:
        """Show the figures of the facts shown."""
        if self.current_query is None:
            return

        marked = self.marks.snapshot()
        self._save_marks()
        self.push_screen(FiguresScreen(self.store, self.current_query, marked, self.description or "all facts"),
                         self._jump_when_chosen)

    def _jump_when_chosen(self, fact_id: int | None) -> None:
        if fact_id is not None:
            self.post_message(JumpTo(fact_id))

    def action_compare(self) -> None:
        """Compare the series of the fact under the cursor across sources (table and chart)."""
        fact_id = self.facts.current_fact_id
        if fact_id is None:
            self.notify("No fact under the cursor to compare.", severity="warning")
            return
        self.push_screen(SeriesScreen(self.store, fact_id=fact_id, folder=self.folder, today=self.today,
                                      style=self.citation_style), self._jump_when_chosen)

    def action_group_by_document(self) -> None:
        """Group the facts list by document (a heading per document), or tag each row again."""
        facts = self.facts
        facts.set_grouped(not facts.grouped, self.marked)

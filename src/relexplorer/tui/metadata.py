"""The explorer's citations and metadata edits: the citation style of the quote pane, ``y`` and
the export, and the dialog that corrects the document a fact comes from (saved in a worker).

A mixin of :class:`~relexplorer.tui.app.ExplorerApp`, which provides ``store``, ``facts``,
``current_detail`` and the ``_load_detail`` worker.
"""

from __future__ import annotations

from textual import work

from relexplorer.export import DEFAULT_STYLE, STYLES
from relexplorer.export.citations import reference_of_fact
from relexplorer.model import FactDetail
from relexplorer.tui.messages import DocumentEdited
from relexplorer.tui.screens.edit_dialog import EditDialog, MetadataChanges
from relexplorer.tui.widgets.source_quote import SourceQuote
from relexplorer.tui.widgets.topics_tree import TopicsTree

# The fields as the notification names them.
FIELD_NAMES = {"published": "date", "source": "outlet", "url": "URL"}


def prepare_citation(detail: FactDetail | None) -> None:
    """Read the fact's authors ahead, in a worker: the first byline read loads the name lists
    (half a second), which the quote pane must not wait for on the main thread."""
    if detail is not None:
        reference_of_fact(detail)


class CitationsAndMetadata:
    """Citation style and metadata edits for the explorer app."""

    citation_style: str = DEFAULT_STYLE  # of the quote pane, y and the export; the export dialog sets it

    def set_citation_style(self, style: str, *, quiet: bool = False) -> None:
        """Cite in ``style`` (plain, chicago, apa) in the quote pane, when copying and exporting."""
        if style not in STYLES:
            return
        self.citation_style = style
        if self.current_detail is not None:
            self.query_one(SourceQuote).show(self.current_detail, self.facts.query_shown, style)
        if not quiet:
            self.notify(f"Citations in the {style} style.", timeout=2)

    def action_edit_metadata(self) -> None:
        """Edit the metadata of the document the fact under the cursor comes from."""
        detail = self.current_detail
        current = self.facts.current_fact_id
        if current is None:
            self.notify("No fact under the cursor: its document is the one to edit.", severity="warning")
            return
        if detail is None or detail.doc is None or detail.id != current:
            self.notify("The fact is still loading; press E again.", timeout=2)
            return

        def chosen(result: MetadataChanges | None) -> None:
            if result is None:
                return
            if not result.changes:
                self.notify("Nothing changed.", timeout=2)
                return
            self._save_edit(result)

        self.push_screen(EditDialog(detail.doc), chosen)

    @work(thread=True, exclusive=True, group="edit")
    def _save_edit(self, request: MetadataChanges) -> None:
        try:
            found = self.store.edit_document(request.slug, request.changes)
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(DocumentEdited(request.slug, error=f"cannot save the edit: {exc}"))
            return
        if not found:
            self.post_message(DocumentEdited(request.slug, error=f"document {request.slug} is gone; press r"))
            return
        self.post_message(DocumentEdited(request.slug, list(request.changes)))

    def on_document_edited(self, message: DocumentEdited) -> None:
        """Say whether the edit was saved; show the edited metadata."""
        if message.error:
            self.notify(message.error, title="Edit not saved", severity="error", markup=False)
            return
        fields = ", ".join(FIELD_NAMES.get(f, f) for f in message.fields)
        self.notify(f"Saved {fields} of {message.slug}; kept when it is ingested again.", markup=False)
        self.query_one(TopicsTree).reload()
        fact_id = self.facts.current_fact_id
        if fact_id is not None:
            self._detail_requested = fact_id
            self._load_detail(fact_id)

"""The edit dialog: correct the title, author, date, outlet, URL or editor of the document a fact
comes from. Each value is checked as ``relexplorer edit`` checks it (a date becomes ISO, a URL
must be http(s)); the dialog returns only the fields that changed, and the app stores them in a
worker. An emptied field is cleared."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from relexplorer.display import one_line
from relexplorer.edits import DATE_FORMS, FIELDS, checked_value
from relexplorer.errors import EditError
from relexplorer.model import DocumentRef
from relexplorer.tui.screens.form_dialog import FormDialog

LABELS = {"title": "Title", "author": "Author", "date": "Date", "source": "Outlet", "url": "URL",
          "editor": "Editor"}
PLACEHOLDERS = {"title": "unknown", "author": "e.g. Anna Berg and John Smith", "date": DATE_FORMS,
                "source": "journal, newspaper, site or publisher", "url": "https://…", "editor": "unknown"}


@dataclass(frozen=True, slots=True)
class MetadataChanges:
    """The fields to store for document ``slug``, by documents column (an empty value clears)."""

    slug: str
    changes: dict[str, str] = field(default_factory=dict)


class EditDialog(FormDialog[MetadataChanges | None]):
    """Edit a document's metadata; ``enter`` or ``ctrl+s`` saves, ``escape`` cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    DEFAULT_CSS = """
    EditDialog {
        align: center middle;
    }
    EditDialog > Vertical {
        width: 90;
        max-width: 95%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    EditDialog .row {
        height: 1;
    }
    EditDialog #slug {
        margin-bottom: 1;
    }
    EditDialog .row Label {
        width: 8;
    }
    EditDialog .row Input {
        width: 1fr;
    }
    EditDialog #slug, EditDialog #hint {
        color: $text-muted;
    }
    EditDialog #hint {
        margin-top: 1;
    }
    EditDialog #problem {
        color: $text-error;
        height: auto;
    }
    EditDialog #buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    EditDialog Button {
        margin-left: 2;
    }
    """

    def __init__(self, doc: DocumentRef) -> None:
        super().__init__()
        self.doc = doc
        self.current = {name: getattr(doc, column) or "" for name, column in FIELDS.items()}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Edit the source of this fact", style="bold"))
            yield Static(Text(one_line(self.doc.slug)), id="slug")
            for name in FIELDS:
                with Horizontal(classes="row"):
                    yield Label(LABELS[name])
                    yield Input(one_line(self.current[name]), placeholder=PLACEHOLDERS[name], id=f"field-{name}",
                                compact=True)
            yield Static(Text("Kept when the document is ingested again; empty a field to clear it."), id="hint")
            yield Static("", id="problem")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#field-title", Input).focus()

    def action_save(self) -> None:
        """Check every changed field; return them, or say what is wrong and stay."""
        changes: dict[str, str] = {}
        for name, column in FIELDS.items():
            box = self.query_one(f"#field-{name}", Input)
            value = " ".join(box.value.split())
            if value == " ".join(self.current[name].split()):
                continue
            try:
                changes[column] = checked_value(name, value) if value else ""
            except EditError as exc:
                self.query_one("#problem", Static).update(Text(_for_people(str(exc), name)))
                box.focus()
                return
        self.dismiss(MetadataChanges(self.doc.slug, changes))


def _for_people(message: str, name: str) -> str:
    """``--date 'x' is not a date`` reads ``Date 'x' is not a date`` in the dialog."""
    return message.replace(f"--{name}", LABELS[name], 1)

"""The note dialog: write, change or delete the user's note on a fact. ``#words`` in the note are
its tags (shown as they are typed). The dialog returns what to store; the app stores it in a
worker. An emptied note, or Delete, removes it; leaving with unsaved changes asks first."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from relexplorer.display import one_line
from relexplorer.store.user_data import note_tags
from relexplorer.tui.screens.confirm import ConfirmScreen

FACT_CHARS = 160  # of the fact's text shown above the note


@dataclass(frozen=True, slots=True)
class NoteRequest:
    """Store ``text`` as the note on fact ``fact_id`` (an empty text removes the note)."""

    fact_id: int
    text: str


def tags_line(text: str) -> Text:
    """"Tags: #a #b" for the note being typed, or how to make one."""
    tags = note_tags(text)
    if not tags:
        return Text("Tags: none yet (write #followup, #risk … in the note)")
    return Text("Tags: " + " ".join("#" + t for t in tags))


class NoteDialog(ModalScreen[NoteRequest | None]):
    """Edit the note on one fact; ``ctrl+s`` saves, ``escape`` leaves (asking when changed)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    DEFAULT_CSS = """
    NoteDialog {
        align: center middle;
    }
    NoteDialog > Vertical {
        width: 90;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    NoteDialog #fact, NoteDialog #tags, NoteDialog #hint {
        color: $text-muted;
    }
    NoteDialog TextArea {
        height: 8;
        margin-top: 1;
    }
    NoteDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    NoteDialog Button {
        margin-left: 2;
    }
    """

    def __init__(self, fact_id: int, fact_text: str, note: str = "") -> None:
        super().__init__()
        self.fact_id = fact_id
        self.fact_text = fact_text
        self.note = note

    def compose(self) -> ComposeResult:
        shown = one_line(self.fact_text)
        if len(shown) > FACT_CHARS:
            shown = shown[: FACT_CHARS - 1] + "…"
        with Vertical():
            title = "Edit the note on fact" if self.note else "Write a note on fact"
            yield Static(Text(f"{title} {self.fact_id}", style="bold"))
            yield Static(Text(f"“{shown}”"), id="fact")
            yield TextArea(self.note, id="note", soft_wrap=True, show_line_numbers=False)
            yield Static(tags_line(self.note), id="tags")
            yield Static(Text("ctrl+s saves · escape leaves · an empty note is deleted"), id="hint")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                if self.note:
                    yield Button("Delete", id="delete", variant="error", compact=True)
                yield Button("Save", id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        area = self.query_one("#note", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        """The note as typed."""
        return self.query_one("#note", TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.query_one("#tags", Static).update(tags_line(self.text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "delete":
            self.dismiss(NoteRequest(self.fact_id, ""))
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Return the note to store (nothing when it did not change)."""
        text = self.text
        if text.strip() == self.note.strip():
            self.dismiss(None)
            return
        self.dismiss(NoteRequest(self.fact_id, text if text.strip() else ""))

    def action_cancel(self) -> None:
        """Leave; when the note was changed, ask before dropping the change."""
        if self.text.strip() == self.note.strip():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard the changes to this note?", yes="Discard", no="Keep editing"),
                             answered)

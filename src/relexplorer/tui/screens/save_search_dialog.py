"""The dialog that names the current search (``ctrl+s``): the name to keep it under, the query
shown below. The app saves it in a worker, and asks before replacing a search of that name."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from relexplorer.display import one_line
from relexplorer.tui.screens.form_dialog import FormDialog

NAME_LENGTH = 80


def proposed_name(query: str) -> str:
    """The query itself, on one line and cut to a name's length, as the name to start from."""
    name = " ".join(one_line(query).split())
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"


class SaveSearchDialog(FormDialog[str | None]):
    """Ask for a name for ``query``; returns the name (``enter`` or Save), or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    SaveSearchDialog {
        align: center middle;
    }
    SaveSearchDialog > Vertical {
        width: 70;
        max-width: 95%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    SaveSearchDialog #query, SaveSearchDialog #hint {
        color: $text-muted;
    }
    SaveSearchDialog #row {
        height: 1;
        margin-top: 1;
    }
    SaveSearchDialog #row Label {
        width: 6;
    }
    SaveSearchDialog #row Input {
        width: 1fr;
    }
    SaveSearchDialog #problem {
        color: $text-error;
        height: auto;
    }
    SaveSearchDialog #buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    SaveSearchDialog Button {
        margin-left: 2;
    }
    """

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Save this search", style="bold"))
            yield Static(Text(one_line(self.query_text)), id="query")
            with Horizontal(id="row"):
                yield Label("Name")
                yield Input(proposed_name(self.query_text), placeholder="e.g. energy deals",
                            max_length=NAME_LENGTH, id="name", compact=True)
            yield Static(Text("It appears under “Saved searches” in the tree and in the palette (ctrl+p)."),
                         id="hint")
            yield Static("", id="problem")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def action_save(self) -> None:
        """Return the name, or say that one is needed."""
        name = " ".join(one_line(self.query_one("#name", Input).value).split())
        if not name:
            self.query_one("#problem", Static).update(Text("Give the search a name."))
            return
        self.dismiss(name)

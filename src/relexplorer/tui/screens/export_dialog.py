"""The export dialog: proposes a Markdown file name in the current folder and a citation style,
asks before overwriting, and returns what to write (the app does the writing in a worker)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from relexplorer.display import one_line
from relexplorer.export import DEFAULT_STYLE, STYLES
from relexplorer.tui.screens.confirm import ConfirmScreen


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """Where to write, in which citation style, and whether the user agreed to replace an
    existing file."""

    path: Path
    overwrite: bool = False
    style: str = DEFAULT_STYLE


# What each style looks like, for the dialog's choices.
STYLE_LABELS = {"plain": "Plain", "chicago": "Chicago", "apa": "APA"}


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Ask for the file name and the citation style; ``enter`` in the name exports, ``escape``
    cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog > Vertical {
        width: 72;
        max-width: 95%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    ExportDialog #where {
        color: $text-muted;
    }
    ExportDialog #problem {
        color: $text-error;
        height: auto;
    }
    ExportDialog #buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    ExportDialog #style {
        layout: horizontal;
        width: auto;
    }
    ExportDialog #style RadioButton {
        margin-right: 2;
    }
    ExportDialog Button {
        margin-left: 2;
    }
    """

    def __init__(self, proposed: str, count: int, folder: Path | None = None, style: str = DEFAULT_STYLE) -> None:
        super().__init__()
        self.proposed = proposed
        self.count = count
        self.folder = folder or Path.cwd()
        self.style = style if style in STYLES else DEFAULT_STYLE

    def compose(self) -> ComposeResult:
        noun = "fact" if self.count == 1 else "facts"
        with Vertical():
            yield Static(Text(f"Export {self.count:,} marked {noun} to Markdown", style="bold"))
            yield Static(Text("File name (relative to the current folder):"))
            yield Input(self.proposed, id="filename")
            yield Static(Text(f"in {one_line(str(self.folder))}"), id="where")
            yield Static(Text("Citation style:"))
            with RadioSet(id="style", compact=True):
                for style in STYLES:
                    yield RadioButton(STYLE_LABELS[style], value=style == self.style, name=style)
            yield Static("", id="problem")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#filename", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._accept()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self._accept()
        else:
            self.dismiss(None)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.style = event.pressed.name or DEFAULT_STYLE

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)

    def _accept(self) -> None:
        name = self.query_one("#filename", Input).value.strip()
        problem = self.query_one("#problem", Static)
        if not name:
            problem.update(Text("Give a file name."))
            return
        path = Path(name).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        if path.is_dir():
            problem.update(Text(f"{one_line(str(path))} is a folder; give a file name."))
            return
        if not path.parent.is_dir():
            problem.update(Text(f"No such folder: {one_line(str(path.parent))}"))
            return
        if path.exists():
            def replace(yes: bool | None) -> None:
                if yes:
                    self.dismiss(ExportRequest(path, overwrite=True, style=self.style))

            self.app.push_screen(
                ConfirmScreen(f"{one_line(path.name)} already exists in {one_line(str(path.parent))}.\n"
                              "Replace it?", yes="Replace", no="Keep it"),
                replace,
            )
            return
        self.dismiss(ExportRequest(path, style=self.style))

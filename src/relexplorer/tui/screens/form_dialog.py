"""What the explorer's small forms share: Cancel and Save buttons, enter saves, escape cancels."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input

ResultType = TypeVar("ResultType")


class FormDialog(ModalScreen[ResultType]):
    """A modal form: subclasses compose their fields, yield :meth:`buttons` and define
    ``action_save``."""

    def buttons(self) -> ComposeResult:
        """The Cancel and Save buttons, in a row."""
        with Horizontal(id="buttons"):
            yield Button("Cancel", id="cancel", compact=True)
            yield Button("Save", id="save", variant="primary", compact=True)

    def action_save(self) -> None:
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

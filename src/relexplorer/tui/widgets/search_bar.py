"""The search box at the top: the same syntax as ``relexplorer search``, run on every keystroke."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

PLACEHOLDER = 'Search: words, "a phrase", -word, topic:energy, person:putin, value>1e9 … (? for help)'


class SearchBar(Input):
    """The search input; ``enter`` or ``down`` moves to the results, ``escape`` leaves it."""

    BINDINGS = [
        Binding("down", "app.focus_results", "Results", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder=PLACEHOLDER, select_on_focus=False, **kwargs)

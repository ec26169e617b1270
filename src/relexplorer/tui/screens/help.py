"""The help screen: every key (read from the bindings) and the search syntax."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from relexplorer.tui.screens.reading_screen import ReadingScreen

SYNTAX = [
    ("trade energy", "words starting with trade and energy, or of the same stem (trading)"),
    ('"strategic partnership"', "these words in this order"),
    ("-sanctions", "leave out facts with this word (or -\"a phrase\", -(a group))"),
    ("gas OR oil  (gas OR oil) -coal", "either (OR in capitals; it binds before the spaces)"),
    ("topic:energy", "facts tagged with a theme"),
    ("person:putin  org:rosneft  place:harbin", "facts that mention a person, organisation or place"),
    ("speaker:putin  speaker:author", "facts someone says / the author's own"),
    ("note:risk  tag:followup  has:note", "facts with a note that says so / with that #tag / with a note"),
    ("section:II  section:I.A", "facts in a section or subsection (doc:SLUG for one document)"),
    ("year:2017", "facts with a date figure covering that year"),
    ("kind:money  unit:USD", "facts with a figure of that kind or unit"),
    ("value>1e9  money>=2.5bn  percent>20", "facts with a figure above or below a number"),
    ("is:marked", "only the marked facts (the m key does the same)"),
]
_KEY = Style(bold=True)


def help_renderable(keys: list[tuple[str, str]]) -> Group:
    """The help text: a keys table and a syntax table."""
    key_table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, header_style=_KEY)
    key_table.add_column("Key", style=_KEY, no_wrap=True)
    key_table.add_column("What it does", ratio=1)
    for key, description in keys:
        key_table.add_row(Text(key), Text(description))
    syntax_table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, header_style=_KEY)
    syntax_table.add_column("Type", style=_KEY)
    syntax_table.add_column("To find", ratio=1)
    for example, meaning in SYNTAX:
        syntax_table.add_row(Text(example), Text(meaning))
    return Group(
        Text("Keys", style="bold underline"), key_table, Text(),
        Text("Search syntax (the same as `relexplorer search`)", style="bold underline"), syntax_table,
        Text(),
        Text("Filters combine with each other and with the node chosen in the tree. The mouse "
             "works too: click a tree node, a fact, a figure or a column header.", style="dim"),
    )


# Keys that belong to widgets rather than to the app's bindings.
WIDGET_KEYS = [
    ("enter", "In the search box: go to the results"),
    ("↑ ↓  j k", "Move in the list, the tree, or scroll a pane"),
    ("tab / shift+tab", "Next / previous pane"),
    ("enter / click", "In the tree: filter by that node (space opens it)"),
    ("pgup pgdn home end", "Move a page, to the first, to the last fact"),
    ("ctrl+p", "Command palette: go to a fact by id, filter by theme or entity, run or delete a saved search, "
               "export, switch theme"),
]
SCREEN_KEYS = [("s (figures)", "In the figures table: sort by value (or click a column header)"),
               ("ctrl+s (note)", "In the note dialog: save the note (escape leaves; an empty note is deleted)"),
               ("enter (tree)", "On a saved search in the tree: run it")]


def keys_of(app: App) -> list[tuple[str, str]]:
    """``(key, description)`` for every key of the explorer, read from its bindings."""
    keys = list(WIDGET_KEYS)
    for binding in app.BINDINGS:
        assert isinstance(binding, Binding)
        shown = ", ".join(app.get_key_display(Binding(k, binding.action)) for k in binding.key.split(","))
        keys.append((shown, binding.tooltip or binding.description))
    for binding in ReadingScreen.BINDINGS:
        assert isinstance(binding, Binding)
        keys.append((app.get_key_display(binding), binding.tooltip or binding.description))
    return keys + SCREEN_KEYS


class HelpScreen(ModalScreen[None]):
    """Lists the keys and the search syntax; any of escape, q, ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 100;
        max-width: 100%;
        height: 90%;
        border: thick $primary;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "relexplorer help"
            scroll.border_subtitle = "escape to close"
            yield Static(help_renderable(self.keys))

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        """Scroll the help text."""
        scroll = self.query_one(VerticalScroll)
        if direction == "down":
            scroll.scroll_down()
        else:
            scroll.scroll_up()

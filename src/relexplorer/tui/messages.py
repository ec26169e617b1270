"""App-wide messages: posted by workers and widgets, handled by the app.

Workers only post these; handlers on the main thread change the widgets. Messages that carry a
``generation`` belong to one search: the app drops those from a search it has since replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual.message import Message

from relexplorer.search import SearchResult
from relexplorer.tui.state import NodeFilter


@dataclass
class FilterChosen(Message):
    """The user chose a tree node or a palette filter (``None`` shows every fact)."""

    node: NodeFilter | None


@dataclass
class FactsLoaded(Message):
    """A page of facts for search ``generation``.

    ``append`` adds it after the loaded rows; ``complete`` says nothing more is to load;
    ``select`` puts the cursor on that fact; ``reset_filters`` says the filters were dropped
    to show it (a jump to a fact the current filters hide).
    """

    generation: int
    result: SearchResult
    append: bool = False
    complete: bool = True
    select: int | None = None
    reset_filters: bool = False


@dataclass
class QueryFailed(Message):
    """The search of ``generation`` could not run; ``message`` goes to the status line."""

    generation: int
    message: str


@dataclass
class DetailLoaded(Message):
    """Everything the detail and quote panes show for ``fact_id`` (``None`` if it is gone)."""

    fact_id: int
    detail: dict | None


@dataclass
class MarksLoaded(Message):
    """The marked fact ids as stored in the database."""

    marked: set[int] = field(default_factory=set)


@dataclass
class MatchesCounted(Message):
    """The ids of every fact the current search shows, for "mark all shown"."""

    generation: int
    ids: list[int]
    capped: bool


@dataclass
class ExportFinished(Message):
    """An export wrote ``count`` facts to ``path``, or failed with ``error``."""

    path: Path | None
    count: int = 0
    error: str = ""


@dataclass
class JumpTo(Message):
    """Show the fact ``fact_id`` in the facts list (from the figures table or the palette)."""

    fact_id: int


@dataclass
class DatabaseError(Message):
    """A database operation failed; ``message`` is shown to the user."""

    message: str


@dataclass
class DocumentEdited(Message):
    """The metadata ``fields`` of document ``slug`` were saved, or saving failed with ``error``."""

    slug: str
    fields: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class SearchDeleted(Message):
    """A worker deleted the saved search ``name`` (``found`` False: there was none)."""

    name: str
    found: bool = True
    error: str = ""


@dataclass
class NotesLoaded(Message):
    """The ids of the facts that have a note (for the facts list's marker)."""

    noted: set[int] = field(default_factory=set)


@dataclass
class NoteSaved(Message):
    """A worker stored (or removed, ``removed``) the note on fact ``fact_id``."""

    fact_id: int
    removed: bool = False
    error: str = ""


@dataclass
class SearchSaved(Message):
    """A worker saved ``query`` as ``name``; ``existing`` is the query already kept under that
    name when the worker was asked not to replace it (nothing was saved then)."""

    name: str
    query: str
    existing: str | None = None
    error: str = ""


@dataclass
class SavedSearchChosen(Message):
    """The user chose a saved search in the tree or the palette: run it."""

    name: str
    query: str

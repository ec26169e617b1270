"""What the explorer is showing: the chosen tree node, the typed search and the marked-only switch.

Pure (no Textual): :func:`build_query` composes them into one :class:`~relexplorer.search.Query`.
"""

from __future__ import annotations

from dataclasses import dataclass

from relexplorer.search import Query, parse_query


@dataclass(frozen=True, slots=True)
class NodeFilter:
    """A filter chosen in the tree or the command palette.

    ``filters`` are ``(field, value)`` pairs added to the parsed query, usually the exact id
    filters of :data:`relexplorer.search.ID_FIELDS`; ``label`` is what the status line shows.
    """

    label: str
    filters: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class ViewState:
    """The inputs of the facts list."""

    node: NodeFilter | None = None
    text: str = ""
    only_marked: bool = False

    @property
    def active(self) -> bool:
        """True when anything narrows the facts."""
        return bool(self.node or self.text.strip() or self.only_marked)


def build_query(state: ViewState) -> tuple[Query, str]:
    """The query for ``state`` and its description in words for the status line.

    Raises :class:`~relexplorer.errors.QueryError` when the typed text is invalid.
    """
    query = parse_query(state.text)
    parts = [state.node.label] if state.node else []
    typed = query.describe()
    if typed:
        parts.append(typed)
    if state.only_marked:
        parts.append("only marked")
    if state.node:
        query.filters.extend(state.node.filters)
    if state.only_marked:
        query.filters.append(("is", "marked"))
    return query, " · ".join(parts)


def empty_message(state: ViewState) -> str:
    """What the facts list says when the view ``state`` shows no facts."""
    if state.only_marked and not state.text.strip() and not state.node:
        return "No marked facts yet: press space on a fact to mark it, m to show all."
    if state.active:
        return "No facts match. Change the search, or press escape (twice) to clear it."
    return "The database holds no facts yet: ingest articles with `relexplorer open FILE`."

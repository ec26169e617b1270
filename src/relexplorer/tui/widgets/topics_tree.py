"""The left pane: the saved searches, documents and their sections, themes, people,
organisations, places and figure kinds, each with its number of facts. Choosing a node filters
the facts (a saved search runs its query).

Everything comes from counters kept at ingest time, so loading never scans the facts; entity
lists are cut to the most frequent ones, and a document's sections are added when it is opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import NodeID, TreeNode

from relexplorer import catalog
from relexplorer.catalog import DocumentSummary, NamedCount, SavedSearch, SectionSummary
from relexplorer.display import one_line
from relexplorer.store import Store
from relexplorer.tui.messages import DatabaseError, FilterChosen, SavedSearchChosen
from relexplorer.tui.state import NodeFilter

ENTITY_LIMIT = 200
DOCUMENT_LIMIT = 1000
LABEL_WIDTH = 22
ENTITY_GROUPS = (("person", "People"), ("organization", "Organisations"), ("place", "Places"))
_COUNT = Style(dim=True)
_COUNTED = re.compile(r"^(.*?)( [\d,]+)$", re.S)
SAVED_BRANCH = "Saved searches"


@dataclass(frozen=True, slots=True)
class SavedSearchNode:
    """A saved search in the tree: choosing it runs ``query``."""

    name: str
    query: str

    @property
    def filters(self) -> tuple[tuple[str, str], ...]:
        """What tells this node apart across reloads (never added to a query)."""
        return (("saved", self.name),)


@dataclass
class TreeData:
    """What the tree shows, read in one go by a worker."""

    total: int = 0
    documents: list[DocumentSummary] = field(default_factory=list)
    document_total: int = 0
    section_totals: dict[int, int] = field(default_factory=dict)  # section id -> facts, subsections too
    topics: list[NamedCount] = field(default_factory=list)
    entities: dict[str, list[NamedCount]] = field(default_factory=dict)
    entity_totals: dict[str, int] = field(default_factory=dict)
    kinds: list[NamedCount] = field(default_factory=list)
    saved: list[SavedSearch] = field(default_factory=list)


def read_tree_data(store: Store) -> TreeData:
    """Read the tree's contents from the kept counters (no scan of the facts)."""
    totals = catalog.counts(store)
    data = TreeData(total=totals.facts, document_total=totals.documents)
    data.documents = catalog.documents(store, limit=DOCUMENT_LIMIT)
    for doc in data.documents:
        data.section_totals.update(_subsection_totals(doc.sections))
    data.topics = catalog.topic_counts(store)
    for kind, _ in ENTITY_GROUPS:
        data.entities[kind] = catalog.entity_counts(store, kind, ENTITY_LIMIT)
        data.entity_totals[kind] = catalog.entity_total(store, kind)
    data.kinds = catalog.figure_kind_counts(store)
    data.saved = catalog.saved_searches(store)
    return data


def _subsection_totals(sections: list[SectionSummary]) -> dict[int, int]:
    """Each section's own facts plus those of its subsections."""
    totals = {s.id: s.facts for s in sections}
    for s in reversed(sections):  # children come after their parents
        if s.parent_id in totals and s.parent_id != s.id:
            totals[s.parent_id] += totals[s.id]
    return totals


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(name: str, count: int | None, width: int = LABEL_WIDTH) -> Text:
    # Names are cut so that the count stays in view in a narrow pane (deeper nodes get less
    # room); the status line shows the full name once the node is chosen.
    text = Text(_short(one_line(name), width))
    if count is not None:
        text.append(f" {count:,}", _COUNT)
    return text


class TopicsTree(Tree[NodeFilter | SavedSearchNode | None]):
    """The topics tree; selecting a node posts :class:`FilterChosen` (a saved search:
    :class:`SavedSearchChosen`)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class Loaded(Message):
        """The worker read the tree's contents."""

        data: TreeData

    def __init__(self, store: Store, **kwargs) -> None:
        super().__init__(Text("All facts"), data=NodeFilter("all facts"), **kwargs)
        self.store = store
        self.show_root = True
        self.guide_depth = 2
        self._sections: dict[int, list[SectionSummary]] = {}
        self._section_totals: dict[int, int] = {}
        self._documents: dict[NodeID, int] = {}  # document node -> document id

    def on_mount(self) -> None:
        self.reload()

    def render_label(self, node: TreeNode, base_style: Style, style: Style) -> Text:
        """The node's label, its name cut further when the pane (less a scrollbar) is too narrow
        for it: the count always shows whole."""
        text = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if room <= 0 or text.cell_len <= room:
            return text
        counted = _COUNTED.match(text.plain)
        if counted is None:
            text.truncate(room, overflow="ellipsis")
            return text
        keep = room - len(counted.group(2)) - 1
        if keep < 1:
            return text
        cut = text[:keep]
        cut.rstrip()
        cut.append("…")
        cut.append_text(text[len(counted.group(1)):])
        return cut

    @work(thread=True, exclusive=True, group="tree")
    def reload(self) -> None:
        """Re-read the counters (another process may have ingested meanwhile)."""
        try:
            data = read_tree_data(self.store)
        except Exception as exc:  # a locked or damaged database must not end the app
            self.post_message(DatabaseError(f"cannot read the topics: {exc}"))
            return
        self.post_message(self.Loaded(data))

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        event.stop()
        data = event.data
        first = not self.root.children
        expanded = {self._key(n) for n in self._walk(self.root) if n.is_expanded}
        if SAVED_BRANCH not in {self._key(n) for n in self._walk(self.root)}:
            expanded.add(SAVED_BRANCH)  # the first saved search shows where it went
        if first:
            expanded = {"Documents", "Themes", SAVED_BRANCH}
            if len(data.documents) == 1:
                expanded.add(repr((("document_id", str(data.documents[0].id)),)))
        cursor = self._key(self.cursor_node) if self.cursor_node else None
        self._sections = {doc.id: doc.sections for doc in data.documents}
        self._section_totals = data.section_totals
        self._documents = {}
        self.clear()
        root = self.root
        root.set_label(_label("All facts", data.total))
        if data.saved:
            saved = root.add(_label(SAVED_BRANCH, len(data.saved)), data=None)
            for entry in data.saved:
                saved.add_leaf(_label(entry.name, None), data=SavedSearchNode(entry.name, entry.query))
        docs = root.add(_label("Documents", data.document_total), data=None)
        for doc in data.documents:
            title = one_line(doc.title or doc.slug)
            node = docs.add(
                _label(title, doc.facts, LABEL_WIDTH - 2),
                data=NodeFilter(f"document {_short(title)}", (("document_id", str(doc.id)),)),
                allow_expand=bool(doc.sections),
            )
            self._documents[node.id] = doc.id
        if data.document_total > len(data.documents):
            docs.add_leaf(Text(f"… {data.document_total - len(data.documents):,} more (search doc:SLUG)", _COUNT))
        themes = root.add(_label("Themes", None), data=None)
        for topic in data.topics:
            themes.add_leaf(
                _label(topic.label, topic.facts),
                data=NodeFilter(f"theme {one_line(topic.label)}", (("topic_id", str(topic.id)),)),
            )
        for kind, title in ENTITY_GROUPS:
            group = root.add(_label(title, data.entity_totals.get(kind, 0)), data=None)
            for entity in data.entities.get(kind, []):
                group.add_leaf(
                    _label(entity.name, entity.facts),
                    data=NodeFilter(f"{kind} {one_line(entity.name)}", (("entity_id", str(entity.id)),)),
                )
            more = data.entity_totals.get(kind, 0) - len(data.entities.get(kind, []))
            if more > 0:
                field_name = {"person": "person", "organization": "org", "place": "place"}[kind]
                group.add_leaf(Text(f"… {more:,} more (search {field_name}:NAME)", _COUNT))
        kinds = root.add(_label("Figures", None), data=None)
        for row in data.kinds:
            kinds.add_leaf(
                _label(row.name, row.facts),
                data=NodeFilter(f"kind:{row.name}", (("kind", row.name),)),
            )
        root.expand()
        for node in self._walk(root):
            if node is not root and self._key(node) in expanded:
                if node.id in self._documents:
                    self._add_sections(node, self._documents[node.id])
                    for child in self._walk(node)[1:]:
                        if self._key(child) in expanded:
                            child.expand()
                node.expand()
        if cursor is not None:
            for node in self._walk(root):
                if self._key(node) == cursor:
                    self.move_cursor(node)
                    break

    @staticmethod
    def _walk(node: TreeNode) -> list[TreeNode]:
        nodes = [node]
        for child in node.children:
            nodes += TopicsTree._walk(child)
        return nodes

    @staticmethod
    def _key(node: TreeNode) -> str:
        """A key that survives a reload: the node's filter, else its title without the count."""
        if node.data is not None:
            return repr(node.data.filters)
        return node.label.plain.rsplit(" ", 1)[0] if node.label.plain[-1:].isdigit() else node.label.plain

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        """Add a document's sections the first time it is opened."""
        node = event.node
        document_id = self._documents.get(node.id)
        if document_id is None or node.children:
            return
        self._add_sections(node, document_id)

    def _add_sections(self, node: TreeNode, document_id: int) -> None:
        sections = self._sections.get(document_id, [])
        totals = self._section_totals
        children: dict[int | None, list[SectionSummary]] = {}
        for s in sections:
            children.setdefault(s.parent_id, []).append(s)

        def add(parent_node: TreeNode, parent_id: int | None, path: str, depth: int = 3) -> None:
            width = max(10, LABEL_WIDTH - 2 * (depth - 1))
            for s in children.get(parent_id, []):
                label = ".".join(x for x in (path, s.label) if x)
                title = f"{label}. {s.heading}" if label else s.heading
                kids = children.get(s.id)
                filt = NodeFilter(f"§ {_short(one_line(title), 30)}", (("section_id", str(s.id)),))
                if kids:
                    child = parent_node.add(_label(title, totals.get(s.id, s.facts), width), data=filt)
                    add(child, s.id, label, depth + 1)
                else:
                    parent_node.add_leaf(_label(title, totals.get(s.id, s.facts), width), data=filt)

        add(node, None, "")

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        data = event.node.data
        if data is None:
            return
        if isinstance(data, SavedSearchNode):
            self.post_message(SavedSearchChosen(data.name, data.query))
            return
        self.post_message(FilterChosen(None if not data.filters else data))

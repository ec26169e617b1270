"""The left pane: documents and their sections, themes, people, organisations, places and
figure kinds, each with its number of facts. Choosing a node filters the facts.

Everything comes from counters kept at ingest time, so loading never scans the facts; entity
lists are cut to the most frequent ones, and a document's sections are added when it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import NodeID, TreeNode

from relexplorer.display import one_line
from relexplorer.store import Store
from relexplorer.tui.messages import DatabaseError, FilterChosen
from relexplorer.tui.state import NodeFilter

ENTITY_LIMIT = 200
DOCUMENT_LIMIT = 1000
LABEL_WIDTH = 22
ENTITY_GROUPS = (("person", "People"), ("organization", "Organisations"), ("place", "Places"))
_COUNT = Style(dim=True)


@dataclass
class TreeData:
    """What the tree shows, read in one go by a worker."""

    total: int = 0
    documents: list[dict] = field(default_factory=list)
    document_total: int = 0
    sections: dict[int, list[dict]] = field(default_factory=dict)  # document id -> sections
    topics: list[dict] = field(default_factory=list)
    entities: dict[str, list[dict]] = field(default_factory=dict)
    entity_totals: dict[str, int] = field(default_factory=dict)
    kinds: list[dict] = field(default_factory=list)


def read_tree_data(store: Store) -> TreeData:
    """Read the tree's contents from the kept counters (no scan of the facts)."""
    data = TreeData()
    counts = store.rows("SELECT count(*) AS n, coalesce(sum(fact_count), 0) AS facts FROM documents")[0]
    data.total, data.document_total = counts["facts"], counts["n"]
    data.documents = store.rows(
        "SELECT id, slug, title, fact_count FROM documents ORDER BY id LIMIT ?", [DOCUMENT_LIMIT]
    )
    rows = store.rows(
        "SELECT id, document_id, parent_id, label, heading, fact_count FROM sections "
        "WHERE document_id IN (SELECT id FROM documents ORDER BY id LIMIT ?) "
        "ORDER BY document_id, position",
        [DOCUMENT_LIMIT],
    )
    for row in rows:
        data.sections.setdefault(row["document_id"], []).append(row)
    for sections in data.sections.values():
        _add_subsection_counts(sections)
    data.topics = store.rows("SELECT id, name, label, fact_count FROM topics ORDER BY fact_count DESC, label")
    for kind, _ in ENTITY_GROUPS:
        data.entities[kind] = store.rows(
            "SELECT id, name, fact_count FROM entities WHERE kind = ? ORDER BY fact_count DESC, name LIMIT ?",
            [kind, ENTITY_LIMIT],
        )
        data.entity_totals[kind] = store.rows("SELECT count(*) AS n FROM entities WHERE kind = ?", [kind])[0]["n"]
    data.kinds = store.rows("SELECT kind, fact_count FROM figure_kinds ORDER BY fact_count DESC, kind")
    return data


def _add_subsection_counts(sections: list[dict]) -> None:
    """Give each section a ``total``: its own facts plus those of its subsections."""
    by_id = {s["id"]: s for s in sections}
    for s in sections:
        s["total"] = s["fact_count"]
    for s in reversed(sections):  # children come after their parents
        parent = by_id.get(s["parent_id"])
        if parent is not None and parent is not s:
            parent["total"] += s["total"]


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(name: str, count: int | None, width: int = LABEL_WIDTH) -> Text:
    # Names are cut so that the count stays in view in a narrow pane (deeper nodes get less
    # room); the status line shows the full name once the node is chosen.
    text = Text(_short(one_line(name), width))
    if count is not None:
        text.append(f" {count:,}", _COUNT)
    return text


class TopicsTree(Tree[NodeFilter | None]):
    """The topics tree; selecting a node posts :class:`FilterChosen`."""

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
        self._sections: dict[int, list[dict]] = {}
        self._documents: dict[NodeID, int] = {}  # document node -> document id

    def on_mount(self) -> None:
        self.reload()

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
        if first:
            expanded = {"Documents", "Themes"}
            if len(data.documents) == 1:
                expanded.add(repr((("document_id", str(data.documents[0]["id"])),)))
        cursor = self._key(self.cursor_node) if self.cursor_node else None
        self._sections = data.sections
        self._documents = {}
        self.clear()
        root = self.root
        root.set_label(_label("All facts", data.total))
        docs = root.add(_label("Documents", data.document_total), data=None)
        for doc in data.documents:
            title = one_line(doc["title"] or doc["slug"])
            node = docs.add(
                _label(title, doc["fact_count"], LABEL_WIDTH - 2),
                data=NodeFilter(f"document {_short(title)}", (("document_id", str(doc["id"])),)),
                allow_expand=bool(data.sections.get(doc["id"])),
            )
            self._documents[node.id] = doc["id"]
        if data.document_total > len(data.documents):
            docs.add_leaf(Text(f"… {data.document_total - len(data.documents):,} more (search doc:SLUG)", _COUNT))
        themes = root.add(_label("Themes", None), data=None)
        for topic in data.topics:
            themes.add_leaf(
                _label(topic["label"], topic["fact_count"]),
                data=NodeFilter(f"theme {one_line(topic['label'])}", (("topic_id", str(topic["id"])),)),
            )
        for kind, title in ENTITY_GROUPS:
            group = root.add(_label(title, data.entity_totals.get(kind, 0)), data=None)
            for entity in data.entities.get(kind, []):
                group.add_leaf(
                    _label(entity["name"], entity["fact_count"]),
                    data=NodeFilter(f"{kind} {one_line(entity['name'])}", (("entity_id", str(entity["id"])),)),
                )
            more = data.entity_totals.get(kind, 0) - len(data.entities.get(kind, []))
            if more > 0:
                field_name = {"person": "person", "organization": "org", "place": "place"}[kind]
                group.add_leaf(Text(f"… {more:,} more (search {field_name}:NAME)", _COUNT))
        kinds = root.add(_label("Figures", None), data=None)
        for row in data.kinds:
            kinds.add_leaf(
                _label(row["kind"], row["fact_count"]),
                data=NodeFilter(f"kind:{row['kind']}", (("kind", row["kind"]),)),
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
        children: dict[int | None, list[dict]] = {}
        for s in sections:
            children.setdefault(s["parent_id"], []).append(s)

        def add(parent_node: TreeNode, parent_id: int | None, path: str, depth: int = 3) -> None:
            width = max(10, LABEL_WIDTH - 2 * (depth - 1))
            for s in children.get(parent_id, []):
                label = ".".join(x for x in (path, s["label"]) if x)
                title = f"{label}. {s['heading']}" if label else s["heading"]
                kids = children.get(s["id"])
                filt = NodeFilter(f"§ {_short(one_line(title), 30)}", (("section_id", str(s["id"])),))
                if kids:
                    child = parent_node.add(_label(title, s["total"], width), data=filt)
                    add(child, s["id"], label, depth + 1)
                else:
                    parent_node.add_leaf(_label(title, s["total"], width), data=filt)

        add(node, None, "")

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        data = event.node.data
        if data is None:
            return
        self.post_message(FilterChosen(None if not data.filters else data))

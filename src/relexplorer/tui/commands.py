"""Command palette (ctrl+p): jump to a fact by id, filter by theme, person, organisation, place
or document, run or delete a saved search, and run the explorer's actions. Switching theme is Textual's own "Theme" command."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from relexplorer import catalog
from relexplorer.display import one_line
from relexplorer.store import Store
from relexplorer.tui.messages import FilterChosen, JumpTo, SavedSearchChosen
from relexplorer.tui.state import NodeFilter

FILTER_LIMIT = 300


def _facts(n: int) -> str:
    return f"{n:,} fact" + ("" if n == 1 else "s")  # entities offered, most frequent first
_FACT_ID = re.compile(r"^\s*(?:(?:go\s*to\s*)?fact\s*|#)?\s*(\d{1,12})\s*$", re.I)
_KIND_TITLES = {"person": "person", "organization": "organisation", "place": "place"}


def read_palette_filters(store: Store) -> list[tuple[str, str, NodeFilter]]:
    """``(title, help, filter)`` for themes, documents and the most frequent entities."""
    found: list[tuple[str, str, NodeFilter]] = []
    for t in catalog.topic_counts(store):
        label = one_line(t.label)
        found.append((f"Filter by theme: {label}", _facts(t.facts),
                      NodeFilter(f"theme {label}", (("topic_id", str(t.id)),))))
    for e in catalog.entity_counts(store, limit=FILTER_LIMIT):
        name, kind = one_line(e.name), _KIND_TITLES.get(e.kind, e.kind)
        found.append((f"Filter by {kind}: {name}", _facts(e.facts),
                      NodeFilter(f"{e.kind} {name}", (("entity_id", str(e.id)),))))
    for d in catalog.documents(store, limit=FILTER_LIMIT):
        title = one_line(d.title or d.slug)
        found.append((f"Filter by document: {title}", _facts(d.facts),
                      NodeFilter(f"document {title[:40]}", (("document_id", str(d.id)),))))
    return found


def _highlight(matcher: Matcher, title: str) -> Content:
    """``title`` with the fuzzy-matched letters emphasised; never parsed as markup
    (titles hold names from articles)."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if score:
        for offset in offsets:
            if not title[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
    return content


class ExplorerCommands(Provider):
    """The explorer's commands for the palette."""

    async def startup(self) -> None:
        """Read the filters once, off the main thread."""
        self._filters: list[tuple[str, str, NodeFilter]] = []
        self._saved: list[catalog.SavedSearch] = []
        try:
            self._filters = await asyncio.to_thread(read_palette_filters, self.app.store)  # type: ignore[attr-defined]
            self._saved = await asyncio.to_thread(catalog.saved_searches, self.app.store)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - the palette still offers the other commands
            pass

    def _saved_commands(self) -> list[tuple[str, str, Callable]]:
        app = self.app
        found: list[tuple[str, str, Callable]] = []
        for entry in self._saved:
            name, query = one_line(entry.name), one_line(entry.query)
            found.append((f"Run saved search: {name}", query,
                          partial(app.post_message, SavedSearchChosen(entry.name, entry.query))))
        for entry in self._saved:
            found.append((f"Delete saved search: {one_line(entry.name)}", one_line(entry.query),
                          partial(app.delete_saved_search, entry.name)))  # type: ignore[attr-defined]
        return found

    def _actions(self) -> list[tuple[str, str, Callable]]:
        app = self.app
        run = app.run_action
        return [
            ("Export marked facts to Markdown", "Write the marked facts, quotes and citations (e)",
             partial(run, "export")),
            ("Figures table", "Every figure of the facts shown, sortable by value (f)", partial(run, "figures")),
            ("Compare across sources", "The fact's figure in every source, by year, with conflicts and a chart (c)",
             partial(run, "compare")),
            ("Group facts by document", "A heading per document instead of a source tag on each fact (g)",
             partial(run, "group_by_document")),
            ("Show only marked facts", "Toggle the marked-only filter (m)", partial(run, "only_marked")),
            ("Mark all shown facts", "Mark every fact that matches (a)", partial(run, "mark_all")),
            ("Unmark all facts", "Remove every mark (u)", partial(run, "unmark_all")),
            ("Copy quote with citation", "The fact's text and its citation to the clipboard (y)",
             partial(run, "copy_quote")),
            ("Write a note on the fact", "A note with #tags on the fact under the cursor (N)",
             partial(run, "edit_note")),
            ("Save this search", "Name the typed search for the tree and the palette (ctrl+s)",
             partial(run, "save_search")),
            ("Edit the source's metadata", "Correct title, author, date, outlet or URL of the fact's document (E)",
             partial(run, "edit_metadata")),
            ("Cite in plain style", "Author, “Title”, Outlet, Date, URL", partial(app.set_citation_style, "plain")),
            ("Cite in Chicago style", "Full notes and a bibliography", partial(app.set_citation_style, "chicago")),
            ("Cite in APA style", "(Author, year, p. N) and a reference list", partial(app.set_citation_style, "apa")),
            ("Clear filters", "Show every fact (escape twice)", partial(run, "clear_filters")),
            ("Refresh", "Re-read counts and results (r)", partial(run, "refresh")),
            ("Help", "Keys and search syntax (?)", partial(run, "help")),
            ("Go to fact by id", "Type the fact's number here, e.g. 42",
             partial(app.notify, "Open the palette (ctrl+p) and type a fact number, e.g. 42")),
        ]

    async def discover(self) -> Hits:
        for title, help_text, callback in self._actions() + self._saved_commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)
        for title, help_text, node in self._filters[:20]:
            yield DiscoveryHit(Content(title), partial(self.app.post_message, FilterChosen(node)),
                               text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        match = _FACT_ID.match(query)
        if match:
            fact_id = int(match.group(1))
            yield Hit(1.0, Content(f"Go to fact {fact_id}"), partial(self.app.post_message, JumpTo(fact_id)),
                      text=f"Go to fact {fact_id}", help="Show this fact in the list")
        matcher = self.matcher(query)
        for title, help_text, callback in self._actions() + self._saved_commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), callback, text=title, help=help_text)
        for title, help_text, node in self._filters:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), partial(self.app.post_message, FilterChosen(node)),
                          text=title, help=help_text)

"""``relexplorer edit``: correct a document's title, author, date, outlet, URL or editor.

The edits are kept apart from what extraction found, keyed by where the document came from, and
put back whenever that document is ingested again or re-extracted.
"""

from __future__ import annotations

import difflib
import json

import click

from relexplorer import catalog
from relexplorer.cli.context import AppContext, fail, handle_errors
from relexplorer.cli.main import main
from relexplorer.display import one_line
from relexplorer.edits import DATE_FORMS, FIELDS, checked_changes

_LABELS = {"title": "Title", "author": "Author", "date": "Date", "source": "Outlet", "url": "URL",
           "editor": "Editor"}


@main.command()
@click.argument("slug")
@click.option("--title", help="The title.")
@click.option("--author", help="The authors, e.g. 'Anna Berg and John Smith' or 'Berg, Anna'.")
@click.option("--date", help=f"The publication date: {DATE_FORMS} (stored as ISO).")
@click.option("--source", help="The outlet: journal, newspaper, site or publisher.")
@click.option("--url", help="The article's address (http or https).")
@click.option("--editor", help="The editor.")
@click.option("--clear", multiple=True, type=click.Choice(list(FIELDS)),
              help="Leave this field empty (and keep it so after re-ingest); repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
@handle_errors
def edit(app_ctx: AppContext, slug: str, title: str | None, author: str | None, date: str | None,
         source: str | None, url: str | None, editor: str | None, clear: tuple[str, ...], fmt: str) -> None:
    """Correct the metadata of document SLUG (see 'relexplorer documents').

    Without options, shows the document's metadata and which fields were edited. Edits survive
    re-ingest and re-extraction of the document.
    """
    values = {"title": title, "author": author, "date": date, "source": source, "url": url, "editor": editor}
    changes = checked_changes(values, clear)  # before opening anything: a bad value changes nothing
    store = app_ctx.store()
    before = catalog.document_by_slug(store, slug)
    if before is None:
        close = difflib.get_close_matches(slug, catalog.document_slugs(store), n=1, cutoff=0.6)
        fail(f"no document '{slug}'" + (f"; did you mean '{close[0]}'?" if close else " (see 'relexplorer documents')"))
    if changes:
        store.edit_document(slug, changes)
    after = catalog.document_by_slug(store, slug)
    edited = {e.field: e.edited_at for e in catalog.metadata_edits(store, after)}
    record = {"slug": after.slug, **{name: getattr(after, column) for name, column in FIELDS.items()},
              "edited": {name: edited[column] for name, column in FIELDS.items() if column in edited}}
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    _print_record(record, before, changes)


def _print_record(record: dict, before: catalog.DocumentSummary, changes: dict[str, str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(one_line(record["slug"])), show_header=True)
    table.add_column("Field", no_wrap=True)
    table.add_column("Value", overflow="fold")
    table.add_column("", no_wrap=True)
    for name, column in FIELDS.items():
        note = ""
        if column in changes:
            note = "changed" if getattr(before, column) != record[name] else "unchanged"
        elif name in record["edited"]:
            note = "edited " + record["edited"][name][:10]
        value = Text(one_line(record[name])) if record[name] else Text("(unknown)", style="dim")
        table.add_row(_LABELS[name], value, Text(note, style="bold" if note == "changed" else "dim"))
    Console().print(table)
    if changes:
        noun = "edit is" if len(changes) == 1 else "edits are"
        click.echo(f"Saved; the {noun} kept when the document is ingested again.", err=True)

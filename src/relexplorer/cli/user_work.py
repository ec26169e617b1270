"""The user's work on the command line: ``notes`` lists the notes on facts (with their ``#tags``
and the facts' text), ``searches`` lists the saved searches or deletes one."""

from __future__ import annotations

import click

from relexplorer import catalog
from relexplorer.cli.context import (
    AppContext,
    QueryCommand,
    fail,
    format_option,
    handle_errors,
    query_argument,
)
from relexplorer.cli.main import main
from relexplorer.cli.output import emit
from relexplorer.search import matching_ids, parse_query

# More notes than anyone writes: the query's matches among the facts with a note, all of them.
NOTES_LIMIT = 10_000_000


@main.command(cls=QueryCommand)
@query_argument
@format_option
@click.pass_obj
@handle_errors
def notes(app_ctx: AppContext, query: str, fmt: str) -> None:
    """The notes on facts, in document order: the fact's id, its document, the note's #tags,
    the note and the fact's text. With QUERY (the search syntax), only the notes on facts that
    match it: 'tag:followup', 'note:rosstat', 'topic:energy'.

    A note whose fact is gone (its document removed or changed) is listed without a fact id
    when no QUERY is given; ingesting that version again brings the fact back.
    """
    store = app_ctx.store()
    entries = catalog.notes(store)
    if query.strip():
        parsed = parse_query(query)
        parsed.filters.append(("has", "note"))
        wanted = set(matching_ids(store, parsed, NOTES_LIMIT))
        entries = [e for e in entries if e.fact_id in wanted]
    rows = [{"fact_id": e.fact_id, "document": e.document, "tags": e.tags, "note": e.text,
             "fact_text": e.fact_text, "updated_at": e.updated_at} for e in entries]
    emit(rows, fmt, [("fact_id", "Fact"), ("document", "Document"), ("tags", "Tags"), ("note", "Note"),
                     ("fact_text", "Fact text")], title=f"notes on facts matching {query}" if query.strip() else None)


@main.command()
@click.option("--delete", "delete", metavar="NAME", help="Delete the saved search NAME.")
@format_option
@click.pass_obj
@handle_errors
def searches(app_ctx: AppContext, delete: str | None, fmt: str) -> None:
    """The saved searches (named with ctrl+s in the explorer): name and query; --delete NAME
    forgets one."""
    store = app_ctx.store()
    if delete is not None:
        if not store.delete_search(delete):
            fail(f"no saved search named '{delete}' (see 'relexplorer searches')")
        click.echo(f"Deleted the saved search '{delete}'", err=True)
        return
    rows = [{"name": s.name, "query": s.query, "created_at": s.created_at} for s in catalog.saved_searches(store)]
    emit(rows, fmt, [("name", "Name"), ("query", "Query"), ("created_at", "Saved")])

"""``relexplorer export``: the facts matching a query (or the marked ones) to Markdown or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from relexplorer.cli.context import (
    SQL_INT_MAX,
    AppContext,
    QueryCommand,
    handle_errors,
    query_argument,
)
from relexplorer.cli.main import main
from relexplorer.export import render_json, render_markdown, write_atomic


@main.command(cls=QueryCommand)
@query_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--marked", is_flag=True, help="Export the marked facts (combined with QUERY if given).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--limit", type=click.IntRange(1, SQL_INT_MAX, clamp=True), default=10000, show_default=True)
@click.pass_obj
@handle_errors
def export(app_ctx: AppContext, query: str, output: Path | None, fmt: str, marked: bool, force: bool,
           limit: int) -> None:
    """Export the facts matching QUERY (or the marked ones) to Markdown or JSON."""
    from relexplorer.catalog import fact_details
    from relexplorer.search import search as run_search

    store = app_ctx.store()
    # In parentheses: "x OR" followed by is:marked must not read as "x OR is:marked".
    full_query = (f"({query}) is:marked" if query.strip() else "is:marked") if marked else query
    result = run_search(store, full_query, limit=limit, count_cap=0)
    facts = fact_details(store, [h.id for h in result.hits])
    if fmt == "json":
        content = render_json(facts)
    else:
        content = render_markdown(facts, query=full_query, database=str(store.path))
    if output is None:
        click.echo(content, nl=False)
        return
    path = write_atomic(output, content, overwrite=force)
    click.echo(f"Wrote {len(facts)} facts to {path}", err=True)


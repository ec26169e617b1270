"""``relexplorer export``: the facts matching a query (or the marked ones) to Markdown or JSON,
cited in a style, and optionally the cited documents to a BibTeX or CSL-JSON file."""

from __future__ import annotations

import os
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
from relexplorer.export import (
    DEFAULT_STYLE,
    STYLES,
    CitedWorks,
    MarkdownOptions,
    bibliography_format,
    render_bibliography,
    render_json,
    render_markdown,
    write_all_atomic,
)


@main.command(cls=QueryCommand)
@query_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--style", type=click.Choice(STYLES), default=DEFAULT_STYLE, show_default=True,
              help="Citation style: plain (Author, “Title”, Outlet, Date, URL), chicago (full notes and "
                   "a bibliography) or apa (author-date notes and a reference list).")
@click.option("--bib", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the cited documents to this file, BibTeX (.bib) or CSL-JSON (.json); "
                   "the notes then cite its keys ([@key, p. 12]) for Pandoc or Zotero.")
@click.option("--marked", is_flag=True, help="Export the marked facts (combined with QUERY if given).")
@click.option("--force", is_flag=True, help="Overwrite the output (and bibliography) file if it exists.")
@click.option("--limit", type=click.IntRange(1, SQL_INT_MAX, clamp=True), default=10000, show_default=True)
@click.pass_obj
@handle_errors
def export(app_ctx: AppContext, query: str, output: Path | None, fmt: str, style: str, bib: Path | None,
           marked: bool, force: bool, limit: int) -> None:
    """Export the facts matching QUERY (or the marked ones) to Markdown or JSON.

    Each quote gets a footnote citing its source (author, title, outlet, date, page, section,
    URL); the exact character span is kept in an HTML comment (JSON: start and end).
    """
    from relexplorer.catalog import fact_details
    from relexplorer.search import search as run_search

    bib_kind = bibliography_format(bib) if bib is not None else ""
    store = app_ctx.store()
    full_query = (query + " is:marked").strip() if marked else query
    result = run_search(store, full_query, limit=limit, count_cap=0)
    facts = fact_details(store, [h.id for h in result.hits])
    if fmt == "json":
        content = render_json(facts, style=style)
    else:
        options = MarkdownOptions(style=style, bibliography=_bibliography_name(bib, output) if bib else "")
        content = render_markdown(facts, query=full_query, database=str(store.path), options=options)
    files: list[tuple[Path, str]] = [] if output is None else [(output, content)]
    if bib is not None:
        works = CitedWorks.of(facts)
        files.append((bib, render_bibliography(bib_kind, works.in_order(), works.keys)))
    written = write_all_atomic(files, overwrite=force) if files else []
    if output is None:
        click.echo(content, nl=False)
    noun = "fact" if len(facts) == 1 else "facts"
    if output is not None:
        click.echo(f"Wrote {len(facts)} {noun} to {written[0]}", err=True)
    if bib is not None:
        cited = len({f.document_id for f in facts})
        click.echo(f"Wrote {cited} cited document{'' if cited == 1 else 's'} to {written[-1]}", err=True)


def _bibliography_name(bib: Path, output: Path | None) -> str:
    """The bibliography as the Markdown's front matter names it: relative to the Markdown file,
    so that ``pandoc --citeproc`` finds it from there."""
    if output is None:
        return str(bib)
    try:
        return os.path.relpath(bib.expanduser().absolute(), output.expanduser().absolute().parent)
    except ValueError:  # another drive (Windows): only an absolute path names it
        return str(bib.expanduser().absolute())

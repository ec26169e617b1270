"""``relexplorer serve``: the database in a web browser for a team, through Datasette (read-only)."""

from __future__ import annotations

import json

import click

from relexplorer.cli.context import AppContext, handle_errors
from relexplorer.cli.main import main
from relexplorer.errors import StoreError


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 lets other machines of the network in.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--stop-after", type=click.FloatRange(0, min_open=True), metavar="SECONDS",
              help="Stop serving after this many seconds.")
@click.option("--metadata", "print_metadata", is_flag=True,
              help="Print the Datasette metadata as JSON and exit (for 'datasette FILE -m metadata.json').")
@click.pass_obj
@handle_errors
def serve(app_ctx: AppContext, host: str, port: int, stop_after: float | None, print_metadata: bool) -> None:
    """Share the database in a web browser: Datasette, read-only, with full-text search on the
    facts, facets, labels, canned queries and a description of every table and column.

    Needs the optional extra: pip install 'relexplorer[serve]'. Documents ingested while it
    serves show up at the next page.
    """
    from relexplorer.serve import (
        SETTINGS,
        build_metadata,
        database_name,
        listen,
        make_datasette,
        require_datasette,
        run,
    )

    if not print_metadata:
        require_datasette()
    if not app_ctx.is_default and not app_ctx.db_path.exists():
        raise StoreError(f"{app_ctx.db_path}: no such database")
    store = app_ctx.store()
    path = store.path.resolve()
    name = database_name(path)
    metadata = build_metadata(store, name)
    store.close()  # Datasette opens its own read-only connections
    if print_metadata:
        click.echo(json.dumps(metadata, indent=2, ensure_ascii=False))
        return
    listener = listen(host, port)
    datasette = make_datasette(path, metadata, SETTINGS)
    base = listener.url + datasette.urls.database(name)
    click.echo(f"Serving {path} read-only at {base}")
    click.echo(f"  facts (search box): {listener.url}{datasette.urls.table(name, 'facts')}")
    if listener.everywhere:
        click.echo(f"  listening on every network interface ({host or '0.0.0.0'}:{listener.socket.getsockname()[1]})")
    click.echo("Press Ctrl+C to stop." if stop_after is None else f"Stopping after {stop_after:g} seconds.")
    run(datasette, listener, stop_after)
    click.echo("Stopped.", err=True)

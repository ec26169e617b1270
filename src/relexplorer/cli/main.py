"""The ``relexplorer`` group: without a command it opens the explorer; the commands are
registered by the modules of this package."""

from __future__ import annotations

from pathlib import Path

import click

from relexplorer import __version__
from relexplorer.cli.context import AppContext, handle_errors


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="RELEXPLORER_DB",
              help="Database file (default: $RELEXPLORER_DB, else db/relexplorer.db in a source "
                   "checkout, else ~/.local/share/relexplorer/relexplorer.db).")
@click.version_option(__version__, prog_name="relexplorer")
@click.pass_context
@handle_errors
def main(ctx: click.Context, db_path: Path | None) -> None:
    """Explore the facts and figures inside policy and think-tank articles.

    Without a command, opens the explorer on the database (the default one holds the bundled
    sample article on first use).
    """
    ctx.obj = AppContext(db_path)
    if ctx.invoked_subcommand is None:
        run_explorer(ctx.obj)


def run_explorer(app_ctx: AppContext) -> None:
    """Open the Textual explorer (imported lazily: scripts never pay for it)."""
    store = app_ctx.store()
    from relexplorer.tui.app import make_app

    make_app(store).run()


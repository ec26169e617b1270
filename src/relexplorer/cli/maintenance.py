"""Maintenance commands: ``mark``, ``remove``, ``verify`` and ``db``."""

from __future__ import annotations

import dataclasses

import click

from relexplorer import catalog
from relexplorer.cli.context import SQL_INT_MAX, AppContext, fail, handle_errors
from relexplorer.cli.main import main
from relexplorer.display import one_line


@main.command()
@click.argument("fact_ids", nargs=-1, type=click.IntRange(-SQL_INT_MAX - 1, SQL_INT_MAX), required=True)
@click.option("--unmark", is_flag=True, help="Remove the marks instead.")
@click.pass_obj
@handle_errors
def mark(app_ctx: AppContext, fact_ids: tuple[int, ...], unmark: bool) -> None:
    """Mark (or --unmark) facts by id; marks are what the explorer exports."""
    store = app_ctx.store()
    known = catalog.existing_fact_ids(store, list(fact_ids))
    missing = sorted(set(fact_ids) - known)
    if missing:
        fail(f"no fact with id {', '.join(map(str, missing))}")
    store.set_marks(fact_ids, not unmark)
    click.echo(f"{'Unmarked' if unmark else 'Marked'} {len(fact_ids)} facts ({len(store.marked_ids())} marked)", err=True)


@main.command()
@click.argument("slug")
@click.pass_obj
@handle_errors
def remove(app_ctx: AppContext, slug: str) -> None:
    """Remove a document (by its slug) and everything extracted from it."""
    if not app_ctx.store(with_sample=False).remove_document(slug):
        fail(f"no document '{slug}' (see 'relexplorer documents')")
    click.echo(f"Removed {slug}", err=True)


@main.command()
@click.pass_obj
@handle_errors
def verify(app_ctx: AppContext) -> None:
    """Check every stored span against its document text; exit 1 listing any offender."""
    from relexplorer.store.verify import verify_store

    problems, checked = verify_store(app_ctx.store(with_sample=False))
    for p in problems[:200]:
        if p["table"] == "database":
            click.echo(f"database: {one_line(p['actual'])}")
            continue
        click.echo(f"{p['table']} {p['id']} in {p['document']}: [{p['start']}:{p['end']}] "
                   f"stored {one_line(p['text'])[:60]!r} but text has {one_line(p['actual'])[:60]!r}")
    damage = sum(p["table"] == "database" for p in problems)
    spans = len(problems) - damage
    if problems:
        fail("; ".join(
            ([f"the database file is damaged ({damage} problems)"] if damage else [])
            + ([f"{spans} of {checked} spans do not match their document text"] if spans else [])
        ))
    click.echo(f"OK: {checked} spans match their document text; integrity check passed")


@main.command("db")
@click.pass_obj
@handle_errors
def db_command(app_ctx: AppContext) -> None:
    """Print the database path and what it holds."""
    store = app_ctx.store(with_sample=False)
    counts = dataclasses.asdict(catalog.counts(store))
    click.echo(f"{store.path}")
    click.echo(", ".join(f"{v:,} {k}" for k, v in counts.items()))


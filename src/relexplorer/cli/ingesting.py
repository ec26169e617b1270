"""``relexplorer ingest`` and ``relexplorer open``: files, folders and URLs into the database,
with progress and a summary."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from relexplorer.cli.context import AppContext, fail, format_option, handle_errors
from relexplorer.cli.main import main, run_explorer
from relexplorer.cli.output import emit
from relexplorer.display import one_line
from relexplorer.store import Store


def _items(values: tuple[str, ...]) -> list[Path | str]:
    """A URL stays a string (a Path would fold its "//"); anything else is a path."""
    from relexplorer.read import is_url

    return [v if is_url(v) else Path(v) for v in values]


def _jobs_option(func):
    return click.option(
        "--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
        help="Read and extract in N worker processes (default: one per core).")(func)


@main.command("open")
@click.argument("paths", nargs=-1, required=True)
@click.option("--replace", is_flag=True, help="Re-extract files that are already in the database.")
@click.option("--as-new", is_flag=True, help="Keep an edited file as a second document instead of replacing it.")
@_jobs_option
@click.pass_obj
@handle_errors
def open_command(app_ctx: AppContext, paths: tuple[str, ...], replace: bool, as_new: bool, jobs: int | None) -> None:
    """Ingest FILES, folders or URLs (with progress) and open the explorer on them."""
    report = _ingest_with_progress(app_ctx.store(with_sample=False), _items(paths), replace, as_new, jobs)
    if not report.results:
        fail("nothing to open: no article could be ingested")
    run_explorer(app_ctx)


def _ingest_with_progress(store: Store, paths, replace: bool, as_new: bool = False, jobs: int | None = None):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from relexplorer.ingest import collect_files, ingest_paths, split_urls
    from relexplorer.prepare import default_jobs

    urls, others = split_urls(paths)
    files, _ = collect_files(others)
    err = Console(stderr=True)
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("Ingesting", total=len(files) + len(urls))

        def on_file(path, result, error):
            progress.advance(task)
            name = path if isinstance(path, str) else path.name
            progress.update(task, description=f"Ingesting {name[:40]}")

        report = ingest_paths(store, paths, replace=replace, as_new=as_new, on_file=on_file,
                              jobs=jobs or default_jobs())
    for _, message in report.errors:
        click.echo(f"relexplorer: {one_line(message)}", err=True)  # one unwrapped line per file
    return report


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--replace", is_flag=True, help="Re-extract files that are already in the database.")
@click.option("--as-new", is_flag=True, help="Keep an edited file as a second document instead of replacing it.")
@_jobs_option
@format_option
@click.pass_obj
@handle_errors
def ingest(app_ctx: AppContext, paths: tuple[str, ...], replace: bool, as_new: bool, jobs: int | None,
           fmt: str) -> None:
    """Ingest article files (.txt, .md, .html, .pdf), folders of them and URLs (http, https)
    into the database.

    Files are read and extracted in worker processes (--jobs, one per core by default) and
    stored in the order named. Each document is stored in one transaction; files that fail are
    reported and skipped. A URL
    already ingested (after its redirects) is replaced. Exits 1 if any file failed.
    """
    store = app_ctx.store(with_sample=False)
    report = _ingest_with_progress(store, _items(paths), replace, as_new, jobs)
    rows = [
        {"path": str(path), "status": r.status, "slug": r.slug, "title": r.title,
         "facts": r.facts, "figures": r.figures, "error": ""}
        for path, r in report.results
    ] + [
        {"path": str(path), "status": "error", "slug": "", "title": "", "facts": 0, "figures": 0, "error": msg}
        for path, msg in report.errors
    ]
    emit(rows, fmt, [("status", "Status"), ("slug", "Document"), ("facts", "Facts"),
                     ("figures", "Figures"), ("path", "File")],
         title=f"Ingested into {store.path}")
    if report.errors:
        sys.exit(1)


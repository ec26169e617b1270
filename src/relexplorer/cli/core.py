"""Command line: ``relexplorer`` opens the explorer; sub-commands script the same core.

Every listing command takes ``--format table|json|csv``. Errors print one line on stderr and
exit non-zero (1 for a user error, 2 for bad usage); no traceback reaches the user unless
``RELEXPLORER_DEBUG=1`` is set.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from relexplorer import __version__
from relexplorer.display import one_line
from relexplorer.errors import RelexplorerError
from relexplorer.export import format_value, render_json, render_markdown, write_atomic
from relexplorer.model import ENTITY_KINDS, FIGURE_KINDS
from relexplorer.store import Store, default_db_path, open_store

FORMATS = click.Choice(["table", "json", "csv"])
_MAX_WIDTH = {"slug": 20, "document": 20, "sections": 24}
# SQLite integers are 64-bit: a larger id or limit would fail deep inside with OverflowError.
SQL_INT_MAX = 2**63 - 1


class AppContext:
    """What sub-commands share: the database path, opened lazily."""

    def __init__(self, db_path: Path | None):
        self.db_path = db_path
        self._store: Store | None = None

    @property
    def is_default(self) -> bool:
        return self.db_path is None

    def store(self, *, with_sample: bool = True) -> Store:
        """Open the database; the default one gets the bundled sample on first use."""
        if self._store is None:
            self._store = open_store(self.db_path or default_db_path())
            if with_sample and self.is_default:
                from relexplorer.ingest import ensure_sample

                ensure_sample(self._store)
        return self._store


def fail(message: str, code: int = 1) -> None:
    """Print one clear line on stderr and exit."""
    # Messages quote user input (paths, queries, slugs): one line, no escapes reach the terminal.
    click.echo(f"relexplorer: {one_line(message)}", err=True)
    sys.exit(code)


def handle_errors(func: Callable) -> Callable:
    """Turn user-facing errors into one line on stderr and a non-zero exit."""
    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except RelexplorerError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except sqlite3.DatabaseError as exc:  # a damaged file, or a lock held for too long
            if os.environ.get("RELEXPLORER_DEBUG"):
                raise
            fail(_database_error(exc))
        except Exception as exc:  # the last line of defence: never a traceback by default
            if os.environ.get("RELEXPLORER_DEBUG"):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (set RELEXPLORER_DEBUG=1 for details)")
    return wrapper


def _database_error(exc: Exception) -> str:
    detail = str(exc)[:200]  # a decoding error quotes the whole column
    if "locked" in detail or "busy" in detail:
        return f"the database is busy: another program held it for over 30 seconds ({detail}); try again"
    if "full" in detail:
        return f"cannot write the database ({detail}); free some disk space and try again"
    if "readonly" in detail or "read-only" in detail:
        return f"cannot write the database ({detail}); check the file's permissions"
    return f"cannot read the database ({detail}); the file may be damaged: 'relexplorer verify' checks it"


def format_option(func: Callable) -> Callable:
    """The ``--format`` option shared by every listing command."""
    return click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
                        help="Output format: a table for people, JSON or CSV for scripts.")(func)


def emit(rows: list[dict], fmt: str, columns: list[tuple[str, str]], title: str | None = None,
         render: dict[str, Callable] | None = None) -> None:
    """Print rows as a Rich table, JSON or CSV. ``columns`` are ``(key, header)`` pairs."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        keys = list(rows[0].keys()) if rows else [k for k, _ in columns]
        writer = csv.DictWriter(buffer, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                             for k, v in row.items()})
        click.echo(buffer.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    render = render or {}
    # A title echoes a query or a path: plain Text, so that "[/x]" is shown, not parsed as markup.
    table = Table(title=Text(one_line(title)) if title else None, show_lines=False, expand=False)
    numeric = ("value", "facts", "figures", "id", "fact_id", "start", "end")
    for key, header in columns:
        # Numbers are never cut or wrapped (a value must read whole); long names wrap inside a
        # capped width so that the fact text keeps most of an 80-column terminal.
        cut = key in ("slug", "document", "sections")  # identifiers: the JSON has them whole
        table.add_column(header, overflow="ellipsis" if cut else "fold", no_wrap=key in numeric or cut,
                         max_width=_MAX_WIDTH.get(key),
                         justify="right" if key in numeric else "left")
    for row in rows:
        cells = []
        for key, _ in columns:
            if key in render:
                cell = render[key](row)
            else:
                value = row.get(key, "")
                cell = Text(one_line(", ".join(map(str, value)) if isinstance(value, list) else str(value if value is not None else "")))
            cells.append(cell)
        table.add_row(*cells)
    Console().print(table)


def query_argument(func: Callable) -> Callable:
    """QUERY as the rest of the words, so that ``search trade -sanctions`` needs no ``--``."""
    return click.argument("query", nargs=-1, callback=lambda ctx, param, words: " ".join(words))(func)


# A query may begin with "-word" (exclusion): unknown options are words of the query.
QUERY_COMMAND = {"ignore_unknown_options": True}


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


@main.command("open")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Re-extract files that are already in the database.")
@click.pass_obj
@handle_errors
def open_command(app_ctx: AppContext, paths: tuple[Path, ...], replace: bool) -> None:
    """Ingest FILES or folders (with progress) and open the explorer on them."""
    report = _ingest_with_progress(app_ctx.store(with_sample=False), paths, replace)
    if not report.results:
        fail("nothing to open: no article could be ingested")
    run_explorer(app_ctx)


def _ingest_with_progress(store: Store, paths, replace: bool):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from relexplorer.ingest import collect_files, ingest_paths

    files, _ = collect_files(paths)
    err = Console(stderr=True)
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("Ingesting", total=len(files))

        def on_file(path, result, error):
            progress.advance(task)
            progress.update(task, description=f"Ingesting {path.name[:40]}")

        report = ingest_paths(store, paths, replace=replace, on_file=on_file)
    for _, message in report.errors:
        click.echo(f"relexplorer: {one_line(message)}", err=True)  # one unwrapped line per file
    return report


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Re-extract files that are already in the database.")
@format_option
@click.pass_obj
@handle_errors
def ingest(app_ctx: AppContext, paths: tuple[Path, ...], replace: bool, fmt: str) -> None:
    """Ingest article files (.txt, .md, .html) and folders of them into the database.

    Each document is stored in one transaction; files that fail are reported and skipped.
    Exits 1 if any file failed.
    """
    store = app_ctx.store(with_sample=False)
    report = _ingest_with_progress(store, paths, replace)
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


@main.command()
@click.option("--with-text", is_flag=True, help="Include the stored document text (JSON/CSV).")
@format_option
@click.pass_obj
@handle_errors
def documents(app_ctx: AppContext, with_text: bool, fmt: str) -> None:
    """List the documents: title, author, date, source, sections and counts."""
    rows = []
    for d in app_ctx.store().documents(with_text=with_text):
        row = {
            "slug": d["slug"], "title": d["title"], "author": d["author"], "editor": d["editor"],
            "date": d["published"], "source": d["source"], "path": d["path"],
            "sections": [{"label": s["label"], "heading": s["heading"], "level": s["level"]} for s in d["sections"]],
            "facts": d["fact_count"], "figures": d["figure_count"],
        }
        if with_text:
            row["text"] = d["text"]
        rows.append(row)

    def sections_cell(row):
        from rich.text import Text
        labels = [x["label"] for x in row["sections"] if x["label"]]
        return Text(f"{len(row['sections'])}" + (f" ({labels[0]}–{labels[-1]})" if labels else ""))

    emit(rows, fmt, [("slug", "Document"), ("title", "Title"), ("author", "Author"), ("date", "Date"),
                     ("source", "Source"), ("sections", "Sections"), ("facts", "Facts"), ("figures", "Figures")],
         render={"sections": sections_cell})


@main.command(context_settings=QUERY_COMMAND)
@query_argument
@click.option("--limit", type=click.IntRange(1, 100000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0, SQL_INT_MAX, clamp=True), default=0, show_default=True)
@click.option("--order", type=click.Choice(["position", "rank"]), default="position", show_default=True,
              help="Document order, or best match first.")
@format_option
@click.pass_obj
@handle_errors
def search(app_ctx: AppContext, query: str, limit: int, offset: int, order: str, fmt: str) -> None:
    """Facts matching QUERY (see the README for the syntax), matches highlighted.

    Examples: 'trade percent>20', '"strategic partnership" -US', 'topic:energy year:2017'.
    """
    from relexplorer.search import highlight_spans
    from relexplorer.search import search as run_search

    result = run_search(app_ctx.store(), query, limit=limit, offset=offset, order=order)
    rows = [
        {"id": h["id"], "document": h["document"], "section": h["section"] or "", "text": h["text"],
         "start": h["start"], "end": h["end"], "topics": h["topics"], "figures": h["figures"]}
        for h in result.hits
    ]

    def text_cell(row):
        from rich.text import Text
        text = Text(one_line(row["text"]))
        for s, e in highlight_spans(row["text"], result.query):
            text.stylize("bold reverse", s, e)
        return text

    emit(rows, fmt, [("id", "Id"), ("document", "Document"), ("section", "§"), ("text", "Fact")],
         title=f"{result.total_label} facts match {query!r}" if query else f"{result.total_label} facts",
         render={"text": text_cell})


@main.command(context_settings=QUERY_COMMAND)
@query_argument
@click.option("--kind", type=click.Choice(FIGURE_KINDS), help="Only figures of this kind.")
@click.option("--unit", help="Only figures in this unit (e.g. USD, percent).")
@click.option("--sort", type=click.Choice(["position", "value"]), default="position", show_default=True)
@click.option("--limit", type=click.IntRange(1, SQL_INT_MAX, clamp=True), default=1000, show_default=True)
@format_option
@click.pass_obj
@handle_errors
def figures(app_ctx: AppContext, query: str, kind: str | None, unit: str | None, sort: str,
            limit: int, fmt: str) -> None:
    """Figures with normalised values (optionally of the facts matching QUERY)."""
    from relexplorer.search import build_sql, parse_query

    store = app_ctx.store()
    sql = ('SELECT d.slug AS document, g.fact_id, g.text, g.start, g."end", g.value, g.end_value, '
           "g.unit, g.kind, g.label FROM figures g JOIN documents d ON d.id = g.document_id")
    clauses, params = [], []
    parsed = parse_query(query)
    if not parsed.empty:
        where, where_params, _ = build_sql(parsed, marked_ids=store.marked_ids())
        clauses.append(f"g.fact_id IN ({where})")
        params += where_params
    if kind:
        clauses.append("g.kind = ?")
        params.append(kind)
    if unit:
        clauses.append("g.unit = ? COLLATE NOCASE")
        params.append(unit)
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY " + ("g.value DESC" if sort == "value" else "g.document_id, g.start") + " LIMIT ?"
    try:
        rows = store.rows(sql, [*params, limit])
    except Exception as exc:
        raise RelexplorerError(f"cannot run this query: {exc}") from None

    def value_cell(row):
        from rich.text import Text
        return Text(format_value(row["value"], row["end_value"], row["unit"]))

    emit(rows, fmt, [("document", "Document"), ("text", "As written"), ("value", "Value"), ("unit", "Unit"),
                     ("kind", "Kind"), ("label", "Measures"), ("fact_id", "Fact")],
         render={"value": value_cell})


@main.command()
@click.option("--kind", type=click.Choice(ENTITY_KINDS), help="Only people, organisations or places.")
@click.option("--limit", type=click.IntRange(1, SQL_INT_MAX, clamp=True), default=1000, show_default=True)
@format_option
@click.pass_obj
@handle_errors
def entities(app_ctx: AppContext, kind: str | None, limit: int, fmt: str) -> None:
    """People, organisations and places, with the number of facts that mention each."""
    sql = "SELECT name, kind, fact_count AS facts FROM entities"
    params: list = []
    if kind:
        sql += " WHERE kind = ?"
        params.append(kind)
    rows = app_ctx.store().rows(sql + " ORDER BY fact_count DESC, name LIMIT ?", [*params, limit])
    emit(rows, fmt, [("name", "Name"), ("kind", "Kind"), ("facts", "Facts")])


@main.command()
@format_option
@click.pass_obj
@handle_errors
def topics(app_ctx: AppContext, fmt: str) -> None:
    """Themes from the taxonomy, with the number of facts tagged with each."""
    rows = app_ctx.store().rows("SELECT name, label, fact_count AS facts FROM topics ORDER BY fact_count DESC, name")
    emit(rows, fmt, [("name", "Name"), ("label", "Theme"), ("facts", "Facts")])


@main.command(context_settings=QUERY_COMMAND)
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
    from relexplorer.search import fact_detail
    from relexplorer.search import search as run_search

    store = app_ctx.store()
    full_query = (query + " is:marked").strip() if marked else query
    result = run_search(store, full_query, limit=limit, count_cap=0)
    facts = [fact_detail(store, h["id"]) for h in result.hits]
    if fmt == "json":
        content = render_json(facts)
    else:
        content = render_markdown(facts, query=full_query, database=str(store.path))
    if output is None:
        click.echo(content, nl=False)
        return
    path = write_atomic(output, content, overwrite=force)
    click.echo(f"Wrote {len(facts)} facts to {path}", err=True)


@main.command()
@click.argument("fact_ids", nargs=-1, type=click.IntRange(-SQL_INT_MAX - 1, SQL_INT_MAX), required=True)
@click.option("--unmark", is_flag=True, help="Remove the marks instead.")
@click.pass_obj
@handle_errors
def mark(app_ctx: AppContext, fact_ids: tuple[int, ...], unmark: bool) -> None:
    """Mark (or --unmark) facts by id; marks are what the explorer exports."""
    store = app_ctx.store()
    known = {r["id"] for r in store.rows(
        f"SELECT id FROM facts WHERE id IN ({','.join('?' * len(fact_ids))})", list(fact_ids))}
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
    from relexplorer.verify import verify_store

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
    counts = store.counts()
    click.echo(f"{store.path}")
    click.echo(", ".join(f"{v:,} {k}" for k, v in counts.items()))

"""What every command shares: the database (opened lazily), one-line errors, and the options
and arguments that several commands take.

Errors print one line on stderr and exit non-zero (1 for a user error, 2 for bad usage); no
traceback reaches the user unless ``RELEXPLORER_DEBUG=1`` is set.
"""

from __future__ import annotations

import difflib
import os
import sqlite3
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from relexplorer.display import one_line
from relexplorer.errors import RelexplorerError
from relexplorer.store import Store, default_db_path, open_store

FORMATS = click.Choice(["table", "json", "csv"])
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


def query_argument(func: Callable) -> Callable:
    """QUERY as the rest of the words, so that ``search trade -sanctions`` needs no ``--``."""
    return click.argument("query", nargs=-1, callback=lambda ctx, param, words: " ".join(words))(func)


# A query may begin with "-word" (exclusion): unknown options are words of the query.


class QueryCommand(click.Command):
    """A command whose QUERY is the rest of the words, where ``-word`` is a negated search term.

    Only the command's own options are read as options; any other word, ``-china`` included, is
    a word of the query (Click alone would read ``-china`` as the short options ``-c -h -i ...``
    and show the help). A word starting with ``--`` that is no option of the command is a usage
    error (exit 2) unless it comes after ``--``: a typo such as ``--limt 5`` must not silently
    become a query.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        options = {name: param for param in self.get_params(ctx) if isinstance(param, click.Option)
                   for name in (*param.opts, *param.secondary_opts)}
        front: list[str] = []
        words: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            name = arg.split("=", 1)[0]
            if arg == "--":
                words += args[i + 1 :]
                break
            if name in options:
                front.append(arg)
                option = options[name]
                if not option.is_flag and not option.count and "=" not in arg and i + 1 < len(args):
                    front.append(args[i + 1])
                    i += 1
            elif arg.startswith("--") and len(arg) > 2:
                close = difflib.get_close_matches(name, [o for o in options if o.startswith("--")], n=3)
                raise click.NoSuchOption(name, possibilities=close, ctx=ctx)
            else:
                words.append(arg)
            i += 1
        return super().parse_args(ctx, [*front, "--", *words])

"""Output of the listing commands: a Rich table for people, JSON or CSV for scripts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import click

from relexplorer.display import one_line

_MAX_WIDTH = {"slug": 20, "document": 20, "sections": 24}


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


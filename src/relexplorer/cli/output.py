"""Output of the listing commands: a Rich table for people, JSON or CSV for scripts.

The table reads at 80 columns: numbers, dates, kinds and source tags never wrap; slugs break
only after a hyphen; titles and facts wrap between words, each column at least as wide as its
longest word. Columns named ``optional`` are left out, in that order, when the terminal is too
narrow for all of them (the JSON and CSV always have every field).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable

import click

from relexplorer.display import one_line

NUMERIC = ("value", "facts", "figures", "id", "fact_id", "start", "end")
NO_WRAP = (*NUMERIC, "date", "kind", "unit", "source_tag", "status", "section")
IDENTIFIERS = ("slug", "document")  # broken only after a hyphen
IDENTIFIER_WIDTH = 22
LONGEST_WORD = 24
SLACK = 24  # columns kept free for the wrapping columns before optional ones are left out  # a longer "word" (a URL, a path) folds rather than widen its column without end


def emit(rows: list[dict], fmt: str, columns: list[tuple[str, str]], title: str | None = None,
         render: dict[str, Callable] | None = None, optional: tuple[str, ...] = ()) -> None:
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

    console = Console()
    console.print(table_of(rows, columns, title=title, render=render, optional=optional, width=console.width))


def table_of(rows: list[dict], columns: list[tuple[str, str]], *, title: str | None = None,
             render: dict[str, Callable] | None = None, optional: tuple[str, ...] = (), width: int = 80):
    """The Rich table of ``rows`` for a terminal ``width`` columns wide."""
    from rich.table import Table
    from rich.text import Text

    render = render or {}
    cells = {key: [_cell(row, key, render) for row in rows] for key, _ in columns}
    minimum = {key: _min_width(key, header, cells[key]) for key, header in columns}
    natural = {key: max([len(header), minimum[key], *(len(line) for cell in cells[key] for line in cell.plain.split("\n"))])
               for key, header in columns}
    shown = list(columns)
    for key in optional:
        if sum(minimum[k] + 3 for k, _ in shown) + 1 <= width - SLACK:
            break
        shown = [c for c in shown if c[0] != key]
    widths = _share(shown, minimum, natural, width - 3 * len(shown) - 1)
    # A title echoes a query or a path: plain Text, so that "[/x]" is shown, not parsed as markup.
    table = Table(title=Text(one_line(title)) if title else None, show_lines=False, expand=False)
    for key, header in shown:
        table.add_column(header, overflow="fold", no_wrap=key in NO_WRAP or key in IDENTIFIERS,
                         width=widths.get(key), justify="right" if key in NUMERIC else "left")
    for index in range(len(rows)):
        table.add_row(*(cells[key][index] for key, _ in shown))
    return table


def _share(columns: list[tuple[str, str]], minimum: dict[str, int], natural: dict[str, int],
           room: int) -> dict[str, int]:
    """Column widths: every column its minimum, then the room left to the columns that wrap, in
    proportion to what they lack of their natural width. Empty when even the minimums do not
    fit (Rich then squeezes the table as best it can)."""
    widths = {key: minimum[key] for key, _ in columns}
    spare = room - sum(widths.values())
    if spare < 0:
        return {}
    wanting = {key: natural[key] - widths[key] for key in widths if natural[key] > widths[key]}
    while spare > 0 and wanting:
        total = sum(wanting.values())
        given = 0
        for key, lack in list(wanting.items()):
            share = min(lack, max(1, spare * lack // total))
            share = min(share, spare - given)
            widths[key] += share
            given += share
            wanting[key] -= share
            if wanting[key] <= 0:
                del wanting[key]
        spare -= given
        if not given:
            break
    return widths


def _cell(row: dict, key: str, render: dict[str, Callable]):
    from rich.text import Text

    if key in render:
        return render[key](row)
    value = row.get(key, "")
    text = one_line(", ".join(map(str, value)) if isinstance(value, list) else str(value if value is not None else ""))
    if key in IDENTIFIERS:
        return Text("\n".join(hyphen_lines(text, IDENTIFIER_WIDTH)))
    return Text(text)


def hyphen_lines(slug: str, width: int) -> list[str]:
    """``slug`` cut after hyphens into lines of at most ``width`` characters (a longer piece
    stays whole)."""
    lines: list[str] = []
    for piece in re.findall(r"[^-]*-+|[^-]+$", slug):
        if lines and len(lines[-1]) + len(piece) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines or [slug]


def _min_width(key: str, header: str, cells: list) -> int:
    header_word = max((len(w) for w in header.split()), default=1)
    lines = [line for cell in cells for line in cell.plain.split("\n")]
    if key in NO_WRAP or key in IDENTIFIERS:
        return max([header_word, *(len(line) for line in lines)])
    longest = max((len(w) for line in lines for w in line.split()), default=1)
    return max(header_word, min(longest, LONGEST_WORD))

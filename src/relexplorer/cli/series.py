"""``relexplorer series``: the same figure across documents and years, and where sources disagree."""

from __future__ import annotations

import click

from relexplorer.cli.context import (
    AppContext,
    QueryCommand,
    format_option,
    handle_errors,
    query_argument,
)
from relexplorer.cli.main import main
from relexplorer.cli.output import emit
from relexplorer.model import Series

COLUMNS = [("year", "Year"), ("value", "Value"), ("document", "Document"), ("fact_id", "Fact"),
           ("period_source", "From"), ("conflict", "Conflict")]
# The table for people: the figure as written (the normalised value is in JSON and CSV), and
# short words for where the year came from, so that nothing breaks inside a word at 80 columns.
TABLE_COLUMNS = [("year", "Year"), ("text", "Figure"), ("source_tag", "Source"), ("document", "Document"),
                 ("fact_id", "Fact"), ("period_source", "Year from"), ("conflict", "Differs")]
NARROW_DROPS = ("document", "period_source")  # left out of the table when 80 columns cannot hold them
PERIOD_SHORT = {"fact": "fact", "paragraph": "para.", "document date": "doc. date", "": "–"}


def series_rows(found: list[Series]) -> list[dict]:
    """One row per figure of each series, as the JSON and CSV outputs give them."""
    rows = []
    for s in found:
        for p in s.points:
            g = p.figure
            rows.append({
                "series": s.key, "subject": s.subject, "year": g.year, "end_year": g.end_year,
                "period_source": g.period_source, "value": g.value, "unit": g.unit, "kind": g.kind,
                "document": g.document, "source_tag": g.source_tag, "fact_id": g.fact_id, "text": g.text,
                "fact": p.fact_text,
                "conflict": p.conflict, "conflicts_with": p.conflicts,
            })
    return rows


@main.command(cls=QueryCommand)
@query_argument
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="The most series listed.")
@format_option
@click.pass_obj
@handle_errors
def series(app_ctx: AppContext, query: str, limit: int, fmt: str) -> None:
    """Series of figures (the same subject in one unit family) of the facts matching QUERY.

    Each series touched by a matching fact is listed whole, across documents: one row per
    figure with its year, value, document and fact. Conflict rule: two figures conflict when
    they are in the same series, about the same year, in the same unit, from different
    documents, and their values differ by more than 1% AND still differ once both are rounded to
    the precision of the less precise one ("$147 billion" vs "$141 billion" conflict; "$240
    billion" vs "$240.11 billion" do not). A conflicting row names the other facts.

    Examples: 'trade russia', 'defence budget', 'doc:SLUG', '' (every series).
    """
    from relexplorer.search.series import matching_series

    found = matching_series(app_ctx.store(), query, limit=limit)
    rows = series_rows(found)
    if fmt != "table":
        emit(rows, fmt, COLUMNS)
        return
    if not found:
        click.echo(f"no series in the facts matching {query!r}" if query else "no series yet")
        return
    by_key: dict[str, list[dict]] = {}
    for row in rows:
        by_key.setdefault(row["series"], []).append(row)
    for s in found:
        _table(s, by_key[s.key])


def _table(s: Series, rows: list[dict]) -> None:
    from rich.text import Text

    def text_cell(row):
        return Text(row["text"])

    def period_cell(row):
        return Text(PERIOD_SHORT.get(row["period_source"], row["period_source"]), no_wrap=True)

    def year_cell(row):
        year, end = row["year"], row["end_year"]
        return Text("?" if year is None else f"{year}–{end}" if end else str(year))

    def conflict_cell(row):
        if not row["conflict"]:
            return Text("")
        return Text("≠ " + " ".join(map(str, row["conflicts_with"])), style="bold red")

    title = f"{s.subject} ({s.family}): {len(s.points)} figures"
    if s.conflicts:
        title += f", {s.conflicts} in conflict"
    if s.truncated:
        title += " (first ones only)"
    emit(rows, "table", TABLE_COLUMNS, title=title,
         render={"text": text_cell, "year": year_cell, "period_source": period_cell, "conflict": conflict_cell},
         optional=NARROW_DROPS)

"""The listing commands: ``documents``, ``search``, ``figures``, ``entities``, ``topics``."""

from __future__ import annotations

import click

from relexplorer import catalog
from relexplorer.cli.context import (
    SQL_INT_MAX,
    AppContext,
    QueryCommand,
    format_option,
    handle_errors,
    query_argument,
)
from relexplorer.cli.main import main
from relexplorer.cli.output import emit
from relexplorer.display import one_line
from relexplorer.export import format_value
from relexplorer.model import ENTITY_KINDS, FIGURE_KINDS


@main.command()
@click.option("--with-text", is_flag=True, help="Include the stored document text (JSON/CSV).")
@format_option
@click.pass_obj
@handle_errors
def documents(app_ctx: AppContext, with_text: bool, fmt: str) -> None:
    """List the documents: title, author, date, source, sections and counts."""
    rows = []
    store = app_ctx.store()
    tags = catalog.source_tags(store)
    for d in catalog.documents(store, with_text=with_text):
        row = {
            "slug": d.slug, "source_tag": tags.get(d.id, ""), "title": d.title, "author": d.author, "editor": d.editor,
            "date": d.published, "source": d.source, "url": d.url, "path": d.path,
            "sections": [{"label": s.label, "heading": s.heading, "level": s.level} for s in d.sections],
            "facts": d.facts, "figures": d.figures,
        }
        if with_text:
            row["text"] = d.text
        rows.append(row)

    def sections_cell(row):
        from rich.text import Text
        labels = [x["label"] for x in row["sections"] if x["label"]]
        return Text(f"{len(row['sections'])}" + (f" ({labels[0]}–{labels[-1]})" if labels else ""))

    def title_cell(row):
        from rich.text import Text

        from relexplorer.cli.output import IDENTIFIER_WIDTH, hyphen_lines
        text = Text(one_line(row["title"]) or "(no title)")
        text.append("\n" + "\n".join(hyphen_lines(row["slug"], IDENTIFIER_WIDTH)), "dim")
        return text

    emit(rows, fmt, [("source_tag", "Source"), ("title", "Title / document"), ("author", "Author"),
                     ("date", "Date"), ("source", "Outlet"), ("sections", "Sections"), ("facts", "Facts"),
                     ("figures", "Figures")],
         render={"sections": sections_cell, "title": title_cell}, optional=("sections", "source", "author"))


@main.command(cls=QueryCommand)
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
        {"id": h.id, "document": h.document, "source_tag": h.source_tag, "section": h.section.label if h.section else "", "text": h.text,
         "start": h.start, "end": h.end, "topics": h.topics, "figures": [g.summary() for g in h.figures],
         "speakers": [s.summary() for s in h.speakers]}
        for h in result.hits
    ]

    def text_cell(row):
        from rich.text import Text
        text = Text(one_line(row["text"]))
        for s, e in highlight_spans(row["text"], result.query):
            text.stylize("bold reverse", s, e)
        return text

    emit(rows, fmt, [("id", "Id"), ("source_tag", "Source"), ("document", "Document"), ("section", "§"),
                     ("text", "Fact")], optional=("document",),
         title=f"{result.total_label} facts match {query!r}" if query else f"{result.total_label} facts",
         render={"text": text_cell})


@main.command(cls=QueryCommand)
@query_argument
@click.option("--kind", type=click.Choice(FIGURE_KINDS), help="Only figures of this kind.")
@click.option("--unit", help="Only figures in this unit (e.g. USD, percent).")
@click.option("--label", "label", metavar="WORDS",
              help="Only figures whose subject (what they measure) contains WORDS, e.g. 'trade'.")
@click.option("--sort", type=click.Choice(["position", "value"]), default="position", show_default=True,
              help="Document order, or by unit and then value (largest first): units never mix.")
@click.option("--limit", type=click.IntRange(1, SQL_INT_MAX, clamp=True), default=1000, show_default=True)
@format_option
@click.pass_obj
@handle_errors
def figures(app_ctx: AppContext, query: str, kind: str | None, unit: str | None, label: str | None,
            sort: str, limit: int, fmt: str) -> None:
    """Figures with normalised values (optionally of the facts matching QUERY)."""
    from relexplorer.search import matching_figures, parse_query

    store = app_ctx.store()
    parsed = parse_query(query)
    figures = matching_figures(store, parsed, marked_ids=store.marked_ids() if not parsed.empty else None,
                               kind=kind, unit=unit, label=label, sort=sort, limit=limit)
    rows = [{"document": g.document, "fact_id": g.fact_id, **g.summary(), "source_tag": g.source_tag}
            for g in figures]

    def value_cell(row):
        from rich.text import Text
        unit = row["unit"] if row["unit"] not in ("", "year", "count") else ""
        return Text(f"{format_value(row['value'], row['end_value'], row['unit'])} {one_line(unit)}".strip())

    # The value carries its unit (one column fewer at 80 columns); the JSON and CSV keep them apart.
    emit(rows, fmt, [("source_tag", "Source"), ("document", "Document"), ("text", "As written"), ("value", "Value"),
                     ("kind", "Kind"), ("label", "Measures"), ("fact_id", "Fact")],
         render={"value": value_cell}, optional=("document", "kind"))


@main.command()
@click.option("--kind", type=click.Choice(ENTITY_KINDS), help="Only people, organisations or places.")
@click.option("--limit", type=click.IntRange(1, SQL_INT_MAX, clamp=True), default=1000, show_default=True)
@format_option
@click.pass_obj
@handle_errors
def entities(app_ctx: AppContext, kind: str | None, limit: int, fmt: str) -> None:
    """People, organisations and places, with the number of facts that mention each."""
    rows = [{"name": e.name, "kind": e.kind, "facts": e.facts}
            for e in catalog.entity_counts(app_ctx.store(), kind, limit)]
    emit(rows, fmt, [("name", "Name"), ("kind", "Kind"), ("facts", "Facts")])


@main.command()
@format_option
@click.pass_obj
@handle_errors
def topics(app_ctx: AppContext, fmt: str) -> None:
    """Themes from the taxonomy, with the number of facts tagged with each."""
    rows = [{"name": t.name, "label": t.label, "facts": t.facts}
            for t in sorted(catalog.topic_counts(app_ctx.store()), key=lambda t: (-t.facts, t.name))]
    emit(rows, fmt, [("name", "Name"), ("label", "Theme"), ("facts", "Facts")])


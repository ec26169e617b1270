"""A series exported: Markdown (the table by period and source, with a footnote citation for
each value) and CSV (one row per figure), both from a :class:`~relexplorer.comparison.Comparison`.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from relexplorer import __version__
from relexplorer.comparison import Comparison
from relexplorer.export.citations import CitedWorks, span_comment
from relexplorer.export.escape import escape_markdown, yaml_string
from relexplorer.export.styles import DEFAULT_STYLE, as_markdown
from relexplorer.model import FactDetail
from relexplorer.series import CONFLICT_RULE

CSV_FIELDS = ("series", "subject", "year", "end_year", "period_source", "value", "end_value", "unit", "kind",
              "text", "document", "source_tag", "fact_id", "fact_text", "conflict", "conflicts")


def render_series_markdown(table: Comparison, facts: list[FactDetail], *, style: str = DEFAULT_STYLE,
                           database: str = "", generated: datetime | None = None) -> str:
    """The series as a Markdown table (a row per period, a column per source), each value with a
    footnote citing its fact, conflicts in bold and listed under the table."""
    series = table.series
    generated = generated or datetime.now().astimezone()
    by_id = {f.id: f for f in facts}
    cited = [by_id[i] for i in dict.fromkeys(p.figure.fact_id for p in table.points) if i in by_id]
    numbers = {f.id: n for n, f in enumerate(cited, 1)}
    works = CitedWorks.of(cited)
    title = series.subject or series.key
    lines = ["---", f"title: {yaml_string(title)}", f"series: {yaml_string(series.key)}",
             f"date: {generated.replace(microsecond=0).isoformat()}", f"database: {yaml_string(database)}",
             f"app: relexplorer {__version__}", f"figures: {len(series.points)}", f"citations: {style}", "---", "",
             f"# {escape_markdown(title)}", ""]
    lines += ["| Year | " + " | ".join(escape_markdown(s.tag) for s in table.sources) + " |",
              "|---|" + "---:|" * len(table.sources)]
    for period in table.periods:
        cells = []
        for source in table.sources:
            values = []
            for point in table.cell(period, source.document):
                value = escape_markdown(point.figure.text)
                value = f"**{value}**" if point.conflict else value
                number = numbers.get(point.figure.fact_id)
                values.append(value + (f"[^{number}]" if number else ""))
            cells.append("; ".join(values))
        lines.append(f"| {period} | " + " | ".join(cells) + " |")
    lines.append("")
    conflicts = [p for p in table.points if p.conflict]
    if conflicts:
        lines += [f"Sources disagree (in bold; the rule: {CONFLICT_RULE}):", ""]
        for point in conflicts:
            others = ", ".join(f"[^{numbers[i]}]" for i in point.conflicts if i in numbers)
            lines.append(f"- {escape_markdown(point.figure.source_tag or point.figure.document)}, "
                         f"{escape_markdown(point.figure.text)} for {point.figure.year}"
                         + (f" — differs from {others}" if others else ""))
        lines.append("")
    if series.truncated:
        lines += ["*The series has more figures than shown here.*", ""]
    for fact in cited:
        lines.append(f"[^{numbers[fact.id]}]: “{escape_markdown(fact.text)}” "
                     f"{as_markdown(works.note(fact, style))} {span_comment(fact)}")
    return "\n".join(lines) + "\n"


def render_series_csv(table: Comparison) -> str:
    """One row per figure of the series (the fields of ``relexplorer series --format csv``)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for point in table.series.points:
        g = point.figure
        writer.writerow({
            "series": table.series.key, "subject": g.subject or table.series.subject, "year": g.year,
            "end_year": g.end_year, "period_source": g.period_source, "value": g.value,
            "end_value": g.end_value, "unit": g.unit, "kind": g.kind, "text": g.text, "document": g.document,
            "source_tag": g.source_tag, "fact_id": g.fact_id, "fact_text": point.fact_text,
            "conflict": "true" if point.conflict else "false",
            "conflicts": " ".join(map(str, point.conflicts)),
        })
    return buffer.getvalue()

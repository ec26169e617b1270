"""The comparison of one series across sources: a table by period with one column per source,
as the explorer's comparison view and the series exports show it.

Pure (no Textual, no SQL): built from a :class:`~relexplorer.model.Series` that
:func:`relexplorer.catalog.series_of_fact` read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from relexplorer.model import Series, SeriesPoint, StoredFigure

NO_PERIOD = "no year"


@dataclass(slots=True)
class Source:
    """A column of the comparison: one document, headed by its source tag."""

    document: str  # the document's slug
    tag: str
    published: str = ""
    title: str = ""


@dataclass(slots=True)
class Comparison:
    """A series as a table: ``periods`` (rows, oldest first), ``sources`` (columns, in order of
    publication) and the points in each ``(period, document)`` cell."""

    series: Series
    periods: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    cells: dict[tuple[str, str], list[SeriesPoint]] = field(default_factory=dict)

    def cell(self, period: str, document: str) -> list[SeriesPoint]:
        """The points of one source for one period (empty when it says nothing)."""
        return self.cells.get((period, document), [])

    @property
    def points(self) -> list[SeriesPoint]:
        """Every point, row by row and column by column (the order of the exports' notes)."""
        return [p for period in self.periods for s in self.sources for p in self.cell(period, s.document)]

    @property
    def chart_unit(self) -> str:
        """The unit most points are in: the chart draws those only (USD and CNY never share an axis)."""
        units = Counter(p.figure.unit for p in self.series.points if p.figure.year is not None)
        return units.most_common(1)[0][0] if units else ""


def period_label(figure: StoredFigure) -> str:
    """``2017``, ``2010–2020``, or ``no year``."""
    if figure.year is None:
        return NO_PERIOD
    if figure.end_year is not None and figure.end_year != figure.year:
        return f"{figure.year}–{figure.end_year}"
    return str(figure.year)


def _period_order(label: str) -> tuple:
    if label == NO_PERIOD:
        return (1, 0, 0)
    first, _, last = label.partition("–")
    return (0, int(first), int(last or first))


def compare(series: Series) -> Comparison:
    """The table of ``series``: periods oldest first (``no year`` last), sources by date."""
    table = Comparison(series)
    sources: dict[str, Source] = {}
    for point in series.points:
        g = point.figure
        if g.document not in sources:
            sources[g.document] = Source(g.document, g.source_tag or g.document, point.published,
                                         point.document_title)
        table.cells.setdefault((period_label(g), g.document), []).append(point)
    table.periods = sorted({period for period, _ in table.cells}, key=_period_order)
    table.sources = sorted(sources.values(), key=lambda s: (s.published or "9999", s.tag))
    return table


def chart_points(table: Comparison) -> dict[str, list[tuple[float, float]]]:
    """``(year, value)`` pairs per source tag in the chart's unit; a range is drawn at its end year
    (the value of "in 2010-2020 it grew to ..." is the end's)."""
    unit = table.chart_unit
    out: dict[str, list[tuple[float, float]]] = {}
    for source in table.sources:
        pairs = []
        for period in table.periods:
            for point in table.cell(period, source.document):
                g = point.figure
                if g.year is None or g.unit != unit:
                    continue
                pairs.append((float(g.end_year or g.year), g.value))
        if pairs:
            out[source.tag] = sorted(pairs)
    return out


def scale_of(values: list[float]) -> tuple[float, str]:
    """A divisor and its word for an axis: (1e9, "billion") for values in the billions."""
    largest = max((abs(v) for v in values), default=0.0)
    for divisor, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if largest >= divisor:
            return divisor, word
    return 1.0, ""

"""The comparison of a series: periods by sources, the chart's points, the exports' text."""

from __future__ import annotations

import csv
import io

from relexplorer.comparison import NO_PERIOD, chart_points, compare, period_label, scale_of
from relexplorer.export.series import render_series_csv
from relexplorer.model import Series, SeriesPoint, StoredFigure
from relexplorer.series import mark_conflicts


def point(fact_id, document, tag, text, value, year, end_year=None, unit="USD", published="2020-01-01"):
    figure = StoredFigure(fact_id, fact_id, document, text, 0, len(text), value, None, unit, "money", "trade",
                          year, end_year, "fact", "trade|money", "trade", source_tag=tag)
    return SeriesPoint(figure, f"fact {fact_id}", document.title(), published)


def series() -> Series:
    points = [point(1, "b", "CSIS 2022", "$147 billion", 147e9, 2021, published="2022-08-23"),
              point(2, "a", "Peace&Dev 2018", "$84.071 billion", 84.071e9, 2017, published="2018-06-07"),
              point(3, "c", "TASS 2019", "$87 billion", 87e9, 2017, published="2019-01-01"),
              point(4, "b", "CSIS 2022", "$8 billion", 8e9, 2000, published="2022-08-23"),
              point(5, "c", "TASS 2019", "¥600 billion", 600e9, 2018, unit="CNY", published="2019-01-01"),
              point(6, "a", "Peace&Dev 2018", "$500 billion", 500e9, 2010, 2020, published="2018-06-07"),
              point(7, "c", "TASS 2019", "$90 billion", 90e9, None, published="2019-01-01")]
    mark_conflicts(points)
    return Series("trade|money", "China–Russia trade", "money", points)


def test_periods_run_oldest_first_with_ranges_and_no_year_last_and_sources_by_date():
    table = compare(series())
    assert table.periods == ["2000", "2010–2020", "2017", "2018", "2021", NO_PERIOD]
    assert [s.tag for s in table.sources] == ["Peace&Dev 2018", "TASS 2019", "CSIS 2022"]
    assert [p.figure.text for p in table.cell("2017", "a")] == ["$84.071 billion"]
    assert [p.figure.text for p in table.cell("2017", "c")] == ["$87 billion"]
    assert table.cell("2017", "b") == []
    assert {p.figure.fact_id for p in table.points if p.conflict} == {2, 3}


def test_period_label():
    assert period_label(series().points[0].figure) == "2021"
    assert period_label(series().points[5].figure) == "2010–2020"
    assert period_label(series().points[6].figure) == NO_PERIOD


def test_the_chart_draws_one_unit_and_ranges_at_their_end_year():
    table = compare(series())
    assert table.chart_unit == "USD"
    pairs = chart_points(table)
    assert pairs["Peace&Dev 2018"] == [(2017.0, 84.071e9), (2020.0, 500e9)]
    assert pairs["TASS 2019"] == [(2017.0, 87e9)]  # not the CNY figure, not the undated one
    assert scale_of([8e9, 147e9]) == (1e9, "billion")
    assert scale_of([20.8, 30]) == (1.0, "")


def test_csv_has_one_row_per_figure_with_source_and_conflicts():
    rows = list(csv.DictReader(io.StringIO(render_series_csv(compare(series())))))
    assert len(rows) == 7
    by_fact = {r["fact_id"]: r for r in rows}
    assert by_fact["2"]["conflict"] == "true" and by_fact["2"]["conflicts"] == "3"
    assert by_fact["1"]["conflict"] == "false" and by_fact["1"]["source_tag"] == "CSIS 2022"
    assert by_fact["6"]["end_year"] == "2020"

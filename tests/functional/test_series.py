"""Series across documents: one series with the right years, and a flagged conflict.

The bundled sample gives 2017 China–Russia trade ($84.071 billion, China's customs); a real CSIS
ChinaPower text from the labelled corpus gives 2000 and 2021 ("Between 2000 and 2021, trade grew
from $8 billion to more than $147 billion"); a third text gives another 2017 total ($86.96
billion). No real article in tests/data states a second 2017 total, so that third text is a short
one written for these tests (tests/data/series/own/, and it says so in its subtitle).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from relexplorer import catalog
from relexplorer.cli import main
from relexplorer.ingest import ensure_sample, ingest_paths
from relexplorer.search.series import matching_series
from relexplorer.store import open_store
from tests.helpers import paths

SERIES = paths.DATA / "series"
KEY_STRENGTHS = SERIES / "blind" / "csis-chinapower-2022-08-23-china-russia-key-strengths.txt"
OTHER_2017 = SERIES / "own" / "russian-customs-2018-trade-with-china.txt"
TRADE = "trade:china+russia|money"


@pytest.fixture
def three_sources(tmp_path):
    path = tmp_path / "series.db"
    store = open_store(path)
    ensure_sample(store)
    report = ingest_paths(store, [KEY_STRENGTHS, OTHER_2017])
    assert not report.errors
    yield store, path
    store.close()


def _points_by_year(series) -> dict[int, list]:
    out: dict[int, list] = {}
    for p in series.points:
        out.setdefault(p.figure.year, []).append(p)
    return out


def test_three_sources_fall_into_one_series_with_their_years(three_sources):
    store, _ = three_sources
    [trade] = catalog.series_by_keys(store, [TRADE])
    assert trade.subject == "China–Russia trade"
    years = _points_by_year(trade)
    assert {p.figure.value for p in years[2000]} == {8e9}
    assert {p.figure.value for p in years[2021]} == {147e9}
    assert {p.figure.value for p in years[2017]} == {84.071e9, 86.96e9}
    assert len({p.figure.document for p in years[2017]}) == 2
    assert all(p.figure.period_source == "fact" for p in trade.points)


def test_the_two_2017_totals_conflict_and_name_each_other(three_sources):
    store, _ = three_sources
    [trade] = catalog.series_by_keys(store, [TRADE])
    years = _points_by_year(trade)
    first, second = years[2017]
    assert first.conflicts == [second.figure.fact_id]
    assert second.conflicts == [first.figure.fact_id]
    assert not any(p.conflict for y in (2000, 2021) for p in years[y])


def test_series_of_fact_gives_the_whole_series_from_one_fact(three_sources):
    store, _ = three_sources
    fact_id = store.rows("SELECT fact_id FROM figures WHERE text = '$84.071 billion'")[0]["fact_id"]
    found = catalog.series_of_fact(store, fact_id)
    assert found is not None and found.key == TRADE
    assert {p.figure.year for p in found.points} >= {2000, 2017, 2021}
    assert catalog.series_of_fact(store, -1) is None


def test_a_query_lists_the_series_its_facts_belong_to(three_sources):
    store, _ = three_sources
    keys = [s.key for s in matching_series(store, "bilateral trade")]
    assert TRADE in keys
    assert matching_series(store, "zzzznotaword") == []


def test_series_command_json_and_csv(three_sources):
    _, path = three_sources
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(path), "series", "trade", "russia", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [r for r in json.loads(result.output) if r["series"] == TRADE]
    fields = {"series", "subject", "year", "end_year", "period_source", "value", "unit", "kind", "document",
              "fact_id", "text", "conflict", "conflicts_with"}
    assert fields <= set(rows[0])
    flagged = [r for r in rows if r["conflict"]]
    assert sorted(r["value"] for r in flagged) == [84.071e9, 86.96e9]
    assert all(r["conflicts_with"] for r in flagged)
    csv_out = runner.invoke(main, ["--db", str(path), "series", "trade", "--format", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.output.splitlines()[0].startswith("series,subject,year,end_year,period_source")
    table = runner.invoke(main, ["--db", str(path), "series", "trade"], terminal_width=80)
    assert table.exit_code == 0 and "China–Russia trade (money)" in table.output


def test_series_command_refuses_bad_input_in_one_line(three_sources):
    _, path = three_sources
    runner = CliRunner()
    bad = runner.invoke(main, ["--db", str(path), "series", "--limt", "3"])
    assert bad.exit_code == 2
    odd = runner.invoke(main, ["--db", str(path), "series", '"unbalanced', "NEAR(", "🙂"])
    assert odd.exit_code in (0, 1) and "Traceback" not in odd.output


def test_reingest_fills_subjects_of_figures_stored_before(three_sources):
    store, _ = three_sources
    with store.transaction():
        store.db.execute("UPDATE figures SET subject = '', series = '', year = NULL, period_source = ''")
    report = ingest_paths(store, [KEY_STRENGTHS], replace=True)
    assert not report.errors
    rows = store.rows("SELECT year FROM figures WHERE series = ? ORDER BY year", [TRADE])
    assert [r["year"] for r in rows] == [2000, 2021]

"""The listing commands at 80 columns: no line wider than the terminal, and no word of a value
(a title, a kind, a unit, a number, a source tag, a slug between its hyphens) broken across lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from relexplorer.cli import main
from relexplorer.store import open_store
from tests.helpers.series_sample import add_series_documents
from tests.helpers.tui_sample import add_test_document

LONG_TITLE = "An Exceptionally Long Title About Bilateral Trade, Energy Cooperation and Their Neighbours"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("narrow") / "narrow.db"
    store = open_store(path)
    add_series_documents(store)
    add_test_document(store)
    store.edit_document(store.rows("SELECT slug FROM documents ORDER BY id LIMIT 1")[0]["slug"],
                        {"title": LONG_TITLE})
    store.close()
    return path


def run(db: Path, *args: str, width: int = 80) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


def words_of(value) -> list[str]:
    """The words a table must show whole: split at spaces, and slugs also after their hyphens."""
    if isinstance(value, list):
        return [w for v in value for w in words_of(v)]
    return [w for w in re.split(r"\s+|(?<=-)", str(value)) if w]


def assert_whole(output: str, rows: list[dict], keys: list[str], width: int) -> None:
    lines = output.splitlines()
    assert all(len(line) <= width for line in lines), max(lines, key=len)
    cells = [cell.strip() for line in lines for cell in re.split(r"[│┃]", line)]
    shown = " ".join(cells)
    checked = 0
    for row in rows:
        for key in keys:
            for word in words_of(row.get(key) or ""):
                assert word in shown, f"{key}: {word!r} is broken across lines"
                checked += 1
    assert checked > 10


@pytest.mark.parametrize("width", [80, 120])
def test_documents(db, width):
    rows = json.loads(run(db, "documents", "--format", "json"))
    assert any(r["title"] == LONG_TITLE for r in rows)
    assert len({r["source_tag"] for r in rows}) == len(rows)  # tags tell the documents apart
    output = run(db, "documents", width=width)
    assert_whole(output, rows, ["source_tag", "title", "slug", "date"], width)


@pytest.mark.parametrize("width", [80, 120])
def test_figures(db, width):
    rows = json.loads(run(db, "figures", "--format", "json"))
    output = run(db, "figures", "--sort", "value", width=width)
    assert_whole(output, rows, ["source_tag", "text", "label", "fact_id"], width)
    if width >= 120:
        assert_whole(output, rows, ["kind"], width)
    for row in rows:  # a large value, in one piece
        if row["value"] >= 1000 and row["kind"] != "date":
            assert f"{row['value']:,.0f}" in output


@pytest.mark.parametrize("width", [80, 120])
def test_search(db, width):
    rows = json.loads(run(db, "search", "trade", "--format", "json"))
    output = run(db, "search", "trade", width=width)
    assert_whole(output, rows, ["id", "source_tag", "text"], width)


@pytest.mark.parametrize("width", [80, 120])
def test_series(db, width):
    rows = json.loads(run(db, "series", "trade", "--format", "json"))
    output = run(db, "series", "trade", width=width)
    assert_whole(output, rows, ["source_tag", "fact_id", "text"], width)
    assert "≠" in output


def test_figures_sorted_by_value_never_mix_units_and_filter_by_subject(db):
    rows = json.loads(run(db, "figures", "--sort", "value", "--format", "json"))
    units = [r["unit"] for r in rows]
    assert all(units.index(u) == i or units[i - 1] == u for i, u in enumerate(units))  # each unit one run
    for a, b in zip(rows, rows[1:], strict=False):
        assert a["unit"] != b["unit"] or a["value"] >= b["value"]
    trade = json.loads(run(db, "figures", "--label", "trade", "--format", "json"))
    assert trade and all("trade" in r["label"] for r in trade)
    assert len(trade) < len(rows)
    assert json.loads(run(db, "figures", "--label", "100%_", "--format", "json")) == []

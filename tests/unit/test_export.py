"""Export: Markdown for briefings (golden file) and JSON, from hand-built facts."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone

from relexplorer.export import format_value, render_json, render_markdown
from tests.helpers import paths
from tests.helpers.records import detail

GOLDEN = paths.GOLDEN / "export_basic.md"

DOC = {"slug": "norway-poland-2021", "title": "Pipelines and Ports: Norway and Poland",
       "author": "Anna Berg", "source": "Nordic Review, No. 3, 2021", "published": "2021-01-05"}
SECTION = [{"id": 1, "parent_id": None, "label": "II", "heading": "Trade", "level": 1}]
FACTS = [detail(f) for f in [
    {"id": 7, "doc": DOC, "section": "II", "section_heading": "Trade", "section_path": SECTION,
     "text": "Bilateral trade reached $12.5 billion in 2020.", "start": 310, "end": 356,
     "topics": ["trade"],
     "figures": [
         {"text": "$12.5 billion", "start": 333, "end": 346, "value": 12.5e9, "end_value": None,
          "unit": "USD", "kind": "money", "label": "bilateral trade"},
         {"text": "2020", "start": 350, "end": 354, "value": 2020.0, "end_value": None,
          "unit": "year", "kind": "date", "label": ""},
     ]},
    {"id": 8, "doc": DOC, "section": "II", "section_heading": "Trade", "section_path": SECTION,
     "text": "Trade in fish grew by 12 percent.", "start": 357, "end": 390, "topics": ["trade"],
     "figures": [{"text": "12 percent", "start": 379, "end": 389, "value": 12.0, "end_value": None,
                  "unit": "percent", "kind": "percent", "label": "trade in fish"}]},
]]
WHEN = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)


def test_markdown_matches_the_golden_file():
    rendered = render_markdown(FACTS, query="topic:trade", database="db/relexplorer.db", generated=WHEN)
    if os.environ.get("RELEXPLORER_UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")


def test_markdown_has_header_quotes_figures_and_citations():
    rendered = render_markdown(FACTS, query="topic:trade", database="x.db", generated=WHEN)
    assert rendered.startswith("---\ntitle:")
    assert 'query: "topic:trade"' in rendered
    assert "> Bilateral trade reached \\$12.5 billion in 2020.[^1]" in rendered
    assert "**\\$12.5 billion** = 12,500,000,000 USD (money, bilateral trade)" in rendered
    assert "[^2]: Anna Berg, “Pipelines and Ports: Norway and Poland”, *Nordic Review, No. 3, 2021*, " \
           "2021-01-05, section II. Trade, characters 357–390." in rendered
    assert "| 12 percent | 12 | percent | percent | trade in fish | [^2] |" in rendered


def test_empty_export_says_so():
    assert "No facts to export" in render_markdown([], generated=WHEN)


def test_json_export_round_trips():
    data = json.loads(render_json(FACTS))
    assert [d["id"] for d in data] == [7, 8]
    assert data[0]["citation"]["author"] == "Anna Berg"
    assert data[0]["figures"][0]["value"] == 12.5e9


def test_format_value():
    assert format_value(84071000000.0) == "84,071,000,000"
    assert format_value(20.8) == "20.8"
    assert format_value(2018.0, 2022.0, "year") == "2018–2022"
    assert format_value(2020.0, unit="year") == "2020"
    assert format_value(1500.0, 2000.0) == "1,500–2,000"
    assert format_value(None) == ""

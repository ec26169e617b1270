"""Speakers end to end: ingest stores them, the search JSON lists them, the explorer shows them."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from rich.console import Console
from textual.worker import WorkerState

from relexplorer import catalog
from relexplorer.cli import main
from relexplorer.model import Speaker
from relexplorer.store import open_store, sha256_text
from relexplorer.tui.app import make_app
from tests.helpers.tui_sample import build_document

ARTICLE = """Leaders Meet in Beijing

By Jane Doe

Russian President Vladimir Putin arrived in Beijing on Tuesday for talks on energy.

"Our relations have never been better," Putin said. "We will double trade."

Analysts say the gas deal will take years. Trade grew by 12 percent in 2018.
"""


@pytest.fixture
def db(tmp_path):
    article = tmp_path / "leaders.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["--db", str(path), "ingest", str(article)])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_stores_speakers_and_their_cues(db):
    store = open_store(db)
    try:
        rows = store.rows("SELECT s.name, s.kind, s.fact_count, fs.cue_start, fs.cue_end, d.text "
                          "FROM fact_speakers fs JOIN speakers s ON s.id = fs.speaker_id "
                          "JOIN documents d ON d.id = fs.document_id ORDER BY fs.cue_start")
    finally:
        store.close()
    cues = [(r["name"], r["kind"], r["text"][r["cue_start"] : r["cue_end"]]) for r in rows]
    assert ("Vladimir Putin", "person", "Putin said") in cues
    assert ("analysts", "unnamed", "Analysts say") in cues
    assert {r["name"]: r["fact_count"] for r in rows}["Vladimir Putin"] == 2  # the quote's 2nd sentence too


def test_search_json_lists_each_facts_speakers(db):
    result = CliRunner().invoke(main, ["--db", str(db), "search", "", "--format", "json"])
    assert result.exit_code == 0, result.output
    hits = {h["text"]: h for h in json.loads(result.stdout)}
    double = next(h for text, h in hits.items() if "double trade" in text)
    assert double["speakers"] == [{"name": "Vladimir Putin", "kind": "person", "cue": "Putin said",
                                   "cue_start": double["speakers"][0]["cue_start"],
                                   "cue_end": double["speakers"][0]["cue_end"]}]
    arrived = next(h for text, h in hits.items() if "arrived in Beijing" in text)
    assert arrived["speakers"] == []  # the author's


def test_the_fact_detail_carries_the_speakers_for_the_exports(db):
    store = open_store(db)
    try:
        hit = next(h for h in catalog.fact_rows(store, list(range(1, 20))) if "Analysts" in h.text)
        detail = catalog.fact_detail(store, hit.id)
    finally:
        store.close()
    assert [(s.name, s.kind, s.cue) for s in detail.speakers] == [("analysts", "unnamed", "Analysts say")]


async def test_the_detail_pane_says_who_said_it(tmp_path):
    doc = build_document()
    second = doc.facts[1]  # "Xi Jinping met Vladimir Putin ..."
    at = doc.text.index("Vladimir Putin", second.start)
    second.speakers = [Speaker("Vladimir Putin", "person", at, at + len("Vladimir Putin"))]
    store = open_store(tmp_path / "t.db")
    store.add_document(doc, sha256=sha256_text(doc.text), path="neighbours.txt", taxonomy_labels={})
    app = make_app(store, today=date(2026, 1, 2))
    async with app.run_test(size=(112, 30)) as pilot:
        await _settle(pilot)
        assert "Said by: the author (Ann Analyst)" in _detail(app)
        await pilot.press("j")
        await _settle(pilot)
        shown = _detail(app)
        assert "Said by: Vladimir Putin" in shown and "“Vladimir Putin”" in shown


async def _settle(pilot) -> None:
    for _ in range(10):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers):
            return


def _detail(app) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(app.query_one("#detail-body").content)
    return " ".join(console.export_text().split())

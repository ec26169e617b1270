"""Who says a fact, as the shells and the Markdown export write it."""

from __future__ import annotations

from relexplorer.display import speakers_label
from relexplorer.export import render_markdown
from relexplorer.export.markdown import speaker_line
from relexplorer.lexicon import UNNAMED_SOURCE
from relexplorer.model import StoredSpeaker
from tests.helpers.records import detail

FACT = {"id": 7, "doc": {"slug": "leaders", "title": "Leaders [Meet]", "author": "Jane Doe"},
        "text": "\u201cOur relations have never been better,\u201d Putin said.", "start": 10, "end": 60}


def test_speakers_label_names_people_unnamed_sources_and_the_author():
    putin = StoredSpeaker("Vladimir Putin", "person", 0, 5, "Putin said")
    analysts = StoredSpeaker("analysts", "unnamed", 0, 5)
    hedge = StoredSpeaker(UNNAMED_SOURCE, "unnamed", 0, 5)
    assert speakers_label([putin]) == "Vladimir Putin"
    assert speakers_label([analysts]) == "an unnamed source (analysts)"
    assert speakers_label([hedge]) == "an unnamed source"
    assert speakers_label([], "Zhao Mingwen") == "the author (Zhao Mingwen)"
    assert speakers_label([]) == "the author"


def test_the_markdown_export_says_who_said_a_reported_fact():
    fact = detail(FACT)
    fact.speakers = [StoredSpeaker("Vladimir Putin", "person", 47, 57, "Putin said")]
    assert speaker_line(fact) == "— Vladimir Putin, reported in “Leaders \\[Meet\\]”"
    markdown = render_markdown([fact], query="putin")
    quote = markdown.index("> ")
    assert markdown.index("— Vladimir Putin, reported in", quote) > quote


def test_the_authors_own_facts_get_no_attribution_line():
    assert "reported in" not in render_markdown([detail(FACT)])

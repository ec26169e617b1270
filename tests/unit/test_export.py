"""Export: Markdown for briefings (golden files, one per citation style) and JSON, from hand-built
facts. Golden files hold the output of our own exporter; regenerate them with
``RELEXPLORER_UPDATE_GOLDEN=1`` after an intended change and read the diff."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone

import pytest

from relexplorer.export import MarkdownOptions, format_value, render_json, render_markdown
from tests.helpers import paths
from tests.helpers.citing import cited_facts
from tests.helpers.records import detail

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


def _golden(name: str, rendered: str) -> None:
    path = paths.GOLDEN / name
    if os.environ.get("RELEXPLORER_UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


def test_markdown_matches_the_golden_file():
    _golden("export_basic.md", render_markdown(FACTS, query="topic:trade", database="db/relexplorer.db",
                                               generated=WHEN))


@pytest.mark.parametrize("style", ["plain", "chicago", "apa"])
def test_each_style_matches_its_golden_file(style):
    rendered = render_markdown(cited_facts(), query="is:marked", database="db/relexplorer.db", generated=WHEN,
                               options=MarkdownOptions(style=style))
    _golden(f"export_{style}.md", rendered)


def test_pandoc_citations_match_the_golden_file():
    rendered = render_markdown(cited_facts(), query="is:marked", database="db/relexplorer.db", generated=WHEN,
                               options=MarkdownOptions(style="chicago", bibliography="refs.bib"))
    _golden("export_pandoc.md", rendered)


def test_markdown_has_header_quotes_figures_and_citations():
    rendered = render_markdown(FACTS, query="topic:trade", database="x.db", generated=WHEN)
    assert rendered.startswith("---\ntitle:")
    assert 'query: "topic:trade"' in rendered
    assert "> Bilateral trade reached \\$12.5 billion in 2020.[^1]" in rendered
    assert "**\\$12.5 billion** = 12,500,000,000 USD (money, bilateral trade)" in rendered
    assert "[^2]: Anna Berg, “Pipelines and Ports: Norway and Poland”, *Nordic Review, No. 3, 2021*, " \
           "5 January 2021, section II. Trade." in rendered
    assert "| 12 percent | 12 | percent | percent | trade in fish | [^2] |" in rendered


def _footnotes(rendered: str) -> dict[int, str]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\[\^(\d+)\]: (.*)$", rendered, re.M)}


def test_plain_citation_reads_as_an_editor_expects():
    notes = _footnotes(render_markdown(cited_facts(), generated=WHEN))
    assert notes[1].startswith(
        "Anna Berg and John Smith, “Pipelines and Ports: Norway and Poland”, *Nordic Review*, 5 January 2021, "
        "section II. Trade, p. 12, <https://nordic.example/2021/pipelines?id=7>. <!--")
    assert notes[2].startswith("Zhao Mingwen, “China-Russia Relationship: Full of Strong Endogenous Dynamics”, "
                               "*Peace and Development*, June 2018. <!--")
    assert notes[4].startswith("Ministry of Foreign Affairs, “Why Energy Ties Matter?”, section Energy ties, "
                               "<https://mfa.example/energy>. <!--")
    assert notes[6].startswith("“Notes on the Border”. <!--")


def test_the_span_is_machine_readable_and_not_in_the_sentence():
    facts = cited_facts()
    rendered = render_markdown(facts, generated=WHEN)
    assert "characters" not in rendered
    for number, fact in enumerate(facts, 1):
        note = _footnotes(rendered)[number]
        human, comment = note.split(" <!-- ")
        assert str(fact.start) not in human
        assert comment == f"relexplorer fact={fact.id} document={fact.document} start={fact.start} end={fact.end} -->"


@pytest.mark.parametrize("style", ["plain", "chicago", "apa"])
def test_no_section_that_is_not_a_real_heading(style):
    """A drop cap read as "I", the parser's lead "Introduction" and a section named like the
    title are cited by no one and head nothing."""
    rendered = render_markdown(cited_facts(), generated=WHEN, options=MarkdownOptions(style=style))
    notes = _footnotes(rendered)
    for number in (2, 3, 6):
        assert "section" not in notes[number].lower() and "sec." not in notes[number]
    assert "### I\n" not in rendered and "### Introduction" not in rendered
    assert "### Notes on the Border" not in rendered
    assert "### II. Trade" in rendered and "### Energy ties" in rendered


@pytest.mark.parametrize("style", ["plain", "chicago", "apa"])
def test_unknown_parts_are_left_out(style):
    rendered = render_markdown(cited_facts(), generated=WHEN, options=MarkdownOptions(style=style))
    for note in _footnotes(rendered).values():
        human = note.split(" <!--")[0]
        assert ", ," not in human and ",." not in human and "()" not in human and "“”" not in human
        assert "untitled-notes" not in human  # a slug is no title


def test_chicago_notes_and_bibliography():
    rendered = render_markdown(cited_facts(), generated=WHEN, options=MarkdownOptions(style="chicago"))
    notes = _footnotes(rendered)
    assert notes[1].startswith("Anna Berg and John Smith, “Pipelines and Ports: Norway and Poland,” *Nordic Review*, "
                               "January 5, 2021, 12, <https://nordic.example/2021/pipelines?id=7>. <!--")
    assert notes[4].startswith("Ministry of Foreign Affairs, “Why Energy Ties Matter?” “Energy ties” section,")
    assert notes[5].startswith("Anna Berg and John Smith, “Pipelines Revisited,” *Nordic Review*, March 2, 2021, sec. II.")
    bibliography = rendered.split("## Bibliography\n\n")[1].split("\n\n[^1]")[0].split("\n\n")
    assert bibliography[0] == ("Berg, Anna, and John Smith. “Pipelines and Ports: Norway and Poland.” *Nordic Review*, "
                               "January 5, 2021. <https://nordic.example/2021/pipelines?id=7>.")
    assert bibliography[-1] == ("Zhao Mingwen. “China-Russia Relationship: Full of Strong Endogenous Dynamics.” "
                                "*Peace and Development*, June 2018.")


def test_apa_author_date_notes_and_references():
    rendered = render_markdown(cited_facts(), generated=WHEN, options=MarkdownOptions(style="apa"))
    notes = _footnotes(rendered)
    assert notes[1].startswith("(Berg \\& Smith, 2021a, p. 12) <!--")
    assert notes[5].startswith("(Berg \\& Smith, 2021b, Section II) <!--")
    assert notes[2].startswith("(Zhao, 2018) <!--")
    assert notes[6].startswith("(“Notes on the Border,” n.d.) <!--")
    references = rendered.split("## References\n\n")[1].split("\n\n[^1]")[0].split("\n\n")
    assert references[0] == ("Berg, A., \\& Smith, J. (2021a, January 5). Pipelines and Ports: Norway and Poland. "
                             "*Nordic Review*. <https://nordic.example/2021/pipelines?id=7>")
    assert "Zhao, M. (2018, June). China-Russia Relationship: Full of Strong Endogenous Dynamics. " \
           "*Peace and Development*." in references


def test_pandoc_footnotes_cite_keys_and_the_front_matter_names_the_bibliography():
    rendered = render_markdown(cited_facts(), generated=WHEN, options=MarkdownOptions(bibliography="out/refs.bib"))
    assert 'bibliography: "out/refs.bib"' in rendered and "citations: pandoc" in rendered
    notes = _footnotes(rendered)
    assert notes[1].startswith("[@berg2021pipelines, p. 12] <!--")
    assert notes[4].startswith("[@ministryndenergy, sec. {Energy ties}] <!--")
    assert notes[5].startswith("[@berg2021pipelinesa, sec. II] <!--")
    assert "## References" not in rendered and "## Bibliography" not in rendered  # Pandoc writes it


def test_empty_export_says_so():
    assert "No facts to export" in render_markdown([], generated=WHEN)


def test_json_export_round_trips():
    data = json.loads(render_json(FACTS))
    assert [d["id"] for d in data] == [7, 8]
    assert data[0]["citation"]["author"] == "Anna Berg"
    assert data[0]["figures"][0]["value"] == 12.5e9


def test_json_export_keeps_the_span_the_citation_parts_and_the_key():
    facts = cited_facts()
    data = json.loads(render_json(facts, style="apa"))
    first = data[0]
    assert (first["start"], first["end"], first["page"]) == (310, 356, 12)
    citation = first["citation"]
    assert citation["url"] == "https://nordic.example/2021/pipelines?id=7"
    assert citation["key"] == "berg2021pipelines" and citation["section"] == "II. Trade"
    assert citation["style"] == "apa" and citation["text"] == "(Berg & Smith, 2021a, p. 12)"
    assert data[2]["citation"]["section"] == ""  # the drop cap


def test_format_value():
    assert format_value(84071000000.0) == "84,071,000,000"
    assert format_value(20.8) == "20.8"
    assert format_value(2018.0, 2022.0, "year") == "2018–2022"
    assert format_value(2020.0, unit="year") == "2020"
    assert format_value(1500.0, 2000.0) == "1,500–2,000"
    assert format_value(None) == ""

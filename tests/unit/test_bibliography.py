"""Bibliographies: the BibTeX parses with pybtex (a BibTeX-compatible parser), the CSL-JSON
validates against the CSL input schema's rules for the fields we write, every key a footnote
cites is in the bibliography, keys are stable and unique, and hostile text is escaped."""

from __future__ import annotations

import dataclasses
import json
import os
import re

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string

from relexplorer.display import one_line
from relexplorer.errors import ExportError
from relexplorer.export import (
    CitedWorks,
    MarkdownOptions,
    bibliography_format,
    render_bibliography,
    render_markdown,
)
from relexplorer.export.bibliography import bibtex_escape, citation_keys
from relexplorer.export.reference import Reference
from tests.helpers import paths
from tests.helpers.citing import cited_facts
from tests.helpers.records import detail

# The CSL input schema (citation-style-language/schema, csl-data.json), for the fields relexplorer
# writes: the item types, names (family/given/suffix or literal) and dates (date-parts or raw).
_NAME = {"type": "object", "additionalProperties": False, "minProperties": 1,
         "properties": {k: {"type": "string"} for k in ("family", "given", "suffix", "literal")}}
_DATE = {"type": "object", "additionalProperties": False, "minProperties": 1, "properties": {
    "date-parts": {"type": "array", "minItems": 1, "maxItems": 2,
                   "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["string", "number"]}}},
    "raw": {"type": "string"}}}
CSL_TYPES = ["article", "article-journal", "article-magazine", "article-newspaper", "document", "report", "webpage"]
CSL_SCHEMA = {"type": "array", "items": {
    "type": "object", "required": ["id", "type"], "additionalProperties": False,
    "properties": {"id": {"type": ["string", "number"]}, "type": {"enum": CSL_TYPES}, "title": {"type": "string"},
                   "container-title": {"type": "string"}, "URL": {"type": "string"},
                   "author": {"type": "array", "items": _NAME}, "issued": _DATE}}}


def _works(facts=None) -> CitedWorks:
    return CitedWorks.of(facts or cited_facts())


def _bibtex(facts=None) -> str:
    works = _works(facts)
    return render_bibliography("bibtex", works.in_order(), works.keys)


def _cited_keys(markdown: str) -> set[str]:
    return set(re.findall(r"^\[\^\d+\]: \[@([^\],\s]+)", markdown, re.M))


def test_bibtex_parses_and_holds_every_key_the_footnotes_cite():
    facts = cited_facts()
    database = parse_string(_bibtex(facts), "bibtex")
    markdown = render_markdown(facts, options=MarkdownOptions(bibliography="refs.bib"))
    cited = _cited_keys(markdown)
    assert len(cited) == 5 and cited == set(database.entries)


def test_bibtex_fields_are_what_the_documents_say():
    entries = parse_string(_bibtex(), "bibtex").entries
    berg = entries["berg2021pipelines"]
    assert berg.type == "article"
    assert [(p.last_names, p.first_names) for p in berg.persons["author"]] == [(["Berg"], ["Anna"]),
                                                                               (["Smith"], ["John"])]
    assert berg.fields["title"] == "{Pipelines and Ports: Norway and Poland}"
    assert berg.fields["journal"] == "Nordic Review"
    assert (berg.fields["year"], berg.fields["date"], berg.fields["month"]) == ("2021", "2021-01-05", "January")
    assert berg.fields["url"] == "https://nordic.example/2021/pipelines?id=7"
    zhao = entries["zhao2018china"]
    assert [(p.last_names, p.first_names) for p in zhao.persons["author"]] == [(["Zhao"], ["Mingwen"])]
    assert zhao.fields["date"] == "2018-06" and "url" not in zhao.fields
    ministry = entries["ministryndenergy"]
    assert ministry.type == "misc" and ministry.persons["author"][0].last_names == ["{Ministry of Foreign Affairs}"]
    assert "year" not in ministry.fields  # no date: none guessed
    assert set(entries["anonndnotes"].fields) == {"title"}


def test_keys_are_stable_unique_and_follow_author_year_word():
    works = _works()
    assert sorted(works.keys.values()) == ["anonndnotes", "berg2021pipelines", "berg2021pipelinesa",
                                           "ministryndenergy", "zhao2018china"]
    shuffled = list(reversed(cited_facts()))
    assert CitedWorks.of(shuffled).keys == works.keys  # by document, not by the order of the facts
    many = [Reference(document_id=i, slug=f"s{i}", title="The Trade Report", byline="", authors=[]) for i in range(30)]
    keys = citation_keys(many)
    assert len(set(keys.values())) == 30 and keys[0] == "anonndtrade" and keys[27] == "anonndtradeaa"


def test_csl_json_validates_and_holds_every_cited_key():
    facts = cited_facts()
    works = _works(facts)
    items = json.loads(render_bibliography("csl-json", works.in_order(), works.keys))
    jsonschema.validate(items, CSL_SCHEMA)
    by_id = {item["id"]: item for item in items}
    assert _cited_keys(render_markdown(facts, options=MarkdownOptions(bibliography="refs.json"))) == set(by_id)
    berg = by_id["berg2021pipelines"]
    assert berg["type"] == "article-journal" and berg["title"] == "Pipelines and Ports: Norway and Poland"
    assert berg["author"] == [{"family": "Berg", "given": "Anna"}, {"family": "Smith", "given": "John"}]
    assert berg["issued"] == {"date-parts": [[2021, 1, 5]]} and berg["container-title"] == "Nordic Review"
    assert by_id["zhao2018china"]["issued"] == {"date-parts": [[2018, 6]]}
    assert by_id["ministryndenergy"]["author"] == [{"literal": "Ministry of Foreign Affairs"}]
    assert by_id["ministryndenergy"]["type"] == "webpage" and "issued" not in by_id["ministryndenergy"]
    assert set(by_id["anonndnotes"]) == {"id", "type", "title"}


def test_bibliography_goldens():
    works = _works()
    for kind, name in (("bibtex", "export_bibliography.bib"), ("csl-json", "export_bibliography.json")):
        rendered = render_bibliography(kind, works.in_order(), works.keys).replace(_version(), "VERSION")
        path = paths.GOLDEN / name
        if os.environ.get("RELEXPLORER_UPDATE_GOLDEN"):
            path.write_text(rendered, encoding="utf-8")
        assert rendered == path.read_text(encoding="utf-8")


def _version() -> str:
    from relexplorer import __version__

    return __version__


@pytest.mark.parametrize("name, kind", [("refs.bib", "bibtex"), ("REFS.JSON", "csl-json"), ("a/b.c.bib", "bibtex")])
def test_bibliography_format_by_extension(name, kind):
    assert bibliography_format(name) == kind


@pytest.mark.parametrize("name", ["refs.txt", "refs", "refs.bibtex", "refs.yaml"])
def test_other_extensions_are_refused_clearly(name):
    with pytest.raises(ExportError, match=r"\.bib \(BibTeX\) or \.json \(CSL-JSON\)"):
        bibliography_format(name)


# -- hostile text --------------------------------------------------------------------------------

HOSTILE_DOC = {"id": 40, "slug": "hostile", "title": 'A "quoted" {title} with \\emph{x}, 50% & $5 #1 a_b ~ ^ }{',
               "author": "Jürgen Müller and Łukasz Nowak-Żółć & Dr. {Evil}", "source": "Foo & Bar {Review} 100%",
               "published": "2020-02-29", "url": "https://x.example/a b{c}\\d\"e"}


def _hostile_fact(doc: dict):
    return detail({"id": 99, "doc": doc, "section_path": [], "text": "Text.", "start": 0, "end": 5})


def _unlatex(value: str) -> str:
    """What a reader sees of a field we escaped (the inverse of our escapes)."""
    for latex, char in ((r"\textbackslash{}", "\\"), (r"\textbraceleft{}", "{"), (r"\textbraceright{}", "}"),
                        (r"\textasciitilde{}", "~"), (r"\textasciicircum{}", "^"), (r"\&", "&"), (r"\%", "%"),
                        (r"\$", "$"), (r"\#", "#"), (r"\_", "_")):
        value = value.replace(latex, char)
    return value


def test_hostile_text_is_escaped_and_the_file_still_parses():
    entry = parse_string(_bibtex([_hostile_fact(HOSTILE_DOC)]), "bibtex").entries.values()
    (item,) = list(entry)
    assert _unlatex(item.fields["title"][1:-1]) == HOSTILE_DOC["title"]
    assert _unlatex(item.fields["journal"]) == HOSTILE_DOC["source"]
    names = [_unlatex(" ".join(p.first_names + p.last_names)) for p in item.persons["author"]]
    assert names == ["Jürgen Müller", "Łukasz Nowak-Żółć", "Dr. {Evil}"]
    assert item.fields["url"] == "https://x.example/a%20b%7Bc%7D%5Cd%22e"


@settings(max_examples=150, deadline=None, derandomize=True)
@given(title=st.text(min_size=1, max_size=60), author=st.text(max_size=40), source=st.text(max_size=30))
def test_any_text_keeps_the_bibtex_parseable(title, author, source):
    doc = {"id": 41, "slug": "any", "title": title, "author": author, "source": source, "published": "2019"}
    fact = _hostile_fact(doc)
    database = parse_string(_bibtex([fact]), "bibtex")
    (item,) = database.entries.values()
    shown = " ".join(one_line(title).split())  # control characters are made visible, as on screen
    if shown:
        assert _unlatex(item.fields["title"][1:-1]) == shown
    else:
        assert "title" not in item.fields


def test_bibtex_escape_is_balanced_and_one_line():
    escaped = bibtex_escape("}{ \\ \n % & line\u2028break")
    assert "\n" not in escaped and escaped.count("{") == escaped.count("}")
    assert escaped == r"\textbraceright{}\textbraceleft{} \textbackslash{} \% \& line break"


def test_hostile_csl_json_is_valid_json_with_the_text_as_is():
    fact = _hostile_fact(HOSTILE_DOC)
    works = CitedWorks.of([fact])
    (item,) = json.loads(render_bibliography("csl-json", works.in_order(), works.keys))
    jsonschema.validate([item], CSL_SCHEMA)
    assert item["title"] == HOSTILE_DOC["title"] and item["container-title"] == HOSTILE_DOC["source"]
    assert item["id"] == "muller2020quoted"


def test_non_iso_date_is_kept_raw_in_csl_and_left_out_of_bibtex():
    doc = dict(HOSTILE_DOC, title="Spring", author="Anna Berg", published="Spring 2019", url="")
    fact = dataclasses.replace(_hostile_fact(doc))
    works = CitedWorks.of([fact])
    (item,) = json.loads(render_bibliography("csl-json", works.in_order(), works.keys))
    assert item["issued"] == {"raw": "Spring 2019"}
    (entry,) = parse_string(render_bibliography("bibtex", works.in_order(), works.keys), "bibtex").entries.values()
    assert "year" not in entry.fields

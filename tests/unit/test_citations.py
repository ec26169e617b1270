"""The parts of a citation: authors from a byline, dates as people read them, which sections are
real headings, the styles' punctuation, Pandoc citations and URLs that may become links."""

from __future__ import annotations

import pytest

from relexplorer.export.citations import pandoc_citation, span_comment
from relexplorer.export.escape import is_linkable_url, markdown_url
from relexplorer.export.names import PersonName, parse_names
from relexplorer.export.reference import (
    DateParts,
    Locator,
    Reference,
    cited_section,
    parse_iso_date,
)
from relexplorer.export.styles import apa_entry, as_markdown, as_plain, chicago_note, plain_note
from relexplorer.model import SectionRef
from tests.helpers.citing import cited_facts


@pytest.mark.parametrize("byline, expected", [
    ("Anna Berg", [("Berg", "Anna", "")]),
    ("Anna Berg and John Smith", [("Berg", "Anna", ""), ("Smith", "John", "")]),
    ("Berg, Anna", [("Berg", "Anna", "")]),
    ("Berg, Anna; Smith, John", [("Berg", "Anna", ""), ("Smith", "John", "")]),
    ("Anna Berg, John Smith, and Jane Doe", [("Berg", "Anna", ""), ("Smith", "John", ""), ("Doe", "Jane", "")]),
    ("Anna Berg & John Smith", [("Berg", "Anna", ""), ("Smith", "John", "")]),
    ("Ursula von der Leyen", [("von der Leyen", "Ursula", "")]),
    ("Martin Luther King Jr.", [("King", "Martin Luther", "")]),
    ("Ministry of Foreign Affairs", [("", "", "Ministry of Foreign Affairs")]),
    ("Reuters", [("", "", "Reuters")]),
    ("Reuters Staff", [("", "", "Reuters Staff")]),
    ("", []),
])
def test_bylines_become_names(byline, expected):
    assert [(n.family, n.given, n.literal) for n in parse_names(byline)] == expected


def test_chinese_and_korean_names_keep_the_family_name_first():
    (zhao,) = parse_names("Zhao Mingwen")
    assert (zhao.family, zhao.given, zhao.family_first) == ("Zhao", "Mingwen", True)
    assert zhao.written == "Zhao Mingwen" and zhao.inverted == "Zhao Mingwen" and zhao.initials == "M."
    (moon,) = parse_names("Moon Jae-in")
    assert moon.family == "Moon" and moon.initials == "J.-I."
    (inverted,) = parse_names("Zhao, Mingwen")
    assert inverted.written == "Zhao Mingwen"
    (western,) = parse_names("Kevin Li")
    assert (western.family, western.written, western.inverted) == ("Li", "Kevin Li", "Li, Kevin")


def test_suffix_is_kept():
    (name,) = parse_names("Martin Luther King Jr.")
    assert name.suffix == "Jr." and name.written == "Martin Luther King Jr." and name.inverted == "King, Martin Luther, Jr."


@pytest.mark.parametrize("stored, parts, readable", [
    ("2018-06-07", [2018, 6, 7], "7 June 2018"),
    ("2018-06", [2018, 6], "June 2018"),
    ("2018", [2018], "2018"),
])
def test_dates_as_people_read_them(stored, parts, readable):
    date = parse_iso_date(stored)
    assert date.parts() == parts and date.day_month_year() == readable


@pytest.mark.parametrize("stored", ["", "Spring 2019", "2018-13", "2018-06-32", "18-06-07", "2018/06/07"])
def test_anything_else_is_no_date(stored):
    assert parse_iso_date(stored) is None


def test_american_order():
    assert DateParts(2018, 6, 7).month_day_year() == "June 7, 2018"
    assert DateParts(2018, 6).month_day_year() == "June 2018"


def _section(label: str, heading: str, level: int = 1, sid: int = 1, parent: int | None = None) -> SectionRef:
    return SectionRef(sid, parent, label, heading, level)


@pytest.mark.parametrize("path, expected", [
    ([_section("II", "Trade")], "II. Trade"),
    ([_section("I", "")], ""),  # a drop cap read as a numeral
    ([_section("", "Introduction")], ""),  # the parser's lead section
    ([_section("", "T")], ""),  # a drop cap as a heading
    ([_section("", "The Title")], ""),  # the document's own title
    ([_section("", "Energy ties")], "Energy ties"),
    ([_section("I", "Politics"), _section("A", "Summits", 2, 2, 1)], "I.A. Summits"),
    ([_section("I", "Politics"), _section("A", "", 2, 2, 1)], "I. Politics"),
    ([_section("I", ""), _section("", "Summits", 2, 2, 1)], "Summits"),
])
def test_only_real_headings_are_cited(path, expected):
    cited = cited_section(path, "The Title")
    labels = ".".join(s.label for s in cited if s.label)
    heading = cited[-1].heading if cited else ""
    assert Locator(None, labels, heading).section == expected


REF = Reference(document_id=1, slug="s", title="Why Now?", authors=parse_names("Anna Berg"), outlet="Review",
                date=DateParts(2020, 1, 2), url="https://x.example/a")


def test_chicago_keeps_a_question_mark_and_drops_the_comma():
    assert as_plain(chicago_note(REF, Locator())) == "Anna Berg, “Why Now?” Review, January 2, 2020, https://x.example/a."


def test_apa_entry_ends_without_a_period_after_the_url():
    assert as_plain(apa_entry(REF)) == "Berg, A. (2020, January 2). Why Now? Review. https://x.example/a"


def test_plain_note_with_nothing_known_names_the_document():
    bare = Reference(document_id=2, slug="notes-7")
    assert as_plain(plain_note(bare, Locator(page=3))) == "document notes-7, p. 3."


def test_citation_text_is_escaped_in_markdown():
    evil = Reference(document_id=3, slug="e", title="[x](http://evil) *b*", authors=parse_names("A <b>Person</b>"),
                     outlet="*Journal*", url="javascript:alert(1)")
    rendered = as_markdown(plain_note(evil, Locator()))
    assert "](" not in rendered.replace("\\](", "") and "<b>" not in rendered
    assert "javascript\\:alert(1)" not in rendered or "<javascript" not in rendered
    assert not rendered.count("<") - rendered.count("\\<")


@pytest.mark.parametrize("url, linkable", [
    ("https://nordic.example/a?b=1#c", True),
    ("http://x.example", True),
    ("javascript:alert(1)", False),
    ("https://x.example/a b", False),
    ("https://x.example/<script>", False),
    ("ftp://x.example/file", False),
    ("https://x.example/\u202etxt", False),
])
def test_only_well_formed_http_urls_become_links(url, linkable):
    assert is_linkable_url(url) is linkable
    assert markdown_url(url).startswith("<") is linkable


def test_pandoc_citations_and_locators():
    assert pandoc_citation("k", Locator()) == "[@k]"
    assert pandoc_citation("k", Locator(page=12, label="II", heading="Trade")) == "[@k, p. 12]"
    assert pandoc_citation("k", Locator(label="II.A", heading="Trade")) == "[@k, sec. II.A]"
    assert pandoc_citation("k", Locator(heading="Oil [and] {gas}; @x")) == "[@k, sec. {Oil and gas x}]"


def test_span_comment_cannot_end_early():
    fact = cited_facts()[0]
    assert span_comment(fact) == "<!-- relexplorer fact=1 document=pipelines-and-ports-2021 start=310 end=356 -->"
    fact.document = "a-->b--c"
    assert "-->" not in span_comment(fact)[:-3] and "--" not in span_comment(fact)[4:-3]


def test_person_name_sort_key_folds_accents():
    assert PersonName(family="Müller", given="Jürgen").sort_key == "muller jurgen"

"""Structure: metadata, sections and body paragraphs, checked against facts read by hand."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relexplorer.errors import ReadError
from relexplorer.extract.debris import compile_rules, load_debris
from relexplorer.extract.sentences import split_sentences
from relexplorer.extract.structure import find_date, normalise_date, parse_structure, tidy_source
from relexplorer.read import read_path, read_text
from tests.helpers import paths

ARTICLES = paths.ARTICLES
SAMPLE = paths.SAMPLE


def parse(path: Path):
    source = read_path(path)
    return source.text, parse_structure(source.text, source.front_matter)


def outline(structure) -> list[tuple[str, str, int, int | None]]:
    return [(s.label, s.heading, s.level, s.parent) for s in structure.sections]


def paragraph_texts(text: str, structure) -> list[str]:
    return [text[p.start : p.end] for p in structure.paragraphs]


def check_invariants(text: str, structure) -> None:
    """Spans are inside the text, ordered, non-empty and trimmed; sections nest."""
    previous = -1
    for i, sec in enumerate(structure.sections):
        assert 0 <= sec.start < sec.end <= len(text)
        assert sec.start >= previous
        previous = sec.start
        assert not text[sec.start].isspace() and not text[sec.end - 1].isspace()
        if sec.parent is not None:
            assert 0 <= sec.parent < i
            parent = structure.sections[sec.parent]
            assert parent.level < sec.level
            assert parent.start <= sec.start and sec.end <= parent.end
    previous_end = 0
    for p in structure.paragraphs:
        assert 0 <= p.start < p.end <= len(text)
        assert p.start >= previous_end
        previous_end = p.end
        assert not text[p.start].isspace() and not text[p.end - 1].isspace()
        assert 0 <= p.section < len(structure.sections)
        sec = structure.sections[p.section]
        assert sec.start <= p.start and p.end <= sec.end


# -- the bundled sample -----------------------------------------------------------------------


def test_sample_metadata():
    text, s = parse(SAMPLE)
    m = s.metadata
    assert m.title == "China-Russia Relationship: Full of Strong Endogenous Dynamics"
    assert m.author == "Zhao Mingwen"
    assert m.published == "2018-06-07"
    assert m.editor == "Wang Jiapei"
    assert m.source == "Peace and Development, No. 2, 2018"
    assert m.extra["author_bio"].startswith("Zhao Mingwen is Senior Research Fellow from China")


def test_sample_sections():
    text, s = parse(SAMPLE)
    assert outline(s) == [
        ("", "Introduction", 1, None),
        (
            "I",
            "The Level of Political Mutual Trust and Strategic Coordination Has Risen Continuously",
            1,
            None,
        ),
        (
            "A",
            "Intensive Meetings and Interactions between the Heads of State of the Two Countries",
            2,
            1,
        ),
        ("B", "Institutionalization of Strategic Consultation between the Two Countries", 2, 1),
        ("C", "Free of Interference of the American Factor", 2, 1),
        ("D", "Russia Deepened Its Understanding of China", 2, 1),
        ("II", "Military and Security Cooperation Has Gone Deeper", 1, None),
        ("III", "Cooperation in Other Areas Has Kept Following", 1, None),
    ]
    sections = s.sections
    assert text[sections[1].start :].startswith("I. The Level of Political")
    assert text[sections[2].start :].startswith("A. Intensive Meetings")
    # section I runs to the end of D's last sentence, just before II
    assert sections[1].end == sections[5].end
    assert text[sections[5].end - 16 : sections[5].end] == "fellow citizens."
    assert text[sections[7].end - 24 : sections[7].end] == "for a long time to come."
    check_invariants(text, s)


def test_sample_paragraphs():
    text, s = parse(SAMPLE)
    paragraphs = paragraph_texts(text, s)
    # by reading: 1 lead, 1 + 4 (A-D) in I, 1 in II, 8 in III
    assert len(paragraphs) == 15
    assert [p.section for p in s.paragraphs] == [0, 1, 2, 3, 4, 5, 6] + [7] * 8
    assert paragraphs[0].startswith("In 2017, the China-Russia comprehensive strategic")
    # the letter heading is not part of its paragraph
    assert paragraphs[2].startswith("In the past year, President Xi Jinping met President Putin")
    assert paragraphs[5].startswith("The people of Russia held friendlier attitude")
    assert paragraphs[-1].endswith("strategic partner to other for a long time to come.")
    for p in paragraphs:
        for junk in ("Adjust font size", "Source:", "Senior Research Fellow", "作者", "|"):
            assert junk not in p


# -- our own articles -------------------------------------------------------------------------


def test_markdown_front_matter_article():
    text, s = parse(ARTICLES / "md_front_matter.md")
    m = s.metadata
    assert m.title == "Energy Bridges: Gas, Grids and the Eurasian Balance"
    assert m.author == "Maria Kowalski and Daniel Okafor"
    assert m.published == "2021-03-15"
    assert m.source == "Eurasia Policy Review"
    assert m.extra["author_bio"].startswith("Maria Kowalski is a senior fellow")
    assert outline(s) == [
        ("", "Introduction", 1, None),
        ("", "Pipelines and prices", 1, None),
        ("", "Contract terms", 2, 1),
        ("", "Grids and power lines", 1, None),
        ("", "Conclusion", 1, None),
    ]
    paragraphs = paragraph_texts(text, s)
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("Gas trade across the Eurasian landmass has doubled")
    assert paragraphs[4] == "Kazakhstan imported 1.2 terawatt-hours in 2020."  # list marker dropped
    assert not any("senior fellow" in p or p.startswith("#") for p in paragraphs)
    check_invariants(text, s)


def test_think_tank_web_page():
    text, s = parse(ARTICLES / "thinktank_web.txt")
    m = s.metadata
    assert m.title == "Mekong Water Diplomacy Enters a New Phase"
    assert m.author == "Anan Srisuk and Claire Dubois"
    assert m.published == "2021-01-05"
    assert m.extra["kicker"] == "COMMENTARY"
    assert "Anan Srisuk is a senior fellow" in m.extra["author_bio"]
    assert outline(s) == [
        ("", "Introduction", 1, None),
        ("", "Dams upstream", 1, None),
        ("", "Cooperation mechanisms", 1, None),
    ]
    paragraphs = paragraph_texts(text, s)
    assert len(paragraphs) == 6
    joined = "\n".join(paragraphs)
    for junk in (
        "Share",
        "Tweet",
        "Print",
        "Email",
        "font size",
        "ADVERTISEMENT",
        "Related articles",
        "Laos signs",
        "cookies",
        "newsletter",
        "All rights reserved",
        "PUBLISHED",
        "By Anan",
    ):
        assert junk not in joined
    assert paragraphs[-1].startswith("Washington answered with the Mekong-U.S. Partnership")
    check_invariants(text, s)


def test_wrapped_article_without_headings():
    text, s = parse(ARTICLES / "wrapped_noheadings.txt")
    m = s.metadata
    assert (m.title, m.author, m.published) == (
        "Arctic Shipping and the Northern Sea Route",
        "Ingrid Halvorsen",
        "2021-01-05",
    )
    assert (
        m.extra["author_bio"]
        == "The author is a research fellow at the Fridtjof Nansen Institute in Oslo."
    )
    assert outline(s) == [("", "Arctic Shipping and the Northern Sea Route", 1, None)]
    paragraphs = paragraph_texts(text, s)
    assert len(paragraphs) == 4
    assert all("\n" not in p for p in paragraphs)
    check_invariants(text, s)


def test_numbered_sections_and_a_numbered_list():
    text, s = parse(ARTICLES / "numbered_sections.txt")
    m = s.metadata
    assert m.title == "Rebuilding Supply Chains After the Pandemic"
    assert m.author == "Ravi Menon"  # "By RAVI MENON"
    assert m.extra["updated"] == "2022-02-02"
    assert m.published == "2022-02-02"  # only an update date is given
    assert m.source == "Global Trade Quarterly, No. 4, 2022"
    assert outline(s) == [
        ("", "Introduction", 1, None),
        ("1", "Where the shocks hit", 1, None),
        ("2", "The cost of resilience", 1, None),
        ("3", "What comes next", 1, None),
    ]
    paragraphs = paragraph_texts(text, s)
    # the list inside section 2 is body text (markers dropped), not three more sections
    assert "Map critical inputs for the 20 most exposed sectors." in paragraphs
    assert "Fund strategic stockpiles worth at least 0.5 percent of GDP." in paragraphs
    assert not any(p.startswith("Source") for p in paragraphs)
    check_invariants(text, s)


def test_crlf_article_with_title_lines_and_english_pipe_header():
    text, s = parse(ARTICLES / "crlf_titlelines.txt")
    m = s.metadata
    assert m.title == "Sanctions and the Ruble Economy"
    assert (m.author, m.published, m.editor) == ("Lena Fischer", "2019-11-20", "Tom Brandt")
    assert m.extra["journal"] == m.source == "Strategic Review"
    assert m.extra["author_bio"].startswith("The author is a research fellow")
    assert outline(s) == [
        ("", "Introduction", 1, None),
        ("", "Background", 1, None),
        ("", "Trade Under Sanctions", 1, None),
        ("", "Conclusion", 1, None),
    ]
    assert len(s.paragraphs) == 4
    check_invariants(text, s)


def test_roman_and_letter_headings_on_their_own_lines():
    text, s = parse(ARTICLES / "roman_letters_pipe.txt")
    m = s.metadata
    assert m.title == "Central Asia Between Two Partners"
    assert (m.author, m.editor, m.published) == ("Chen Wei", "Liu Fang", "2019-07-15")
    assert m.source == "Asian Affairs Monthly, No. 7, 2019"
    assert outline(s) == [
        ("", "Introduction", 1, None),
        ("I", "Trade and Investment", 1, None),
        ("A", "Trade with China", 2, 1),
        ("B", "Trade with Russia", 2, 1),
        ("II", "Security Cooperation", 1, None),
    ]
    assert len(s.paragraphs) == 5
    check_invariants(text, s)


def test_html_article():
    text, s = parse(ARTICLES / "entities.html")
    m = s.metadata
    assert (m.title, m.author, m.published, m.source) == (
        "Rail Freight Along the Belt and Road",
        "Hiroshi Tanaka",
        "2020-09-21",
        "Transport Policy Watch",
    )
    assert outline(s) == [
        ("", "Introduction", 1, None),
        ("", "Costs & subsidies", 1, None),
        ("", "Bottlenecks", 1, None),
    ]
    check_invariants(text, s)


# -- metadata shapes --------------------------------------------------------------------------

BODY = (
    "\n\nThe two governments signed 14 agreements worth more than $20 billion during the visit, "
    "covering energy, transport and finance.\n\nTrade grew by 12 percent in the first half."
)


@pytest.mark.parametrize(
    "header, expected",
    [
        ("A Title\nBy John Smith", {"author": "John Smith"}),
        (
            "A Title\nBy John Smith and Mary-Jane O'Neil",
            {"author": "John Smith and Mary-Jane O'Neil"},
        ),
        (
            "A Title\nBy John Smith, Jane Doe and Li Wei",
            {"author": "John Smith, Jane Doe and Li Wei"},
        ),
        ("A Title\nBy Jane Doe, Senior Fellow", {"author": "Jane Doe"}),
        ("A Title\nBy Dean Baker, Brookings", {"author": "Dean Baker"}),
        (
            "A Title\nBy Jane Doe | Published: 2019-04-13",
            {"author": "Jane Doe", "published": "2019-04-13"},
        ),
        ("A Title\nPUBLISHED : 5 Jan 2021 at 09:15", {"published": "2021-01-05"}),
        ("A Title\nPublished: January 5, 2021", {"published": "2021-01-05"}),
        ("A Title\nPublished on 5th March 2019", {"published": "2019-03-05"}),
        ("A Title\nPosted: Tuesday, 7 June 2018 - 10:30 GMT", {"published": "2018-06-07"}),
        ("A Title\nJune 7, 2018", {"published": "2018-06-07"}),
        ("A Title\n2018年6月7日", {"published": "2018-06-07"}),
        ("A Title\nUpdated: 12 Feb 2022", {"published": "2022-02-12"}),
        (
            "A Title\nAuthor: Jane Doe\nEditor: Tom Brandt\nDate: 2019-11-20",
            {"author": "Jane Doe", "editor": "Tom Brandt", "published": "2019-11-20"},
        ),
        (
            "A Title\nJournal of Things | Author: Jane Doe | Date: 2019-11-20 | Editor: Tom Brandt",
            {"author": "Jane Doe", "editor": "Tom Brandt", "published": "2019-11-20"},
        ),
        (
            "A Title\n:Peace and Development | 作者: Zhao Mingwen | 时间: 2018-06-07 | 责编: Wang Jiapei",
            {
                "author": "Zhao Mingwen",
                "editor": "Wang Jiapei",
                "published": "2018-06-07",
                "source": "Peace and Development",
            },
        ),
        (
            "A Title\nBy Jane Doe | 5 January 2021",
            {"author": "Jane Doe", "published": "2021-01-05"},
        ),
    ],
)
def test_header_shapes(header, expected):
    text = read_text(header + BODY).text
    s = parse_structure(text, {})
    m = s.metadata
    assert m.title == "A Title"
    for field, value in expected.items():
        if field == "source":
            assert value in (m.source, m.extra.get("journal"))
        else:
            assert getattr(m, field) == value
    paragraphs = paragraph_texts(text, s)
    assert len(paragraphs) == 2 and paragraphs[0].startswith("The two governments signed")


def test_browser_tab_title_and_breadcrumbs():
    text = read_text("Home > Opinion\n\nA Gas Deal Is Signed | Example Forum" + BODY).text
    s = parse_structure(text, None)
    assert s.metadata.title == "A Gas Deal Is Signed"
    assert s.metadata.extra["site"] == "Example Forum"
    assert len(s.paragraphs) == 2


def test_header_lines_never_become_paragraphs():
    text = read_text(
        "Opinion\n\nWhy Gas Matters\nBy Jane Doe\nPUBLISHED : 5 Jan 2021 at 09:15\n"
        "Share | Tweet | Email\n\n" + BODY.strip()
    ).text
    s = parse_structure(text, None)
    assert s.metadata.title == "Why Gas Matters"
    assert s.metadata.extra["kicker"] == "Opinion"
    assert [text[p.start : p.end][:14] for p in s.paragraphs] == [
        "The two govern",
        "Trade grew by ",
    ]


def test_front_matter_fields_win():
    fm = {
        "title": "FM Title",
        "author": ["A One", "B Two", "C Three"],
        "date": "March 4, 2020",
        "journal": "Policy Review, N0.3 2020",
        "editor": "E D",
    }
    text = read_text("FM Title\n\n" + BODY.strip()).text
    m = parse_structure(text, fm).metadata
    assert (m.title, m.author, m.published, m.source, m.editor) == (
        "FM Title",
        "A One, B Two and C Three",
        "2020-03-04",
        "Policy Review, No. 3, 2020",
        "E D",
    )


def test_unparsed_front_matter_is_skipped_and_read_leniently():
    text = read_text(
        "---\ntitle: [broken\nauthor: Jane Doe\ndate: 2020-01-02\n---\n" + BODY, "md"
    ).text
    s = parse_structure(text, {})
    assert s.metadata.author == "Jane Doe" and s.metadata.published == "2020-01-02"
    assert all("---" not in text[p.start : p.end] for p in s.paragraphs)
    assert len(s.paragraphs) == 2


def test_footer_source_and_bio_shapes():
    for bio in (
        "Jane Doe is a senior fellow at the Lowy Institute.",
        "The author is Professor of Politics at the University of Leeds.",
        "Jane Doe is Senior Research Fellow from the Institute of Asian Studies, and former diplomat.",
        "About the author: Jane Doe is a visiting scholar at Fudan University.",
        "（作者系中国国际问题研究院研究员）",
    ):
        text = read_text(
            "A Title\nBy Jane Doe" + BODY + "\n\n" + bio + "\n\nSource: Policy Review, No.3 2020."
        ).text
        s = parse_structure(text, {})
        assert s.metadata.extra.get("author_bio") == bio, bio
        assert s.metadata.source == "Policy Review, No. 3, 2020"
        assert len(s.paragraphs) == 2


def test_a_closing_paragraph_about_a_country_is_not_a_bio():
    text = read_text(
        "A Title" + BODY + "\n\nThe United States is the largest member of NATO and will remain so."
    ).text
    s = parse_structure(text, {})
    assert "author_bio" not in s.metadata.extra
    assert len(s.paragraphs) == 3


def test_dates_and_sources():
    assert normalise_date("5 Jan 2021 at 09:15") == "2021-01-05"
    assert normalise_date("January 5th, 2021") == "2021-01-05"
    assert normalise_date("2021/1/5") == "2021-01-05"
    assert normalise_date("05.01.2021") == "2021-01-05"
    assert normalise_date("01/05/2021") == "2021-01-05"
    assert normalise_date("25/12/2020") == "2020-12-25"
    assert normalise_date("Sept. 2019") == "2019-09"
    assert normalise_date("2019") == "2019"
    assert normalise_date("2021-02-30") == "2021"  # no such day: only the year is trusted
    assert normalise_date("no date here") == ""
    assert find_date("Updated 2019-03-04T10:00Z")[0] == "2019-03-04"
    assert tidy_source("Peace and Development, N0.2 2018.") == "Peace and Development, No. 2, 2018"
    assert tidy_source("Journal of Things, No 4, 2019") == "Journal of Things, No. 4, 2019"


# -- headings ---------------------------------------------------------------------------------


def test_article_without_headings_is_one_section():
    text = read_text("Just a Title\n\n" + BODY.strip() + "\n\nA third paragraph ends here.").text
    s = parse_structure(text, None)
    assert outline(s) == [("", "Just a Title", 1, None)]
    assert len(s.paragraphs) == 3


def test_letter_heading_needs_a_sequence_and_initials_are_names():
    text = read_text(
        "T\n\nJ. K. Rowling wrote seven books that sold 500 million copies. They made her rich.\n\n"
        "C. Wright Mills Was a Sociologist. He wrote The Power Elite in 1956 and many other books.\n\n"
        "More text follows here in a normal paragraph."
    ).text
    s = parse_structure(text, None)
    assert [sec.label for sec in s.sections] == [""]
    assert len(s.paragraphs) == 3


def test_markdown_levels_and_labels_inside_headings():
    text = read_text(
        "# Title\n\n## I. Trade\n\nTrade grew by 5 percent in 2019 after a slow start.\n\n"
        "### Exports\n\nExports rose by 7 percent to a record level.\n\n## II. Energy\n\n"
        "Gas deliveries doubled over the period to 2020.",
        "md",
    ).text
    s = parse_structure(text, None)
    assert s.metadata.title == "Title"
    assert outline(s) == [("I", "Trade", 1, None), ("", "Exports", 2, 0), ("II", "Energy", 1, None)]


def test_chinese_ordinal_headings():
    text = read_text(
        "中俄关系\n\n一、政治互信\n\n两国领导人多次会晤，双方政治互信不断提升，合作持续深入。\n\n"
        "二、经贸合作\n\n2017年，中俄双边贸易额达到840.71亿美元，同比增长20.8%。"
    ).text
    s = parse_structure(text, None)
    assert s.metadata.title == "中俄关系"
    assert outline(s) == [("一", "政治互信", 1, None), ("二", "经贸合作", 1, None)]


def test_debris_rules_come_from_data():
    rules = compile_rules({"line": ["zap+"], "link_block": ["see elsewhere"]})
    assert rules.is_debris("Zappp") and not rules.is_debris("Share")
    assert rules.opens_link_block("See elsewhere")
    bundled = load_debris()
    for line in (
        "Share",
        "Tweet",
        "ADVERTISEMENT",
        "Adjust font size: + -",
        "Print | Email",
        "We use cookies to give you the best experience.",
        "Subscribe to our newsletter",
        "© 2021 Example Media. All rights reserved.",
        "Copyright 2020 Foo",
        "5 min read",
    ):
        assert bundled.is_debris(line), line
    for line in ("Trade grew by 5 percent.", "Sharing economy", "Printing money is no answer."):
        assert not bundled.is_debris(line), line


def test_related_block_in_the_middle_keeps_the_next_heading():
    text = read_text(
        "T\n\nFirst paragraph of the article with enough words to read as prose.\n\n"
        "Read more\nA headline elsewhere\nAnother headline elsewhere\n\n"
        "Next Section\n\nSecond paragraph of the article, with enough words to be prose."
    ).text
    s = parse_structure(text, None)
    assert [sec.heading for sec in s.sections] == ["Introduction", "Next Section"]
    assert len(s.paragraphs) == 2


# -- robustness -------------------------------------------------------------------------------

LINES = st.sampled_from(
    [
        "",
        "",
        "I. Heading",
        "II. Next",
        "A. Sub. Body text here.",
        "B. Sub",
        "1. Item",
        "2) Item",
        "# Head",
        "## Sub",
        "### Deep",
        "---",
        "title: x",
        "By Jane Doe",
        "PUBLISHED : 5 Jan 2021",
        "Share",
        "ADVERTISEMENT",
        "Related articles",
        "Source: J, N0.2 2018.",
        "Jane Doe is a senior fellow at X.",
        "Short Title Line",
        "A long paragraph of prose that ends with a full stop and has many words in it.",
        "一、标题",
        "（一）小标题",
        "| a | b |",
        "- list",
        "> quote",
        "```",
        "  ",
        "Ω≈ç√∫",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=40),
    st.sampled_from(["txt", "md", "html"]),
)
def test_pipeline_never_raises_and_spans_hold(lines, fmt):
    raw = "\n".join(lines)
    try:
        source = read_text(raw, fmt)
    except ReadError:
        return
    text = source.text
    s = parse_structure(text, source.front_matter)
    check_invariants(text, s)
    for p in s.paragraphs:
        previous = p.start
        for a, b in split_sentences(text, p.start, p.end):
            assert previous <= a < b <= p.end
            previous = b


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_structure_of_arbitrary_text(raw):
    s = parse_structure(raw, None)  # even unnormalised text
    for sec in s.sections:
        assert 0 <= sec.start < sec.end <= len(raw)
    for p in s.paragraphs:
        assert 0 <= p.start < p.end <= len(raw) and p.section < len(s.sections)


def test_structure_throughput(capsys):
    sample = SAMPLE.read_text("utf-8")
    text = read_text(sample + sample.split("\n", 6)[6] * 150).text
    started = time.perf_counter()
    s = parse_structure(text, None)
    seconds = time.perf_counter() - started
    rate = len(text.encode("utf-8")) / 1e6 / seconds
    with capsys.disabled():
        print(
            f"\nparse_structure: {len(text) / 1e6:.1f} M chars in {seconds:.2f} s = {rate:.1f} MB/s"
        )
    assert len(s.paragraphs) > 150 * 14
    assert rate > 1.0


def test_commentary_with_kicker_name_line_and_related_block():
    text, s = parse(ARTICLES / "commentary_kicker.txt")
    m = s.metadata
    assert m.title == "The US-China trade war: Where do we go from here?"
    assert m.extra["kicker"] == "Commentary"
    assert (m.author, m.published) == ("David Dollar", "2021-01-08")  # a name line, then a date
    assert m.extra["author_bio"].startswith("David Dollar is a senior fellow")
    assert outline(s) == [
        ("", "Introduction", 1, None),
        ("", "Tariffs remain in place", 1, None),  # a heading line right above its paragraph
        ("", "What comes next?", 1, None),
    ]
    paragraphs = paragraph_texts(text, s)
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("Tariffs of 25 percent still apply")
    joined = "\n".join(paragraphs)
    for junk in ("Editor's note", "Related Content", "Trade policy in 2021", "senior fellow"):
        assert junk not in joined
    check_invariants(text, s)


def test_news_page_with_single_line_breaks_and_caption():
    text, s = parse(ARTICLES / "news_single_newlines.txt")
    m = s.metadata
    assert m.title == "Russia and China sign 30-year gas deal worth $400bn"
    assert m.author == "Julian Borger"  # "Julian Borger in Washington"
    assert m.published == "2021-01-05"  # "Tue 5 Jan 2021 09.15 GMT"
    assert m.extra["updated"] == "2021-01-05"  # "Last modified on ..."
    paragraphs = paragraph_texts(text, s)
    assert len(paragraphs) == 6  # every line is a paragraph; caption and topics are not
    assert paragraphs[0].startswith("Russia and China have signed a 30-year gas supply deal")
    assert not any(
        "Photograph" in p or p in ("Topics", "Russia", "China", "Gas") for p in paragraphs
    )
    check_invariants(text, s)


def test_journal_article_copied_from_a_pdf():
    text, s = parse(ARTICLES / "journal_pdf_copy.txt")
    m = s.metadata
    assert m.title == "Energy Security in Northeast Asia"
    assert m.author == "Kenji Watanabe"
    assert m.source == "Journal of Asian Energy, Vol. 12, No. 3 (2019)"
    assert outline(s) == [
        ("", "Abstract", 1, None),
        ("1", "Introduction", 1, None),
        ("2", "Diversification", 1, None),
    ]
    paragraphs = paragraph_texts(text, s)
    assert paragraphs[0].startswith("Japan imports 88 percent of its primary energy.")
    assert "\n" not in paragraphs[1]  # hard-wrapped lines joined
    assert not any(p == "12" for p in paragraphs)  # a page number
    check_invariants(text, s)


def test_endnotes_contributors_and_contact_lines_are_not_body():
    text = read_text(
        "A Title\nBy Jane Doe\n\n" + BODY.strip() + "\n\nAdditional reporting by Wang Lei\n\n"
        "For questions call +44 20 7946 0958.\n\n"
        "1. Customs statistics of the PRC, 2021. URL: http://example.org/report.html\n"
        "2. Bank of Russia. Review of the foreign exchange market, No. 5, 2021, p. 14."
    ).text
    s = parse_structure(text, {})
    assert len(s.paragraphs) == 2
    assert [sec.label for sec in s.sections] == [""]
    assert s.metadata.extra["contributors"] == "Additional reporting by Wang Lei"


def test_masthead_above_the_title_and_notes_below_the_bio():
    raw = (
        "The Policy Gazette\nSkip to main content\nNEWS | WORLD | ASIA\n\n"
        "Tokyo and Canberra Extend Their Gas Pact\n\nBy Aya Mori, Staff writer\n"
        "Feb 19, 2024 (Updated: Feb 19, 2024 18:42 JST)\n\nSHARE\nFacebook\nLINE\nPocket\n"
        "Comments (14)\n\n" + BODY.strip() + "\n\nKyodo contributed to this report.\n\n"
        "* Aya Mori is a visiting fellow at the Example Institute.\n\n"
        "1 Ministry of Finance, trade statistics, January 2024.\n\n"
        "2 See Example Review 2022/104, pp. 6-7.\n\n"
        "Example Review is published electronically by: Example Institute\n"
        "30 Heng Road, Singapore 119614\nMain Tel: (65) 6778 0955\n\n1  2  3  Next"
    )
    text = read_text(raw).text
    s = parse_structure(text, None)
    m = s.metadata
    assert m.title == "Tokyo and Canberra Extend Their Gas Pact"
    assert (m.author, m.published) == ("Aya Mori", "2024-02-19")
    assert m.extra["masthead"].startswith("The Policy Gazette")
    assert m.extra["author_bio"].startswith("* Aya Mori is a visiting fellow")
    assert [text[p.start : p.end][:14] for p in s.paragraphs] == [
        "The two govern",
        "Trade grew by ",
    ]


def test_markdown_footnote_definitions_and_names_beside_a_date():
    raw = (
        "# A Markdown Brief\n\n*Jane Q. Public and John R. Doe | November 14, 2023*\n\n"
        + BODY.strip()
        + "\n\n---\n\n*Jane Q. Public is a fellow at Example. John R. Doe is a senior fellow.*"
        "\n\n[^1]: Example Database, March 2023, pp. 14-16.\n[^2]: Interviews, 3 August 2023."
    )
    text = read_text(raw, "md").text
    s = parse_structure(text, None)
    m = s.metadata
    assert (m.title, m.author, m.published) == (
        "A Markdown Brief",
        "Jane Q. Public and John R. Doe",
        "2023-11-14",
    )
    assert "author_bio" in m.extra
    assert len(s.paragraphs) == 2


def test_a_standfirst_above_the_by_line_is_not_a_bare_by_line():
    # "X and Y for Z" reads like two names; the "By" line under it names the authors.
    text = (
        "A Grinding War\n"
        "Massive Losses and Tiny Gains for a Declining Power\n"
        "By Jane Roe and John Doe\n"
        "2026-01-27\n\n"
        "The war has cost the army dearly, and the gains were small by any measure.\n"
    )
    meta = parse_structure(text, {}).metadata
    assert meta.author == "Jane Roe and John Doe"
    assert meta.published == "2026-01-27"

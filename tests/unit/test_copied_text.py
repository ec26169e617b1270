"""Text copied from web pages: furniture by its shape, labelled header lines, hard-wrap joining.

The fixtures in ``tests/data/articles/copied_*.txt`` were written in the shape of real copies
(a browser's select-all of an opinion page with menus and share buttons, a page with a
``WRITER:`` by-line and a reader poll, a hard-wrapped wire report with a ``> Source:`` line);
the inline texts below each isolate one shape.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from relexplorer.extract import extract
from relexplorer.extract.debris import load_debris
from relexplorer.extract.structure import parse_structure
from relexplorer.read import read_path, read_text
from tests.helpers import paths
from tests.unit.test_structure import check_invariants

ARTICLES = paths.ARTICLES
PARAGRAPH = (
    "Trade between the two countries grew quickly in the first half of the year, while "
    "investment in energy and transport projects slowed down somewhat after the elections. "
)
BODY = "\n".join(PARAGRAPH * k + "Officials expect more." for k in (2, 3, 2))


def parse(raw: str, fmt: str = "txt"):
    text = read_text(raw, fmt).text
    return text, parse_structure(text, None)


def paragraph_texts(text: str, structure) -> list[str]:
    return [text[p.start : p.end] for p in structure.paragraphs]


def facts_of(path):
    doc = extract(read_path(path))
    return doc, [f.text for f in doc.facts]


# -- the fixtures ------------------------------------------------------------------------------


def test_opinion_page_copied_with_its_menus_and_share_bar():
    doc, facts = facts_of(ARTICLES / "copied_jakarta_opinion.txt")
    m = doc.metadata
    assert m.title == "ASEAN's river and its strait need one policy"  # not "Academia"
    assert (m.author, m.published, m.source) == (
        "Dewi Kartika Sari",  # a bare name above the date line
        "2024-03-05",  # "Jakarta ● Tue, March 5, 2024"
        "The Jakarta Post",  # the page names itself: "Get the best of The Jakarta Post ..."
    )
    assert m.extra["subtitle"].startswith("Southeast Asia still treats")
    assert m.extra["author_bio"].startswith("The writer is a lecturer")
    headings = {s.heading for s in doc.sections}
    assert headings == {m.title}  # no section named after a menu item or a drop cap
    for furniture in ("Academia", "WhatApp", "Subscribe", "Popular", "Economy", "Premium"):
        assert not any(furniture in f for f in facts), furniture
    assert facts[0].startswith("Indonesia's trade ministry counted 94,000")  # the drop cap
    assert facts[-1].startswith("The Asian Development Bank estimated in 2022")
    assert not any(
        word in f for f in facts for word in ("Read also", "Reuters/", "Your Opinion", "Sign up")
    )
    check_invariants(doc.text, doc)


def test_writer_byline_and_a_reader_poll():
    doc, facts = facts_of(ARTICLES / "copied_bangkok_writer_poll.txt")
    m = doc.metadata
    assert (m.title, m.author, m.published, m.source) == (
        "Condo buyers need clearer rules on foreign quotas",
        "Somchai Wongsawat",  # "WRITER: Somchai Wongsawat"
        "2024-02-12",  # "PUBLISHED : 12 Feb 2024 at 04:00"
        "Bangkok Post",  # "© Bangkok Post PCL. All rights reserved."
    )
    assert [s.heading for s in doc.sections] == [m.title]  # the poll is no section
    assert not any("THB" in f or "Vote" in f or "How much" in f for f in facts)
    figures = [fig.text for f in doc.facts for fig in f.figures]
    assert not any("million" in text for text in figures)  # the poll's answers are no figures
    assert "50 billion baht" in figures
    assert any(fig.value == 42000 for f in doc.facts for fig in f.figures)
    assert len(facts) == 8
    check_invariants(doc.text, doc)


def test_hard_wrapped_wire_report_with_a_source_line():
    doc, facts = facts_of(ARTICLES / "copied_peoplesdaily_wrapped.txt")
    m = doc.metadata
    assert m.url == "http://en.people.cn/n3/2024/0306/c90000-20142876.html"  # "> Source: URL"
    assert (m.title, m.author, m.published, m.source) == (
        "China, Central Asia agree to expand rail freight and energy links",
        "Wang Jing",
        "2024-03-06",  # "09:14, March 06, 2024"
        "People's Daily",  # "from PeopleDaily Website", as the gazetteer spells it
    )
    assert "url" not in m.extra
    assert len(facts) == 11  # sentences, not 30 line fragments
    assert all("\n" not in f and f[-1] in '.!?"”' for f in facts)
    quote = next(f for f in facts if f.startswith('"Rail is the backbone'))
    assert quote.endswith("adding that freight trains made 7,800 trips on the routes last year.")
    assert any(f.startswith('"The Khorgos gateway handled 300,000 containers in 2023') for f in facts)
    assert not any(w in f for f in facts for w in ("Web editor", "Related", "Copyright", "中文"))
    check_invariants(doc.text, doc)


# -- furniture by its shape -------------------------------------------------------------------


def test_a_run_of_short_link_lines_is_a_menu_but_a_heading_before_prose_stays():
    raw = (
        "Home\nWorld\nBusiness\nEconomy\nMarkets\nTech\n"
        "Ports and pipelines: a quiet race in the Caspian\nBy Jane Doe\n\n"
        + BODY.split("\n")[0]
        + "\nShare\nFacebook\nWhatApp\nTelegrm\nWhat comes next\n"
        + BODY.split("\n")[1]
        + "\nMost Popular\nOne headline\nAnother headline\nContact\nCareers\nAdvertise with us\n"
    )
    text, s = parse(raw)
    assert s.metadata.title == "Ports and pipelines: a quiet race in the Caspian"
    assert s.metadata.author == "Jane Doe"
    assert [sec.heading for sec in s.sections] == ["Introduction", "What comes next"]
    joined = "\n".join(paragraph_texts(text, s))
    for word in ("World", "WhatApp", "Telegrm", "Popular", "Careers", "Advertise"):
        assert word not in joined, word
    check_invariants(text, s)


def test_a_short_title_right_above_the_by_line_is_not_taken_for_a_menu_item():
    raw = "Politics\nOpinion\nFeatures\nThe New Millionaires\nBy Mujib Mashal December 18, 2014\n\n" + BODY
    _, s = parse(raw)
    assert (s.metadata.title, s.metadata.author, s.metadata.published) == (
        "The New Millionaires",
        "Mujib Mashal",
        "2014-12-18",
    )


def test_a_poll_question_and_its_answers_are_furniture():
    raw = (
        "Title of the piece on quotas\nBy Jane Doe\n\n" + BODY.split("\n")[0] + "\n"
        "Poll\nWhich option do you prefer?\nUnder 2 million THB\n2-5 million THB\n"
        "Over 10 million THB\nVote\nView results\n" + BODY.split("\n")[1]
    )
    doc = extract(read_text(raw))
    assert len(doc.sections) == 1
    assert not any("THB" in f.text or "prefer" in f.text for f in doc.facts)


@pytest.mark.parametrize(
    "raw",
    [
        "I\nndonesia's exports rose quickly this year, and officials expect more next year.",
        "I\nIndonesia's exports rose quickly this year, and officials expect more next year.",
    ],
)
def test_a_drop_cap_is_neither_a_section_nor_a_lost_letter(raw):
    text, s = parse("A Title for the Drop Cap\nBy Jane Doe\n\n" + raw + "\n" + BODY)
    assert [sec.label for sec in s.sections] == [""]
    assert paragraph_texts(text, s)[0].startswith("Indonesia's exports rose quickly")


def test_page_furniture_after_the_article_is_left_out_but_not_the_bio():
    raw = (
        "A Title for the Footer Test\nBy Jane Doe\n\n" + BODY + "\n"
        "Jane Doe is a senior fellow at the Example Institute.\n"
        "Related Articles\nA headline about ports\nA headline about gas\n"
        "Share your experiences, suggestions, and any issues you've encountered on Example News.\n"
        "Thank you for sharing your thoughts. We appreciate your feedback.\n"
        "This comment section is where readers argue about the piece at great length, every day.\n"
        "About Us\nContact Us\nTerms of Use\n© 2024 Example Media. All rights reserved."
    )
    text, s = parse(raw)
    assert s.metadata.extra["author_bio"].startswith("Jane Doe is a senior fellow")
    paragraphs = paragraph_texts(text, s)
    assert len(paragraphs) == 3 and paragraphs[-1].endswith("Officials expect more.")


def test_a_clean_article_keeps_every_paragraph_and_heading():
    raw = (
        "Title of a Clean Article\n\nBy Jane Doe\n\nI. Background\n\n" + PARAGRAPH + "\n\n"
        "Short line of prose.\n\nII. Trade\n\n" + PARAGRAPH * 2 + "\n\nIt ended there."
    )
    text, s = parse(raw)
    assert [(sec.label, sec.heading) for sec in s.sections] == [("I", "Background"), ("II", "Trade")]
    assert paragraph_texts(text, s)[-1] == "It ended there."
    assert "Short line of prose." in paragraph_texts(text, s)


# -- labelled header lines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("By Jane Doe, Senior Fellow", ("Jane Doe", "")),
        ("WRITER: Somchai Wongsawat\nPUBLISHED : 5 Mar 2024 at 04:00", ("Somchai Wongsawat", "2024-03-05")),
        ("By: Paul Wiseman, Fatima Hussein, The Associated Press", ("Paul Wiseman and Fatima Hussein", "")),
        ("By\nScott Gordon\nPublished Nov 18, 2019 at 4:07 PM", ("Scott Gordon", "2019-11-18")),
        ("Updated on: November 19, 2019 / 10:07 AM", ("", "2019-11-19")),
        ("By Tess Bonn\nNov. 20, 2019 5:52 AM EST", ("Tess Bonn", "2019-11-20")),
        ("October 11, 2022 October 11, 2022\n15:11", ("", "2022-10-11")),
        ("By Mujib Mashal    December 18, 2014", ("Mujib Mashal", "2014-12-18")),
        ("By Reuters\nMarch 5, 2024", ("", "2024-03-05")),  # an agency is no author
    ],
)
def test_by_lines_and_date_lines(header, expected):
    _, s = parse("Ports and Pipelines in the Caspian Region\n" + header + "\n\n" + BODY)
    assert s.metadata.title == "Ports and Pipelines in the Caspian Region"
    assert (s.metadata.author, s.metadata.published) == expected


def test_a_byline_with_a_role_keeps_the_role_apart():
    _, s = parse("A Title on Roles\nBy Jane Doe, Senior Fellow\n\n" + BODY)
    assert s.metadata.author == "Jane Doe"
    assert s.metadata.extra["author_role"] == "Senior Fellow"


@pytest.mark.parametrize(
    ("first", "url"),
    [
        ("> Source: https://example.org/2024/03/05/ports.html", "https://example.org/2024/03/05/ports.html"),
        ("Source: https://example.org/a", "https://example.org/a"),
        ("URL: https://example.org/b", "https://example.org/b"),
        ("https://example.org/c", "https://example.org/c"),  # an address pasted above the copy
    ],
)
def test_the_source_address_of_a_copy_is_its_url(first, url):
    _, s = parse(first + "\nHome\nWorld\nBusiness\nA Title for the Address Test\nBy Jane Doe\n\n" + BODY)
    assert s.metadata.url == url
    assert "url" not in s.metadata.extra


def test_a_share_link_further_down_is_not_the_url():
    raw = "A Title for Links\nBy Jane Doe\nhttps://www.facebook.com/sharer.php?u=x\n\n" + BODY
    _, s = parse(raw)
    assert s.metadata.url == ""


def test_front_matter_url_and_a_web_clippers_source_address():
    for front, expected in [
        ("title: Clipped\nsource: https://example.org/clip", ("https://example.org/clip", "")),
        (
            "title: T\nurl: https://example.org/u\nsource: Example Review",
            ("https://example.org/u", "Example Review"),
        ),
    ]:
        source = read_text(f"---\n{front}\n---\n\n{BODY}", "md")
        m = parse_structure(source.text, source.front_matter).metadata
        assert (m.url, m.source) == expected


def test_a_dateline_agency_is_no_outlet():
    raw = (
        "China and Laos open a rail link\n2024-03-05\n\n"
        "VIENTIANE, March 5 (Xinhua) -- " + BODY
    )
    _, s = parse(raw)
    assert s.metadata.source == ""
    assert s.metadata.extra["agency"] == "Xinhua"


def test_the_outlet_in_brackets_after_the_byline():
    _, s = parse("A Title on Brackets\nBy Wang Jing (People's Daily)\n\n" + BODY)
    assert (s.metadata.author, s.metadata.source) == ("Wang Jing", "People's Daily")


def test_the_authors_name_is_never_the_outlet():
    raw = (
        "A Title on Names\nJane Doe\nMarch 5, 2024\n\n" + BODY + "\n"
        "Jane Doe is a columnist at the paper.\nSubscribe to Jane Doe\n"
    )
    _, s = parse(raw)
    assert s.metadata.author == "Jane Doe"
    assert s.metadata.source == ""


def test_a_title_below_its_date_line():
    raw = (
        "Home\nNews\nSport\nOctober 9, 2018 at 4:02 pm\n"
        "BREAKING: Senate adjourns over the deaths of two of its members\n\n" + BODY
    )
    _, s = parse(raw)
    assert s.metadata.title == "BREAKING: Senate adjourns over the deaths of two of its members"
    assert s.metadata.published == "2018-10-09"


def test_a_headline_over_its_standfirst_and_a_kicker():
    raw = (
        "Menu\nAcademia\nRivers need one policy, two ministers say\n"
        "Southeast Asia still treats the Mekong and Malacca as separate problems\n"
        "By Jane Doe\n\n" + BODY
    )
    _, s = parse(raw)
    assert s.metadata.title == "Rivers need one policy, two ministers say"


# -- hard-wrap joining ---------------------------------------------------------------------------


def test_a_wrapped_report_amid_menu_lines_is_joined():
    paragraphs = [PARAGRAPH * 3 + "That was all.", PARAGRAPH * 2 + "Nothing more."]
    wrapped = "\n".join(textwrap.fill(p, 74) for p in paragraphs)
    menu = "\n".join(["Home", "World", "China", "Business", "Opinion", "Share", "Email", "Print"])
    text = read_text(menu + "\nA Wrapped Report Title\nBy Jane Doe\n" + wrapped + "\n" + menu).text
    for p in paragraphs:
        assert p in text  # each paragraph one line again
    assert "A Wrapped Report Title\nBy Jane Doe\n" in text  # header lines untouched
    assert "Home\nWorld\nChina" in text


def test_a_list_of_headlines_of_even_length_is_not_taken_for_wrapped_prose():
    headlines = [
        "Ministers agree on a new framework for rail freight across the region",
        "Gas exports to Europe fall for the third month in a row, data show",
        "Central bank holds rates steady as inflation eases in the second half",
        "Port operators expect record volumes after the opening of new berths",
        "Farmers protest against cheap imports of wheat from neighbouring states",
    ]
    raw = "\n".join(headlines)
    assert read_text(raw).text == raw


def test_wrapped_lines_that_start_with_a_number_or_a_dash_are_joined():
    line = "The key travel on the new keyboard is one millimetre, in comparison to between"
    raw = line + "\n0.6 and 0.7 millimetres on the older model, and it ends here\n— as it did before.\n" + (
        textwrap.fill(PARAGRAPH * 3, 80)
    )
    text = read_text(raw).text
    assert "between 0.6 and 0.7 millimetres" in text
    assert "ends here — as it did before." in text


def test_a_wrapped_headline_and_its_byline_stay_apart():
    body = textwrap.fill(PARAGRAPH * 4, 72)
    raw = (
        "Google Bets on the Future With Launch of Its Stadia Game Streaming Service\n"
        "by Jeff Foust — November 18, 2019\n" + body
    )
    text = read_text(raw).text
    first, second = text.split("\n")[:2]
    assert first.startswith("Google Bets on the Future") and second.startswith("by Jeff Foust")


def test_copied_text_keeps_every_span_exact():
    for name in ("copied_jakarta_opinion.txt", "copied_bangkok_writer_poll.txt", "copied_peoplesdaily_wrapped.txt"):
        source = read_path(ARTICLES / name)
        doc = extract(source)
        raw = (ARTICLES / name).read_text("utf-8")
        for fact in doc.facts:
            assert doc.text[fact.start : fact.end] == fact.text
            start = source.original_offset(fact.start)
            first_word = re.match(r"\w+", fact.text)
            if first_word and fact.text[0].isalpha() and not fact.text.startswith("Indonesia"):
                assert raw[start:].startswith(first_word.group())


@pytest.mark.parametrize(
    "line",
    [
        "ADVERTISEMENT:",
        "- Advertisement -",
        "Advertisement 1",
        "Advertisement - scroll to continue",
        "Ads by Google",
        "Story continues below advertisement",
        "This advertisement has not loaded yet, but your article continues below.",
        "iStockphoto",
        "Photo by John Smith/Getty Images",
        "Jacquelyn Martin / AP",
        "Photographer: Lorenzo Tugnoli for Example Weekly",
        "Credit...Doug Mills/Example Times",
        "Next Post",
        "Skip to Article",
        "Forgot password? Remember me",
        "Get the best of Example News delivered to your inbox.",
        "Do you like the content of this article?",
        "View results",
    ],
)
def test_furniture_lines_by_their_words(line):
    assert load_debris().is_debris(line)


@pytest.mark.parametrize(
    "line",
    [
        "The advertisement ran on national television for a week.",
        "Advertising spending rose 5 percent in 2023.",
        "He told Reuters that the talks would resume in May.",
        "Interview with the minister",
        "What comes next",
    ],
)
def test_article_lines_that_share_those_words_are_not_furniture(line):
    assert not load_debris().is_debris(line)


def test_a_date_from_the_address_or_from_a_dateline_with_the_addresss_year():
    raw = "> Source: https://example.org/news/2019/11/18/ports.html\nPorts Title Here\n\n" + BODY
    _, s = parse(raw)
    assert s.metadata.published == "2019-11-18"
    raw = (
        "> Source: https://example.org/world/2024/rail-link.html\nA Rail Link Opens in Laos\n\n"
        "VIENTIANE, March 5 (Xinhua) -- " + BODY
    )
    _, s = parse(raw)
    assert s.metadata.published == "2024-03-05"
    raw = "A Rail Link Opens in Laos\n\nVIENTIANE, March 5 (Xinhua) -- " + BODY
    _, s = parse(raw)
    assert s.metadata.published == ""  # no year anywhere: no date rather than a guessed one


def test_header_fields_a_copy_fused_together_are_read_apart():
    raw = (
        "Trump Talks Retaliation If India Rejects Export Of Key Drug\n"
        "All IndiaEdited by Swati Bhasin (with inputs from Agencies)Updated: April 07, 2020 03:49 pm IST\n"
        + BODY
    )
    _, s = parse(raw)
    assert (s.metadata.editor, s.metadata.author, s.metadata.published) == (
        "Swati Bhasin",
        "",
        "2020-04-07",
    )
    _, s = parse("Blair on Compromise in Ukraine\nDylan Jones5 hours ago\n" + BODY)
    assert s.metadata.author == "Dylan Jones"


def test_middle_dots_and_slashes_separate_the_fields_of_a_byline():
    _, s = parse(
        "What Next for the Region After the Vote\n"
        "Jane Doe · Example News · Posted: Aug 08, 2024 4:00 AM EDT | Last Updated: August 8\n" + BODY
    )
    assert (s.metadata.author, s.metadata.published, s.metadata.source) == (
        "Jane Doe",
        "2024-08-08",
        "Example News",
    )
    _, s = parse("Anti-terror Operation Turns Sinister\nAashish Saxena / EXAMPLE.COM /  Sep 2, 2024, 17:07 IST\n" + BODY)
    assert (s.metadata.author, s.metadata.published) == ("Aashish Saxena", "2024-09-02")


def test_a_clean_text_keeps_its_short_list_lines_and_its_last_lines():
    raw = (
        "Five Ports on the Caspian\n\nBy Jane Doe\n\n" + PARAGRAPH + "\n\nThe five ports are:\n"
        "Aktau\nBaku\nTurkmenbashi\nAnzali\nMakhachkala\n\n" + PARAGRAPH + "\n\nSee you in Baku"
    )
    text, s = parse(raw)
    paragraphs = paragraph_texts(text, s)
    assert any("Turkmenbashi" in p for p in paragraphs) and paragraphs[-1] == "See you in Baku"
    assert s.metadata.title == "Five Ports on the Caspian"

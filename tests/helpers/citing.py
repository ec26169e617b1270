"""Hand-built facts from several documents, for the tests of citations, styles and bibliographies.

Each document exercises a case: two authors, a PDF page and a real heading (``berg``); a Chinese
name written family name first, a month-only date and the parser's lead section and a drop cap
(``zhao``); an organisation as author, no date, no outlet, a heading without a label (``ministry``);
a second work of the same authors and year, written inverted, whose key would collide (``berg-again``); nothing known
but a title (``bare``).
"""

from __future__ import annotations

from tests.helpers.records import detail

BERG = {"id": 11, "slug": "pipelines-and-ports-2021", "title": "Pipelines and Ports: Norway and Poland",
        "author": "Anna Berg and John Smith", "source": "Nordic Review", "published": "2021-01-05",
        "url": "https://nordic.example/2021/pipelines?id=7", "format": "pdf"}
ZHAO = {"id": 12, "slug": "china-russia-2018", "title": "China-Russia Relationship: Full of Strong Endogenous Dynamics",
        "author": "Zhao Mingwen", "source": "Peace and Development", "published": "2018-06"}
MINISTRY = {"id": 13, "slug": "energy-ties", "title": "Why Energy Ties Matter?",
            "author": "Ministry of Foreign Affairs", "url": "https://mfa.example/energy"}
BERG_AGAIN = {"id": 14, "slug": "pipelines-revisited", "title": "Pipelines Revisited", "author": "Berg, Anna; Smith, John",
              "source": "Nordic Review", "published": "2021-03-02"}
BARE = {"id": 15, "slug": "untitled-notes", "title": "Notes on the Border"}

TRADE = [{"id": 1, "parent_id": None, "label": "II", "heading": "Trade", "level": 1}]
LEAD = [{"id": 2, "parent_id": None, "label": "", "heading": "Introduction", "level": 1}]
DROP_CAP = [{"id": 3, "parent_id": None, "label": "I", "heading": "", "level": 1}]
ENERGY = [{"id": 4, "parent_id": None, "label": "", "heading": "Energy ties", "level": 1}]
TITLE_AS_SECTION = [{"id": 5, "parent_id": None, "label": "", "heading": "Notes on the Border", "level": 1}]


def cited_facts():
    """Six facts from five documents, in export order."""
    rows = [
        (1, BERG, TRADE, "Bilateral trade reached $12.5 billion in 2020.", 310, 12),
        (2, ZHAO, LEAD, "Relations have never been better.", 40, None),
        (3, ZHAO, DROP_CAP, "Trade rose 20.8 percent in 2017.", 900, None),
        (4, MINISTRY, ENERGY, "Gas deliveries doubled.", 77, None),
        (5, BERG_AGAIN, TRADE, "Ports handled 5 million tons.", 120, None),
        (6, BARE, TITLE_AS_SECTION, "The border is 4,300 km long.", 15, None),
    ]
    return [detail({"id": i, "doc": doc, "section_path": path, "text": text, "start": start,
                    "end": start + len(text), "page": page, "topics": [], "figures": []})
            for i, doc, path, text, start, page in rows]

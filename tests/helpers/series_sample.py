"""Four small hand-built documents that state one series (China–Russia trade) across sources.

Stored directly (no extraction), so that the comparison view's tests and snapshots do not move
when the extractors improve: each figure carries its year, subject and series key as the
extractors would give them. Two sources disagree about 2017 ($84.071 billion against $87
billion); two agree about 2021 within rounding ($147 billion and $146.9 billion). Two documents
of one outlet and year get the tags ``CSIS 2022a`` and ``CSIS 2022b``.
"""

from __future__ import annotations

from relexplorer.model import ExtractedDocument, Fact, Figure, Metadata, Paragraph, Section
from relexplorer.store import Store, sha256_text

SERIES = "trade:china+russia|money"
SUBJECT = "China–Russia trade"

# (title, author, date, outlet, [(sentence, [(surface, value, year)])])
DOCUMENTS = [
    ("China-Russia Relationship: Full of Strong Endogenous Dynamics", "Zhao Mingwen", "2018-06-07",
     "Peace and Development No. 2, 2018",
     [("In 2017, bilateral trade between China and Russia reached $84.071 billion.",
       [("$84.071 billion", 84_071_000_000, 2017)])]),
    ("China-Russia Key Strengths", "CSIS China Power Team", "2022-08-23",
     "Center for Strategic and International Studies",
     [("Between 2000 and 2021, China's trade with Russia grew from $8 billion to $147 billion.",
       [("$8 billion", 8_000_000_000, 2000), ("$147 billion", 147_000_000_000, 2021)])]),
    ("Russian Customs and the Trade Numbers", "Maria Snegovaya", "2022-11-02",
     "Center for Strategic and International Studies",
     [("Russian customs put the 2017 trade with China at $87 billion.", [("$87 billion", 87_000_000_000, 2017)])]),
    ("Trade Hits a Record", "", "2022-01-14", "Xinhua News Agency",
     [("In 2021, China-Russia trade reached $146.9 billion, a record.",
       [("$146.9 billion", 146_900_000_000, 2021)])]),
]


def build(title: str, author: str, published: str, outlet: str, sentences: list) -> ExtractedDocument:
    """One document: a title line, one section, one paragraph of the sentences."""
    text = f"{title}\n\n"
    start = len(text)
    facts = []
    for sentence, figures in sentences:
        at = len(text)
        fact = Fact(at, at + len(sentence), sentence, 0, 0)
        for surface, value, year in figures:
            offset = at + sentence.index(surface)
            fact.figures.append(Figure(offset, offset + len(surface), surface, value, "USD", "money",
                                       "bilateral trade", year=year, period_source="fact", series=SERIES,
                                       subject=SUBJECT))
        facts.append(fact)
        text += sentence + " "
    text = text.rstrip() + "\n"
    end = len(text) - 1
    metadata = Metadata(title=title, author=author, published=published, source=outlet)
    return ExtractedDocument(text, metadata, [Section("", "Trade", 1, start, end)], [Paragraph(start, end, 0)], facts)


def add_series_documents(store: Store) -> None:
    """Store the four documents."""
    for title, author, published, outlet, sentences in DOCUMENTS:
        doc = build(title, author, published, outlet, sentences)
        store.add_document(doc, sha256=sha256_text(doc.text), path=f"{title[:10]}.txt", taxonomy_labels={})

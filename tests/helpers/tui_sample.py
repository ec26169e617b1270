"""A small hand-built document for the explorer's tests.

It is stored directly (no extraction), so that tests and snapshots of the explorer do not move
when the extractors improve. It has sections and subsections, figures, people, organisations,
places, themes, and hostile text (Rich markup and an ANSI escape) that must show literally.
"""

from __future__ import annotations

from relexplorer.model import ExtractedDocument, Fact, Figure, Mention, Metadata, Paragraph, Section
from relexplorer.store import Store, sha256_text

TITLE = "Trade and Energy Between Two Neighbours"
URL = "https://neighbours.example/2019/trade-energy"
HOSTILE = "A source wrote [bold]not bold[/bold] and \x1b[31mred\x1b[0m here."

# (section label, heading, parent index or None, paragraphs: list of sentences)
_OUTLINE = [
    ("I", "Trade Has Grown", None, []),
    ("A", "Goods", 0, [[
        "In 2017, bilateral trade reached $84.071 billion, with a 20.8 percent growth.",
        "Xi Jinping met Vladimir Putin in Moscow five times.",
    ]]),
    ("B", "Services", 0, [[
        "Tourists to Harbin numbered eight hundred thousand.",
        "The Export-Import Bank of China lent $3 billion to Gazprom.",
    ]]),
    ("II", "Energy", None, [[
        "Gazprom will deliver 4 million tons of LNG every year from 2018 to 2022.",
        HOSTILE,
    ]]),
]

# surface text -> (figure value, end value, unit, kind, label)
_FIGURES = {
    "$84.071 billion": (84_071_000_000, None, "USD", "money", "bilateral trade"),
    "20.8 percent": (20.8, None, "percent", "percent", "growth"),
    "five times": (5, None, "times", "count", ""),
    "eight hundred thousand": (800_000, None, "count", "count", "tourists"),
    "$3 billion": (3_000_000_000, None, "USD", "money", "loan"),
    "4 million tons": (4_000_000, None, "tons", "quantity", "LNG"),
    "2018 to 2022": (2018, 2022, "year", "date", ""),
    "2017": (2017, None, "year", "date", ""),
}
# surface text -> (canonical name, kind)
_MENTIONS = {
    "Xi Jinping": ("Xi Jinping", "person"),
    "Vladimir Putin": ("Vladimir Putin", "person"),
    "Moscow": ("Moscow", "place"),
    "Harbin": ("Harbin", "place"),
    "Export-Import Bank of China": ("Export-Import Bank of China", "organization"),
    "Gazprom": ("Gazprom", "organization"),
}
_TOPICS = {"trade": ("trade", "bilateral"), "energy": ("LNG", "Gazprom"), "tourism": ("Tourists",)}


def build_document() -> ExtractedDocument:
    """The test document, with every span consistent with its text."""
    parts = [TITLE, "\n\n"]
    pos = len(TITLE) + 2
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    facts: list[Fact] = []
    for index, (label, heading, parent, paras) in enumerate(_OUTLINE):
        line = f"{label}. {heading}\n\n"
        section = Section(label, heading, 1 if parent is None else 2, pos, pos, parent)
        sections.append(section)
        parts.append(line)
        pos += len(line)
        for sentences in paras:
            para_start = pos
            for n, sentence in enumerate(sentences):
                if n:
                    parts.append(" ")
                    pos += 1
                facts.append(_fact(sentence, pos, len(paragraphs), index))
                parts.append(sentence)
                pos += len(sentence)
            paragraphs.append(Paragraph(para_start, pos, index))
            parts.append("\n\n")
            pos += 2
        section.end = pos
    for section in sections:
        if section.parent is not None:
            sections[section.parent].end = max(sections[section.parent].end, section.end)
    text = "".join(parts)
    metadata = Metadata(title=TITLE, author="Ann Analyst", published="2019-03-01",
                        source="Journal of Neighbours", url=URL)
    return ExtractedDocument(text, metadata, sections, paragraphs, facts)


def _fact(sentence: str, start: int, paragraph: int, section: int) -> Fact:
    fact = Fact(start, start + len(sentence), sentence, paragraph, section)
    taken: list[tuple[int, int]] = []
    for surface, (value, end_value, unit, kind, label) in _FIGURES.items():
        at = sentence.find(surface)
        if at >= 0 and not any(s <= at < e for s, e in taken):
            taken.append((at, at + len(surface)))
            fact.figures.append(Figure(start + at, start + at + len(surface), surface, value, unit,
                                       kind, label, end_value))
    fact.figures.sort(key=lambda f: f.start)
    for surface, (name, kind) in _MENTIONS.items():
        at = sentence.find(surface)
        if at >= 0:
            fact.mentions.append(Mention(start + at, start + at + len(surface), surface, name, kind))
    fact.topics = [t for t, words in _TOPICS.items() if any(w in sentence for w in words)]
    return fact


def add_test_document(store: Store) -> None:
    """Store the test document (its own sources' hash, so it sits beside the sample)."""
    doc = build_document()
    store.add_document(doc, sha256=sha256_text(doc.text), path="neighbours.txt",
                       taxonomy_labels={"trade": "Trade", "energy": "Energy", "tourism": "Tourism"})

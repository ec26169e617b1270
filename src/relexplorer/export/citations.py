"""The citations of a set of exported facts: each fact's note in a style, the cited documents
for a bibliography, their keys, and the machine-readable span of each fact.

The note is for people (author, title, outlet, date, page, section, URL); the exact character
span goes to the JSON export and, in the Markdown, to an HTML comment after the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from relexplorer.export.bibliography import citation_keys
from relexplorer.export.reference import Locator, Reference, locator_of, reference_of
from relexplorer.export.styles import (
    DEFAULT_STYLE,
    Pieces,
    as_plain,
    entry_sort_key,
    note,
    year_suffixes,
)
from relexplorer.model import FactDetail, FactHit

_COMMENT_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DASHES = re.compile(r"-{2,}")


def reference_of_fact(fact: FactDetail) -> Reference:
    """The reference of the document a fact comes from."""
    if fact.doc is None:
        return Reference(document_id=fact.document_id, slug=fact.document)
    return reference_of(fact.doc)


def fact_locator(fact: FactHit, ref: Reference) -> Locator:
    """The page and the cited section of a fact."""
    return locator_of(fact, ref.title)


def citation_text(fact: FactDetail, style: str = DEFAULT_STYLE) -> str:
    """One fact's citation in ``style``, as plain text (the explorer and the clipboard)."""
    ref = reference_of_fact(fact)
    return as_plain(note(style, ref, fact_locator(fact, ref)))


@dataclass(slots=True)
class CitedWorks:
    """The documents a list of facts cites, with what a style needs to tell them apart.

    ``refs``: by document id, in the order the facts first cite them; ``keys``: bibliography
    keys; ``suffixes``: APA's year letters (``2018a``) for works of one author and year.
    """

    refs: dict[int, Reference] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    suffixes: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: list[FactDetail]) -> CitedWorks:
        """The works cited by ``facts``."""
        refs: dict[int, Reference] = {}
        for fact in facts:
            if fact.document_id not in refs:
                refs[fact.document_id] = reference_of_fact(fact)
        works = list(refs.values())
        return cls(refs, citation_keys(works), year_suffixes(works))

    def note(self, fact: FactDetail, style: str) -> Pieces:
        """The note citing ``fact`` in ``style``."""
        ref = self.refs[fact.document_id]
        return note(style, ref, fact_locator(fact, ref), self.suffixes)

    def locator(self, fact: FactDetail) -> Locator:
        """Where ``fact`` is in its document."""
        return fact_locator(fact, self.refs[fact.document_id])

    def in_order(self) -> list[Reference]:
        """The cited documents in a bibliography's order (author, year, title)."""
        return sorted(self.refs.values(), key=entry_sort_key)


def pandoc_citation(key: str, loc: Locator) -> str:
    """``[@zhao2018china, p. 12]``: a Pandoc citation of the bibliography entry ``key``."""
    if loc.page:
        locator = f", p. {loc.page}"
    elif loc.label:
        locator = f", sec. {_locator_safe(loc.label)}"
    elif loc.heading:
        locator = f", sec. {{{_locator_safe(loc.heading)}}}"  # braces: a locator of several words
    else:
        locator = ""
    return f"[@{key}{locator}]"


def _locator_safe(text: str) -> str:
    """Text that cannot end a Pandoc locator or citation early: letters, digits, spaces and
    plain punctuation only."""
    kept = "".join(ch if ch.isalnum() or ch in " .,:'’-–" else " " for ch in text)
    return " ".join(kept.split())


def span_comment(fact: FactHit) -> str:
    """``<!-- relexplorer fact=7 document=SLUG start=310 end=356 -->``: the exact span for
    scripts, invisible when the Markdown is rendered."""
    # Slugs are [a-z0-9-] with single dashes; anything else could end the comment early.
    slug = _DASHES.sub("-", _COMMENT_UNSAFE.sub("-", fact.document))
    return f"<!-- relexplorer fact={fact.id} document={slug} start={fact.start} end={fact.end} -->"

"""Topics: themes from the taxonomy file, tagged onto facts.

STUB -- being replaced by the real tagger (see the helper task).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Topic:
    """One theme of the taxonomy."""

    name: str
    label: str


class Taxonomy:
    """The themes and the rules that tag a sentence with them."""

    def __init__(self, topics: list[Topic]):
        self.topics = topics

    def tag(self, sentence: str) -> list[str]:
        """Names of the topics that fit ``sentence``."""
        return [t.name for t in self.topics if t.name in sentence.lower()]


def load_taxonomy() -> Taxonomy:
    """Load the bundled taxonomy."""
    return Taxonomy([Topic("trade", "Trade"), Topic("energy", "Energy")])

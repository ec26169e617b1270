"""Entities: people, organisations and places mentioned in facts.

STUB -- being replaced by the real extractor (see the helper task).
"""

from __future__ import annotations

from relexplorer.model import Mention


def find_entities(text: str, spans: list[tuple[int, int]]) -> list[list[Mention]]:
    """For each ``(start, end)`` span of ``text`` (a fact), the mentions inside it."""
    return [[] for _ in spans]

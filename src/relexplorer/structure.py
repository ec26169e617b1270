"""Structure: metadata, sections and body paragraphs of a normalised document.

STUB -- being replaced by the real structure parser (see the helper task).
"""

from __future__ import annotations

import re

from relexplorer.model import Metadata, Paragraph, Section, Structure


def parse_structure(text: str, front_matter: dict | None = None) -> Structure:
    """Split ``text`` into metadata, sections and paragraphs (offsets into ``text``)."""
    lines = [m for m in re.finditer(r"[^\n]+", text)]
    title = lines[0].group().strip() if lines else ""
    sections = [Section(label="", heading=title, level=1, start=0, end=len(text))]
    paragraphs = [Paragraph(m.start(), m.end(), 0) for m in lines[1:] if len(m.group().split()) > 8]
    return Structure(Metadata(title=title), sections, paragraphs)

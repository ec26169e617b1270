"""Web-page debris rules: share buttons, font-size controls, ads, related-links blocks, bios.

The rules live in ``data/debris.yaml`` (regular expressions, matched case-insensitively
against one normalised line), so that recognising new page furniture is a data change,
not a code change. The reader uses them to avoid joining furniture lines into prose; the
structure parser uses them to keep furniture out of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from relexplorer.lexicon import parse_yaml

# A name as it opens a bio: capitalised words, initials, particles (2..6 tokens).
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|da|di|van|von|der|den|bin|al|el|la|le))*"


@dataclass(frozen=True)
class DebrisRules:
    """Compiled debris rules; see ``data/debris.yaml`` for what each group means."""

    line: re.Pattern[str]
    line_end: re.Pattern[str]  # searched: furniture that ends a line (photo credits)
    short_line: re.Pattern[str]
    short_max: int
    link_block: re.Pattern[str]
    back_matter: re.Pattern[str]
    bio_opening: re.Pattern[str]
    bio_named: re.Pattern[str]
    role_word: re.Pattern[str]  # any of the bio role words ("fellow", "professor" ...)

    def is_debris(self, line: str) -> bool:
        """True if ``line`` (one stripped line) is page furniture."""
        line = line.strip()
        if not line:
            return False
        if len(line) <= 160 and self.line.fullmatch(line):
            return True
        if len(line) <= 400 and self.line_end.search(line):
            return True
        return len(line) <= self.short_max and self.short_line.search(line) is not None

    def opens_link_block(self, line: str) -> bool:
        """True if ``line`` is a "Related articles" / "Read more" style block heading."""
        line = line.strip()
        return len(line) <= 80 and self.link_block.fullmatch(line) is not None

    def is_back_matter_heading(self, line: str) -> bool:
        """True if ``line`` is a "References" / "Notes" style heading."""
        line = line.strip().lstrip("#").strip()
        return len(line) <= 40 and self.back_matter.fullmatch(line) is not None

    def bio_name(self, paragraph: str) -> str | None:
        """If ``paragraph`` reads like an author bio, the name it opens with ("" if none)."""
        text = paragraph.strip().lstrip("*_([ ")
        if self.bio_opening.match(text):
            return ""
        m = self.bio_named.match(text)
        if m and m.group("name").split()[0] not in ("The", "This", "That", "These", "It", "In"):
            return m.group("name")
        return None


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def compile_rules(data: dict) -> DebrisRules:
    """Compile a debris rule mapping (the parsed YAML) into :class:`DebrisRules`."""
    flags = re.IGNORECASE
    short = data.get("short_line") or {}
    bio = data.get("author_bio") or {}
    roles = "|".join(re.escape(r) for r in bio.get("roles", ["fellow"]))
    verbs = bio.get("verbs", "(is|are)")
    named = (
        rf"(?P<name>{_NAME}),?\s+{verbs}\s+(?:(?:a|an|the|now|currently|also)\s+)?"
        rf"(?:[\w\-’']+\s+){{0,4}}?(?:{roles})\b"
    )
    return DebrisRules(
        line=re.compile(_alternation(data.get("line", [])) or r"(?!x)x", flags),
        line_end=re.compile(
            rf"(?:{_alternation(data.get('line_end', [])) or '(?!x)x'})\s*\Z", flags
        ),
        short_line=re.compile(_alternation(short.get("patterns", [])) or r"(?!x)x", flags),
        short_max=int(short.get("max_length", 200)),
        link_block=re.compile(_alternation(data.get("link_block", [])) or r"(?!x)x", flags),
        back_matter=re.compile(_alternation(data.get("back_matter", [])) or r"(?!x)x", flags),
        bio_opening=re.compile(_alternation(bio.get("openings", [])) or r"(?!x)x", flags),
        # Names are case-sensitive (capitalised words); role words are not.
        bio_named=re.compile(named.replace(rf"(?:{roles})", rf"(?i:{roles})")),
        role_word=re.compile(rf"\b(?:{roles})\b", flags),
    )


@lru_cache(maxsize=4)
def load_debris(path: str | None = None) -> DebrisRules:
    """Load the debris rules from ``path`` or from the bundled ``data/debris.yaml``."""
    if path is None:
        text = resources.files("relexplorer").joinpath("data/debris.yaml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    return compile_rules(parse_yaml(text))

"""Display helpers shared by the CLI and the explorer: safe text, value formatting, spans.

Article text is shown literally: control characters (ANSI escapes included) and bidi overrides
are replaced by visible stand-ins so that a source can never restyle or reorder the terminal.
Rich markup needs no escaping here because callers build ``rich.text.Text`` objects directly.
"""

from __future__ import annotations

import re

from relexplorer.lexicon import UNNAMED_SOURCE

# C0/C1 controls, bidi marks/overrides/isolates, and lone surrogates (undecodable bytes
# smuggled in through argv or file names, which no terminal or file encoding accepts).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def safe_text(text: str) -> str:
    """``text`` with control characters and bidi overrides made visible and harmless.

    Each character is replaced by exactly one, so offsets (for highlighting) still hold.
    """
    return _UNSAFE.sub(_visible, text) if _UNSAFE.search(text) else text


def one_line(text: str) -> str:
    """Safe text on one line (newlines and tabs become spaces)."""
    return safe_text(text.replace("\n", " ").replace("\t", " "))


def speaker_name(name: str, kind: str) -> str:
    """A speaker as people read it: "Vladimir Putin", "an unnamed source (analysts)"."""
    if kind != "unnamed":
        return one_line(name)
    if name in ("", UNNAMED_SOURCE):
        return "an unnamed source"
    return f"an unnamed source ({one_line(name)})"


def speakers_label(speakers: list, author: str = "") -> str:
    """Who says a fact: its speakers (``name``/``kind`` records), else the document's author."""
    if speakers:
        return "; ".join(dict.fromkeys(speaker_name(s.name, s.kind) for s in speakers))
    return f"the author ({one_line(author)})" if author else "the author"

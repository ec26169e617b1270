"""Escaping for the exports: source text that renders literally in Markdown, YAML scalars for
the front matter, and URLs that may become links.

Source text is escaped so that it cannot add headings, links, HTML, tables or math, nor break
the blockquote it sits in.
"""

from __future__ import annotations

import re

from relexplorer.display import safe_text

# Inline constructs (emphasis, code, links, images, HTML, entities, tables, strikethrough, math,
# and @ for GFM's e-mail autolinks and Pandoc's citations).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&$@])")
# Constructs that only count at the start of a line (headings, quotes, lists, setext rules).
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
_AUTOLINK = re.compile(r"(?i)(https?|ftp)://|www\.")
# A URL that may be written as an autolink: http(s), a host, and none of the characters that
# would end or break one (spaces, angle brackets, controls, backslashes, quotes).
_LINKABLE_URL = re.compile(r"https?://[^\s<>\\\"`\x00-\x1f\x7f-\x9f\u2028\u2029]+", re.I)


def escape_markdown(text: str) -> str:
    """Escape source text so that Markdown renders it literally, on one line.

    Control characters and bidi overrides are made visible (as on screen): an export printed to
    a terminal must not restyle it, and a briefing must not show reordered text.
    """
    text = safe_text(" ".join(text.split()))
    text = _INLINE.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: m.group(0).replace(":", "\\:").replace("www.", "www\\."), text)
    # A backslash before a digit is no escape (it would show): "1\\." is, "\\1." is not.
    return _LINE_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), text
    )


def is_linkable_url(url: str) -> bool:
    """True when ``url`` is an http(s) URL that can stand in a Markdown autolink as it is."""
    return _LINKABLE_URL.fullmatch(url) is not None and safe_text(url) == url


def markdown_url(url: str) -> str:
    """``<https://...>`` (an autolink) for a well-formed http(s) URL; anything else as text."""
    return f"<{url}>" if is_linkable_url(url) else escape_markdown(url)


# What a double-quoted YAML scalar cannot hold as is: non-printable characters, and line
# breaks other than \n that YAML would fold (JSON's escapes are not all valid YAML).
_YAML_UNSAFE = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\"\\\\\u2028\u2029\ufeff]")


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``value``."""
    def escape(m: re.Match) -> str:
        ch = m.group()
        if ch in '"\\':
            return "\\" + ch
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:  # a lone surrogate (undecodable argv bytes) cannot be written
            return "\\uFFFD"
        return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"

    return '"' + _YAML_UNSAFE.sub(escape, value) + '"'

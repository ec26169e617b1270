"""Markdown inline reduction: links, images, emphasis, inline code and inline HTML to text.

Images, HTML comments and tags and footnote references are removed (``<br>`` becomes a line
break); links, autolinks, strong and emphasised text, inline code and backslash escapes keep
their text and lose their markup. Block syntax (headings, lists, tables, fences) is not
touched here.
"""

from __future__ import annotations

import re

from relexplorer.read.offsets import OffsetMap, rebuild, substitute, unwrap

_MD_TAG_ATTRS_MAX = 300  # characters between the name of an inline HTML tag and its ">"

# Bracketed text never holds "[", an autolink never "<", bold text never its own delimiter:
# each failed attempt then stops at the next opener instead of scanning the rest of the line
# (a paragraph is one line), which made "[" * N or "**a " * N quadratic. The inner bracket of
# "[a [b](u)" is the link, as in CommonMark.
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_MD_LINK = re.compile(r"(?<!\\)\[([^\[\]\n]+)\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\[\]\n]*\])")
_MD_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]+\](?!:)")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")
_MD_EM = re.compile(
    r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])|(?<![\w\\])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?!\w)"
)
_MD_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_TAG = re.compile(rf"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]{{0,{_MD_TAG_ATTRS_MAX}}})?/?>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def reduce_inline(text: str, omap: OffsetMap) -> str:
    """Reduce Markdown inline markup to its text, recording the edits in ``omap``."""
    # Comments only before the last "-->": an opener after it never closes, and looking for
    # its end from every such opener would take quadratic time.
    text = substitute(_MD_COMMENT, "", text, omap, end=text.rfind("-->") + 3)
    text = substitute(
        _MD_TAG, lambda m: "\n" if m.group().lower().startswith("<br") else "", text, omap
    )
    text = substitute(_MD_IMAGE, "", text, omap)
    text = unwrap(_MD_LINK, text, omap)
    text = substitute(_MD_FOOTNOTE_REF, "", text, omap)
    text = unwrap(_MD_AUTOLINK, text, omap)
    text = unwrap(_MD_STRONG, text, omap, 2)
    edits = []
    for m in _MD_EM.finditer(text):
        g = 1 if m.group(1) is not None else 2
        edits += [(m.start(), m.start(g), ""), (m.end(g), m.end(), "")]
    if edits:
        omap.apply([(a, b, 0) for a, b, _ in edits])
        text = rebuild(text, edits)
    text = unwrap(_MD_CODE, text, omap)
    text = unwrap(_MD_ESCAPE, text, omap)
    return text

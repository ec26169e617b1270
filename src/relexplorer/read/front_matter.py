"""YAML front matter: a leading ``---`` block parsed into ``front_matter`` and removed.

The block is kept in the text when it is not valid YAML, not a mapping, has keys that do not
look like keys, or is longer than ``MAX_FRONT_MATTER`` characters; the structure parser skips
it. YAML aliases are refused, so that a "billion laughs" block cannot expand.
"""

from __future__ import annotations

import re

import yaml

from relexplorer.read.offsets import OffsetMap

MAX_FRONT_MATTER = 65536  # characters; a longer leading "---" block stays in the text
_KEY_MAX = 41  # characters in a front matter key

_FRONT_MATTER_KEY = re.compile(rf"[A-Za-z_][\w.-]{{0,{_KEY_MAX - 1}}}")
_FRONT_MATTER = re.compile(r"\A\ufeff?[ \t]*---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases, so that a "billion laughs" block cannot expand."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


def split_front_matter(text: str, omap: OffsetMap) -> tuple[str, dict]:
    """``(text without its front matter, front matter)``, or ``(text, {})`` when there is none."""
    m = _FRONT_MATTER.match(text)
    if not m or m.end() > MAX_FRONT_MATTER:
        # Too long to be metadata: kept as text, and never handed to the (pure Python, slow)
        # YAML parser, whose time on a megabyte block would dwarf the rest of the pipeline.
        return text, {}
    try:
        data = yaml.load(m.group(1) or "", Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, RecursionError, ValueError):
        return text, {}  # not valid YAML: keep it as text; the structure parser skips it
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return text, {}
    if not all(isinstance(k, str) and _FRONT_MATTER_KEY.fullmatch(k) for k in data):
        return text, {}  # "Trade grew: 5 percent" between two rules is text, not front matter
    omap.apply([(0, m.end(), 0)])
    return text[m.end() :], {str(k): v for k, v in data.items()}

"""Reading: a file (later a URL) becomes a normalised :class:`Source` with an offset map.

Decoding, HTML to text, Markdown, whitespace and line joining; see :mod:`relexplorer.read.reader`.
"""

from relexplorer.read.reader import (
    SUFFIXES,
    Source,
    decode_bytes,
    display_name,
    read_path,
    read_text,
)

__all__ = ["SUFFIXES", "Source", "decode_bytes", "display_name", "read_path", "read_text"]

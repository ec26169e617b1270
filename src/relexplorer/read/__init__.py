"""Reading: a file or a URL becomes a normalised :class:`Source` with an offset map.

One module per job: :mod:`~relexplorer.read.decode` (bytes to text), :mod:`~relexplorer.read.html`
(markup to text), :mod:`~relexplorer.read.front_matter`, :mod:`~relexplorer.read.text`
(characters and whitespace), :mod:`~relexplorer.read.wrap` (joining hard-wrapped lines),
:mod:`~relexplorer.read.markdown` (inline markup), :mod:`~relexplorer.read.pdf` and
:mod:`~relexplorer.read.pdf_layout` (PDFs), :mod:`~relexplorer.read.fetch` (URLs), :mod:`~relexplorer.read.offsets` (the map back
to the original) and :mod:`~relexplorer.read.source` (the record); :mod:`~relexplorer.read.reader`
runs them in order.
"""

from relexplorer.read.decode import decode_bytes
from relexplorer.read.fetch import is_url
from relexplorer.read.reader import SUFFIXES, read_bytes, read_path, read_text, read_url
from relexplorer.read.source import Source, display_name

__all__ = [
    "SUFFIXES", "Source", "decode_bytes", "display_name", "is_url", "read_bytes", "read_path",
    "read_text", "read_url",
]

"""Structure: metadata, sections and body paragraphs of a normalised document.

Modules, in the order the parser uses them: :mod:`.lines` reads the text as lines,
:mod:`.dates`, :mod:`.metadata` and :mod:`.front_matter` read dates, labels, by-lines and
front matter, :mod:`.furniture` finds page furniture by rule and by shape, :mod:`.region`
where a copied page's article and its title block are, :mod:`.header` reads the title and the
lines around it, :mod:`.outlet` the outlet a page names itself by, :mod:`.headings` the heading
candidates, :mod:`.sections` assembles sections and paragraphs, and :mod:`.parser` runs the
passes (furniture, header, footer, body) and returns the :class:`~relexplorer.model.Structure`.
"""

from relexplorer.extract.structure.dates import find_date, normalise_date
from relexplorer.extract.structure.metadata import tidy_source
from relexplorer.extract.structure.parser import parse_structure

__all__ = ["find_date", "normalise_date", "parse_structure", "tidy_source"]

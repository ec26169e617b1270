"""Structure: metadata, sections and body paragraphs of a normalised document."""

from relexplorer.extract.structure.dates import find_date, normalise_date
from relexplorer.extract.structure.metadata import tidy_source
from relexplorer.extract.structure.parser import parse_structure

__all__ = ["find_date", "normalise_date", "parse_structure", "tidy_source"]

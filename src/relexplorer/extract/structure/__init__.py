"""Structure: metadata, sections and body paragraphs of a normalised document."""

from relexplorer.extract.structure.parser import (
    find_date,
    normalise_date,
    parse_structure,
    tidy_source,
)

__all__ = ["find_date", "normalise_date", "parse_structure", "tidy_source"]

"""Extraction: a normalised source in, an :class:`~relexplorer.model.ExtractedDocument` out.

Pure (no I/O, no database): structure -> sentences -> figures -> entities -> topics.
"""

from relexplorer.extract.pipeline import default_taxonomy, extract

__all__ = ["default_taxonomy", "extract"]

"""Figures: quantities that carry data, with normalised value, unit, kind and label."""

from relexplorer.extract.figures.scan import find_figures

__all__ = ["find_figures"]

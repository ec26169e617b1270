"""Command line: ``relexplorer`` opens the explorer; sub-commands script the same core."""

from relexplorer.cli.core import main

__all__ = ["main"]

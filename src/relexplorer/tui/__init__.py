"""The Textual explorer (the only part of relexplorer that imports Textual)."""

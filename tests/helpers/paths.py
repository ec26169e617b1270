"""Where the tests' data lives."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
DATA = TESTS / "data"
ARTICLES = DATA / "articles"
GOLDEN = DATA / "golden"
# Hand-labelled figure articles: "tuned" were used to tune the extractor, "blind" never were.
FIGURES_TUNED = DATA / "figures" / "tuned"
FIGURES_BLIND = DATA / "figures" / "blind"
REPO = TESTS.parent
SAMPLE = REPO / "src/relexplorer/data/sample/zhao-2018-china-russia-endogenous-dynamics.txt"

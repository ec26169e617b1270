"""Topic tagging scored against hand-labelled sentences (``tests/data/topics_gold.yaml``, tuned)."""

from __future__ import annotations

import yaml

from relexplorer.extract.topics import load_taxonomy
from tests.helpers import paths


def test_gold_sentences():
    taxonomy = load_taxonomy()
    gold = yaml.safe_load((paths.DATA / "topics_gold.yaml").read_text(encoding="utf-8"))
    tp = fp = fn = 0
    for item in gold:
        predicted = set(taxonomy.tag(item["text"], item.get("parties")))
        expected = set(item["topics"])
        tp += len(predicted & expected)
        fp += len(predicted - expected)
        fn += len(expected - predicted)
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.9

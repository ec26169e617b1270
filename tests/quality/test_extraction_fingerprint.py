"""Speed work must not change what extraction finds: every labelled article against a baseline.

The baseline (``tests/data/fingerprint.jsonl``) was written by the extractor of the main branch;
a branch that changes extraction on purpose regenerates it with one command:
``PYTHONPATH=src python -m tests.helpers.fingerprint``.
"""

from __future__ import annotations

import pytest

from tests.helpers import fingerprint


@pytest.fixture(scope="module")
def baseline():
    return fingerprint.load()


def test_every_labelled_article_has_a_baseline(baseline):
    paths = {str(p.relative_to(fingerprint.REPO)) for p in fingerprint.labelled_articles()}
    assert paths == {row["path"] for row in baseline}
    assert sum(1 for row in baseline if "facts" in row) > 100


def test_extraction_is_unchanged_on_every_labelled_article(baseline):
    assert fingerprint.differences(baseline, fingerprint.compute()) == []


def test_a_changed_part_is_named():
    row = {"path": "a.txt", "facts": "1", "figures": "2"}
    assert fingerprint.differences([row], [{**row, "figures": "3"}]) == ["a.txt: figures changed"]

"""Series scored against the hand-labelled corpus in ``tests/data/series`` (see its README and
RUNS.md). ``blind/`` was labelled before any run and scored first untouched (recall 0.452,
precision 0.625 after tuning on ``tuned/`` only); rules were then fixed after reading its misses,
so from RUNS.md's run 3 on it is tuned too, and its score is optimistic. The floors sit below the
measured numbers (blind 0.774 / 0.960, tuned 0.750 / 0.800) so that a regression fails.
"""

from __future__ import annotations

from tests.helpers import score_series as scorer


def test_blind_series_recall_and_precision_stay_above_their_floor():
    result = scorer.score([scorer.BLIND])
    print()
    print(scorer.report(result, verbose=True))
    assert len(result.labels) == 31
    assert result.recall >= 0.70, scorer.report(result, verbose=True)
    assert result.precision >= 0.90, scorer.report(result, verbose=True)
    assert result.year_accuracy >= 0.85


def test_tuned_series_recall_and_precision_stay_above_their_floor():
    result = scorer.score([scorer.TUNED])
    assert len(result.labels) == 16
    assert result.recall >= 0.70, scorer.report(result, verbose=True)
    assert result.precision >= 0.75, scorer.report(result, verbose=True)
    assert result.year_accuracy >= 0.90


def test_the_main_disagreement_lands_in_one_series_for_2021():
    result = scorer.score([scorer.BLIND])
    key = result.keys["China–Russia trade"]
    found = [lb.found for lb in result.labels if lb.subject == "China–Russia trade" and lb.year == 2021]
    assert sorted(f.value for f in found) == [141e9, 147e9]
    assert all(f.series == key and f.year == 2021 for f in found)

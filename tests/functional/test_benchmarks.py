"""The benchmark suite: its corpus generator keeps its promises, and a smoke run writes JSON."""

from __future__ import annotations

import json
import math
import re
from collections import Counter

from benchmarks import corpus
from benchmarks.__main__ import main
from benchmarks.search import classify, keystrokes


def test_the_corpus_is_deterministic():
    first = [a.text for a in corpus.articles(3_000)]
    again = [a.text for a in corpus.articles(3_000)]
    other = [a.text for a in corpus.articles(3_000, seed=7)]
    assert first == again
    assert first != other
    # Any article can be made on its own and is the same as in the stream.
    assert corpus.article(5).text == next(a for i, a in enumerate(corpus.articles(10**6)) if i == 5).text


def test_the_corpus_holds_exactly_the_facts_asked_for():
    for n in (1, 37, 2_500):
        arts = list(corpus.articles(n, keep_sentences=True))
        assert sum(a.facts for a in arts) == n
        for a in arts:
            assert len(a.sentences) == a.facts
            assert all(s in a.text and s.endswith(".") and not s[0].islower() for s in a.sentences)


def test_sentences_are_varied_not_repeated():
    sentences = [s for a in corpus.articles(5_000, keep_sentences=True) for s in a.sentences]
    assert len(set(sentences)) / len(sentences) > 0.99
    lengths = [len(s) for s in sentences]
    assert 120 < sum(lengths) / len(lengths) < 260
    assert min(lengths) < 80 and max(lengths) > 300


def test_word_frequencies_follow_a_zipf_like_spread():
    freq = corpus.word_frequencies(a.text for a in corpus.articles(20_000))
    counts = [n for _, n in freq.most_common()]
    # Slope of log(frequency) against log(rank) over the middle ranks: about -1 in real prose.
    lo, hi = 10, 2_000
    slope = (math.log(counts[hi - 1]) - math.log(counts[lo - 1])) / (math.log(hi) - math.log(lo))
    assert -1.4 < slope < -0.7, slope
    assert len(freq) > 20_000  # a long tail of rare words
    assert sum(1 for n in counts if n == 1) > 2_000  # and words seen once
    # The genre's words are common but not everywhere; the rare benchmark word is rare.
    facts = 20_000
    assert 0.01 * facts < freq["trade"] < 0.2 * facts
    assert freq["putin"] < freq["trade"]


def test_articles_carry_the_shapes_of_the_genre():
    arts = list(corpus.articles(20_000))
    assert {a.header for a in arts} == {"portal", "byline", "fields", "front-matter", "md-byline", "title-only"}
    assert {a.sections for a in arts} == {"roman", "numbered", "markdown", "none"}
    assert {a.fmt for a in arts} == {"txt", "md"}
    kinds = sum((a.figures for a in arts), Counter())
    assert set(kinds) == set(corpus._FIGURE_KINDS)
    text = "\n".join(a.text for a in arts[:200])
    assert re.search(r"^II\.\s+\S", text, re.M)  # Roman-numeral sections
    assert re.search(r"^## ", text, re.M)  # Markdown sections
    assert re.search(r"\$\d[\d,.]* (billion|million)", text)
    assert re.search(r"\d percent", text)
    assert "作者" in text and "title:" in text
    assert re.search(r"President (Xi Jinping|Vladimir Putin)", text)


def test_keystrokes_are_every_prefix_and_are_classified():
    keys = keystrokes(["trade", "oil percent>20"])
    assert keys[:5] == ["t", "tr", "tra", "trad", "trade"]
    assert "oil p" in keys and "oil percent>20" in keys and "oil " not in keys
    assert classify("tr") == "prefix 1-2"
    assert classify("oil perc") == "prefix 3+"
    assert classify("oil percent>2") == "filter"


def test_smoke_run_writes_valid_json(tmp_path):
    out = tmp_path / "results.json"
    assert main(["--smoke", "--json", str(out), "--skip", "explorer", "--skip", "reading"]) == 0
    results = json.loads(out.read_text())  # strict JSON: NaN would not parse back as null
    assert results["build"]["facts_stored"] > 0
    assert results["size"]["ratio"] > 0
    assert results["search"]["keystrokes"]["all"]["ours"]["n"] > 0
    assert {r["section"] for r in results["rows"]} >= {"ingest", "search", "series", "serve", "size"}
    assert results["series"]["ours"]["n"] > 0
    assert results["serve"]["matches"]["served"] > 0


def test_reading_smoke_run_opens_and_scrolls_a_small_article(tmp_path):
    from benchmarks import reading

    result = reading.run(tmp_path, smoke=True)
    assert result["build"]["facts"] > 100
    assert result["core"]["lines"] > result["build"]["facts"] / 10
    assert result["app"]["open"]["n"] == 1
    assert all(stats["n"] > 0 for stats in result["app"]["keys"].values())
    assert result["baseline"]["down"]["n"] > 0
    rows = reading.rows(result)
    assert {r.metric for r in rows} >= {"open on the middle fact (p50)", "pagedown key to frame (p95)"}
    assert all(r.ok is None for r in rows)  # a smoke run judges nothing

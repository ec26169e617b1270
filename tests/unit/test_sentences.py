"""Sentences: boundaries a reader would draw, exact offsets, linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relexplorer.extract.sentences import MAX_SENTENCE, split_sentences
from tests.helpers import paths

SAMPLE = paths.SAMPLE


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In 2017, bilateral trade reached $84.071 billion. It grew 20.8 percent.",
            ["In 2017, bilateral trade reached $84.071 billion.", "It grew 20.8 percent."],
        ),
        (
            "See Peace and Development, No. 2, 2018. It is cited often.",
            ["See Peace and Development, No. 2, 2018.", "It is cited often."],
        ),
        (
            "Beijing Gas Refco Group Ltd completed a deal with Rosneft Oil's Jonasque Oil and Gas Co., "
            "Ltd. China CEFC Energy Company Ltd. signed an agreement.",
            [
                "Beijing Gas Refco Group Ltd completed a deal with Rosneft Oil's Jonasque Oil and Gas Co., Ltd.",
                "China CEFC Energy Company Ltd. signed an agreement.",
            ],
        ),
        (
            "Apple Inc. reported results. The U.S. Congress met. It rose in the U.S. The end came.",
            [
                "Apple Inc. reported results.",
                "The U.S. Congress met.",
                "It rose in the U.S.",
                "The end came.",
            ],
        ),
        (
            'He said, "It works." Then he left.',
            ['He said, "It works."', "Then he left."],
        ),
        (
            "He said: \u201cPrices rose.\u201d Then costs fell.",
            ["He said: \u201cPrices rose.\u201d", "Then costs fell."],
        ),
        (
            "The figure is cited twice (see p. 5.) Then it is revised.",
            ["The figure is cited twice (see p. 5.)", "Then it is revised."],
        ),
        (
            "The report (published in Jan. 2019. It was late.) was long. Next.",
            ["The report (published in Jan. 2019. It was late.) was long.", "Next."],
        ),
        (
            "Mr. Li met Dr. Wang and Gen. Zhao in St. Petersburg on Jan. 5, 2018. They talked.",
            [
                "Mr. Li met Dr. Wang and Gen. Zhao in St. Petersburg on Jan. 5, 2018.",
                "They talked.",
            ],
        ),
        (
            "J. K. Rowling and Vladimir V. Putin are names. So is John F. Kennedy.",
            ["J. K. Rowling and Vladimir V. Putin are names.", "So is John F. Kennedy."],
        ),
        (
            "Exports, e.g. oil and gas, i.e. fuels, rose; wheat, barley, etc. also grew. Prices fell.",
            [
                "Exports, e.g. oil and gas, i.e. fuels, rose; wheat, barley, etc. also grew.",
                "Prices fell.",
            ],
        ),
        (
            "Fuels, metals, grain etc. Those were the exports.",
            ["Fuels, metals, grain etc.", "Those were the exports."],
        ),
        ("Is it real? Yes! It is.", ["Is it real?", "Yes!", "It is."]),
        (
            "It grew 5 percent.[12] Then it fell.\u00b2 Then 3 percent.4 The end.",
            ["It grew 5 percent.[12]", "Then it fell.\u00b2", "Then 3 percent.4", "The end."],
        ),
        ("Growth was 5.12 percent. Fine.", ["Growth was 5.12 percent.", "Fine."]),
        ("Wait... the deal is off. Or is it...", ["Wait... the deal is off.", "Or is it..."]),
        (
            "2017年，双边贸易额达到840.71亿美元。同比增长20.8%！真的吗？是的",
            ["2017年，双边贸易额达到840.71亿美元。", "同比增长20.8%！", "真的吗？", "是的"],
        ),
        ("他说：“合作很好。”然后离开了。", ["他说：“合作很好。”", "然后离开了。"]),
        (
            "First line without a stop\n\nSecond paragraph.",
            ["First line without a stop", "Second paragraph."],
        ),
        ("   Padded sentence.   Another one.   ", ["Padded sentence.", "Another one."]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_boundaries(text, expected):
    assert sentences(text) == expected


def test_offsets_into_a_range():
    text = "XXXX Trade rose. Costs fell. YYYY"
    spans = split_sentences(text, 5, 28)
    assert [text[a:b] for a, b in spans] == ["Trade rose.", "Costs fell."]
    assert spans[0][0] == 5
    assert split_sentences(text, 10, 10) == []
    assert split_sentences(text, 30, 10) == []
    assert split_sentences(text, 0, 10_000)[-1][1] == len(text)


def test_sample_sentences():
    text = SAMPLE.read_text("utf-8")
    found = [text[a:b] for a, b in split_sentences(text)]
    assert (
        "In 2017, bilateral trade between China and Russia reached $84.071 billion, with a 20.8 percent growth on a year-on-year basis."
        in found
    )
    assert (
        "China CEFC Energy Company Ltd. signed a strategic cooperation agreement with Rosneft Oil, and came to an agreement with Glencore Consortium and Qatar Investment Authority Consortium to buy over the 14.16 percent of shares worth $9.1 billion they held of Rosneft Oil."
        in found
    )


def test_a_run_without_punctuation_is_cut_near_the_limit():
    text = ("word " * 5000).strip()
    spans = split_sentences(text)
    assert len(spans) > 1 and all(b - a <= MAX_SENTENCE for a, b in spans)
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)


@pytest.mark.parametrize(
    "piece, count",
    [
        ("a", 1_000_000),  # no punctuation, no spaces
        ("word ", 200_000),  # no punctuation
        ("U.S. Congress ", 75_000),  # many candidates, none of them an end
        ("(see p. 5. and p. 6. ", 50_000),  # unclosed brackets with stops inside
        (". ", 150_000),  # a sentence every two characters
    ],
    ids=["letters", "words", "abbreviations", "brackets", "stops"],
)
def test_linear_time_on_hostile_text(piece, count):
    text = piece * count
    started = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - started < 10
    assert all(a < b for a, b in spans)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "Trade",
                    "rose",
                    "U.S.",
                    "No.",
                    "Ltd.",
                    "84.071",
                    "(",
                    ")",
                    '"',
                    "\u201d",
                    ".",
                    "!",
                    "?",
                    "...",
                    "。",
                    " ",
                    " ",
                    " ",
                    "\n",
                    "\n\n",
                    "J.",
                    "e.g.",
                    "A.",
                    "etc.",
                    "中",
                ]
            ),
            st.text(max_size=5),
        ),
        max_size=80,
    ),
    st.integers(0, 20),
    st.integers(0, 400),
)
def test_spans_cover_every_non_space_character_once(pieces, start, length):
    text = "".join(pieces)
    end = start + length
    spans = split_sentences(text, start, end)
    covered = []
    previous = max(0, start)
    for a, b in spans:
        assert previous <= a < b <= min(end, len(text))
        assert not text[a].isspace() and not text[b - 1].isspace()
        covered.extend(range(a, b))
        previous = b
    expected = [i for i in range(max(0, start), min(end, len(text))) if not text[i].isspace()]
    assert set(expected) <= set(covered)


def test_throughput(capsys):
    text = SAMPLE.read_text("utf-8") * 300  # ~4.8 MB
    started = time.perf_counter()
    spans = split_sentences(text)
    seconds = time.perf_counter() - started
    rate = len(text.encode("utf-8")) / 1e6 / seconds
    with capsys.disabled():
        print(f"\nsplit_sentences: {len(spans)} sentences, {seconds:.2f} s = {rate:.1f} MB/s")
    assert rate > 1.0  # the target is >= 5 MB/s; this bound only catches a collapse

"""Series: a figure's subject, series key and period, and the conflict rule between sources."""

from __future__ import annotations

import pytest

from relexplorer.extract.figures import find_figures
from relexplorer.extract.sentences import split_sentences
from relexplorer.extract.series import attach_series
from relexplorer.model import Fact, SeriesPoint, StoredFigure
from relexplorer.series import disagree, mark_conflicts, precision

TRADE = "trade:china+russia|money"


def figures_of(text: str, published: str = "2018-06-01", paragraphs: bool = False) -> dict:
    """The figures of ``text`` by their text, after the series pass (one paragraph per line if
    ``paragraphs``)."""
    facts = []
    starts = [0]
    if paragraphs:
        starts = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        starts.insert(0, 0)
    bounds = [*starts[1:], len(text) + 1]
    for index, (lo, hi) in enumerate(zip(starts, bounds, strict=True)):
        for s, e in split_sentences(text, lo, hi - 1):
            facts.append(Fact(s, e, text[s:e], index, 0, find_figures(text, s, e)))
    attach_series(text, facts, published)
    return {f.text: f for fact in facts for f in fact.figures}


@pytest.mark.parametrize("sentence", [
    "In 2017, bilateral trade between China and Russia reached $84.071 billion.",
    "In 2017, trade between China and Russia reached $84.071 billion.",
    "In 2017, China-Russia trade volume reached $84.071 billion.",
    "In 2017, Russia–China trade turnover reached $84.071 billion.",
    "In 2017, Beijing’s two-way trade with Moscow reached $84.071 billion.",
])
def test_wordings_of_one_subject_share_one_series_key(sentence):
    f = figures_of(sentence)["$84.071 billion"]
    assert (f.series, f.subject, f.year, f.period_source) == (TRADE, "China–Russia trade", 2017, "fact")


def test_bilateral_trade_without_parties_takes_the_documents_pair():
    text = ("China and Russia signed deals. Russia and China held talks in Beijing and Moscow.\n"
            "Between 2000 and 2021, trade grew from $8 billion to more than $147 billion.")
    figures = figures_of(text, paragraphs=True)
    assert [(figures[t].series, figures[t].year) for t in ("$8 billion", "$147 billion")] == \
        [(TRADE, 2000), (TRADE, 2021)]


def test_flows_are_named_by_their_sender():
    figures = figures_of("In 2023, China's exports to Russia rose to $110 billion, while Russia's imports from "
                         "China were put at $111 billion and Chinese imports from Russia at $129 billion.")
    assert figures["$110 billion"].series == "exports:china>russia|money"
    assert figures["$110 billion"].subject == "China exports to Russia"
    assert figures["$111 billion"].series == "exports:china>russia|money"
    assert figures["$129 billion"].series == "exports:russia>china|money"


def test_changes_are_their_own_family_and_shares_are_no_change():
    figures = figures_of("In 2023 bilateral trade between China and Russia grew 26.3 percent, and Russia took "
                         "about 2 percent of China's total trade.")
    assert figures["26.3 percent"].series == "trade:china+russia/growth|change"
    assert figures["26.3 percent"].subject == "China–Russia trade growth"
    assert figures["2 percent"].series == ""


@pytest.mark.parametrize("sentence, text", [
    ("China's investment in Russia grew by 34 percent to $8.2 billion.", "$8.2 billion"),
    ("The price of China's crude oil imports rose to RMB 5,070 per metric ton.", "RMB 5,070"),
    ("Laptop sales to Russia were down more than 40 percent.", "40 percent"),
    ("They set a target of $200 billion in bilateral trade between China and Russia.", "$200 billion"),
    ("China gave $100 to each of the sides.", "$100"),
])
def test_figures_that_measure_something_else_get_no_subject(sentence, text):
    f = figures_of(sentence)[text]
    assert (f.series, f.subject) == ("", "")


def test_one_year_per_figure_from_the_same_sentence():
    figures = figures_of("Trade between China and Russia rose from $141 billion in 2021 to $244.8 billion in 2024. "
                         "In both 2022 and 2023 China-Russia trade grew (reaching $190 billion and $240.11 billion, "
                         "respectively).")
    assert [figures[t].year for t in ("$141 billion", "$244.8 billion", "$190 billion", "$240.11 billion")] == \
        [2021, 2024, 2022, 2023]


def test_a_change_over_years_takes_the_range_and_a_change_against_a_base_the_later_year():
    figures = figures_of("Chinese shipments to Russia jumped 46.9 percent from 2022 to 2023 and 64.2 percent "
                         "from 2021 to 2023. In 2023, China-Russia trade hit $240 billion, growing 26.3 percent "
                         "from 2022.")
    assert (figures["46.9 percent"].year, figures["46.9 percent"].end_year) == (2023, None)
    assert (figures["64.2 percent"].year, figures["64.2 percent"].end_year) == (2021, 2023)
    assert (figures["26.3 percent"].year, figures["26.3 percent"].end_year) == (2023, None)


def test_relative_years_use_the_document_date_and_say_so():
    f = figures_of("Last year bilateral trade between China and Russia reached $84 billion.", "2018-03-01")
    assert (f["$84 billion"].year, f["$84 billion"].period_source) == (2017, "document date")
    undated = figures_of("Last year bilateral trade between China and Russia reached $84 billion.", "")
    assert (undated["$84 billion"].year, undated["$84 billion"].period_source) == (None, "")


def test_the_paragraph_gives_a_year_and_the_publication_date_never_does_silently():
    text = ("In 2021, Russia spent $66 billion on its military, as it did in 2014. China’s military budget "
            "grew over 47 percent during that period, from $183 billion to $270 billion.\n"
            "China's defence budget is $229 billion.")
    figures = figures_of(text, "2022-08-22", paragraphs=True)
    assert (figures["$183 billion"].year, figures["$183 billion"].period_source) == (2014, "paragraph")
    assert figures["$270 billion"].year == 2021
    assert (figures["47 percent"].year, figures["47 percent"].end_year) == (2014, 2021)
    assert (figures["$229 billion"].year, figures["$229 billion"].period_source) == (None, "")


def _figure(text: str, value: float, year: int | None = 2017, document: str = "a", fact_id: int = 1,
            unit: str = "USD") -> StoredFigure:
    return StoredFigure(0, fact_id, document, text, 0, len(text), value, None, unit, "money", "", year,
                        None, "fact", TRADE)


def test_precision_is_the_step_of_the_last_digit_written():
    assert precision(_figure("$84.071 billion", 84.071e9)) == pytest.approx(1e6)
    assert precision(_figure("$147 billion", 147e9)) == pytest.approx(1e9)
    assert precision(_figure("1,200 tons", 1200)) == pytest.approx(1)


@pytest.mark.parametrize("a, b, expected", [
    (("$147 billion", 147e9), ("$141 billion", 141e9), True),  # Chinese vs Russian customs, 2021
    (("$84.071 billion", 84.071e9), ("$86.96 billion", 86.96e9), True),
    (("$240 billion", 240e9), ("$240.11 billion", 240.11e9), False),  # within 1%
    (("$147 billion", 147e9), ("$146.9 billion", 146.9e9), False),
    (("$244.8 billion", 244.8e9), ("$250 billion", 250e9), True),  # 2.1%, 245 != 250 at $1 billion
    (("26.3 percent", 26.3), ("26 percent", 26.0), False),  # 1.1%, but 26 == 26 rounded
])
def test_values_conflict_only_beyond_rounding(a, b, expected):
    assert disagree(_figure(*a), _figure(*b)) is expected


def test_conflicts_need_the_same_year_and_unit_and_another_document():
    points = [SeriesPoint(_figure("$84.071 billion", 84.071e9, document="zhao", fact_id=1), ""),
              SeriesPoint(_figure("$86.96 billion", 86.96e9, document="customs", fact_id=2), ""),
              SeriesPoint(_figure("$90 billion", 90e9, document="zhao", fact_id=3), ""),
              SeriesPoint(_figure("$100 billion", 100e9, year=2018, document="other", fact_id=4), ""),
              SeriesPoint(_figure("600 billion yuan", 600e9, document="other", fact_id=5, unit="CNY"), ""),
              SeriesPoint(_figure("$50 billion", 50e9, year=None, document="x", fact_id=6), "")]
    mark_conflicts(points)
    assert [p.conflicts for p in points] == [[2], [1, 3], [2], [], [], []]

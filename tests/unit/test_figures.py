"""Figure extraction: the design's table, what is not a figure, labels, and hand-labelled articles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relexplorer.extract.figures import find_figures
from tests.helpers import paths
from tests.helpers import score_figures as scorer

SAMPLE = paths.SAMPLE


def only(text: str, surface: str):
    """The one figure whose text is ``surface``."""
    found = [f for f in find_figures(text) if f.text == surface]
    assert found, f"{surface!r} not found in {[f.text for f in find_figures(text)]}"
    return found[0]


def texts(text: str) -> list[str]:
    return [f.text for f in find_figures(text)]


# --- the design's table ------------------------------------------------------------------------------

DESIGN_TABLE = [
    ("In 2017, bilateral trade reached $84.071 billion.", "$84.071 billion", 84071000000, "USD", "money", None),
    ("A joint investment fund (68 billion RMB in total).", "68 billion RMB", 68000000000, "CNY", "money", None),
    ("Trade grew with a 20.8 percent growth.", "20.8 percent", 20.8, "percent", "percent", None),
    ("Chinese tourists visiting Russia reached eight hundred thousand, registering a 24 percent growth.",
     "eight hundred thousand", 800000, "count", "count", None),
    ("China will get 4 million tons of LNG every year.", "4 million tons", 4000000, "tons", "quantity", None),
    ("Xi met Putin five times on formal occasions.", "five times", 5, "times", "count", None),
    ("For the first 9 months last year, investment grew.", "first 9 months", 9, "months", "duration", None),
    ("They signed the Outline for Space Cooperation from 2018 to 2022.", "2018 to 2022", 2018, "year", "date", 2022),
    ("China has become the 6th largest tourist destination of Russia.", "6th largest", 6, "ordinal", "ordinal", None),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "unit", "kind", "end_value"), DESIGN_TABLE)
def test_design_table(sentence, surface, value, unit, kind, end_value):
    f = only(sentence, surface)
    assert f.value == pytest.approx(value)
    assert (f.unit, f.kind) == (unit, kind)
    assert f.end_value == (pytest.approx(end_value) if end_value is not None else None)


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit", "kind"),
    [
        ("Imports rose to US$129.14 billion.", "US$129.14 billion", 129.14e9, "USD", "money"),
        ("The fund holds USD 5 bn.", "USD 5 bn", 5e9, "USD", "money"),
        ("Shipments worth RMB 134.6 billion.", "RMB 134.6 billion", 134.6e9, "CNY", "money"),
        ("Machinery worth Rmb380bn was sold.", "Rmb380bn", 380e9, "CNY", "money"),
        ("Trade rose to 1.69 trillion yuan.", "1.69 trillion yuan", 1.69e12, "CNY", "money"),
        ("It paid CNY 2.5 billion.", "CNY 2.5 billion", 2.5e9, "CNY", "money"),
        ("A loss of 629 billion roubles.", "629 billion roubles", 629e9, "RUB", "money"),
        ("Revenues of 11.3 trillion rubles.", "11.3 trillion rubles", 11.3e12, "RUB", "money"),
        ("Revenue fell to RUB 3.67 trillion.", "RUB 3.67 trillion", 3.67e12, "RUB", "money"),
        ("Rosneft earned ₽1.27 trillion.", "₽1.27 trillion", 1.27e12, "RUB", "money"),
        ("Trade reached €856 billion.", "€856 billion", 856e9, "EUR", "money"),
        ("A deficit of almost €396bn.", "€396bn", 396e9, "EUR", "money"),
        ("Goods worth EUR 107 billion.", "EUR 107 billion", 107e9, "EUR", "money"),
        ("Aid of 5 billion euros.", "5 billion euros", 5e9, "EUR", "money"),
        ("Britain pledged £2.3 billion.", "£2.3 billion", 2.3e9, "GBP", "money"),
        ("A grant of 40 million pounds.", "40 million pounds", 40e6, "GBP", "money"),
        ("A bond of GBP 300m.", "GBP 300m", 300e6, "GBP", "money"),
        ("Japan pledged 5 trillion yen.", "5 trillion yen", 5e12, "JPY", "money"),
        ("Japan announced JPY 600 billion.", "JPY 600 billion", 600e9, "JPY", "money"),
        ("Japan's loan of ¥300 billion.", "¥300 billion", 300e9, "JPY", "money"),
        ("A Chinese bank lent ¥12 billion.", "¥12 billion", 12e9, "CNY", "money"),
        ("It saved about Rs 35,000 crore.", "Rs 35,000 crore", 35000e7, "INR", "money"),
        ("A price tag of Rs 1.08 lakh crore.", "Rs 1.08 lakh crore", 1.08e12, "INR", "money"),
        ("It spent ₹36,000 crore.", "₹36,000 crore", 36e10, "INR", "money"),
        ("A deal worth 500 million rupees.", "500 million rupees", 500e6, "INR", "money"),
        ("Loans of INR 20 billion.", "INR 20 billion", 20e9, "INR", "money"),
        ("Exports fell to 6.3 trillion won.", "6.3 trillion won", 6.3e12, "KRW", "money"),
        ("A market worth KRW 3 trillion.", "KRW 3 trillion", 3e12, "KRW", "money"),
        ("Banks froze 7.5 billion Swiss francs.", "7.5 billion Swiss francs", 7.5e9, "CHF", "money"),
        ("Banks froze CHF 7.4 billion.", "CHF 7.4 billion", 7.4e9, "CHF", "money"),
        ("Re-exports of HK$4.6 billion.", "HK$4.6 billion", 4.6e9, "HKD", "money"),
        ("The firm paid $5m in fines.", "$5m", 5e6, "USD", "money"),
        ("A $1,234,567 contract.", "$1,234,567", 1234567, "USD", "money"),
        ("Spending of 1,500 US dollars per traveller.", "1,500 US dollars", 1500, "USD", "money"),
        ("Worth more than $1 billion.", "$1 billion", 1e9, "USD", "money"),
        ("Prices of $12k per car.", "$12k", 12000, "USD", "money"),
    ],
)
def test_money_forms(sentence, surface, value, unit, kind):
    f = only(sentence, surface)
    assert (f.value, f.unit, f.kind) == (pytest.approx(value), unit, kind)


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "end_value", "unit"),
    [
        ("It would cost $1.5-2 billion.", "$1.5-2 billion", 1.5e9, 2e9, "USD"),
        ("It would cost €300-500 billion by 2030.", "€300-500 billion", 300e9, 500e9, "EUR"),
        ("Between €2 and €3 billion a year.", "€2 and €3 billion", 2e9, 3e9, "EUR"),
        ("Trade may grow 10 to 15 per cent.", "10 to 15 per cent", 10, 15, "percent"),
        ("Agents charge 2-3% commissions.", "2-3%", 2, 3, "percent"),
        ("Flights run two or three times a week.", "two or three times", 2, 3, "times"),
        ("The 2017-2019 cooperation plan.", "2017-2019", 2017, 2019, "year"),
        ("Spending in 2022-23 rose.", "2022-23", 2022, 2023, "year"),
        ("Groups of between five and fifty people.", "five and fifty", 5, 50, "count"),
    ],
)
def test_ranges(sentence, surface, value, end_value, unit):
    f = only(sentence, surface)
    assert (f.value, f.end_value, f.unit) == (pytest.approx(value), pytest.approx(end_value), unit)


def test_from_to_is_two_figures_with_a_shared_unit():
    figs = find_figures("The share rose from 34 to 50 percent.")
    assert [(f.text, f.value, f.unit) for f in figs] == [("34", 34, "percent"), ("50 percent", 50, "percent")]
    figs = find_figures("Trade rose to 50 percent from 34 percent.")
    assert [f.value for f in figs] == [50, 34]


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit"),
    [
        ("Exports rose 46.9 per cent.", "46.9 per cent", 46.9, "percent"),
        ("A share of 20.8%.", "20.8%", 20.8, "percent"),
        ("Up 2.4 percentage points.", "2.4 percentage points", 2.4, "percentage points"),
        ("The bank raised rates by 650 basis points.", "650 basis points", 650, "basis points"),
        ("Growth was -10% in the worst case.", "-10%", -10, "percent"),
        ("Two thirds of it went to Hungary.", "Two thirds", 66.67, "percent"),
        ("It lost nearly a third of its value.", "a third", 33.33, "percent"),
        ("Trade grew by a fifth, to 297.8 billion yuan.", "a fifth", 20, "percent"),
    ],
)
def test_percent_forms(sentence, surface, value, unit):
    f = only(sentence, surface)
    assert (f.value, f.unit, f.kind) == (pytest.approx(value, abs=0.01), unit, "percent")


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit", "kind"),
    [
        ("The three agreements aside, they signed three agreements.", "three", 3, "count", "count"),
        ("More than twenty-three thousand tourists came.", "twenty-three thousand", 23000, "count", "count"),
        ("A dozen more routes are planned.", "A dozen", 12, "count", "count"),
        ("Twelve stations are planned.", "Twelve", 12, "count", "count"),
        ("Eight have been commissioned since 2020.", "Eight", 8, "count", "count"),
        ("Some 1,400 Japanese companies operate there.", "1,400", 1400, "count", "count"),
        ("As more than 22.2 million consumers use it.", "22.2 million", 22.2e6, "count", "count"),
        ("Exports were 13 times the previous year's.", "13 times", 13, "times", "count"),
        ("Supply rose threefold.", "threefold", 3, "times", "count"),
        ("Gazprom shipped 22.7 bcm in 2023.", "22.7 bcm", 22.7e9, "cubic meters", "quantity"),
        ("A capacity of 38 billion cubic metres a year.", "38 billion cubic metres a year", 38e9, "cubic meters per year", "quantity"),
        ("Roughly 2.14 million barrels per day.", "2.14 million barrels per day", 2.14e6, "barrels per day", "quantity"),
        ("Rosneft ships 1.2 mb/d.", "1.2 mb/d", 1.2e6, "barrels per day", "quantity"),
        ("Yamal LNG exported 19.6 Mt in 2023.", "19.6 Mt", 19.6e6, "tons", "quantity"),
        ("Three trains of 6.6 million tonnes per annum.", "6.6 million tonnes per annum", 6.6e6, "tons per year", "quantity"),
        ("A 508-kilometre line.", "508-kilometre", 508, "km", "quantity"),
        ("An area of 1,389 hectares.", "1,389 hectares", 1389, "hectares", "quantity"),
        ("A range of 5,500 km.", "5,500 km", 5500, "km", "quantity"),
        ("A 1.2 GW plant.", "1.2 GW", 1.2e9, "W", "quantity"),
        ("Speeds of 320 km/h.", "320 km/h", 320, "km/h", "quantity"),
        ("A 15-year investment.", "15-year", 15, "years", "duration"),
        ("Over the next three years, firms will leave.", "next three years", 3, "years", "duration"),
        ("A ten-day stay.", "ten-day", 10, "days", "duration"),
        ("An attack that lasted 1 minute and 45 seconds.", "45 seconds", 45, "seconds", "duration"),
        ("It fired two 120 mm rounds.", "120 mm", 120, "mm", "quantity"),
        ("The Treaty of 2001 was extended.", "2001", 2001, "year", "date"),
        ("Before 24 February 2022, trade grew.", "24 February 2022", 2022, "year", "date"),
        ("Published June 7, 2018 in Beijing.", "June 7, 2018", 2018, "year", "date"),
        ("Bought in the 1990s.", "1990s", 1990, "year", "date"),
        ("Delivered by mid-2018.", "mid-2018", 2018, "year", "date"),
        ("It reached $3.2 billion in FY2022-23.", "FY2022-23", 2022, "year", "date"),
        ("The 13th round of consultations.", "13th", 13, "ordinal", "ordinal"),
        ("The 60th anniversary of the association.", "60th", 60, "ordinal", "ordinal"),
        ("The second largest destination of export.", "second largest", 2, "ordinal", "ordinal"),
        ("The world's third-largest economy.", "third-largest", 3, "ordinal", "ordinal"),
    ],
)
def test_other_kinds(sentence, surface, value, unit, kind):
    f = only(sentence, surface)
    assert (f.value, f.unit, f.kind) == (pytest.approx(value), unit, kind)


def test_full_dates_keep_iso_in_label():
    assert only("Published June 7, 2018.", "June 7, 2018").label == "2018-06-07"
    assert only("In March 2014 it was signed.", "March 2014").label == "2014-03"
    assert only("Updated 2018-06-07.", "2018-06-07").label == "2018-06-07"


# --- not figures -----------------------------------------------------------------------------------

NOT_FIGURES = [
    "Russia delivered the third batch of Su-35s fighters.",
    "The first batch of S-400 AAGMS arrived.",
    "The China-Russia Joint Sea-2017 military exercise.",
    "Its latest model of warship ---- 052D guided-missile destroyer.",
    "The CR929 long-range and wide-body airliner.",
    "The MiG-29 and the Il-76 are retired.",
    "Leaders met at the G20 and the P5 talks.",
    "COVID-19 hit the A320 production line and the Boeing 737 programme.",
    "The Type 055 destroyer and the J-20 fighter.",
    "The T-14 Armata tank and the F-35 and the Su-57.",
    "Nord Stream 2 and Power of Siberia 2 and Arctic LNG 2 stalled.",
    "The Vostok 2018 exercise and Zapad-2021 drills.",
    "The Kh-47M2 Kinzhal and the 9M729 missile and the Tu-95MS bomber.",
    "The two countries agreed.",
    "The two sides signed it, and the two heads of state met.",
    "The two parties and the two governments and the two leaders spoke.",
    "Both countries agreed, and the two have talked since.",
    "It is one of the most important ties, and they respect one another.",
    "No one doubts that one day it will change.",
    "Under Article 5 of the treaty, see section 4 and page 12.",
    "See Naval Review No. 4, pp. 12-19, and Table 2, p. 41.",
    "Call +7 495 935 8904 or +44 20 7946 0958.",
    "It was signed at 21:45 local time.",
    "As noted earlier.[12] Trade grew.",
    "Visit https://example.com/2017/05/report-2018 for more.",
    "For the first time, the navies held their first joint exercise.",
    "A two-way trade and the one-China policy.",
    "The summit of 7 December and the expo from May 17 to 21.",
    "The Delhi Metro Phase 4 and the E5 Series trains.",
    "The 2+2 dialogue, a 1:1 ratio, and the Group of 20; 1) trade; 2) energy.",
    "One in four Russians say so, and the 24/7 news cycle agrees.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_figures(sentence):
    assert texts(sentence) == []


def test_five_su35_is_a_count_but_not_the_model():
    assert texts("Russia delivered the third batch of 5 Su-35s fighters.") == ["5"]


# --- labels ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "label"),
    [
        ("In 2017, bilateral trade between China and Russia reached $84.071 billion.", "$84.071 billion", "bilateral trade"),
        ("Chinese tourists visiting Russia without visa reached eight hundred thousand.", "eight hundred thousand", "Chinese tourists visiting Russia"),
        ("From it China will get 4 million tons of LNG every year.", "4 million tons", "LNG"),
        ("China's investment to Russia grew by 34 percent.", "34 percent", "China's investment to Russia"),
        ("Bilateral trade grew with a 20.8 percent growth.", "20.8 percent", "growth"),
        ("About 30 percent of interviewees saw China as a friend.", "30 percent", "interviewees"),
        ("It will provide $3 billion in RMB loans.", "$3 billion", "RMB loans"),
        ("A 20 percent equity transaction (worth $1.1 billion).", "$1.1 billion", "equity transaction"),
        ("More than 22.2 million consumers are using it.", "22.2 million", "consumers"),
        ("The third batch of 5 Su-35s fighters.", "5", "Su-35s fighters"),
        ("The 23 projects have developed steadily.", "23", "projects"),
    ],
)
def test_labels(sentence, surface, label):
    assert only(sentence, surface).label == label


def test_labels_are_short_and_stay_in_the_sentence():
    for path in [SAMPLE, *scorer.article_paths()]:
        text = path.read_text(encoding="utf-8")
        for f in find_figures(text):
            assert len(f.label.split()) <= 5, f
            assert "\n" not in f.label and ". " not in f.label, f


@pytest.mark.parametrize(
    ("sentence", "surface", "kind"),
    [
        ("Russia sent 2000 troops to the border.", "2000", "count"),
        ("The 2017 elections changed little.", "2017", "date"),
        ("In 2017 exports rose.", "2017", "date"),
        ("Perhaps 300 people came, perhaps more.", "300", "count"),
        ("Boris Yeltsin's 1996 visit produced the formula.", "1996", "date"),
    ],
)
def test_years_and_counts(sentence, surface, kind):
    assert only(sentence, surface).kind == kind


# --- the bundled sample article, end to end ----------------------------------------------------------


def test_sample_article_has_every_design_figure():
    text = SAMPLE.read_text(encoding="utf-8")
    figs = {(f.text, f.unit, f.kind): f for f in find_figures(text)}
    for _sentence, surface, value, unit, kind, end_value in DESIGN_TABLE:
        f = figs.get((surface, unit, kind))
        assert f is not None, surface
        assert f.value == pytest.approx(value)
        if end_value is not None:
            assert f.end_value == pytest.approx(end_value)
    labels = {f.text: f.label for f in find_figures(text)}
    assert labels["$84.071 billion"] == "bilateral trade"
    assert "tourists" in labels["eight hundred thousand"]
    assert labels["4 million tons"] == "LNG"


def test_sample_article_has_no_figure_in_names_or_parties():
    text = SAMPLE.read_text(encoding="utf-8")
    for f in find_figures(text):
        before, after = text[max(0, f.start - 1) : f.start], text[f.end : f.end + 1]
        assert not (before.isalnum() or before == "-"), f
        assert not after.isalnum(), f
        assert text[f.start : f.end + 10] not in ("two countries", "two sides")
    surfaces = [f.text for f in find_figures(text)]
    for name in ("35", "400", "2017", "052", "929"):
        for f in find_figures(text):
            if f.text == name:
                ctx = text[f.start - 4 : f.end + 2]
                assert "Su-" not in ctx and "S-" not in ctx and "CR" not in ctx, ctx
    assert not any(s.startswith("two") and s != "two or three times" for s in surfaces)


# --- invariants ------------------------------------------------------------------------------------


def _check_invariants(text: str, start: int = 0, end: int | None = None) -> None:
    figs = find_figures(text, start, end)
    stop = len(text) if end is None else end
    last = start
    for f in figs:
        assert start <= f.start < f.end <= stop
        assert text[f.start : f.end] == f.text
        assert f.start >= last
        last = f.end
        assert f.value == f.value and abs(f.value) != float("inf")
        assert f.kind in ("money", "percent", "count", "quantity", "duration", "date", "ordinal")


def test_range_arguments_limit_the_figures():
    text = "Trade reached $84 billion. Investment grew 34 percent."
    cut = text.index("Investment")
    assert [f.text for f in find_figures(text, 0, cut)] == ["$84 billion"]
    assert [f.text for f in find_figures(text, cut)] == ["34 percent"]
    _check_invariants(text, 3, 20)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-–$€¥%/:()[]+\nabtmkMBsnoe")), max_size=80))
def test_number_soup_never_breaks_invariants(text):
    _check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.integers(0, 200), st.integers(0, 200))
def test_arbitrary_text_never_breaks_invariants(text, a, b):
    _check_invariants(text)
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    _check_invariants(text, lo, hi)


def test_pathological_inputs_are_fast():
    import time

    # Long runs that could make a careless regex backtrack without end; dense figures stay linear.
    for text in ("9" * 200_000, "1,000" * 40_000, "one " * 20_000, "$" * 100_000, "5 " * 20_000, "-" * 100_000):
        started = time.perf_counter()
        _check_invariants(text)
        assert time.perf_counter() - started < 10, text[:20]


# --- rules found by the blind set (tests/articles/blind) --------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit"),
    [
        # Currencies several countries share: the country named in the sentence, else the one
        # the text names most, else the first listed.
        ("The Philippine Navy ordered two frigates for 16 billion pesos.", "16 billion pesos", 16e9, "PHP"),
        ("Mexico's central bank sold 5 billion pesos of bonds.", "5 billion pesos", 5e9, "MXN"),
        ("Kenya Railways lost Sh10.3 billion last year.", "Sh10.3 billion", 10.3e9, "KES"),
        ("Uganda's budget of Shs 52 trillion was passed.", "Shs 52 trillion", 52e12, "UGX"),
        ("Tanzania borrowed 2 trillion shillings.", "2 trillion shillings", 2e12, "TZS"),
        ("Iraq approved a budget of 198 trillion dinars.", "198 trillion dinars", 198e12, "IQD"),
        ("Dakar, Senegal, raised 300 billion CFA francs.", "300 billion CFA francs", 300e9, "XOF"),
        # Currencies of their own.
        ("A loan of KSh 150 billion.", "KSh 150 billion", 150e9, "KES"),
        ("A loan of KES 13.7 billion.", "KES 13.7 billion", 13.7e9, "KES"),
        ("The line cost ₦78.5 billion.", "₦78.5 billion", 78.5e9, "NGN"),
        ("Spending of 300 billion naira.", "300 billion naira", 300e9, "NGN"),
        ("Exports of 25 billion birr.", "25 billion birr", 25e9, "ETB"),
        ("A bridge worth Tk 30,000 crore.", "Tk 30,000 crore", 3e11, "BDT"),
        ("Manila set aside ₱5 billion.", "₱5 billion", 5e9, "PHP"),
        ("Baku spent 2 billion manats.", "2 billion manats", 2e9, "AZN"),
    ],
)
def test_more_currencies_and_shared_forms(sentence, surface, value, unit):
    f = only(sentence, surface)
    assert (f.value, f.unit, f.kind) == (pytest.approx(value), unit, "money")


def test_a_shared_currency_follows_the_country_of_its_sentence():
    text = (
        "Kenya Railways reported a loss of Sh10.3 billion, and the Treasury paid Sh65 billion to "
        "lenders. The final leg to the Ugandan border has been shelved."
    )
    assert [f.unit for f in find_figures(text)] == ["KES", "KES"]


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit", "kind"),
    [
        # Any stock traded by the year is a rate when "a year", "per annum" and the like follow.
        ("A deal to send 1.5 mt a year of Kashagan oil.", "1.5 mt a year", 1.5e6, "tons per year", "quantity"),
        ("A plant of 2 Mt per year.", "2 Mt per year", 2e6, "tons per year", "quantity"),
        ("Exports of 2 tcf a year.", "2 tcf a year", 2e12, "cubic feet per year", "quantity"),
        # Singular units in hyphenated modifiers.
        ("The 2,160-megawatt Julius Nyerere station.", "2,160-megawatt", 2.16e9, "W", "quantity"),
        ("A 1-gigawatt plant.", "1-gigawatt", 1e9, "W", "quantity"),
        # "half a million".
        ("About half a million Syrians have returned.", "half a million", 5e5, "count", "count"),
        ("Half a billion dollars was spent.", "Half a billion dollars", 5e8, "USD", "money"),
        # A number word before "more", "each" or "still" stands for the counted noun.
        ("Eight aircraft in 2009, followed by four more in 2016.", "four", 4, "count", "count"),
        ("Fifteen go to the Navy and eight each to the Army and the Air Force.", "eight", 8, "count", "count"),
        ("Turkey met 66 benchmarks; the EU counts six still open.", "six", 6, "count", "count"),
        # Three or more of a named group are counted; "the two/three countries" are the parties.
        ("Poland and the three Baltic states built fences.", "three", 3, "count", "count"),
        ("It abstained in all four United Nations votes.", "four", 4, "count", "count"),
        # A hyphenated count of members, nations, seats and the like.
        ("Trade with the ten-member bloc grew.", "ten", 10, "count", "count"),
        ("A 300-strong delegation arrived.", "300", 300, "count", "count"),
        # A title or byline line is not part of the next sentence.
        ("COMMENTARY\nEight years on, the deal still holds.", "Eight years", 8, "years", "duration"),
        # "won" after a year is the verb.
        ("The contract signed with Poland in 2022 won plaudits in Seoul.", "2022", 2022, "year", "date"),
        ("Exports fell to 6.3 trillion won.", "6.3 trillion won", 6.3e12, "KRW", "money"),
        # A footnote mark glued to a year at the end of a sentence (PDF copies).
        ("It ordered two corvettes in 2021.3\n\nThe Navy", "2021", 2021, "year", "date"),
        # A day range before the month and the year is one date.
        ("Interviews in New Delhi, 3 and 4 August 2023.", "3 and 4 August 2023", 2023, "year", "date"),
        ("Talks were held on August 3-4, 2023 in Seoul.", "August 3-4, 2023", 2023, "year", "date"),
    ],
)
def test_blind_set_rules(sentence, surface, value, unit, kind):
    f = only(sentence, surface)
    assert (f.value, f.unit, f.kind) == (pytest.approx(value), unit, kind)


BLIND_NOT_FIGURES = [
    "The two countries agreed, and the three countries signed.",
    "A two-state solution and a one-member panel.",
    "Qantas flies Boeing 787-9 aircraft and Airbus A350-900s.",
    "At COP28 in Dubai, and at COP 28 again.",
    "See Regulation (EU) 2019/452 and ISEAS Perspective 2022/104.",
    "For media inquiries, call 202-797-6105.",
    "Main Tel: (65) 6778 0955 Main Fax: (65) 6778 1735",
    "Sales grew.[^1] Costs fell.[^12]\n\n[^1]: SIPRI Arms Transfers Database.",
    "The end of the page.\n12\nThe next page",
    "Get the app\n1  2  3  4  5  Next\n",
    "The end.\n\n1 Ministry of Foreign Affairs, Strategy (Seoul, December 2022), p. 18.",
]


@pytest.mark.parametrize("sentence", BLIND_NOT_FIGURES)
def test_blind_set_not_figures(sentence):
    assert [f.text for f in find_figures(sentence) if f.kind != "date"] == []


def test_a_paragraph_may_still_open_with_a_count():
    text = "He met them.\n\n40 Russian diplomats were expelled in 2022."
    assert texts(text) == ["40", "2022"]


@pytest.mark.parametrize("written, value", [
    ("$8.2 billion", 8.2e9), ("0.7 million tons", 7e5), ("$1.15 trillion", 1.15e12), ("4.35 percent", 4.35),
])
def test_scaled_values_carry_no_binary_noise(written, value):
    (figure,) = find_figures(f"The total was {written} last year.")
    assert figure.value == value

"""Vocabulary of figure extraction that is grammar rather than data.

Number words, ordinals and fractions, the qualifiers, cue verbs and stop words around a
figure, and the small closed word lists the rules consult. Vocabularies that grow with the
genre (currencies, units, scales, name and reference words) are data, in ``data/units.yaml``;
month and weekday names are shared, in :mod:`relexplorer.lexicon`.
"""

from __future__ import annotations

from relexplorer.lexicon import MONTH_NAMES, WEEKDAYS

# --- number words ----------------------------------------------------------------------------------

# "zero" to "nineteen": the number words that are one word.
SMALL_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
MAGNITUDE_WORDS = {
    "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# The words that multiply what comes before them ("two hundred", "three dozen").
MULTIPLIER_WORDS = (*MAGNITUDE_WORDS, "dozen")
NUMBER_WORDS = frozenset([*SMALL_NUMBER_WORDS, *TENS_WORDS, *MULTIPLIER_WORDS])
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
# Fraction words with their denominator ("two thirds of" -> 66.67 percent).
FRACTION_DENOMINATORS = {
    "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
    "tenth": 10, "tenths": 10,
}
# After an ordinal, these make it a rank ("the second largest", "6th biggest"): a regex
# alternation.
SUPERLATIVES = (
    "largest|biggest|greatest|highest|lowest|smallest|most|least|leading|fastest|richest|"
    "strongest|oldest|busiest|best|worst|top|major|main"
)
# Before a duration, part of it ("the first 9 months").
DURATION_MODIFIERS = ("first", "last", "past", "next", "previous", "coming", "following", "initial")
SYMBOLS = frozenset("% $ € £ ¥ ₽ ₹ ₩ ₦ ₱".split())

# --- words around a number -------------------------------------------------------------------------

# Determiners after which "two"/"three" refer back to known parties.
DETERMINERS = frozenset(
    "the these those both all its their our his her my your each either".split()
)
# Words between a figure and what it measures ("reached more than $5 billion"): skipped.
QUALIFIERS = frozenset(
    """more than less than about nearly over almost around approximately some only just roughly
    up to at least as much many the equivalent of a an total record further another estimated
    additional extra mere whopping some by""".split()
)
# A figure's subject stands before a cue verb and its particle ("exports grew by 5 percent").
CUE_PARTICLES = frozenset("by to at for from of around in".split())
CUE_VERBS = frozenset(
    """reached reach reaches reaching stood stand stands standing grew grow grows growing grown
    rose rise rises rising risen amounted amount amounts amounting totaled totalled totals total
    totaling totalling accounted account accounts accounting increased increase increases
    increasing decreased decrease decreases decreasing declined decline declines declining fell
    fall falls falling fallen dropped drop drops dropping jumped jump jumps jumping surged surge
    surging climbed climb climbing soared soar soaring hit hits exceeded exceed exceeds
    exceeding surpassed surpass surpassing topped top tops topping was were is are be been worth
    valued estimated expanded expand expands contracted shrank shrunk plunged plunge slumped
    slid slipped edged gained gain gains added adding hovered stood came come comes equalled
    equaled equals equal represented represents representing made makes constituted
    constitutes cost costs costing attracted received receives invested exported imported
    amounting approached approaching""".split()
)
# Between the subject and the cue verb ("trade has already grown to ..."): skipped.
AUXILIARIES = frozenset(
    """has have had is are was were will would could can may might should shall be been being
    expected projected estimated set likely forecast due already also further reportedly
    steadily sharply significantly slightly nearly almost year-on-year annually respectively
    to now still again just only reportedly officially""".split()
)
# Words that end a label noun phrase: function words, pronouns, common verbs and adverbs.
STOP_WORDS = frozenset(
    """a an the this that these those its their his her our my your it they them we us he she i
    you who whom whose which what where when while whereas as than then so such and or but nor
    if because since until till although though unless whether also only just even still very
    is are was were be been being has have had do does did will would can could may might must
    shall should not no yes per each every both all any some many much more most less least
    few several other another same own to of in on at by for from with without into onto over
    under about above below between among through during before after against within across
    along around toward towards upon via including excluding compared respectively
    year-on-year annually already again now there here according due despite reached reach
    reaching grew grow rose rise rising accounted amounted totaled totalled increased decreased
    fell dropped stood registering registered signed said says saying held making made make
    take took taking got get getting gave give given up down out off away back ago later
    earlier last next first second third time times percent per cent yet ever never always
    often once twice thus hence however therefore moreover meanwhile indeed saw see sees seen
    said hold holds become became becomes show shows showed shown gets put keep kept gave
    bring brought pay paid sell sold buy bought build built spend spent send sent lend lent
    lose lost find found take took taken set cost costs hit cut let worth valued alone
    total expect expects expected estimate estimates estimated forecast forecasts plan plans
    planned want wants wanted need needs needed hope hopes hoped say think believe come comes
    came faster slower higher lower larger smaller bigger greater cheaper above below whole""".split()
)
# Words that join the parts of one label ("exports of crude oil to China").
LABEL_CONNECTORS = frozenset(
    """of between and to from for in on with without within across into under against toward
    towards beyond via through among around per""".split()
)
# Periods of time and rates per period ("a year", "annually", "today"): what a figure is
# counted over, never what it measures, so they end a label.
PERIOD_WORDS = frozenset(
    """year years month months week weeks day days quarter quarters decade decades annually
    year-on-year yearly monthly today yesterday""".split()
)
# Adjectives of names that the demonym pattern ("-ese", "-ian" ...) misses: capitalised
# anywhere, so a label that opens a sentence with one keeps its capital.
PROPER_ADJECTIVES = frozenset(
    "American German French Dutch Swiss Thai Greek Arab Soviet Western Eastern Mongolian".split()
)
# Month and weekday names: capitalised anywhere, like the adjectives above.
CALENDAR_NAMES = frozenset((*MONTH_NAMES, *WEEKDAYS))

# --- counted nouns ---------------------------------------------------------------------------------

# "the ten-member bloc", "a 300-strong delegation": a hyphenated count of what follows.
COUNTED_COMPOUNDS = frozenset("member nation country strong seat person".split())
# Number words that stand for a counted noun before these ("four more", "eight each").
COUNT_AFTER_WORDS = frozenset("more each apiece still".split())
# "eight have been commissioned", "four of its mines": a number word standing for a counted noun.
VERB_AFTER_COUNT = frozenset("have had were are will would could can remain of".split())

# --- units -----------------------------------------------------------------------------------------

# Stocks traded by the year, and the tails that make any of their forms a yearly rate.
YEARLY_UNITS = frozenset(("tons", "cubic meters", "cubic feet"))
YEARLY_TAILS = (" a year", " per year", " per annum", "/year", "/yr", " a yr")
# After-forms of a currency that are also English verbs: "2022 won plaudits".
VERB_CURRENCIES = frozenset(("won",))

"""Figures: quantities that carry data (money, percent, counts, quantities, durations, dates, ordinals).

:func:`find_figures` returns them with normalised value, unit, kind and label. One module per
job: :mod:`.words` (vocabulary that is grammar), :mod:`.grammar` (the compiled grammar, built
from ``data/units.yaml``), :mod:`.scan` (the anchor scan and :func:`find_figures`),
:mod:`.interpret` (one match to figure candidates), :mod:`.classify` (the kind of one
number), :mod:`.numbers`, :mod:`.currency`, :mod:`.labels` (what a figure measures: the noun
phrase after the number, or the subject before a verb such as "reached" or "grew by"; at most
five words, never beyond the sentence) and :mod:`.context` (the text around a figure).

Normalised values (the conventions the store, the search filters and the tests rely on):

- money: the amount in units of the currency, ``unit`` the ISO 4217 code
  (``$84.071 billion`` -> 84071000000 USD; ``Rs 500 crore`` -> 5e9 INR); for ``¥`` and forms
  several countries share, see :mod:`.currency`.
- percent: the value in percent (``20.8 percent`` -> 20.8 percent); ``percentage points`` and
  ``basis points`` keep their own unit; ``two thirds of`` -> 66.67 percent.
- count: a number of things (``eight hundred thousand`` tourists -> 800000 count) or of times
  (``five times`` -> 5 times).
- quantity: the value in the canonical unit of ``units.yaml`` (``4 million tons`` -> 4e6 tons,
  ``38 bcm`` -> 3.8e10 cubic meters, ``1.2 GW`` -> 1.2e9 W).
- duration: the value as written in a plural unit (``first 9 months`` -> 9 months).
- date: the year as a float (``2018 to 2022`` -> 2018, ``end_value`` 2022; ``the 1990s`` ->
  1990..1999); a full date keeps its ISO form in ``label`` (``June 7, 2018`` -> 2018,
  label ``2018-06-07``; ``March 2014`` -> label ``2014-03``).
- ordinal: the rank (``6th largest`` -> 6); word ordinals only when they rank something
  (``the second largest``), never ``for the first time``.

Ranges give one figure with ``end_value``, a change two (see :mod:`.interpret`). What is not
a figure is listed where it is decided: skip forms in :mod:`.grammar`, names, references,
page furniture and parties in :mod:`.classify`, footnote marks and serial numbers in
:mod:`.interpret`.
"""

from relexplorer.extract.figures.scan import find_figures

__all__ = ["find_figures"]

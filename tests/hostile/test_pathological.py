"""No input makes the extraction pipeline super-linear.

Each case builds an adversarial text of 0.2-1 million characters (repeated model names, number
runs, endless capitalised words, dotted abbreviations, tiny lines, hostile Markdown and HTML,
a megabyte of front matter, CJK, emoji) and runs the whole pipeline on it, ``read_text`` then
``extract``. It must give a result or a one-line :class:`ReadError`, keep every span exact,
and take less than ``MAX_SECONDS_PER_MILLION`` CPU seconds per million characters; a few of
the worst patterns are also run at twice the size and must take less than three times as long.

Times are CPU times of this process (``time.process_time``), so that other work on a loaded
machine counts as little as possible; where even that is slowed (two busy cores share their
caches), the bound grows with the time the bundled sample article takes per character at the
start of the module: the bound is ``MAX_SECONDS_PER_MILLION`` or ``PROSE_FACTOR`` times
realistic prose, whichever is larger, and a case over it is run once more before it fails.
``RELEXPLORER_PATHOLOGICAL_SCALE`` (default 1) scales every size, for a longer look on a quiet
machine.
"""

from __future__ import annotations

import os
import time
from importlib import resources

import pytest

from relexplorer.errors import ReadError
from relexplorer.extract import extract
from relexplorer.read import read_text

# Realistic prose runs at about 1-1.5 s per million characters here. The bound only has to
# catch super-linear patterns, which cost minutes per million; it leaves a wide margin so that
# a loaded CI machine does not fail a linear input (one-letter facts cost ~6.5x prose).
MAX_SECONDS_PER_MILLION = 15.0
PROSE_FACTOR = 20.0
SCALE = float(os.environ.get("RELEXPLORER_PATHOLOGICAL_SCALE", "1"))
K = 1000

_NAMES = "Xi Jinping Vladimir Putin Sergei Lavrov Wang Yi Dmitry Medvedev Li Keqiang Narendra Modi "
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
    "fifty hundred thousand million billion first second third "
)
_PROSE = (
    "China and Russia traded $84.071 billion in 2017, up 20.8 percent, and Rosneft agreed "
    "to supply 4 million tons of oil a year to CNPC from 2018 to 2022. "
)


def _fill(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def _nested_html(size: int) -> str:
    depth = size // 11
    return "<div>" * depth + "<p>Trade grew 5 percent.</p>" + "</div>" * depth


def _front_matter(size: int) -> str:
    line = "key: value 5 percent\n"
    return "---\n" + line * (size // len(line)) + "---\n\nTrade grew 5 percent in 2018.\n"


# name -> (builder of a text of about ``size`` characters, format, size in characters)
CASES: dict[str, tuple] = {
    # model names and references: digits glued to letters and hyphens
    "model 787-9-": (lambda n: _fill("787-9-", n), "txt", 300 * K),
    "model Su-35-": (lambda n: _fill("Su-35-", n), "txt", 300 * K),
    "model S-400": (lambda n: _fill("S-400 ", n), "txt", 300 * K),
    "year ranges 2018-2019-": (lambda n: _fill("2018-2019-", n), "txt", 200 * K),
    # numbers
    "one digit run": (lambda n: _fill("1234567890", n), "txt", 300 * K),
    "1, repeated": (lambda n: _fill("1,", n), "txt", 300 * K),
    "1, (spaced) repeated": (lambda n: _fill("1, ", n), "txt", 200 * K),
    "1 1 1": (lambda n: _fill("1 ", n), "txt", 200 * K),
    "$ only": (lambda n: "$" * n, "txt", 300 * K),
    "$1 repeated": (lambda n: _fill("$1 ", n), "txt", 200 * K),
    "(1 repeated": (lambda n: _fill("(1", n), "txt", 200 * K),
    "5 % repeated": (lambda n: _fill("5 % ", n), "txt", 200 * K),
    "number word chain": (lambda n: _fill(_NUMBER_WORDS, n), "txt", 200 * K),
    "the two repeated": (lambda n: _fill("the two ", n), "txt", 200 * K),
    # capitalised words without punctuation, dotted abbreviations, tiny sentences
    "endless names": (lambda n: _fill(_NAMES, n), "txt", 300 * K),
    "A B C D": (lambda n: _fill("A B C D E F G H I J K L M N O P Q R S T U V W X Y Z ", n), "txt", 200 * K),
    "U.S. glued": (lambda n: _fill("U.S.", n), "txt", 300 * K),
    "U.S. spaced": (lambda n: _fill("U.S. ", n), "txt", 200 * K),
    "No. repeated": (lambda n: _fill("No. ", n), "txt", 200 * K),
    "e.g. repeated": (lambda n: _fill("e.g. ", n), "txt", 200 * K),
    "1. sentences": (lambda n: _fill("1. ", n), "txt", 150 * K),
    # lines
    "lines I. A. 1.": (lambda n: _fill("I.\nA.\n1.\n", n), "txt", 200 * K),
    "100k two-character lines": (lambda n: _fill("ab\n", n), "txt", 300 * K),
    "one-word paragraphs": (lambda n: _fill("a\n\n", n), "txt", 150 * K),
    "one 1 MB line": (lambda n: _fill(_PROSE, n), "txt", 1000 * K),
    "only headings": (lambda n: _fill("## Heading about trade\n\n", n), "md", 300 * K),
    "only #": (lambda n: "#" * n, "md", 300 * K),
    "only # lines": (lambda n: _fill("#\n", n), "md", 300 * K),
    # brackets and quotes
    "deep brackets": (lambda n: "(" * (n // 2) + ")" * (n // 2), "txt", 300 * K),
    "mixed open brackets and quotes": (lambda n: _fill("([{\"'“‘«", n), "txt", 300 * K),
    # hostile markup
    "Markdown [ only": (lambda n: "[" * n, "md", 300 * K),
    "Markdown unclosed bold": (lambda n: _fill("**a ", n), "md", 300 * K),
    "Markdown unclosed comments": (lambda n: _fill("<!--", n), "md", 300 * K),
    "Markdown unclosed autolinks": (lambda n: _fill("<http:", n), "md", 300 * K),
    "HTML 100k nested tags": (_nested_html, "html", 1100 * K),
    "HTML unclosed tags": (lambda n: _fill("<a ", n), "html", 300 * K),
    "HTML unclosed comments": (lambda n: _fill("<!--a>", n), "html", 300 * K),
    "YAML front matter of 1 MB": (_front_matter, "md", 1000 * K),
    # other scripts
    "CJK with full-width digits": (lambda n: _fill("２０１８年贸易额增长了２０．８％，达到８４０亿美元。", n), "txt", 200 * K),
    "CJK without punctuation": (lambda n: _fill("２０１８年贸易额增长了", n), "txt", 200 * K),
    "emoji": (lambda n: _fill("🚀🇨🇳🇷🇺 5 percent 👍🏽 ", n), "txt", 200 * K),
}

# The patterns that were quadratic or the slowest per character: also checked at twice the size.
LINEAR_CASES = ["model 787-9-", "1 1 1", "HTML unclosed tags", "Markdown unclosed bold"]


@pytest.fixture(scope="module")
def limit() -> float:
    """Seconds allowed per million characters (see the module docstring)."""
    extract(read_text("Warm-up: trade grew 5 percent to $84 billion in 2017.\n", "txt"))
    sample = resources.files("relexplorer").joinpath(
        "data/sample/zhao-2018-china-russia-endogenous-dynamics.txt"
    ).read_text(encoding="utf-8")
    raw = "\n\n".join([sample] * 12)
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        extract(read_text(raw, "txt"))
        best = min(best, time.process_time() - start)
    prose = best / (len(raw) / 1e6)
    print(f"\nrealistic prose: {prose:.2f} s per million characters")
    return max(MAX_SECONDS_PER_MILLION, PROSE_FACTOR * prose)


def _run(name: str, scale: float = 1.0) -> tuple[float, int]:
    """CPU seconds for ``read_text`` + ``extract`` on case ``name``, and its size."""
    build, fmt, size = CASES[name]
    raw = build(max(1000, int(size * scale * SCALE)))
    start = time.process_time()
    try:
        doc = extract(read_text(raw, fmt))
    except ReadError as err:
        elapsed = time.process_time() - start
        assert "\n" not in str(err) and str(err)
        return elapsed, len(raw)
    elapsed = time.process_time() - start
    text = doc.text
    for fact in doc.facts:
        assert text[fact.start : fact.end] == fact.text
        for figure in fact.figures:
            assert text[figure.start : figure.end] == figure.text
        for mention in fact.mentions:
            assert text[mention.start : mention.end] == mention.text
    return elapsed, len(raw)


@pytest.mark.parametrize("name", list(CASES))
def test_time_per_million_characters_is_bounded(name, limit):
    elapsed, size = _run(name)
    if elapsed / (size / 1e6) >= limit:
        elapsed = min(elapsed, _run(name)[0])  # once more, in case a burst of load hit it
    per_million = elapsed / (size / 1e6)
    print(f"\n{name}: {size:,} chars in {elapsed:.2f} s = {per_million:.2f} s per million")
    assert per_million < limit, f"{name}: {per_million:.1f} s per million characters (limit {limit:.1f})"


@pytest.mark.parametrize("name", LINEAR_CASES)
def test_twice_the_input_takes_less_than_three_times_as_long(name, limit):
    small, _ = _run(name, 0.5)
    large, _ = _run(name, 1.0)
    if large >= 3 * small + 0.05:  # once more, in case a burst of load hit one of them
        small, large = max(small, _run(name, 0.5)[0]), min(large, _run(name, 1.0)[0])
    print(f"\n{name}: x {small:.2f} s, 2x {large:.2f} s")
    # 0.05 s absorbs the timer's granularity and a stray collection on tiny runs
    assert large < 3 * small + 0.05, f"{name}: {small:.2f} s -> {large:.2f} s at twice the size"

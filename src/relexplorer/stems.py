"""Words as search sees them: the tokens of a text, folded the way the full-text index folds them,
and their stems.

The rule of search (issue 14): a typed word finds a fact that has a word *starting with* what was
typed, or a word with the *same stem* as it (``trade`` finds "trading"), never a word that only
shares a shorter stem (``gas`` does not find "gain"). The index (FTS5 ``unicode61``, no stemmer)
answers the first half with its prefix queries; the ``words`` table (every word of the index with
its stem, written at ingest by :mod:`relexplorer.store.documents`) answers the second. Stems are
Snowball's English stemmer (Porter's revised algorithm), in its pure-Python form so that the stems
written at ingest and computed for a query never come from two different implementations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

# A token: letters and digits, with any combining accents inside it (as unicode61 keeps them).
TOKEN = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
_LATIN_END = 0x024F
_LATIN_EXTENDED = range(0x1E00, 0x1F00)


def fold(token: str) -> str:
    """``token`` in lower case with the accents of Latin letters removed, as the index folds it."""
    token = token.lower()
    if token.isascii():
        return token
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", token):
        if unicodedata.combining(ch) and out and (ord(out[-1]) <= _LATIN_END or ord(out[-1]) in _LATIN_EXTENDED):
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, folded token)`` for every token of ``text``."""
    for m in TOKEN.finditer(text):
        yield m.start(), m.end(), fold(m.group())


def words(text: str) -> set[str]:
    """The distinct folded tokens of ``text``."""
    return {fold(t) for t in TOKEN.findall(text)}


def word_stems(texts: Iterable[str]) -> dict[str, str]:
    """Every distinct folded word of ``texts`` with its stem: what the ``words`` table gets.

    Stemming is most of the cost of storing a document, so an ingest worker computes this while
    the writer stores another document.
    """
    return {word: stem(word) for word in set().union(*(words(t) for t in texts))}


@cache
def _stemmer():
    # The module itself, not ``snowballstemmer.stemmer()``, which prefers PyStemmer when it is
    # installed: a C build of another Snowball release could stem a few words differently from
    # the stems already stored.
    return _english_module().EnglishStemmer()


def _english_module():
    """``snowballstemmer.english_stemmer`` without the package's ``__init__``, which imports the
    stemmers of all 30 languages (40-80 ms of every start-up)."""
    import importlib
    import importlib.util
    import sys
    import types

    if "snowballstemmer" in sys.modules:
        return importlib.import_module("snowballstemmer.english_stemmer")
    spec = importlib.util.find_spec("snowballstemmer")
    if spec is None or not spec.submodule_search_locations:
        return importlib.import_module("snowballstemmer.english_stemmer")  # fails as plainly
    package = types.ModuleType("snowballstemmer")
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules["snowballstemmer"] = package
    try:
        return importlib.import_module("snowballstemmer.english_stemmer")
    finally:
        # The real package is imported whole by whoever asks for it later; the English
        # stemmer's modules stay loaded and are reused.
        if sys.modules.get("snowballstemmer") is package:
            del sys.modules["snowballstemmer"]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of a folded word (``trading`` -> ``trade``, ``gases`` -> ``gase``)."""
    if not word.isascii() or not word.isalpha():
        return word  # numbers, CJK and other scripts are matched as written
    return _stemmer().stemWord(word)


def matches(typed: str, typed_stem: str, word: str) -> bool:
    """True when the folded ``word`` of a text matches the folded ``typed`` word of a query."""
    return word.startswith(typed) or stem(word) == typed_stem

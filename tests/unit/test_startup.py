"""Start-up savings keep behaviour: cached regular expressions equal fresh ones, and the English
stemmer loads without the other 29 languages."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from relexplorer import regex_cache

PATTERNS = {"money": r"(?P<cur>\$|US\$)\s?(?P<n>\d+(?:\.\d+)?)\s*(?:billion|million)?", "word": r"\b[A-Z]\w+"}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RELEXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RELEXPLORER_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_cached_patterns_equal_fresh_ones_and_are_read_back(cache, monkeypatch):
    first = regex_cache.compile_many("t", PATTERNS, re.IGNORECASE)
    assert list(cache.glob("regex-t-*.marshal"))

    def no_compiling(*args):
        raise AssertionError("compiled again although cached")

    monkeypatch.setattr(regex_cache, "_parts", no_compiling)
    second = regex_cache.compile_many("t", PATTERNS, re.IGNORECASE)
    for key, pattern in PATTERNS.items():
        fresh = re.compile(pattern, re.IGNORECASE)
        assert first[key] == second[key] == fresh  # equal patterns have equal compiled code
        assert second[key].groupindex == fresh.groupindex
        assert second[key].search("paid US$ 4.5 billion").groupdict() == fresh.search("paid US$ 4.5 billion").groupdict()


def test_an_edited_pattern_is_compiled_afresh_and_replaces_the_old_file(cache):
    regex_cache.compile_many("t", PATTERNS)
    edited = {**PATTERNS, "word": r"[a-z]+"}
    assert regex_cache.compile_many("t", edited)["word"].findall("Ab cd") == ["b", "cd"]
    assert len(list(cache.glob("regex-t-*.marshal"))) == 1


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\x00" * 40])
def test_a_damaged_cache_file_is_compiled_over(cache, damage):
    regex_cache.compile_many("t", PATTERNS)
    (path,) = cache.glob("regex-t-*.marshal")
    path.write_bytes(damage)
    assert regex_cache.compile_many("t", PATTERNS)["word"] == re.compile(PATTERNS["word"])


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("RELEXPLORER_CACHE_DIR", str(blocker / "cache"))  # a file stands in the way
    assert regex_cache.compile_many("t", PATTERNS)["word"] == re.compile(PATTERNS["word"])


def test_the_figure_grammar_is_the_same_from_the_cache(cache):
    from relexplorer.extract.figures import grammar

    grammar.grammar.cache_clear()
    try:
        grammar.grammar()
        grammar.grammar.cache_clear()
        cached = grammar.grammar()
        for name in ("pattern", "pattern_digit", "pattern_word", "pattern_plain", "pattern_ordinal", "anchors"):
            compiled = getattr(cached, name)
            assert compiled == re.compile(compiled.pattern)
    finally:
        grammar.grammar.cache_clear()


def test_the_stemmer_loads_without_the_other_languages():
    code = (
        "import sys\n"
        "from relexplorer.stems import _stemmer\n"
        "assert _stemmer().stemWord('relations') == 'relat'\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('snowballstemmer'))\n"
        "assert 'snowballstemmer.french_stemmer' not in loaded, loaded\n"
        "import snowballstemmer\n"  # the whole package still imports for whoever wants it
        "assert snowballstemmer.stemmer('english').stemWord('relations') == 'relat'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

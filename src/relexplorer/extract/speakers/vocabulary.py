"""The attribution vocabulary (``data/speakers.yaml``), loaded once as sets for look-ups.

Speech verbs and the words that must follow some of them, the phrases of "according to", the
negators, the words that may stand between a subject and its verb, the adverbs of unnamed
claims, the role nouns, the heads of unnamed sources and of bodies, and the government a
country or capital stands for when it speaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from relexplorer.lexicon import load_data

# Nominative pronouns a cue may have as its subject, with what they may refer to.
PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "body"}
# Words that open a noun phrase; stripped from a speaker's name.
DETERMINERS = frozenset(
    "the a an another other some many several multiple two three four most both its his her "
    "their our one this that these those".split()
)
# Prepositions and conjunctions that may sit inside a subject: "the head of the committee",
# "Kosachev and other senior officials", "a spokeswoman for the ministry".
NP_LINKS = frozenset({"of", "for", "and", "at", "from", "in", "on"})
# Links inside a subject: its head is the word before the first ("officials in Washington",
# "the head of the committee", "executives across the world").
HEAD_LINKS = frozenset({"of", "for", "at", "in", "from", "across", "around", "inside", "outside", "within"})
# Lower-case words that end a subject when scanning left from a verb: a clause starts there.
CLAUSE_WORDS = frozenset(
    "that which who whom whose what when where while whether if as because since although "
    "though but or nor so than then to by with without into about against after before during "
    "under over between is are was were be been being has have had will would can could should "
    "may might must do does did not also he she they it we i you him them us me there here "
    "just even only yet however thus hence".split()
)


# Punctuation a word may carry when a sentence is split at spaces: '"Said', 'said,', '(according'.
TOKEN_PUNCTUATION = ",.;:!?()[]\"“”‘’«»—–…"
_BEFORE_WORD = ("", "(", "“", "\"", "‘", "—")
_AFTER_WORD = ("", ",", ".", ":", ";", "”", "’", ")", "?", "!", ",”", ".”", ",\"", ".\"", "—")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Word sets of attribution, all lower case."""

    verbs: frozenset[str]
    particles: dict[str, frozenset[str]]
    according: tuple[tuple[str, ...], ...]
    according_words: frozenset[str]  # the longest word of each, which a quick look finds
    negators: frozenset[str]
    between: frozenset[str]
    after_verb: frozenset[str]
    evidential: frozenset[str]
    passive_by: frozenset[str]
    needs_content: frozenset[str]
    passive_unnamed: frozenset[str]
    subordinators: frozenset[str]
    roles: frozenset[str]
    unnamed_heads: frozenset[str]
    org_heads: frozenset[str]
    governments: dict[str, str]
    body_names: dict[str, str]  # a body's name in the news -> its own name (lower-case keys)
    honorifics: frozenset[str]  # titles that open a person's name: "Mr", "Sir", "Datuk"
    trigger_words: frozenset[str]  # words that may start a cue: a sentence without one has none
    # The same as a sentence split at spaces writes them, punctuation attached ("said,"), so that
    # a sentence without one is told at the speed of ``str.split``.
    trigger_tokens: frozenset[str]


def _words(data: dict, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key) or [])


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary, loaded once per process."""
    data = load_data("speakers.yaml")
    verbs = _words(data, "speech_verbs")
    according = tuple(tuple(str(p).lower().split()) for p in data.get("according") or [])
    evidential = _words(data, "evidential_adverbs")
    passive = _words(data, "passive_by") | _words(data, "passive_unnamed")
    # A phrase triggers by its longest word: "according" (to), "words" (in the words of).
    longest = {max(p, key=len) for p in according}
    triggers = frozenset(w for word in verbs | evidential | passive | longest
                         for w in (word, word[:1].upper() + word[1:]))  # "According to"
    return Vocabulary(
        verbs=verbs,
        particles={str(k).lower(): frozenset(str(w).lower() for w in v)
                   for k, v in (data.get("needs_particle") or {}).items()},
        according=according,
        according_words=frozenset(longest),
        negators=_words(data, "negators"),
        between=_words(data, "between_subject_and_verb"),
        after_verb=_words(data, "after_verb"),
        evidential=evidential,
        passive_by=_words(data, "passive_by"),
        needs_content=_words(data, "needs_content"),
        passive_unnamed=_words(data, "passive_unnamed"),
        subordinators=_words(data, "subordinators"),
        roles=_words(data, "roles"),
        unnamed_heads=_words(data, "unnamed_heads"),
        org_heads=_words(data, "org_heads"),
        governments={str(k): str(v) for k, v in (data.get("governments") or {}).items()},
        honorifics=_words(data, "honorifics"),
        body_names={str(k).lower(): str(v) for k, v in (data.get("body_names") or {}).items()},
        trigger_words=triggers,
        trigger_tokens=frozenset(
            before + word + after for word in triggers for before in _BEFORE_WORD for after in _AFTER_WORD
        ),
    )

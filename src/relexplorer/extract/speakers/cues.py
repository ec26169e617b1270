"""Attribution cues of one sentence: the words that say someone said something, and where
the one who said it stands.

Only words outside quotations count (what a quoted speaker says that others said stays theirs).
The forms found, each a :class:`Cue` with the word range of its subject:

- ``subject``: a noun phrase before a speech verb ("Kosachev wrote", "Chinese foreign ministry
  spokeswoman Hua Chunying said", "U.N. experts have said", "Dmitri Trenin, the director of
  ..., said"), or the agent of a passive ("was ruled illegal by the court");
- ``inverted``: the subject after the verb, right after a quotation (",” said Dmitry Peskov");
- ``pronoun``: "he said", "she told reporters";
- ``according``: "according to Reuters";
- ``clause``: a participle or a verb with its subject left out ("..., saying", "but said"): the
  speaker is the subject of the sentence's main clause, found by the resolver;
- ``unnamed``: a claim with no one to make it ("allegedly", "has been accused of").

A verb is no cue when negated ("declined to comment", "said nothing"), in an infinitive, or in a
subordinate clause ("in what he called", "which he said").
"""

from __future__ import annotations

from dataclasses import dataclass

from relexplorer.extract.speakers.quotes import Word
from relexplorer.lexicon import MONTH_NAMES, WEEKDAYS
from relexplorer.extract.speakers.vocabulary import (
    CLAUSE_WORDS,
    DETERMINERS,
    PRONOUNS,
    Vocabulary,
)

BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Words before a subject that make it an object or a subordinate clause's subject.
_NOT_BEFORE_SUBJECT = frozenset(
    "who whom which that what to by with from for of in on at about against into than".split()
)
# "As he said" is an attribution; "as he demanded ..., let him" is not: only these verbs.
_AS_VERBS = frozenset(
    "said says say told tells wrote writes noted notes put indicated stated explained pointed "
    "stressed argued argues observed remarked".split()
)
_RIGHT_LINKS = frozenset({"of", "for", "from"})
# Present-tense speech verbs that are no plural nouns.
_VERBS_NOT_NOUNS = frozenset(
    "says adds tells insists argues warns stresses writes explains denies contends maintains "
    "admits acknowledges suggests".split()
)
# Links inside a subject found before its verb: "the head of the committee", "Kosachev and other
# senior officials", "officials in Washington", "a professor at Peking University".
_LEFT_LINKS = frozenset({"and", "of", "for", "at", "in", "from"})
_CALENDAR = frozenset(w.lower() for w in (*WEEKDAYS, *MONTH_NAMES))
# The most words of a subject.
_MAX_SUBJECT_WORDS = 12
# How many words after a passive participle its "by" may come: "was ruled illegal by".
_BY_REACH = 3


@dataclass(slots=True)
class Cue:
    """An attribution cue: its form, its subject's word range and the cue's character span."""

    form: str
    subject: tuple[int, int] | None  # words[a:b]; None for "clause" and "unnamed"
    start: int
    end: int
    verb: int  # the index of the cue's verb (or first word) in the sentence's words


def find_cues(words: list[Word], vocab: Vocabulary) -> list[Cue]:
    """The attribution cues of a sentence, in order of position."""
    cues: list[Cue] = []
    for i, w in enumerate(words):
        if w.kind != "w" or w.quoted:
            continue
        low = w.low
        cue = None
        if low in ("according", "in") and _according(words, i, vocab) is not None:
            cue = _according(words, i, vocab)
        elif low in vocab.evidential:
            if _main_clause(words, i, vocab):
                cue = Cue("unnamed", None, w.start, w.end, i)
        elif (low in vocab.verbs or low in vocab.passive_by or low in vocab.passive_unnamed) and w.text.islower():
            cue = _speech(words, i, vocab)
        if cue is not None:
            cues.append(cue)
    return cues


def _next_word(words: list[Word], i: int) -> Word | None:
    return words[i + 1] if i + 1 < len(words) else None


def _according(words: list[Word], i: int, vocab: Vocabulary) -> Cue | None:
    for phrase in vocab.according:
        k = i + len(phrase)
        if k <= len(words) and all(words[i + n].low == p for n, p in enumerate(phrase)):
            subject = np_right(words, k, vocab)
            if subject is not None:
                return Cue("according", subject, words[i].start, words[subject[1] - 1].end, i)
    return None


def _main_clause(words: list[Word], i: int, vocab: Vocabulary) -> bool:
    """No subordinating word between the start of ``words[i]``'s clause and it."""
    k = i - 1
    while k >= 0 and words[k].text not in (",", ";", ":", "—", "--", "("):
        if words[k].low in vocab.subordinators or words[k].low == "that":
            return False
        k -= 1
    return True


def _negated(words: list[Word], i: int, vocab: Vocabulary) -> bool:
    nxt = _next_word(words, i)
    if nxt is not None and nxt.low in ("nothing", "little"):
        return True
    for k in range(max(0, i - 3), i):
        low = words[k].low
        if low in vocab.negators or low.endswith("n't"):
            return True
    return False


def _skip_between(words: list[Word], i: int, vocab: Vocabulary) -> tuple[int, bool]:
    """The index of the word before the verb ``i`` once adverbs and auxiliaries are skipped,
    and whether a form of "be" was among them (a passive)."""
    k = i - 1
    passive = False
    while k >= 0 and words[k].kind == "w" and not words[k].quoted:
        if words[k].low in vocab.between:
            passive = passive or words[k].low in BE_FORMS
            k -= 1
        elif words[k].low in _CALENDAR and k > 0 and words[k - 1].low == "on":
            k -= 2  # "Hua on Monday said"
        else:
            break
    return k, passive


def _speech(words: list[Word], i: int, vocab: Vocabulary) -> Cue | None:  # noqa: C901 - one form after the other
    w = words[i]
    low = w.low
    if _negated(words, i, vocab):
        return None
    k, passive = _skip_between(words, i, vocab)
    if passive:
        return _passive(words, i, k, vocab)
    if low not in vocab.verbs:
        return None
    needs = vocab.particles.get(low)
    nxt = _next_word(words, i)
    if needs is not None and (nxt is None or nxt.low not in needs):
        return None
    if k >= 0 and words[k].low == "to":
        return None  # an infinitive: "expected officials to argue"
    end = _cue_end(words, i, vocab)
    if k < 0:
        return None
    before = words[k]
    after_quote = before.kind == "q" or (before.text == "," and k > 0 and words[k - 1].kind == "q")
    if (after_quote or before.text == ",") and not low.endswith("ing"):
        subject = np_right(words, i + 1, vocab)
        if subject is not None and (after_quote or _ends_clause(words, subject[1])):
            return Cue("inverted", subject, w.start, words[subject[1] - 1].end, i)
    if before.kind == "w" and before.low in PRONOUNS and not before.quoted:
        if not _subject_allowed(words, k, i, vocab):
            return None
        return Cue("pronoun", (k, k + 1), before.start, end, i)
    if low == "saying" and before.low == "as":
        return _quoted_as_saying(words, i, k, vocab)
    if low.endswith("ing") and (before.kind != "w" or before.low in ("and", "while", "before", "after")):
        return Cue("clause", None, w.start, end, i)
    if before.kind == "w" and before.low in ("and", "but") and k + 1 == i:
        if low.endswith("s") and low not in _VERBS_NOT_NOUNS:
            return None  # "slogans and promises": a plural noun, not a verb with its subject left out
        return Cue("clause", None, w.start, end, i)
    if before.text == ",":
        k = _skip_appositive(words, k, vocab)
        if k < 0:
            return None
    subject = np_left(words, k, vocab)
    if subject is None or not _subject_allowed(words, subject[0], i, vocab):
        return None
    return Cue("subject", subject, words[subject[0]].start, end, i)


def _quoted_as_saying(words: list[Word], i: int, k: int, vocab: Vocabulary) -> Cue | None:
    """"X was quoted as saying" (X speaks), "the paper quoted officials as saying" (officials)."""
    m = k - 1
    while m >= 0 and k - m <= _MAX_SUBJECT_WORDS and words[m].low not in ("quoted", "cited"):
        m -= 1
    if m < 0 or words[m].low not in ("quoted", "cited"):
        return None
    if m + 1 < k:  # the active voice: the words between "quoted" and "as" are the speaker
        subject = np_right(words, m + 1, vocab)
        if subject is not None:
            return Cue("subject", subject, words[m].start, words[i].end, i)
        return None
    b, _ = _skip_between(words, m, vocab)
    subject = np_left(words, b, vocab) if b >= 0 else None
    if subject is None:
        return None
    return Cue("subject", subject, words[subject[0]].start, words[i].end, i)


def _passive(words: list[Word], i: int, k: int, vocab: Vocabulary) -> Cue | None:
    """"was ruled illegal by the court" (the agent speaks); "has been accused of" (unnamed)."""
    low = words[i].low
    if low in vocab.passive_by:
        for m in range(i + 1, min(len(words), i + 1 + _BY_REACH)):
            if words[m].low == "by":
                subject = np_right(words, m + 1, vocab)
                if subject is not None:
                    return Cue("subject", subject, words[i].start, words[subject[1] - 1].end, i)
                break
            if words[m].kind != "w":
                break
    if low in vocab.passive_unnamed and _main_clause(words, i, vocab):
        start = words[k + 1].start if k + 1 < i else words[i].start
        return Cue("unnamed", None, start, words[i].end, i)
    return None


def _cue_end(words: list[Word], i: int, vocab: Vocabulary) -> int:
    """The end of a cue whose verb is ``words[i]``: with its particle and adverb ("pointed
    out", "said casuistically", "told reporters")."""
    end = words[i].end
    nxt = _next_word(words, i)
    if nxt is None or nxt.kind != "w" or nxt.quoted:
        return end
    if nxt.low in vocab.after_verb or nxt.low in ("out", "reporters", "journalists"):
        return nxt.end
    return end


def _ends_clause(words: list[Word], j: int) -> bool:
    """Does a subject after its verb end where ``words[j]`` starts ("..., said the ministry.")?"""
    if j >= len(words):
        return True
    w = words[j]
    return w.kind != "w" or w.low in ("in", "at", "on", "during", "after", "when", "while", "according")


def _subject_allowed(words: list[Word], a: int, verb: int, vocab: Vocabulary) -> bool:
    """A subject starting at ``words[a]`` is a main clause's, or "as X said"."""
    if a == 0:
        return True
    before = words[a - 1]
    if before.kind != "w":
        return True
    if before.low == "as":
        return words[verb].low in _AS_VERBS
    return before.low not in _NOT_BEFORE_SUBJECT and before.low not in vocab.subordinators


def _skip_appositive(words: list[Word], k: int, vocab: Vocabulary) -> int:
    """Before ``, the Kremlin spokesman,`` or ``, which denied it,`` (``words[k]`` is its
    closing comma): the index of the word before the opening comma, or -1 when there is none."""
    m = k - 1
    while m >= 0 and k - m <= _MAX_SUBJECT_WORDS and words[m].text != ",":
        if words[m].quoted or words[m].kind == "q":
            return -1
        m -= 1
    if m <= 0 or words[m].text != "," or words[m - 1].kind != "w":
        return -1
    inner = words[m + 1 : k]
    if not inner or inner[0].kind != "w":
        return -1
    if inner[0].low in ("who", "which"):
        return m - 1
    if any(t.kind == "w" and t.low in vocab.verbs and t.text.islower() for t in inner):
        return -1
    return m - 1 if _appositive(inner, vocab) else -1


def _appositive(inner: list[Word], vocab: Vocabulary) -> bool:
    first = inner[0]
    if first.kind != "w":
        return False
    if first.low in ("who", "which") or first.low in DETERMINERS or first.low.endswith("ing"):
        return True  # ", the Kremlin spokesman,"  ", who ...,"  ", speaking at a news conference,"
    return first.cap or first.low in vocab.roles or first.text.isdigit()  # ", 45,"


def np_left(words: list[Word], k: int, vocab: Vocabulary) -> tuple[int, int] | None:
    """The noun phrase ending at ``words[k]``, as a word range, when it can be a subject."""
    head = words[k]
    if head.kind != "w" or head.quoted or not _head_like(head, vocab) or head.low.endswith("'s"):
        return None  # "Beijing's alleged treatment": a possessive owns a noun, it says nothing
    a = k
    m = k - 1
    while m >= 0 and k - m < _MAX_SUBJECT_WORDS:
        t = words[m]
        if t.kind != "w" or t.quoted or t.text.endswith("."):
            break  # "... into the U.S. Pompeo said": an abbreviation may end the sentence before
        low = t.low
        if low in _LEFT_LINKS or (low == "to" and m > 0 and words[m - 1].cap):
            # "the Russian Ambassador to China Denisov"
            if m == 0 or words[m - 1].kind != "w":
                break
            if low == "and" and not (words[m - 1].cap or words[m - 1].low.endswith("'s")):
                break
        elif not t.cap and (
            low in CLAUSE_WORDS or low in vocab.subordinators or low in vocab.verbs or low.endswith("ly")
        ):
            break
        elif t.cap and low in CLAUSE_WORDS and low not in DETERMINERS:
            break  # a sentence opener: "But", "Also", "It"
        a = m
        m -= 1
    while a < k and words[a].low in _LEFT_LINKS:
        a += 1
    return a, k + 1


def np_right(words: list[Word], k: int, vocab: Vocabulary) -> tuple[int, int] | None:
    """The noun phrase starting at ``words[k]`` ("the Kremlin spokesman", "Dmitry Peskov")."""
    n = len(words)
    j = k
    last_head = -1
    while j < n and j - k < _MAX_SUBJECT_WORDS:
        t = words[j]
        if t.kind != "w" or t.quoted:
            break
        low = t.low
        if low in _RIGHT_LINKS:
            if last_head < 0:
                break
        elif low in DETERMINERS:
            if j > k and words[j - 1].low not in _RIGHT_LINKS:
                break
        elif not t.cap and (low in CLAUSE_WORDS or low in vocab.verbs or low.endswith("ly")
                            or low in ("in", "at", "on", "during", "after", "according")):
            break
        if _head_like(t, vocab) or (last_head == j - 1 and low not in DETERMINERS and low not in _RIGHT_LINKS):
            last_head = j  # "the Hong Kong court system": a noun after the head is the head
        j += 1
    if last_head < 0:
        return None
    return k, last_head + 1


def _head_like(w: Word, vocab: Vocabulary) -> bool:
    """Can the word end a subject: a capitalised word, a role, a body or a source."""
    if w.kind != "w":
        return False
    low = w.low[:-2] if w.low.endswith("'s") else w.low
    if w.cap:
        return low not in CLAUSE_WORDS or low in PRONOUNS
    return low in vocab.roles or low in vocab.unnamed_heads or low in vocab.org_heads

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
from relexplorer.extract.speakers.vocabulary import (
    CLAUSE_WORDS,
    DETERMINERS,
    HEAD_LINKS,
    PRONOUNS,
    Vocabulary,
)
from relexplorer.lexicon import MONTH_NAMES, WEEKDAYS

BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Words before a subject that make it an object or a subordinate clause's subject.
_NOT_BEFORE_SUBJECT = frozenset(
    "who whom which that what to by with from for of in on at about against into than".split()
)
# "As he said" is an attribution; "as he demanded ..., let him" is not: only these verbs.
# Verbs that make their object the subject of the infinitive after it: "led Christie to suggest".
_CAUSATIVES = frozenset("led prompted inspired pushed forced moved spurred caused".split())
_AUXILIARIES = frozenset("has have had is was were will would can could should may might must also".split())
# Quantifiers before a plural noun that make it a group of sources: "some advertisers".
_GROUP_WORDS = frozenset("some many other several most few numerous various".split())
_AS_VERBS = frozenset(
    "said says say told tells wrote writes noted notes put indicated stated explained pointed "
    "stressed argued argues observed remarked confirmed declared acknowledged reported announced "
    "warned".split()
)
_RIGHT_LINKS = frozenset({"of", "for", "from"})
# Verbs whose subject may follow them ('," said Peskov'); "told", "urged" take an object there.
_INVERTIBLE = frozenset(
    "said says added adds wrote writes noted explained continued argued insisted stressed "
    "recalled warned asked replied recounted tweeted declared concluded observed remarked "
    "countered cautioned".split()
)
_IRREGULAR_PAST = frozenset("said told wrote".split())
# Parentheticals between a subject and its verb: "Netanyahu, however, said".
_ASIDES = frozenset("however though meanwhile also too instead moreover nonetheless".split())
# "last week", "this month": time between a subject and its verb.
_TIME_NOUNS = frozenset("week month year weekend night morning evening time".split())
# Present-tense speech verbs that are no plural nouns.
_VERBS_NOT_NOUNS = frozenset(
    "says adds tells insists argues warns stresses writes explains denies contends maintains "
    "admits acknowledges suggests".split()
)
# Links inside a subject found before its verb: "the head of the committee", "Kosachev and other
# senior officials", "officials in Washington", "a professor at Peking University".
_LEFT_LINKS = HEAD_LINKS | {"and"}
_CALENDAR = frozenset(w.lower() for w in (*WEEKDAYS, *MONTH_NAMES))
# The most words of a subject.
_MAX_SUBJECT_WORDS = 12
# The most words of an appositive: "program administrator for the Refugees in Towns Project at
# Tufts University's Feinstein International Center".
_APPOSITIVE_WORDS = 25
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
    names: list[tuple[int, int]] | None = None  # appositives beside the subject that may name it
    outer: bool = False  # a closing ", X said.": the speaker of the whole sentence


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
        after = _next_word(words, i + 1)
        return after is None or after.low not in _AUXILIARIES  # not "say nothing has been done"
    for k in range(i - 1, max(-1, i - 4), -1):
        low = words[k].low
        if words[k].kind != "w":
            break  # "the system had failed, he said": the negation is another clause's
        if low in vocab.negators or low.endswith("n't"):
            return True
    return False


def _skip_between(words: list[Word], i: int, vocab: Vocabulary) -> tuple[int, bool]:
    """The index of the word before the verb ``i`` once adverbs and auxiliaries are skipped,
    and whether a form of "be" was among them (a passive)."""
    k = i - 1
    passive = False
    while k >= 0 and words[k].kind == "w" and not words[k].quoted:
        if words[k].low in vocab.between or (words[k].low.endswith("ly") and words[k].text.islower()):
            passive = passive or words[k].low in BE_FORMS
            k -= 1  # "has consistently denounced"
        elif words[k].low in _CALENDAR and k > 0 and words[k - 1].low == "on":
            k -= 2  # "Hua on Monday said"
        elif words[k].low in _TIME_NOUNS and k > 0 and words[k - 1].low in ("last", "this", "next"):
            k -= 2  # "the court last week ruled"
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
    if low in ("reported", "reporting", "writing") and nxt is not None and nxt.low == "from":
        return None  # "Anna reported from Johannesburg": a correspondent's credit line
    if low in vocab.needs_content and not any(
        x.low in ("as", "that") or x.kind == "q" for x in words[i + 1 :]
    ):
        return None
    if k >= 0 and words[k].low == "to":
        # an infinitive: "expected officials to argue", but "led Christie to suggest" is Christie's
        a = k
        while a > 1 and k - a < 3 and words[a - 1].kind == "w" and words[a - 1].cap:
            a -= 1  # the capitalised name before "to"
        if a < k and words[a - 1].low in _CAUSATIVES:
            return Cue("subject", (a, k), words[a].start, _cue_end(words, i, vocab), i)
        return None
    if k < 0:
        return None
    end = _cue_end(words, i, vocab)
    before = words[k]
    invertible = low in _INVERTIBLE
    after_quote = before.kind == "q" or (before.text == "," and k > 0 and words[k - 1].kind == "q")
    if after_quote and invertible:
        cue = _inverted(words, i, vocab, after_quote=True)
        if cue is not None:
            return cue
    if before.kind == "w" and before.low in PRONOUNS and not before.quoted:
        if not _subject_allowed(words, k, i, vocab):
            return None
        return Cue("pronoun", (k, k + 1), before.start, end, i, outer=_closing(words, k, i))
    if low == "saying" and before.low == "as":
        return _quoted_as_saying(words, i, k, vocab)
    by = before.low == "by" and not any(x.low in vocab.subordinators for x in words[:k])  # not "which tried ... by saying"
    if low.endswith("ing") and (before.kind != "w" or before.low in ("and", "while", "before", "after") or by):
        return Cue("clause", None, w.start, end, i)
    auxiliary = all(words[j].low in _AUXILIARIES for j in range(k + 1, i))  # "and has vowed"
    if before.kind == "w" and before.low in ("and", "but") and (k + 1 == i or (auxiliary and low.endswith("ed"))):
        if low.endswith("s") and low not in _VERBS_NOT_NOUNS:
            return None  # "slogans and promises": a plural noun, not a verb with its subject left out
        if not low.endswith(("ed", "s")) and low not in _IRREGULAR_PAST:
            return None  # "to clarify ... and underscore": an infinitive, not a finite verb
        return Cue("clause", None, w.start, end, i)
    names: list[tuple[int, int]] = []
    if before.text == ",":
        k = _skip_asides(words, k)
        if words[k].text == ",":
            k = _skip_appositives(words, k, vocab, names)
            if k >= 2 and words[k].text.isdigit() and words[k - 1].text == ",":
                k -= 2  # "Yevhen Zosin, 74, a Kyiv resident who ..., said": the age before it
        if k < 0 or words[k].text == ",":
            return _inverted(words, i, vocab) if invertible else None
    subject = np_left(words, k, vocab)
    allowed = subject is not None and (
        _subject_allowed(words, subject[0], i, vocab)
        or (low.endswith("ing") and words[subject[0] - 1].low == "with")  # "with Safadi warning"
    )
    if not allowed:
        return _inverted(words, i, vocab) if invertible and before.text == "," else None
    names += _names_before(words, subject[0], vocab)
    return Cue("subject", subject, words[subject[0]].start, end, i, names or None,
               outer=_closing(words, subject[0], i))


def _inverted(words: list[Word], i: int, vocab: Vocabulary, after_quote: bool = False) -> Cue | None:
    """'," said Dmitry Peskov, the Kremlin spokesman.' and '..., said a ministry spokesman.'"""
    subject = np_right(words, i + 1, vocab)
    if subject is None or not (after_quote or _ends_clause(words, subject[1])):
        return None
    names = _names_after(words, subject[1], vocab)
    return Cue("inverted", subject, words[i].start, words[subject[1] - 1].end, i, names or None,
               outer=not after_quote)


def _closing(words: list[Word], a: int, verb: int) -> bool:
    """Is the cue ``words[a..verb]`` a closing ", X said." after the sentence's content?"""
    if a == 0 or words[a - 1].text != ",":
        return False
    rest = [w for w in words[verb + 1 :] if w.kind == "w"]
    return len(rest) <= 4 and not any(w.low == "that" for w in rest)


def _skip_asides(words: list[Word], k: int) -> int:
    """Before ", however," (``words[k]`` its closing comma): the index of the word before."""
    if k >= 3 and words[k - 1].low in _ASIDES and words[k - 2].text == ",":
        return k - 3
    return k


def _skip_appositives(words: list[Word], k: int, vocab: Vocabulary, names: list[tuple[int, int]]) -> int:
    """Skip the appositive before a verb (``words[k]`` its closing comma); its word range goes
    to ``names`` (a second one is found as the subject's own appositive, by the caller)."""
    m = _skip_appositive(words, k, vocab)
    if m >= 0:
        names.append((m + 2, k))
    return m


def _names_before(words: list[Word], a: int, vocab: Vocabulary) -> list[tuple[int, int]]:
    """"Omar Lamrani, [a senior analyst at Stratfor]": the name before an appositive subject."""
    if a < 2 or words[a - 1].text != ",":
        return []
    span = np_left(words, a - 2, vocab)
    return [span] if span is not None else []


def _names_after(words: list[Word], j: int, vocab: Vocabulary) -> list[tuple[int, int]]:
    """'said one resident of the capital, Abebe Arega.': the name after an inverted subject
    (up to the next comma)."""
    while j < len(words) and j < len(words) and words[j].kind == "w" and not words[j].quoted:
        j += 1
    if j + 1 >= len(words) or words[j].text != ",":
        return []
    span = np_right(words, j + 1, vocab)
    return [span] if span is not None else []


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
    while m >= 0 and k - m <= _APPOSITIVE_WORDS and words[m].text != ",":
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
    return m - 1 if _appositive(inner, vocab) or words[m - 1].cap else -1


def _appositive(inner: list[Word], vocab: Vocabulary) -> bool:
    first = inner[0]
    if first.kind != "w":
        return False
    if first.low in ("who", "which") or first.low in DETERMINERS or first.low.endswith("ing"):
        return True  # ", the Kremlin spokesman,"  ", who ...,"  ", speaking at a news conference,"
    return first.cap or first.low in vocab.roles or first.text.isdigit()  # ", 45,"


def np_left(words: list[Word], k: int, vocab: Vocabulary) -> tuple[int, int] | None:
    """The noun phrase ending at ``words[k]``, as a word range, when it can be a subject.

    Its head is its last word or the word before its first link ("officials in Washington",
    "executives across the world").
    """
    head = words[k]
    if head.kind != "w" or head.quoted or head.low.endswith("'s"):
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
    if _head_like(head, vocab):
        return a, k + 1
    if a < k and words[k - 1].low in _GROUP_WORDS and head.low.endswith("s") and not head.low.endswith("ss"):
        return a, k + 1  # "Other environmentalists say", "Some advertisers claim"
    link = next((j for j in range(a + 1, k) if words[j].low in _LEFT_LINKS and words[j].low != "and"), None)
    if link is not None and _head_like(words[link - 1], vocab):
        return a, k + 1
    return None


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
        if _head_like(t, vocab) or (
            last_head == j - 1 and low not in DETERMINERS and low not in _RIGHT_LINKS
            and not low.endswith(("ed", "ing")) and not words[j - 1].low.endswith("'s")
        ):
            last_head = j  # "the Hong Kong court system": a noun after the head is the head
        j += 1
    if last_head < 0 or words[last_head].low.endswith("'s"):
        return None  # "said the president's temperament": the possessive owns a noun
    return k, last_head + 1


def _head_like(w: Word, vocab: Vocabulary) -> bool:
    """Can the word end a subject: a capitalised word, a role, a body or a source."""
    if w.kind != "w":
        return False
    low = w.low[:-2] if w.low.endswith("'s") else w.low
    if w.cap:
        return low not in CLAUSE_WORDS or low in PRONOUNS
    return low in vocab.roles or low in vocab.unnamed_heads or low in vocab.org_heads

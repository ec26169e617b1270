"""A document's speakers under one name each: the fullest form the article gives.

News copy names a speaker in full once and then shortly: "Economy Minister Marcelo Ebrard" and
then "Ebrard", "Prime Minister Datuk Seri Anwar Ibrahim" and then "Anwar", "Ukraine's Air Force"
and then "the Air Force". Run after every fact's speakers are found:

- honorifics are dropped from a person's name ("Mr Lammy", "Sir Keir", "Datuk Seri Anwar");
- a one-word person name becomes the one full name the article gives it: a person it names
  ("Ebrard" -> "Marcelo Ebrard"), else the capitalised word the text writes next to it
  ("Anwar Ibrahim's");
- a body's name becomes the one longer name of a body that spoke and ends with it
  ("Air Force" -> "Ukrainian Air Force"), without where it is based ("London-based"), and the
  body's own name when the news calls it otherwise ("the Pentagon", ``body_names`` in the data).
"""

from __future__ import annotations

import re
from collections import Counter

from relexplorer.extract.entities import load_gazetteer
from relexplorer.extract.speakers.quotes import Quote, Word, words_of
from relexplorer.extract.speakers.vocabulary import (
    CLAUSE_WORDS,
    DETERMINERS,
    HEAD_LINKS,
    Vocabulary,
)
from relexplorer.model import Fact, Mention, Speaker

PERSON, ORG = "person", "organization"
# The most words of a name written after its title or in an appositive.
_NAME_WORDS_MAX = 3
# The most words between a body's name and the person it qualifies, the name included.
_PERSON_AFTER_WORDS = 7
# How far around a name its role may be written (characters).
_ROLE_REACH = 80
# The most words before a name that may give its role: "Chinese foreign ministry spokeswoman".
_ROLE_WORDS = 4


def _fold(word: str) -> str:
    return word[:-2] if word.endswith("'s") or word.endswith("’s") else word


def full_names(found: list[list[Speaker]], facts: list[Fact], text: str, vocab: Vocabulary) -> None:
    """Rename, in place, the speakers of ``found`` (one list per fact) to their fullest names."""
    if not any(found):
        return
    people = {m.name for f in facts for m in f.mentions if m.kind == PERSON}
    people |= {sp.name for speakers in found for sp in speakers if sp.kind == PERSON}
    people = {_bare(n, vocab) for n in people}
    bodies = {_BASED.sub("", sp.name) for speakers in found for sp in speakers if sp.kind == ORG}
    cache: dict[tuple[str, str], str] = {}
    for speakers in found:
        for k, sp in enumerate(speakers):
            if sp.kind not in (PERSON, ORG):
                continue
            key = (sp.name, sp.kind)
            if key not in cache:
                cache[key] = (_person(sp.name, people, text, vocab) if sp.kind == PERSON
                              else _body(sp.name, bodies, vocab))
            if cache[key] != sp.name:
                speakers[k] = Speaker(cache[key], sp.kind, sp.cue_start, sp.cue_end)


def _bare(name: str, vocab: Vocabulary) -> str:
    """``name`` without the honorifics that open it ("Datuk Seri Anwar" -> "Anwar")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in vocab.honorifics:
        words = words[1:]
    return " ".join(words)


def _person(name: str, people: set[str], text: str, vocab: Vocabulary) -> str:
    bare = _bare(name, vocab)
    if " " in bare or not bare[:1].isupper():
        return bare
    fuller = {p for p in people if " " in p and bare in (p.split()[0], p.split()[-1])}
    if len(fuller) == 1:
        return fuller.pop()
    if fuller:
        return bare
    # "Anwar Ibrahim’s": the one capitalised word the text writes after the name, when the
    # entity rules did not give the full name.
    stop = load_gazetteer().stop
    after = Counter(
        m.group(1) for m in re.finditer(rf"\b{re.escape(bare)} ([A-Z][a-z]+)\b", text)
        if m.group(1) not in stop and m.group(1).lower() not in vocab.verbs
    )
    if len(after) == 1:
        return f"{bare} {next(iter(after))}"
    return bare


def _body(name: str, bodies: set[str], vocab: Vocabulary) -> str:
    name = _BASED.sub("", name)  # "London-based Energy Institute"
    words = name.split()
    described = [i for i, w in enumerate(words[:-1]) if w.islower() and w in vocab.org_heads]
    if described and all(w[:1].isupper() for w in words[described[-1] + 1 :]):
        name = " ".join(words[described[-1] + 1 :])  # "Environmental organisation Frack Free Namibia"
    longer = {b for b in bodies if b != name and b.lower().endswith(" " + name.lower())}
    if len(longer) == 1:
        name = longer.pop()
    return vocab.body_names.get(name.lower(), name)


_BASED = re.compile(r"^(?:[A-Z]\S* )*\S+-based ")


def main_person(history: list[Speaker]) -> str:
    """The person who has spoken most so far (the latest of equals), or ""."""
    counts = Counter(s.name for s in history if s.kind == PERSON)
    if not counts:
        return ""
    top = max(counts.values())
    return next(s.name for s in reversed(history) if counts.get(s.name) == top)


# --- names written next to a title, a country or a comma -------------------------------------


def titled_name(text: str, phrase: list[Word], vocab: Vocabulary, stop: frozenset[str], org_words: frozenset[str]) -> str:
    """"Reuters Editor-in-Chief Alessandra Galloni", "Kyiv resident Svitlana Onofryichuk": a
    role or a source's noun, then two or three capitalised words that end the phrase and
    that the entity rules did not know: the person's name."""
    for r in range(len(phrase) - 3, max(-1, len(phrase) - 5), -1):
        if r < 0:
            break
        parts = _fold(phrase[r].low).split("-")
        if not any(p in vocab.roles or p in vocab.unnamed_heads for p in parts):
            continue
        name = phrase[r + 1 :]
        if all(w.cap and len(w.text) > 1 and _fold(w.text) not in stop
               and w.low not in org_words and not w.text.isupper() for w in name):
            written = " ".join(text[name[0].start : name[-1].end].split())
            return written.removesuffix("’s").removesuffix("'s")
        return ""
    return ""


def appositive_name(
    text: str, words: list[Word], comma: int, verb: int, stop: frozenset[str], org_words: frozenset[str]
) -> tuple[str, str] | None:
    """The name-shaped part between the comma at ``comma`` and the next one before ``verb``."""
    end = next((k for k in range(comma + 1, verb) if words[k].text == ","), None)
    if end is None:
        return None
    part = [w for w in words[comma + 1 : end] if w.kind == "w"]
    if 2 <= len(part) <= _NAME_WORDS_MAX and all(
        w.cap and not w.quoted and _fold(w.text) not in stop and w.low not in org_words for w in part
    ):
        return " ".join(text[part[0].start : part[-1].end].split()), PERSON
    return None


def person_after(words: list[Word], j: int, b: int, fact: Fact) -> int:
    """"White House press secretary Josh Earnest": a body's name that only qualifies the
    person named after it; the index of the phrase's last word (``j`` when none)."""
    k = j
    while k + 1 < min(b, j + 1 + _PERSON_AFTER_WORDS):
        nxt = words[k + 1]
        if nxt.kind != "w" or nxt.quoted or (not nxt.cap and (nxt.low in CLAUSE_WORDS or nxt.low.endswith("ed"))):
            break
        k += 1
        person = next((m for m in fact.mentions if m.kind == PERSON and m.start <= nxt.start < m.end), None)
        if person is not None:
            while k + 1 < b and words[k + 1].start < person.end:
                k += 1
            return k
    return j


def country_of(text: str, org: Mention, mentions: list[Mention], vocab: Vocabulary) -> str:
    """"Russia's Defense Ministry" -> "Russian Defense Ministry": a body's name with the
    country that owns it, which the body's own name lacks."""
    for place in mentions:
        if place.kind != "place" or text[place.end : org.start] not in ("'s ", "’s "):
            continue
        government = vocab.governments.get(place.name, "")
        country = government.removesuffix(" government")
        if country != government and not org.name.startswith((country, place.name)):
            return f"{country} {org.name}"
    return ""


def body_name(phrase: list[Word], places: list[Mention], written: str, vocab: Vocabulary) -> str:
    """"Russia's foreign ministry", "the Russian foreign ministry" -> "Russian Foreign Ministry"."""
    words = [w.text for w in phrase]
    if places and places[0].start == phrase[0].start:
        government = vocab.governments.get(places[0].name, "")
        if not government.endswith(" government"):
            return written
        rest = [w for w in phrase if w.start >= places[0].end]
        words = [government.removesuffix(" government"), *(w.text for w in rest)]
    elif not words[0][0].isupper():
        return written
    name = " ".join(w[:1].upper() + w[1:] for w in words)
    return name.replace("Foreign Affairs Ministry", "Foreign Ministry")


# --- roles the article gives to names -------------------------------------------------------


def learn_roles(text: str, m: Mention, fact: Fact, quotes: list[Quote], vocab: Vocabulary, roles: dict[str, str]) -> None:
    """Roles before a name ("Chinese foreign ministry spokeswoman Hua Chunying") and in an
    appositive after it ("Dmitry Peskov, the Kremlin spokesman")."""
    window = max(fact.start, m.start - _ROLE_REACH)
    words = words_of(text, window, min(fact.end, m.end + _ROLE_REACH), quotes)
    first = 0 if window == fact.start else 1  # a window may open in the middle of a word
    index = next((i for i, w in enumerate(words) if w.start >= m.start), None)
    if index is None:
        return
    before = []
    k = index - 1
    if k > 0 and words[k].text == ",":
        k -= 1  # "a Commerce Ministry spokesman, Gao Feng"
    while k >= first and words[k].kind == "w" and len(before) < _ROLE_WORDS and words[k].low not in DETERMINERS:
        before.insert(0, _fold(words[k].low))
        k -= 1
    _add_role(before, m.name, vocab, roles)
    end = next((i for i, w in enumerate(words) if w.start >= m.end), len(words))
    if end < len(words) and words[end].text == ",":
        after = []
        j = end + 1
        while j < len(words) and words[j].kind == "w" and words[j].low in DETERMINERS:
            j += 1
        while j < len(words) - 1 and words[j].kind == "w" and words[j].low not in HEAD_LINKS \
                and len(after) < _ROLE_WORDS:
            after.append(_fold(words[j].low))
            j += 1
        if j >= len(words) or words[j].low not in HEAD_LINKS:
            # "the director of the Carnegie Moscow Center" is no one's "the director"
            _add_role(after, m.name, vocab, roles)

def _add_role(role_words: list[str], name: str, vocab: Vocabulary, roles: dict[str, str]) -> None:
    while role_words and role_words[-1] not in vocab.roles:
        role_words = role_words[:-1]
    for i in range(len(role_words)):
        roles[" ".join(role_words[i:])] = name

"""Who a cue's subject is: a canonical name and a kind, with what the article said before.

- A person or organisation the entity extractor found in the subject gives its canonical name
  ("Mr Putin" -> "Vladimir Putin"); a country or capital speaks for its government ("Washington
  says" -> "United States government").
- A role ("the president", "the Kremlin spokesman") is the person the article gave that role,
  before a name ("Russian President Vladimir Putin") or in an appositive ("Dmitry Peskov, the
  Kremlin spokesman"); a role never given to a name stays an office ("head of the Duma's foreign
  affairs committee").
- Sources without a name ("analysts", "a senior EU official", "multiple reports") are
  ``unnamed``.
- "he", "she" are the last person who spoke in the paragraph, else the last person it names,
  else the last person who spoke before; "they" and "it" likewise for groups and bodies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from relexplorer.extract.entities import load_gazetteer
from relexplorer.extract.speakers.cues import Cue
from relexplorer.extract.speakers.names import (
    appositive_name,
    body_name,
    country_of,
    learn_roles,
    main_person,
    person_after,
    titled_name,
)
from relexplorer.extract.speakers.quotes import Quote, Word
from relexplorer.extract.speakers.vocabulary import (
    CLAUSE_WORDS,
    DETERMINERS,
    HEAD_LINKS,
    PRONOUNS,
    Vocabulary,
)
from relexplorer.lexicon import UNNAMED_SOURCE
from relexplorer.model import Fact, Mention, Speaker

PERSON, ORG, UNNAMED = "person", "organization", "unnamed"
_INDEFINITE = frozenset(
    "a an one another some many several multiple two three four most other others".split()
)
_POSSESSIVES = frozenset("his her their its".split())
# Plurals of bodies: "Facebook and other tech companies" is a body.
_BODIES = frozenset(
    "companies firms groups organisations organizations governments countries agencies banks states nations "
    "institutions ministries parties".split()
)
_QUANTITIES = frozenset("number majority minority handful group couple host dozens hundreds thousands".split())
# Words that make a group of no one in particular: "some Ethiopians", "many Russians".
_GROUP_QUANTIFIERS = frozenset("some many several most other others various numerous all".split())
# What a person's possessive may own and still be theirs to say: "Putin's statement".
_UTTERANCES = frozenset(
    "statement statements letter tweet tweets message remarks words speech post report analysis study findings".split()
)
# Words that open an introductory phrase, not the main clause: "When ..., President Putin".
_INTRO = frozenset(
    "when while although though if because since as after before during in on at with without "
    "despite for from by amid following given unlike like under over".split()
)
# A participle that opens a sentence with a clause of its own: "Asked whether ..., he said".
_INTRO_PARTICIPLE = re.compile(r"(?:Asked|Pressed|Questioned|Speaking|Responding|Referring|Commenting|Writing|Talking)\b")
# "Raja Androon, a ...": two or three capitalised words opening a sentence before an appositive.
_OPENING_NAME = re.compile(r"((?:[A-Z][\w’'-]+ ){1,2}[A-Z][\w’'-]+),(?: \d{1,3},)? (?:a|an|the) ")
# The most words of a name.
_NAME_WORDS_MAX = 3
# The most words of an appositive that names the subject: "Nigerian Shehu Sani".
_NAME_APPOSITIVE_WORDS = 4
# How far into a clause its subject may start: "But four days later he ...".
_OPENING_WORDS = 5
# The most words before a name that may give its role: "Chinese foreign ministry spokeswoman".
_ROLE_WORDS = 4


@dataclass
class Paragraph:
    """A paragraph read so far: its facts (with its quotations) and who spoke in it."""

    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    speakers: list[tuple[int, Speaker]] = field(default_factory=list)

    def named(self, kind: str, resolver: Resolver) -> list[tuple[int, str]]:
        """The people (or bodies) it names outside quotations, in order, with their offsets."""
        found: list[tuple[int, str]] = []
        for fact in self.facts:
            if kind == PERSON:
                opening = resolver.opening_name(fact)
                if opening and not any(m.start == fact.start for m in fact.mentions):
                    found.append((fact.start, opening))
            found += [(m.start, m.name) for m in fact.mentions
                      if m.kind == kind and not any(q.start <= m.start < q.end for q in self.quotes)]
        return found


def _fold(word: str) -> str:
    return word[:-2] if word.endswith("'s") or word.endswith("’s") else word


class Resolver:
    """Resolves cue subjects to speakers across one document."""

    def __init__(self, text: str, facts: list[Fact], vocab: Vocabulary):
        self.text = text
        self.vocab = vocab
        gazetteer = load_gazetteer()
        self.org_words = frozenset(w.lower() for w in gazetteer.org_words)
        self.stop = gazetteer.stop  # demonyms, titles, common words: never a person's name
        self.given = gazetteer.given_names
        self.titles = frozenset(t.lower() for t in gazetteer.titles) | vocab.roles
        self.entries = gazetteer.entries
        self._facts = facts
        self._surnames: dict[str, str] | None = None
        self._roles: dict[str, str] = {}
        # People whose roles are read only when a role is first looked up: most articles never
        # name a speaker by role, and reading the words around every name costs.
        self._read: list[tuple[Fact, list[Quote]]] = []  # the facts read so far, with their quotations
        self._roles_read = 0  # how many of them gave their roles
        self.history: list[Speaker] = []  # every speaker so far, in order
        self.previous_paragraph: list[Speaker] = []  # the speakers of the paragraph before
        self.previous: Paragraph | None = None

    # --- what the article says about people -------------------------------------------------

    def read(self, fact: Fact, para: Paragraph) -> None:
        """Add ``fact`` to its paragraph; who it names is read only when a pronoun or a role
        needs it."""
        para.facts.append(fact)
        self._read.append((fact, para.quotes))

    def opening_name(self, fact: Fact) -> str:
        """"Raja Androon, a 65-year-old Syrian ...": a name that opens the sentence before an
        appositive, which the entity rules may not know."""
        m = _OPENING_NAME.match(self.text, fact.start, fact.end)
        if m is None:
            return ""
        words = m.group(1).split()
        if any(_fold(w) in self.stop or _fold(w) in self.entries for w in words):
            return ""
        return " ".join(words)

    @property
    def surnames(self) -> dict[str, str]:
        """Surname -> the one full name the document gives it (read when first needed)."""
        if self._surnames is None:
            by_surname: dict[str, set[str]] = {}
            for fact in self._facts:
                for m in fact.mentions:
                    if m.kind == PERSON and " " in m.name:
                        by_surname.setdefault(m.name.split()[-1], set()).add(m.name)
            self._surnames = {s: next(iter(n)) for s, n in by_surname.items() if len(n) == 1}
        return self._surnames

    @property
    def roles(self) -> dict[str, str]:
        """Role ("kremlin spokesman", "president") -> the person the article last gave it,
        in the facts read so far."""
        for fact, quotes in self._read[self._roles_read :]:
            for m in fact.mentions:
                if m.kind == PERSON and not any(q.start <= m.start < q.end for q in quotes):
                    learn_roles(self.text, m, fact, quotes, self.vocab, self._roles)
        self._roles_read = len(self._read)
        return self._roles

    def _last_person_named(self) -> str:
        for fact, quotes in reversed(self._read):
            for m in reversed(fact.mentions):
                if m.kind == PERSON and not any(q.start <= m.start < q.end for q in quotes):
                    return m.name
        return ""

    # --- subjects ---------------------------------------------------------------------------

    def speaker(self, cue: Cue, words: list[Word], fact: Fact, para: Paragraph) -> Speaker | None:
        """The speaker of ``cue`` in ``fact``, or None when its subject is no one we can name."""
        if cue.form == "unnamed":
            return Speaker(UNNAMED_SOURCE, UNNAMED, cue.start, cue.end)
        if cue.form == "clause":
            found = self._clause_subject(words, cue.verb, fact, para)
        elif cue.form == "pronoun":
            a, _ = cue.subject
            found = self._pronoun(words[a].low, words[a].start, para)
            if found is None and words[a].low in ("it", "they"):
                # "Russia is accused of ..., a claim it strongly denies"
                found = self._clause_subject(words, cue.verb, fact, para)
        else:
            a, b = cue.subject
            found = self._classify(words, a, b, fact)
            if cue.names and not self._names_person(words, a, b, fact):
                # "one outspoken African activist, Nigerian Shehu Sani, said"
                for na, nb in cue.names:
                    if nb - na > _NAME_APPOSITIVE_WORDS:
                        continue  # "a favorite to win despite speculation about ... Greta Thunberg"
                    named = self._classify(words, na, nb, fact)
                    if named is not None and named[1] == PERSON and self._names_person(words, na, nb, fact, True):
                        found = named
                        break
            if found is None and cue.form == "according":
                # "according to data from the World Bank": the first one named in it.
                start, end = words[a].start, words[b - 1].end
                named = [m for m in fact.mentions if start <= m.start < end and m.kind in (PERSON, ORG)]
                found = (named[0].name, named[0].kind) if named else None
        if found is None:
            return None
        name, kind = found
        if kind == UNNAMED:
            first, _, rest = name.partition(" ")
            if first.lower() in DETERMINERS or first.lower() in _GROUP_QUANTIFIERS or first.lower() in self.vocab.unnamed_heads:
                name = first.lower() + (" " + rest if rest else "")  # "An expert" -> "an expert"
        return Speaker(name, kind, cue.start, cue.end)

    def _names_person(self, words: list[Word], a: int, b: int, fact: Fact, shaped: bool = False) -> bool:
        """Does ``words[a:b]`` hold a person's name (a mention; with ``shaped``, or name-shaped
        capitalised words)?"""
        start, end = words[a].start, words[b - 1].end
        if any(m.kind == PERSON and start <= m.start < end for m in fact.mentions):
            return True
        if not shaped:
            return False
        phrase = [w for w in words[a:b] if w.kind == "w" and w.low not in DETERMINERS]
        return 2 <= len(phrase) <= 4 and all(w.cap and _fold(w.text) not in self.stop for w in phrase)

    def _pronoun(self, pronoun: str, at: int, para: Paragraph) -> tuple[str, str] | None:
        want = PRONOUNS.get(pronoun)
        spoken = [s for pos, s in para.speakers if pos < at]
        if want == "person":
            for s in reversed(spoken):
                if s.kind == PERSON or (s.kind == UNNAMED and s.name.split()[0].lower() in ("a", "an", "one")):
                    return s.name, s.kind
            named = [name for pos, name in para.named(PERSON, self) if pos < at and not self._in_intro(pos, at, para)]
            spoke = {s.name for s in self.history if s.kind == PERSON}
            if named:  # one who speaks in the article before one only mentioned ("... al-Assad. She has")
                return next((n for n in reversed(named) if n in spoke), named[-1]), PERSON
            # A paragraph that names no one: the one who spoke in the paragraph before, else
            # the first person it named ("Mr Trump elaborated ..." / '"...," he said').
            for s in reversed(self.previous_paragraph):
                if s.kind == PERSON:
                    return s.name, s.kind
            before = self.previous.named(PERSON, self) if self.previous is not None else []
            if before:
                return before[0][1], PERSON
            for s in reversed(self.history):
                if s.kind == PERSON:
                    return s.name, s.kind
            last = self._last_person_named()
            return (last, PERSON) if last else None
        kinds = (ORG, UNNAMED) if want == "group" else (ORG,)
        for s in reversed(spoken):
            if s.kind in kinds:
                return s.name, s.kind
        if want == "body":
            named = [name for pos, name in para.named(ORG, self) if pos < at]
            if named:
                return named[-1], ORG
        for s in reversed(self.previous_paragraph):
            if s.kind in kinds:
                return s.name, s.kind
        return None

    def _in_intro(self, pos: int, at: int, para: Paragraph) -> bool:
        """"Asked whether he would accept gifts from Lord Alli, he said": ``pos`` lies in the
        participle clause that opens the sentence of the pronoun at ``at``."""
        fact = next((f for f in para.facts if f.start <= at < f.end), None)
        if fact is None or pos < fact.start or not _INTRO_PARTICIPLE.match(self.text, fact.start):
            return False
        comma = self.text.find(",", fact.start, at)
        return comma >= 0 and pos < comma

    def _clause_subject(self, words: list[Word], verb: int, fact: Fact, para: Paragraph) -> tuple[str, str] | None:
        """The subject of the main clause before ``words[verb]``: the first person, body,
        pronoun or source of the first comma-separated part that is no introductory phrase."""
        part_start = 0
        for i in range(verb + 1):
            w = words[i] if i < verb else None
            if w is not None and not (w.text == "," and not w.quoted):
                continue
            part = words[part_start:i]
            part_start = i + 1
            first = next((x for x in part if x.kind == "w"), None)
            if first is None or first.quoted or first.low in _INTRO or first.low.endswith("ing"):
                continue
            found = self._first_subject(words, words.index(first), i, fact, para)
            named = any(m.kind == PERSON and first.start <= m.start < words[i - 1].end for m in fact.mentions)
            if found is not None and found[1] == PERSON and not named:
                # "The leader of Ennahda, Rachid Ghannouchi, condemned ..."
                found = appositive_name(self.text, words, i, verb, self.stop, self.org_words) or found
            if found is not None:
                return found
        return None

    def _first_subject(self, words: list[Word], a: int, b: int, fact: Fact, para: Paragraph) -> tuple[str, str] | None:
        """The subject that opens ``words[a:b]`` (after a conjunction or a time phrase)."""
        i = a - 1
        while i + 1 < min(b, a + _OPENING_WORDS):
            i += 1
            w = words[i]
            if w.kind != "w" or w.quoted:
                return None
            if w.low in PRONOUNS and w.low != "it":
                return self._pronoun(w.low, w.start, para)
            if w.low.split("'")[0].split("’")[0] in ("i", "we"):
                return None  # "I'd be shocked if ...": the author
            mention = next((m for m in fact.mentions if m.start <= w.start < m.end), None)
            if mention is not None:
                j = i
                while j + 1 < b and words[j + 1].start < mention.end:
                    j += 1
                return self._classify(words, i, person_after(words, j, b, fact) + 1, fact)
            if w.low in DETERMINERS or (w.cap and w.low not in CLAUSE_WORDS):
                j = i
                while j + 1 < b and words[j + 1].kind == "w" and (
                    words[j + 1].cap or words[j + 1].low not in CLAUSE_WORDS
                ) and not words[j + 1].low.endswith("ed"):
                    j += 1
                    if _fold(words[j].low) in self.vocab.unnamed_heads or _fold(words[j].low) in self.vocab.roles:
                        break
                found = self._classify(words, i, j + 1, fact)
                if found is not None:
                    return found
                i = j  # "four days later": no one; the subject may follow
        return None

    def _classify(self, words: list[Word], a: int, b: int, fact: Fact) -> tuple[str, str] | None:  # noqa: C901 - one kind of subject after the other
        phrase = [w for w in words[a:b] if w.kind == "w"]
        indefinite = bool(phrase) and phrase[0].low in _INDEFINITE
        while phrase and phrase[0].low in DETERMINERS:
            phrase = phrase[1:]
        if not phrase:
            return None
        head_at = next((i for i, w in enumerate(phrase) if i and w.low in HEAD_LINKS), len(phrase)) - 1
        head_at = len(phrase) - 1 if _fold(phrase[head_at].low) in _QUANTITIES else head_at  # "a number of analysts"
        head = phrase[head_at]
        head_low = _fold(head.low)
        start, end = phrase[0].start, phrase[-1].end
        head_end = head.end
        mentions = [m for m in fact.mentions if m.start < end and m.end > start  # "Prime Minister" is no one's name
                    and not (m.kind == PERSON and m.name.split()[-1].lower() in self.titles)]
        # "Secretary of State Mike Pompeo": a name that ends the phrase is its head too; "Abiy's
        # office" is the office's, "Putin's statement" his.
        people = [
            m for m in mentions
            if m.kind == PERSON and (m.start < head_end or m.end >= end)
            and (head_low in _UTTERANCES or not (m.end < head.start and self.text.startswith(("'s", "’s"), m.end)))
            # "Obama administration officials": the name only qualifies an unnamed source
            and not (m.end < head.start and head_low in self.vocab.unnamed_heads and head_low not in self.vocab.roles
                     and not any(x in self.text[m.end : head.start] for x in (" and ", ",")))
        ]
        if people:
            # "Commandant Major General Arturo Rojas": the name that ends the subject, unless joined by "and"
            last = people[-1] if " and " not in self.text[people[0].end : people[-1].start] else people[0]
            return last.name, PERSON
        owned = [i for i, w in enumerate(phrase[:-1]) if w.low.endswith("'s")]
        if owned and all(w.cap for w in phrase[owned[-1] + 1 :]) and head_at == len(phrase) - 1:
            # "Al Jazeera's Hashem Ahelbarra": the name is what the possessive owns
            phrase = phrase[owned[-1] + 1 :]
            head = phrase[-1]
            head_low = _fold(head.low)
            start = phrase[0].start
            mentions = [m for m in mentions if m.start < end and m.end > start]
        written = " ".join(self.text[start:end].split())
        vocab = self.vocab
        if (named := self._titled_or_owner(phrase, mentions, head)) is not None:
            return named
        if words[a].low in _GROUP_QUANTIFIERS and all(m.kind == "place" for m in mentions):  # "some in Gaza"
            return " ".join(self.text[words[a].start : end].split()), UNNAMED  # "some Ethiopians"
        if head_low in vocab.unnamed_heads and head_low not in vocab.roles:
            return " ".join(self.text[words[a].start : end].split()), UNNAMED
        if head_low in vocab.roles and not mentions_cover(mentions, head):
            key = " ".join(_fold(w.low) for w in phrase[: head_at + 1])
            holder = self._role_holder(key, head_low) if len(phrase) <= _ROLE_WORDS and not indefinite else None
            if holder:
                return holder, PERSON
            if indefinite or head_low in vocab.unnamed_heads or words[a].low in _POSSESSIVES:
                return " ".join(self.text[words[a].start : end].split()), UNNAMED  # "his spokesman"
            # "the government spokesman", never given to a name: the article's main speaker
            plain = words[a].low == "the" and head_at == len(phrase) - 1  # not "the head of X"
            return (main_person(self.history) if plain else "") or written, PERSON
        trailing = self._trailing_name(phrase)
        if trailing is not None:
            return trailing
        # "The European Union's top court": the owner is not the speaker.
        orgs = [m for m in mentions if m.kind == ORG
                and not (m.end < head.start and self.text.startswith(("'s", "’s"), m.end))]
        if orgs and (head.cap or head_low in vocab.org_heads):
            own = [m for m in orgs if m.start <= head.start < m.end]
            org = " and " in written and orgs[0] or (own or orgs)[-1]
            return country_of(self.text, org, fact.mentions, self.vocab) or self._first_of(org), ORG
        places = [m for m in mentions if m.kind == "place"]
        if places and len(places) == 1 and all(places[0].start <= w.start < places[0].end for w in phrase):
            name = places[0].name
            return vocab.governments.get(name, f"{name} government"), ORG
        if head_low in vocab.org_heads:
            if len(phrase) == 1:
                return self._body(head_low)
            return body_name(phrase, places, written, self.vocab), ORG
        if any(w.cap for w in phrase) and any(w.low in vocab.org_heads for w in phrase if not w.cap):
            return written, ORG  # "the Hong Kong court system"
        return self._capitalised(phrase, written) if all(w.cap for w in phrase) else None

    def _capitalised(self, phrase: list[Word], written: str) -> tuple[str, str] | None:
        """A phrase of capitalised words the entity rules did not know: a body, or a name."""
        if any(_fold(w.low) in self.org_words for w in phrase):
            return written, ORG
        last = _fold(phrase[-1].text)
        given = _fold(phrase[0].text) in self.given and len(phrase) > 1  # "Mark Christian"
        if len(phrase) <= 4 and (last not in self.stop or given) and not last.isupper() and len(last) > 2:
            return self.surnames.get(last.replace("'", "’"), self.surnames.get(last, written)), PERSON
        return None

    def _titled_or_owner(self, phrase: list[Word], mentions: list[Mention], head: Word) -> tuple[str, str] | None:
        """A person named after a title ("Reuters Editor-in-Chief Alessandra Galloni") or before
        where they work ("Lauren Nel from Natural Justice"), a body before "and other ...", or
        the body whose utterance the head is ("TNO's report said")."""
        titled = titled_name(self.text, phrase, self.vocab, self.stop, self.org_words)
        if titled:
            return titled, PERSON
        others = next((i for i, w in enumerate(phrase[:-1]) if w.low == "and" and phrase[i + 1].low == "other"), 0)
        if others and all(w.cap for w in phrase[:others]):  # "Facebook and other tech companies"
            first = next((m for m in mentions if m.start == phrase[0].start), None)
            if first is not None:
                return (self._first_of(first) if first.kind == ORG else first.name), first.kind
            written = " ".join(self.text[phrase[0].start : phrase[others - 1].end].split())
            return (written, ORG) if _fold(head.low) in _BODIES else self._capitalised(phrase[:others], written)
        at = phrase.index(head)
        if at + 1 < len(phrase) and phrase[at + 1].low in ("from", "at") and 2 <= at + 1 <= 3 \
                and all(w.cap for w in phrase[: at + 1]) and not any(m.start < head.end for m in mentions):
            return self._capitalised(phrase[: at + 1], " ".join(self.text[phrase[0].start : head.end].split()))
        if _fold(head.low) in _UTTERANCES:
            owner = [m for m in mentions if m.kind == ORG and m.end < head.start
                     and self.text.startswith(("'s", "’s"), m.end)]
            if owner:
                return self._first_of(owner[-1]), ORG
        return None

    def _trailing_name(self, phrase: list[Word]) -> tuple[str, str] | None:
        """"the volunteer organisation White Helmets", "climate activist Greta Thunberg": a
        descriptor ending in a body or a role, then the name."""
        lower = [i for i, w in enumerate(phrase) if not w.cap]
        if not lower or lower[-1] == len(phrase) - 1:
            return None
        descriptor = _fold(phrase[lower[-1]].low)
        name = phrase[lower[-1] + 1 :]
        if any(w.low in HEAD_LINKS or _fold(w.text) in self.stop for w in name):
            return None
        written = " ".join(self.text[name[0].start : name[-1].end].split())
        if descriptor in self.vocab.org_heads:
            return written, ORG
        if descriptor in self.vocab.roles and len(name) <= _NAME_WORDS_MAX:
            return self.surnames.get(_fold(name[-1].text), written), PERSON
        return None

    def _first_of(self, org: Mention) -> str:
        """"United Nations and European Union" (one mention): the first named, "United Nations"."""
        first, sep, _ = org.name.partition(" and ")
        if sep and first in self.entries:
            return self.entries[first][0]
        return org.name

    def _role_holder(self, key: str, head: str) -> str | None:
        """The person given the role ``key`` ("kremlin spokesman"), else one given a role with
        the same qualifier ("turkish leader" -> "turkish president"), else the role's head."""
        if key in self.roles:
            return self.roles[key]
        qualifier = key.split()[0] if " " in key else ""
        if qualifier:
            for role, name in reversed(self.roles.items()):
                if role.startswith(qualifier + " "):
                    return name
        return self.roles.get(head)

    def _body(self, head: str) -> tuple[str, str] | None:
        """"the ministry": the last body that spoke with that word in its name."""
        for s in reversed(self.history):
            if s.kind == ORG and head in s.name.lower():
                return s.name, ORG
        return None

    def next_paragraph(self, para: Paragraph) -> None:
        """Close ``para``: its speakers become the previous paragraph's."""
        self.previous_paragraph = [s for _, s in para.speakers]
        self.previous = para

    def spoke(self, speaker: Speaker, at: int, para: Paragraph) -> None:
        """Remember that ``speaker`` spoke at offset ``at``."""
        para.speakers.append((at, speaker))
        self.history.append(speaker)


def mentions_cover(mentions: list[Mention], word: Word) -> bool:
    """Is ``word`` part of a mention (a name, not a common noun)?"""
    return any(m.start <= word.start < m.end for m in mentions)

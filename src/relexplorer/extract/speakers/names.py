"""A document's speakers under one name each: the fullest form the article gives.

News copy names a speaker in full once and then shortly: "Economy Minister Marcelo Ebrard" and
then "Ebrard", "Prime Minister Datuk Seri Anwar Ibrahim" and then "Anwar", "Ukraine's Air Force"
and then "the Air Force". Run after every fact's speakers are found:

- honorifics are dropped from a person's name ("Mr Lammy", "Sir Keir", "Datuk Seri Anwar");
- a one-word person name becomes the one full name the article gives it: a person it names
  ("Ebrard" -> "Marcelo Ebrard"), else the capitalised word the text writes next to it
  ("Anwar Ibrahim's");
- a body's name becomes the one longer name of a body that spoke and ends with it
  ("Air Force" -> "Ukrainian Air Force").
"""

from __future__ import annotations

import re
from collections import Counter

from relexplorer.extract.entities import load_gazetteer
from relexplorer.extract.speakers.vocabulary import Vocabulary
from relexplorer.model import Fact, Speaker

PERSON, ORG = "person", "organization"


def full_names(found: list[list[Speaker]], facts: list[Fact], text: str, vocab: Vocabulary) -> None:
    """Rename, in place, the speakers of ``found`` (one list per fact) to their fullest names."""
    if not any(found):
        return
    people = {m.name for f in facts for m in f.mentions if m.kind == PERSON}
    people |= {sp.name for speakers in found for sp in speakers if sp.kind == PERSON}
    people = {_bare(n, vocab) for n in people}
    bodies = {sp.name for speakers in found for sp in speakers if sp.kind == ORG}
    cache: dict[tuple[str, str], str] = {}
    for speakers in found:
        for k, sp in enumerate(speakers):
            if sp.kind not in (PERSON, ORG):
                continue
            key = (sp.name, sp.kind)
            if key not in cache:
                cache[key] = (_person(sp.name, people, text, vocab) if sp.kind == PERSON
                              else _body(sp.name, bodies))
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
        if m.group(1).lower() not in stop and m.group(1).lower() not in vocab.verbs
    )
    if len(after) == 1:
        return f"{bare} {next(iter(after))}"
    return bare


def _body(name: str, bodies: set[str]) -> str:
    longer = {b for b in bodies if b != name and b.lower().endswith(" " + name.lower())}
    return longer.pop() if len(longer) == 1 else name

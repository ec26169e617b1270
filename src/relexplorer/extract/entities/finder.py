"""Finding the entities of one document: each fact's chunks, then resolution across facts.

Per fact, each chunk is scanned word by word; at each word the longest candidate wins
(:mod:`.candidates`) and unclaimed name-like words are kept as *leftovers*. Title-case lines
(headings) only get gazetteer and already-known names. Hyphenated compounds ("China-Russia")
yield one mention per known part.

After the whole document is read, bare surnames of people found in the facts (``Putin``,
``Denisov``) and acronyms the document defines (``... Space Administration (CNSA)``) are
resolved wherever they were left unclaimed, and single-word names are merged into the full
name that ends (or, for Chinese and Korean names, starts) with them.
"""

from __future__ import annotations

import re
from collections import defaultdict

from relexplorer.extract.entities.candidates import gaz_match
from relexplorer.extract.entities.gazetteer import ORG, PERSON, PLACE, load_gazetteer
from relexplorer.extract.entities.organisations import acronym_after, complete_org, org_match
from relexplorer.extract.entities.people import family_name_first, name_like, person_match
from relexplorer.extract.entities.places import ANY_FEATURE, geo_match, named_after
from relexplorer.extract.entities.tokens import Doc, Tok, chunks, is_heading
from relexplorer.model import Mention


def _scan_chunk(
    doc: Doc,
    toks: list[Tok],
    heading: bool,
    out: list[Mention],
    leftovers: list[Tok],
    span_end: int,
) -> None:
    """Append the mentions of one chunk to ``out`` and its unclaimed name-like words to
    ``leftovers``; ``span_end`` bounds an organisation that extends past the chunk."""
    gaz = doc.gaz
    text = doc.text
    n = len(toks)
    has_org = has_feature = False
    if n > 1:
        words = {t.word for t in toks}
        has_org = not words.isdisjoint(gaz.org_words)
        has_feature = not words.isdisjoint(ANY_FEATURE)
    i = 0
    while i < n:
        t = toks[i]
        best = gaz_match(doc, toks, i)
        if not heading and n > 1:
            if has_org:
                org = org_match(doc, toks, i)
                if org is not None and (best is None or org.j > best.j):
                    best = org
            if has_feature:
                geo = geo_match(doc, toks, i)
                if geo is not None and (best is None or geo.j > best.j):
                    best = geo
        person = person_match(doc, toks, i, heading)
        if person is not None and (best is None or person.j > best.j):
            best = person
        if best is None:
            if "-" in t.word or "‐" in t.word:
                _hyphen_parts(doc, t, out)
            elif (name_like(doc, t) or t.word.isupper()) and not (t.initial and t.word in gaz.stop):
                leftovers.append(t)
            i += 1
            continue
        j = best.j
        start, end = toks[i].start, toks[j - 1].end
        if best.rule == "gaz+s":
            end = toks[j - 1].pend
        name = best.name
        if best.rule == "org":
            end, name = complete_org(text, toks, j, start, end, span_end, name)
        elif best.kind == PLACE and not toks[j - 1].poss and named_after(text, end):
            i = j
            continue
        surface = text[start:end]
        out.append(Mention(start, end, surface, name, best.kind))
        if best.kind == ORG and j == n:
            acronym = acronym_after(text, end)
            if acronym and acronym not in gaz.entries:
                doc.acronyms.setdefault(acronym, name)
        i = j


def _hyphen_parts(doc: Doc, tok: Tok, out: list[Mention]) -> None:
    """Mentions for the known parts of a compound such as "China-Russia" or "Xi-Putin"."""
    if any(c.isdigit() for c in tok.word):
        return  # a project or model name: "Sakhalin-2", "Yamal-LNG-2019"
    pos = tok.start
    for part in re.split(r"([-‐])", tok.word):
        if part and part not in "-‐":
            hit = doc.gaz.entries.get(part.replace("’", "'"))
            if hit is not None:
                out.append(Mention(pos, pos + len(part), part, hit[0], hit[1]))
        pos += len(part)


def _find_in_span(doc: Doc, start: int, end: int) -> tuple[list[Mention], list[Tok]]:
    """The mentions of the fact ``text[start:end]`` and its leftovers."""
    found = chunks(doc.text, start, end)
    out: list[Mention] = []
    leftovers: list[Tok] = []
    if not found:
        return out, leftovers
    heading = is_heading(doc.text, start, end, sum(len(c) for c in found))
    stop = doc.gaz.stop
    entries = doc.gaz.entries
    for toks in found:
        if len(toks) == 1:
            w = toks[0].word
            # Fast path: a lone common word ("The", "Although") can only be a gazetteer entry.
            if w in stop and w not in entries:
                continue
        _scan_chunk(doc, toks, heading, out, leftovers, end)
    return out, leftovers


def _person_aliases(doc: Doc, names: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Surname -> full name, and single-word name -> full name it abbreviates (unambiguous)."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split(" ")
        if len(words) < 2:
            continue
        surname = words[0] if family_name_first(doc.gaz, words) else words[-1]
        by_surname[surname].add(name)
    aliases = {s: next(iter(v)) for s, v in by_surname.items() if len(v) == 1}
    merge = {n: aliases[n] for n in names if " " not in n and n in aliases}
    return aliases, merge


def find_entities(text: str, spans: list[tuple[int, int]]) -> list[list[Mention]]:
    """For each ``(start, end)`` span of ``text`` (a fact), the mentions inside it.

    Offsets index ``text`` and ``text[m.start:m.end] == m.text`` for every mention; mentions
    of one span are sorted by start and never overlap.
    """
    gaz = load_gazetteer()
    doc = Doc(text, gaz)
    results: list[list[Mention]] = []
    for start, end in spans:
        mentions, leftovers = _find_in_span(doc, start, end)
        results.append(mentions)
        doc.leftovers.append(leftovers)

    people = {m.name for ms in results for m in ms if m.kind == PERSON}
    aliases, merge = _person_aliases(doc, people)
    for name in people:
        if " " not in name and name not in aliases:
            aliases[name] = name
    if aliases or doc.acronyms:
        for k, leftovers in enumerate(doc.leftovers):
            added = False
            for tok in leftovers:
                w = tok.word
                if w in doc.acronyms:
                    name, kind = doc.acronyms[w], ORG
                elif w in aliases and not tok.word.isupper():
                    name, kind = aliases[w], PERSON
                else:
                    continue
                results[k].append(Mention(tok.start, tok.end, w, name, kind))
                added = True
            if added:
                results[k].sort(key=lambda m: m.start)
    if merge:
        for ms in results:
            for m in ms:
                if m.kind == PERSON and m.name in merge:
                    m.name = merge[m.name]
    return results

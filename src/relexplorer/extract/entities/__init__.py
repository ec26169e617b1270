"""Entities: people, organisations and places mentioned in facts.

A rule-based extractor for the genre (policy articles on international relations); no model.
Precision matters more than recall: a wrong entity in the tree annoys more than a missing one.

How it works, per document (:func:`find_entities`):

1. Capitalised words of each fact form *chunks* (:mod:`.tokens`).
2. Inside a chunk, at each word, candidates are proposed and the longest wins (ties: gazetteer,
   then organisation rule, then geographic features, then person rules): the gazetteer
   (:mod:`.gazetteer`, :mod:`.candidates`), organisations (:mod:`.organisations`), unlisted
   geographic features (:mod:`.places`) and people (:mod:`.people`).
3. After the whole document is read, bare surnames and defined acronyms are resolved and
   single-word names merged into full names (:mod:`.finder`).
"""

from relexplorer.extract.entities.finder import find_entities
from relexplorer.extract.entities.gazetteer import Gazetteer, load_gazetteer

__all__ = ["Gazetteer", "find_entities", "load_gazetteer"]

"""Entities: people, organisations and places mentioned in facts (rule-based, with a gazetteer)."""

from relexplorer.extract.entities.finder import Gazetteer, find_entities, load_gazetteer

__all__ = ["Gazetteer", "find_entities", "load_gazetteer"]

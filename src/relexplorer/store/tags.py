"""The documents' short source tags (``Peace&Dev 2018``, ``CSIS 2022a``), kept until the database
changes; the tags themselves are made by :mod:`relexplorer.sources`."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from relexplorer.sources import SourceTags, TagSource
from relexplorer.sources import source_tags as make_source_tags

if TYPE_CHECKING:
    from relexplorer.store.connection import Store

_TAGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def source_tags(store: Store) -> SourceTags:
    """Each document's short source tag (``Peace&Dev 2018``, ``CSIS 2022a``), by document id."""
    # Tags depend on every document (equal ones get a letter): made once, kept until this
    # connection writes or another commits (known without a scan).
    with store.lock:
        signature = (store.db.conn.total_changes, store.db.execute("PRAGMA data_version").fetchone()[0])
    kept = _TAGS.get(store)
    if kept is None or kept[0] != signature:
        kept = _TAGS[store] = (signature, SourceTags(make_source_tags(TagSource(**r) for r in store.rows(
            "SELECT id, source, author, published, url, title, slug FROM documents"))))
    return kept[1]

"""The filters on the user's notes: ``note:word``, ``tag:name`` and ``has:note``.

Notes are the user's own writing, a few hundred or thousand of them, kept by the fact's span rather
than its id (see :mod:`relexplorer.store.user_data`); they are read once per query and matched here,
by the same rule as the words of a search (a word starting so or of the same stem).
"""

from __future__ import annotations

from relexplorer.stems import TOKEN, fold, matches, stem, token_spans
from relexplorer.store import Store

# Each note with the id of the fact it is on now (a note whose document is gone has none). CROSS
# JOIN fixes the order, from the few notes to their facts: left to itself SQLite read every fact
# (1.5 s at a million facts).
_NOTES = (
    "SELECT f.id AS fact_id, n.text AS text, n.tags AS tags FROM notes n "
    "CROSS JOIN documents d CROSS JOIN fact_spans f WHERE d.sha256 = n.document_sha256 "
    'AND f.document_id = d.id AND f.start = n.start AND f."end" = n."end"'
)


def noted_facts(store: Store, name: str, value: str) -> list[int]:
    """Ids of the facts whose note matches ``note:value``, ``tag:value`` or ``has:note``."""
    notes = store.rows(_NOTES)
    if name == "has":
        return [n["fact_id"] for n in notes]
    if name == "tag":
        wanted = value.lstrip("#").lower()
        tags = {tag for n in notes for tag in n["tags"].split()}
        # The exact tag when there is one (tag:risk is not also #riskier), else tags starting so.
        chosen = {wanted} if wanted in tags else {t for t in tags if t.startswith(wanted)}
        return [n["fact_id"] for n in notes if chosen & set(n["tags"].split())]
    typed = [fold(t) for t in TOKEN.findall(value)]
    found = []
    for note in notes:
        words = {w for _, _, w in token_spans(note["text"])}
        if all(any(matches(t, stem(t), w) for w in words) for t in typed):
            found.append(note["fact_id"])
    return found

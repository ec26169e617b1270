"""The Datasette metadata that ``relexplorer serve`` ships, generated from the database's schema.

Every table, view and column present in the file gets its description (``descriptions.py``);
the facts view is searched through ``facts_fts``; foreign keys show titles and names; the common
facets are on; the canned queries of ``store/canned_queries.py`` are
offered on the database page. Only what exists in the file is configured, so an older or newer
schema never gets a facet or a label on a missing column.
"""

from __future__ import annotations

from relexplorer.serve.descriptions import TABLES
from relexplorer.store import Store
from relexplorer.store.canned_queries import CANNED_QUERIES

TITLE = "relexplorer"
DESCRIPTION = (
    "Facts and figures from policy and think-tank articles, extracted by relexplorer. Start with "
    "the facts view and its search box, a canned query below, or the figures table."
)
# The column Datasette shows for a row that a foreign key points to.
LABELS = {"documents": "title", "sections": "heading", "topics": "label", "entities": "name",
          "speakers": "name"}
# Facets shown on each page (a facet is a count of the rows shown by value of a column).
FACETS: dict[str, list] = {
    "facts": ["document", "section", {"array": "topics"}],
    "figures": ["kind", "unit", "document_id"],
    "documents": ["source", "format"],
    "sections": ["document_id"],
    "entities": ["kind"],
    "speakers": ["kind"],
    "fact_entities": ["entity_id"],
    "fact_topics": ["topic_id"],
    "fact_speakers": ["speaker_id"],
}
SEARCH = {"facts": {"fts_table": "facts_fts", "fts_pk": "id"}}
# Datasette settings: suggested facets try every column of every page shown; at a million facts
# that is over a second per page of the facts view (measured), and FACETS already offers the
# useful ones.
SETTINGS = {"suggest_facets": False}


def schema_columns(store: Store) -> dict[str, list[str]]:
    """The tables and views of the database with their columns, FTS5 shadow tables left out."""
    db = store.db
    fts = db.table_names(fts5=True)
    names = [name for name in db.table_names() + db.view_names()
             if not any(name.startswith(f"{index}_") for index in fts)]
    return {name: [column.name for column in db[name].columns] for name in names}


def build_metadata(store: Store, database: str) -> dict:
    """Datasette metadata for ``store`` served under the name ``database``."""
    columns = schema_columns(store)
    tables = {name: _table(name, cols, columns) for name, cols in columns.items()}
    queries = {
        q.name: {"title": q.title, "description": q.description, "sql": q.sql, "params": list(q.params)}
        for q in CANNED_QUERIES
    }
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {database: {"description": DESCRIPTION, "tables": tables, "queries": queries}},
    }


def _table(name: str, cols: list[str], schema: dict[str, list[str]]) -> dict:
    description, column_descriptions = TABLES.get(name, ("", {}))
    table: dict = {}
    if description:
        table["description"] = description
    described = {c: column_descriptions[c] for c in cols if c in column_descriptions}
    if described:
        table["columns"] = described
    if LABELS.get(name) in cols:
        table["label_column"] = LABELS[name]
    facets = [f for f in FACETS.get(name, []) if _facet_column(f) in cols]
    if facets:
        table["facets"] = facets
    search = SEARCH.get(name)
    if search and search["fts_table"] in schema and search["fts_pk"] in cols:
        table.update(search)
    return table


def _facet_column(facet: str | dict) -> str:
    return facet if isinstance(facet, str) else next(iter(facet.values()))

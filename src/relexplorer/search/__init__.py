"""Search: the query syntax, compiled to SQL over the store, a page of results at a time."""

from relexplorer.search.core import (
    COUNT_CAP,
    ENTITY_FIELDS,
    ID_FIELDS,
    MAX_QUERY_LENGTH,
    NUMERIC_FIELDS,
    TEXT_FIELDS,
    Query,
    SearchResult,
    Term,
    build_sql,
    fact_detail,
    fact_rows,
    fts_expression,
    highlight_spans,
    parse_number,
    parse_query,
    search,
    section_path,
)

__all__ = ["COUNT_CAP", "ENTITY_FIELDS", "MAX_QUERY_LENGTH", "NUMERIC_FIELDS", "TEXT_FIELDS", "ID_FIELDS", "Query", "SearchResult", "Term", "build_sql", "fact_detail", "fact_rows",
           "fts_expression", "highlight_spans", "parse_number", "parse_query", "search", "section_path"]

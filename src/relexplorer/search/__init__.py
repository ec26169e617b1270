"""Search: the query syntax (``syntax``), compiled to SQL (``filters``, ``sql``), run a page at a
time (``run``), with the figures of the matching facts (``figures``) and the spans to highlight
(``highlight``)."""

from relexplorer.search.figures import matching_figures
from relexplorer.search.highlight import highlight_spans
from relexplorer.search.run import SearchResult, matching_ids, position_of, search
from relexplorer.search.sql import build_sql, fts_expression
from relexplorer.search.syntax import (
    COUNT_CAP,
    ENTITY_FIELDS,
    ID_FIELDS,
    MAX_QUERY_LENGTH,
    NUMERIC_FIELDS,
    TEXT_FIELDS,
    Group,
    Query,
    Term,
    parse_number,
    parse_query,
)

__all__ = ["COUNT_CAP", "ENTITY_FIELDS", "ID_FIELDS", "MAX_QUERY_LENGTH", "NUMERIC_FIELDS", "TEXT_FIELDS",
           "Group", "Query", "SearchResult", "Term", "build_sql", "fts_expression", "highlight_spans", "matching_figures",
           "matching_ids", "parse_number", "parse_query", "position_of", "search"]

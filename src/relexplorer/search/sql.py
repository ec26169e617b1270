"""SQL: a parsed query compiled to one statement selecting the ids of matching facts.

When a conjunction has words, FTS5 drives and streams its rows in id order, so that a page and a
capped count stop early; filters that keep many facts are tested per candidate, filters that keep
few are listed once. A typed word becomes the index's prefix query OR the words of the same stem
(:mod:`relexplorer.stems`), so ``gas`` finds "gases" and never "gain". ``OR`` groups of words go
into the one MATCH expression; a group with a filter in it is spread out (``(a OR topic:x) b`` is
``a b`` UNION ``topic:x b``), each part driven the same way, and SQLite merges the parts in id
order, still stopping early.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from relexplorer.errors import QueryError
from relexplorer.search.filters import _Filter, _filters
from relexplorer.search.syntax import Group, Query, Term
from relexplorer.stems import stem
from relexplorer.store import Store

# A query with more combinations than this (three groups of four alternatives with filters in
# them already make 64) is refused rather than run as a union of that many statements.
MAX_UNION = 32
# The most words of one stem a typed word brings in (the longest lists are under twenty).
MAX_SIBLINGS = 64
# How the statement's ids are ordered: document order. Callers append it (with a LIMIT).
ORDER = " ORDER BY id"


def _quote(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def fts_expression(terms: list[Term] | Query) -> str:
    """The plain FTS5 MATCH expression of the words (tokens quoted, words as prefixes), without the
    words of the same stem: what a simple front end would send (the benchmark's baseline)."""
    query = terms if isinstance(terms, Query) else Query(terms=list(terms))
    return _conjunction_expression(query, None) or ""


@dataclass(slots=True)
class _Context:
    """What compiling one query needs: the store (for stems and estimates) and its choices."""

    store: Store
    marked_ids: set[int] | None
    count_cap: int
    plan: bool
    siblings: dict[str, list[str]] = field(default_factory=dict)
    _threshold: int | None = None

    def words_of_stem(self, word: str) -> list[str]:
        """The words of the index that share the stem of ``word`` (itself included if there)."""
        if word not in self.siblings:
            rows = self.store.rows("SELECT word FROM words WHERE stem = ? LIMIT ?", [stem(word), MAX_SIBLINGS])
            self.siblings[word] = [r["word"] for r in rows]
        return self.siblings[word]

    def threshold(self) -> int:
        if self._threshold is None:
            self._threshold = _dense_threshold(self.store, self.count_cap)
        return self._threshold


def _term_expression(term: Term, ctx: _Context | None) -> str:
    quoted = _quote(term.tokens)
    if term.phrase:
        return quoted + ("*" if term.prefix and not term.negated else "")
    word = term.tokens[0]
    if term.negated:
        # An exclusion leaves out the word and its stem, not every word starting so: "-r" while
        # typing "-russia" would empty the list.
        same = [w for w in (ctx.words_of_stem(word) if ctx else []) if w != word]
        return "(" + " OR ".join([quoted, *(_quote([w]) for w in same)]) + ")" if same else quoted
    same = [w for w in (ctx.words_of_stem(word) if ctx else []) if not w.startswith(word)]
    if not same:
        return quoted + "*"
    return "(" + " OR ".join([quoted + "*", *(_quote([w]) for w in same)]) + ")"


def _foldable(group: Group) -> bool:
    """True when FTS5 alone can answer the group: words only, each side with a word to find."""
    return all(_words_only(alternative) for alternative in group.alternatives)


def _words_only(query: Query) -> bool:
    if query.filters or query.comparisons or not all(_foldable(g) for g in query.groups):
        return False
    return any(not t.negated for t in query.terms) or any(not g.negated for g in query.groups)


def _group_expression(group: Group, ctx: _Context | None) -> str:
    return " OR ".join(f"({_conjunction_expression(a, ctx)})" for a in group.alternatives)


def _conjunction_expression(query: Query, ctx: _Context | None) -> str | None:
    """The MATCH expression of a conjunction's words and word groups; None without a word to find."""
    positives = [_term_expression(t, ctx) for t in query.terms if not t.negated]
    negatives = [_term_expression(t, ctx) for t in query.terms if t.negated]
    for group in query.groups:
        if _foldable(group):
            (negatives if group.negated else positives).append(f"({_group_expression(group, ctx)})")
    if not positives:
        return None
    expression = " AND ".join(positives)
    for negative in negatives:
        expression = f"({expression}) NOT {negative}"
    return expression


def _negative_expression(query: Query, ctx: _Context) -> str | None:
    """The words a conjunction without a word to find leaves out, as one MATCH expression."""
    negatives = [_term_expression(t, ctx) for t in query.terms if t.negated]
    negatives += [f"({_group_expression(g, ctx)})" for g in query.groups if g.negated and _foldable(g)]
    return " OR ".join(negatives) or None


def _dense_threshold(store: Store, count_cap: int) -> int:
    """Above this many facts a filter is tested fact by fact instead of listed in full.

    Listing costs about one step per fact the filter keeps; testing costs one step per
    candidate read until ``count_cap`` hits are found, about ``cap * total / kept``. They cross
    near ``sqrt(cap * total)``.
    """
    total = store.rows("SELECT coalesce(max(id), 0) AS n FROM facts")[0]["n"]
    return max(2_000, int((max(count_cap, 50) * max(total, 1)) ** 0.5))


def _is_dense(store: Store, flt: _Filter, threshold: int) -> bool:
    if flt.estimate_sql is None:
        return False
    params = list(flt.estimate_params)
    if flt.estimate_sql.endswith("LIMIT ?)"):
        params.append(threshold + 1)
    try:
        rows = store.rows(flt.estimate_sql, params)
    except sqlite3.DatabaseError:  # an estimate is only a hint: it must never fail a search
        return False
    return bool(rows) and (list(rows[0].values())[0] or 0) > threshold


_FTS_OUTER = ("SELECT f.id FROM (", ") AS f")


def build_sql(
    query: Query,
    store: Store,
    *,
    marked_ids: set[int] | None = None,
    count_cap: int = 1000,
    plan: bool = True,
) -> tuple[str, list, bool]:
    """``(sql, params, uses_fts)`` selecting the ids of matching facts as ``id``.

    Append :data:`ORDER` (document order) and a LIMIT; the result is also usable as a subquery
    (``... WHERE id = ?``). ``uses_fts`` says that it is one FTS5 query that can be ranked. With
    ``plan``, filters that keep many facts are tested per candidate and filters that keep few
    are listed once (see :func:`_dense_threshold`); without it every filter is listed.
    """
    ctx = _Context(store, marked_ids, count_cap, plan)
    parts = _expand(query)
    if len(parts) == 1:
        return _conjunction_sql(parts[0], ctx)
    statements, params = [], []
    for part in parts:
        sql, part_params, _ = _conjunction_sql(part, ctx)
        statements.append(sql)
        params += part_params
    return " UNION ".join(statements), params, False


def _expand(query: Query) -> list[Query]:
    """The query as a union of conjunctions whose groups FTS5 can answer alone (or excluded)."""
    for i, group in enumerate(query.groups):
        if group.negated or _foldable(group):
            continue
        out: list[Query] = []
        for alternative in group.alternatives:
            merged = Query(
                terms=query.terms + alternative.terms,
                filters=query.filters + alternative.filters,
                comparisons=query.comparisons + alternative.comparisons,
                groups=query.groups[:i] + query.groups[i + 1 :] + alternative.groups,
            )
            out += _expand(merged)
            if len(out) > MAX_UNION:
                raise QueryError(f"too many OR combinations with filters (more than {MAX_UNION}); "
                                 "group fewer alternatives")
        return out
    return [query]


def _conjunction_sql(query: Query, ctx: _Context) -> tuple[str, list, bool]:
    """One conjunction (no group left but word groups and exclusions) as an id-selecting statement."""
    expression = _conjunction_expression(query, ctx)
    uses_fts = expression is not None
    filters = _filters(query, ctx.store, ctx.marked_ids)
    candidate = "facts_fts.rowid" if uses_fts else "f.id"
    params: list = []
    clauses: list[str] = []
    if uses_fts:
        clauses.append("facts_fts MATCH ?")
        params.append(expression)
    elif (negative := _negative_expression(query, ctx)) is not None:
        clauses.append("f.id NOT IN (SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?)")
        params.append(negative)
    for flt in filters:
        if ctx.plan and _is_dense(ctx.store, flt, ctx.threshold()):
            clauses.append(flt.exists_sql.format(id=candidate))
            params += flt.params if flt.exists_params is None else flt.exists_params
            continue
        # The unary + keeps SQLite from probing FTS5 once per listed id: FTS5 streams, the list
        # is looked up.
        clauses.append(f"{'+' if uses_fts else ''}{candidate} IN ({flt.ids_sql})")
        params += flt.params
    for group in query.groups:
        if group.negated and not _foldable(group):
            # An exclusion with a filter in it: what it would find, listed once and left out.
            sql, group_params, _ = build_sql(Query(groups=[Group(group.alternatives)]), ctx.store,
                                             marked_ids=ctx.marked_ids, count_cap=ctx.count_cap, plan=False)
            clauses.append(f"{'+' if uses_fts else ''}{candidate} NOT IN (SELECT id FROM ({sql}))")
            params += group_params
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    if uses_fts:
        # Flattened by SQLite: ORDER BY id becomes FTS5's own rowid order.
        sql = f"{_FTS_OUTER[0]}SELECT facts_fts.rowid AS id FROM facts_fts{where}{_FTS_OUTER[1]}"
    else:
        sql = f"SELECT f.id FROM facts f{where}"
    return sql, params, uses_fts

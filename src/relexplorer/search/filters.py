"""Filters: each field filter of a query as SQL over the store, listed or tested per fact.

A filter selects a set of fact ids. It can be *listed* (``ids_sql``: every fact it keeps) or
*tested* for one candidate fact (``exists_sql``); :mod:`relexplorer.search.sql` picks one by
how many facts the filter keeps (``estimate_sql``). Figure filters of one conjunction (kind,
unit, value, kind comparisons) are combined so that they hold for the same figure. ``speaker:``
reads ``speakers``/``fact_speakers`` (``speaker:author``: facts no one else says); the filters on
notes are worked out by :mod:`relexplorer.search.notes` and listed by id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from relexplorer.search.notes import noted_facts
from relexplorer.search.syntax import ENTITY_FIELDS, ID_FIELDS, NOTE_FIELDS, Query
from relexplorer.store import Store


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")



@dataclass(slots=True)
class _Filter:
    """One filter as a set of fact ids: ``ids_sql`` selects them, ``exists_sql`` tests one.

    ``exists_sql`` has ``{id}`` where the candidate fact id goes. ``estimate_sql`` counts
    (roughly, from kept counters or a bounded index probe) how many facts the filter keeps.
    """

    ids_sql: str
    exists_sql: str
    params: list
    estimate_sql: str | None = None
    estimate_params: list = field(default_factory=list)
    exists_params: list | None = None  # when they differ from ``params``


def _figure_filter(conditions: list[str], params: list) -> _Filter:
    where = " AND ".join(conditions)
    listed, listed_params = where, params
    if not any(c.startswith(("g.kind", "g.unit")) for c in conditions):
        # Lets the (kind, value) index serve a bare value comparison: one range per kind. (With
        # a unit, its own index is better: SQLite would otherwise take this one and scan.)
        listed = f"g.kind IN (SELECT kind FROM figure_kinds) AND {where}"
    return _Filter(
        f"SELECT g.fact_id FROM figures g WHERE {listed}",
        # Named index: otherwise SQLite may pick (kind, value) and scan a range per candidate.
        f"EXISTS (SELECT 1 FROM figures g INDEXED BY figures_fact WHERE g.fact_id = {{id}} AND {where})",
        listed_params,
        f"SELECT count(*) FROM (SELECT 1 FROM figures g WHERE {listed} LIMIT ?)",
        listed_params,
        params,
    )


def _year_filter(year: int) -> _Filter:
    """Facts with a date figure covering ``year`` (a year, or a range such as 2018 to 2022)."""
    # Two index ranges instead of "value <= year", which reads every earlier date: the dates
    # of that year on (kind, value), and the ranges that reach it on the (covering, partial)
    # index of date ranges.
    listed = ("SELECT g.fact_id FROM figures g WHERE g.kind = 'date' AND g.value = ? "
              "AND coalesce(g.end_value, g.value) >= ? "
              "UNION ALL SELECT g.fact_id FROM figures g INDEXED BY figures_date_range "
              "WHERE g.kind = 'date' AND g.end_value IS NOT NULL AND g.end_value >= ? AND g.value < ?")
    listed_params = [year, year, year, year]
    return _Filter(
        listed,
        "EXISTS (SELECT 1 FROM figures g INDEXED BY figures_fact WHERE g.fact_id = {id} "
        "AND g.kind = 'date' AND g.value <= ? AND coalesce(g.end_value, g.value) >= ?)",
        listed_params,
        f"SELECT count(*) FROM ({listed} LIMIT ?)",
        listed_params,
        [year, year],
    )


def _fact_column_filter(column: str, subquery: str, params: list, estimate_sql: str | None = None) -> _Filter:
    return _Filter(
        f"SELECT x.id FROM facts x WHERE x.{column} IN ({subquery})",
        f"EXISTS (SELECT 1 FROM facts x WHERE x.id = {{id}} AND x.{column} IN ({subquery}))",
        params,
        estimate_sql,
        params if estimate_sql else [],
    )


def _id_filter(name: str, row_id: int) -> _Filter:
    """The exact filters the explorer's tree adds (see ID_FIELDS): one row, by id."""
    if name == "document_id":
        return _fact_column_filter("document_id", "SELECT ?", [row_id],
                                   "SELECT fact_count FROM documents WHERE id = ?")
    if name == "section_id":
        # A section includes its subsections, however deep.
        sections = ("WITH RECURSIVE sub(id) AS (SELECT ? UNION "
                    "SELECT s.id FROM sections s JOIN sub ON s.parent_id = sub.id) SELECT id FROM sub")
        return _fact_column_filter("section_id", sections, [row_id],
                                   f"SELECT coalesce(sum(fact_count), 0) FROM sections WHERE id IN ({sections})")
    table, column, counts = {
        "topic_id": ("fact_topics", "topic_id", "topics"),
        "entity_id": ("fact_entities", "entity_id", "entities"),
    }[name]
    return _Filter(
        f"SELECT x.fact_id FROM {table} x WHERE x.{column} = ?",
        f"EXISTS (SELECT 1 FROM {table} x WHERE x.fact_id = {{id}} AND x.{column} = ?)",
        [row_id],
        f"SELECT fact_count FROM {counts} WHERE id = ?",
        [row_id],
    )


def _topic_filter(value: str) -> _Filter:
    params = [_like(value) + "%", _like(value) + "%"]
    topics = "SELECT t.id FROM topics t WHERE t.name LIKE ? ESCAPE '\\' OR t.label LIKE ? ESCAPE '\\'"
    return _Filter(
        f"SELECT ft.fact_id FROM fact_topics ft WHERE ft.topic_id IN ({topics})",
        f"EXISTS (SELECT 1 FROM fact_topics ft INDEXED BY fact_topics_fact "
        f"WHERE ft.fact_id = {{id}} AND ft.topic_id IN ({topics}))",
        params,
        "SELECT coalesce(sum(t.fact_count), 0) FROM topics t "
        "WHERE t.name LIKE ? ESCAPE '\\' OR t.label LIKE ? ESCAPE '\\'",
        params,
    )


def _named(table: str, kind: str | None, value: str) -> tuple[str, list]:
    """Ids of the rows of ``table`` (entities, speakers) named ``value``: the exact name when there
    is one (place:China is not "South China Sea"), else any name with a word starting so
    (person:putin finds "Vladimir Putin")."""
    # "x.kind = ?", not "x.kind = e.kind": uncorrelated, SQLite tests it once instead of scanning
    # every entity for every entity (person:putin took 3 s at 5,000 people).
    same_kind = " AND x.kind = ?" if kind else ""
    rows = (
        f"SELECT e.id FROM {table} e WHERE (e.name = ? COLLATE NOCASE OR ("
        f"NOT EXISTS (SELECT 1 FROM {table} x WHERE x.name = ? COLLATE NOCASE{same_kind}) "
        "AND (e.name LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\')))"
    )
    params: list = [value, value, *([kind] if kind else []), _like(value) + "%", "% " + _like(value) + "%"]
    if kind:
        rows += " AND e.kind = ?"
        params.append(kind)
    return rows, params


def _entity_filter(kind: str | None, value: str) -> _Filter:
    entities, params = _named("entities", kind, value)
    return _Filter(
        f"SELECT fe.fact_id FROM fact_entities fe WHERE fe.entity_id IN ({entities})",
        f"EXISTS (SELECT 1 FROM fact_entities fe INDEXED BY fact_entities_fact "
        f"WHERE fe.fact_id = {{id}} AND fe.entity_id IN ({entities}))",
        params,
        "SELECT coalesce(sum(e.fact_count), 0) FROM entities e WHERE e.id IN (" + entities + ")",
        params,
    )


def _speaker_filter(value: str) -> _Filter:
    """Facts said by someone named so (the rules of person:), or, for ``author``, by no one else."""
    if value.lower() == "author":
        said = "EXISTS (SELECT 1 FROM fact_speakers fs INDEXED BY fact_speakers_fact WHERE fs.fact_id = {id})"
        return _Filter(
            "SELECT x.id FROM fact_spans x WHERE NOT " + said.format(id="x.id"),
            "NOT " + said,
            [],
            # Most facts are the author's: tested per candidate unless others say nearly all.
            "SELECT (SELECT coalesce(max(id), 0) FROM fact_spans) "
            "- (SELECT coalesce(sum(fact_count), 0) FROM speakers)",
        )
    speakers, params = _named("speakers", None, value)
    return _Filter(
        f"SELECT fs.fact_id FROM fact_speakers fs WHERE fs.speaker_id IN ({speakers})",
        f"EXISTS (SELECT 1 FROM fact_speakers fs INDEXED BY fact_speakers_fact "
        f"WHERE fs.fact_id = {{id}} AND fs.speaker_id IN ({speakers}))",
        params,
        "SELECT coalesce(sum(e.fact_count), 0) FROM speakers e WHERE e.id IN (" + speakers + ")",
        params,
    )


def _section_filter(value: str) -> _Filter:
    if "." in value.strip("."):
        # A dotted path such as I.A: the subsection A of section I.
        parent_label, label = value.strip(".").rsplit(".", 1)
        sections = ("SELECT s.id FROM sections s JOIN sections p ON p.id = s.parent_id "
                    "WHERE s.label = ? COLLATE NOCASE AND p.label = ? COLLATE NOCASE")
        params = [label, parent_label.rsplit(".", 1)[-1]]
    else:
        value = value.rstrip(".")
        # A label (I, A, 2) matches labels only: section:I is not "Cooperation In ...".
        by_heading = len(value) >= 3 and not value.isdigit()
        sections = ("SELECT s.id FROM sections s WHERE s.label = ? COLLATE NOCASE "
                    "OR (? AND (s.heading LIKE ? ESCAPE '\\' OR s.heading LIKE ? ESCAPE '\\')) "
                    "OR s.parent_id IN (SELECT p.id FROM sections p WHERE p.label = ? COLLATE NOCASE)")
        params = [value, int(by_heading), _like(value) + "%", "% " + _like(value) + "%", value]
    return _fact_column_filter("section_id", sections, params,
                               f"SELECT coalesce(sum(fact_count), 0) FROM sections WHERE id IN ({sections})")


def _document_filter(value: str) -> _Filter:
    # A range on the slug index: LIKE would read every (large) document row.
    prefix = value.lower()
    # The exact slug when there is one (doc:x is not also x-2), else a slug prefix.
    docs = ("SELECT d.id FROM documents d WHERE d.slug = ? OR ("
            "NOT EXISTS (SELECT 1 FROM documents x WHERE x.slug = ?) AND d.slug >= ? AND d.slug < ?)")
    return _fact_column_filter(
        "document_id", docs, [prefix, prefix, prefix, prefix + "\U0010ffff"],
        # Documents hold about a hundred facts; their kept counts sit behind the text.
        f"SELECT count(*) * 100 FROM ({docs})")


def _listed_filter(ids: Iterable[int]) -> _Filter:
    """The facts of a list of ids worked out beforehand (marked facts, facts with a note)."""
    listed = "[" + ",".join(map(str, sorted(set(ids)))) + "]"
    return _Filter("SELECT value FROM json_each(?)", "{id} IN (SELECT value FROM json_each(?))", [listed])


def _filters(query: Query, store: Store, marked_ids: set[int] | None) -> list[_Filter]:
    """The query's filters, figure conditions merged into one filter on the same figure."""
    out: list[_Filter] = []
    figure_conditions: list[str] = []
    figure_params: list = []
    for name, value in query.filters:
        if name == "topic":
            out.append(_topic_filter(value))
        elif name in ENTITY_FIELDS:
            out.append(_entity_filter(ENTITY_FIELDS[name], value))
        elif name == "section":
            out.append(_section_filter(value))
        elif name == "doc":
            out.append(_document_filter(value))
        elif name == "year":
            out.append(_year_filter(int(value)))
        elif name == "kind":
            figure_conditions.append("g.kind = ?")
            figure_params.append(value)
        elif name == "unit":
            figure_conditions.append("g.unit = ? COLLATE NOCASE")
            figure_params.append(value)
        elif name in ID_FIELDS:
            out.append(_id_filter(name, int(value)))
        elif name == "is":
            out.append(_listed_filter(marked_ids or ()))
        elif name == "speaker":
            out.append(_speaker_filter(value))
        elif name in NOTE_FIELDS:
            out.append(_listed_filter(noted_facts(store, name, value)))
    for name, op, number in query.comparisons:
        if name == "year":
            out.append(_figure_filter(["g.kind = 'date'", f"g.value {op} ?"], [number]))
            continue
        if name != "value":
            figure_conditions.append("g.kind = ?")
            figure_params.append(name)
        figure_conditions.append(f"g.value {op} ?")
        figure_params.append(number)
    if figure_conditions:
        out.append(_figure_filter(figure_conditions, figure_params))
    return out

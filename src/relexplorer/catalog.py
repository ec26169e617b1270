"""Catalog: every read the shells need besides a search, as typed records.

Facts by id with their sections, themes and figures (:func:`fact_rows`), one fact in full
(:func:`fact_detail`), the documents with their sections, the kept counts of themes, entities
and figure kinds, and the explorer's tree. SQL lives here, in :mod:`relexplorer.store` and in
:mod:`relexplorer.search`, never in the CLI or the explorer.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from relexplorer.model import (
    DocumentRef,
    FactDetail,
    FactHit,
    Passage,
    SectionRef,
    Series,
    SeriesPoint,
    StoredFigure,
    StoredMention,
    StoredNote,
    StoredSpeaker,
)
from relexplorer.store import Store

# The reading view's reads live with the store (this module would pass its size limit); the
# shells take them from here like every other read.
from relexplorer.store.reading import (  # noqa: F401
    ReadingDocument,
    ReadingSpans,
    fact_span,
    next_fact,
    reading_document,
    reading_spans,
)
from relexplorer.store.tags import (
    source_tags,  # the documents' short source tags, for the shells too
)
from relexplorer.store.user_data import edit_key

# Columns of a figure row, in StoredFigure's order.
FIGURE_COLUMNS = ('g.id, g.fact_id, d.slug, g.text, g.start, g."end", g.value, g.end_value, g.unit, g.kind, '
                  "g.label, g.year, g.end_year, g.period_source, g.series, g.subject")


@dataclass(slots=True)
class Counts:
    """What the database holds (from kept counters: cheap at any size)."""

    documents: int
    facts: int
    figures: int
    entities: int
    marks: int


@dataclass(slots=True)
class SectionSummary:
    """A section with its kept fact count (``facts``: its own, not its subsections')."""

    id: int
    document_id: int
    parent_id: int | None
    label: str
    heading: str
    level: int
    start: int
    end: int
    facts: int


@dataclass(slots=True)
class DocumentSummary:
    """A stored document's metadata, counts and sections (``text`` only when asked for)."""

    id: int
    slug: str
    title: str
    author: str
    editor: str
    published: str
    source: str
    path: str
    url: str
    origin: str
    format: str
    sha256: str
    ingested_at: str
    facts: int
    figures: int
    sections: list[SectionSummary] = field(default_factory=list)
    text: str | None = None


@dataclass(slots=True)
class NamedCount:
    """A theme, an entity or a figure kind with the number of facts it is found in.

    ``id`` is the row id (0 for figure kinds), ``name`` the key (theme name, entity name or
    kind), ``label`` what people read (the theme's label; the name otherwise).
    """

    id: int
    name: str
    label: str
    kind: str
    facts: int


# --- facts ----------------------------------------------------------------------------------------


def fact_exists(store: Store, fact_id: int) -> bool:
    """True when a fact with this id is stored."""
    return bool(store.rows("SELECT 1 AS ok FROM fact_spans WHERE id = ?", [fact_id]))


def existing_fact_ids(store: Store, ids: list[int]) -> set[int]:
    """Those of ``ids`` that name stored facts."""
    found: set[int] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        found |= {r["id"] for r in store.rows(
            f"SELECT id FROM fact_spans WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
    return found


def fact_rows(store: Store, ids: list[int]) -> list[FactHit]:
    """Facts by id, in the given order, with their section path, themes and figures.

    Facts of a document whose row cannot be read (a damaged page) are left out.
    """
    if not ids:
        return []
    placeholders = ",".join("?" * len(ids))
    rows = store.rows(
        f'SELECT f.id, f.document_id, d.slug AS document, d.title, f.section_id, f.start, f."end", '
        f"f.paragraph_id, f.position, f.page FROM fact_spans f JOIN documents d ON d.id = f.document_id "
        f"WHERE f.id IN ({placeholders})",
        ids,
    )
    texts = _document_texts(store, {r["document_id"] for r in rows})
    sections = _sections_of(store, set(texts))
    tags = source_tags(store)
    hits: dict[int, FactHit] = {}
    for r in rows:
        text = texts.get(r["document_id"])
        if text is None:
            continue
        hits[r["id"]] = FactHit(
            id=r["id"], document_id=r["document_id"], document=r["document"],
            text=text[r["start"] : r["end"]], start=r["start"], end=r["end"],
            paragraph_id=r["paragraph_id"], position=r["position"], page=r["page"],
            section_path=_path(sections, r["section_id"]), source_tag=tags.get(r["document_id"], ""),
            document_title=r["title"],
        )
    for t in store.rows(
        f"SELECT ft.fact_id, t.name FROM fact_topics ft JOIN topics t ON t.id = ft.topic_id "
        f"WHERE ft.fact_id IN ({placeholders}) ORDER BY t.name",
        ids,
    ):
        if t["fact_id"] in hits:
            hits[t["fact_id"]].topics.append(t["name"])
    for figure in _figures(store, f"g.fact_id IN ({placeholders})", ids, "g.start"):
        if figure.fact_id in hits:
            hits[figure.fact_id].figures.append(figure)
    for r in store.rows(
        "SELECT fs.fact_id, s.name, s.kind, fs.cue_start, fs.cue_end FROM fact_speakers fs "
        f"JOIN speakers s ON s.id = fs.speaker_id WHERE fs.fact_id IN ({placeholders}) ORDER BY fs.cue_start",
        ids,
    ):
        hit = hits.get(r["fact_id"])
        if hit is not None:
            text = texts[hit.document_id]
            hit.speakers.append(StoredSpeaker(r["name"], r["kind"], r["cue_start"], r["cue_end"],
                                              text[r["cue_start"] : r["cue_end"]]))
    return [hits[i] for i in ids if i in hits]


def _document_texts(store: Store, document_ids: set[int]) -> dict[int, str]:
    # Each document's text is read once and its facts cut from it: through the facts view every
    # fact would read its whole document again (50 facts of a 20 MB report: 1 GB).
    texts: dict[int, str] = {}
    for document_id in document_ids:
        try:
            texts[document_id] = store.rows("SELECT text FROM documents WHERE id = ?", [document_id])[0]["text"]
        except (sqlite3.DatabaseError, IndexError):  # a damaged page: its facts are skipped
            continue
    return texts


def _sections_of(store: Store, document_ids: set[int]) -> dict[int, SectionRef]:
    if not document_ids:
        return {}
    ids = sorted(document_ids)
    return {r["id"]: SectionRef(r["id"], r["parent_id"], r["label"], r["heading"], r["level"])
            for r in store.rows(
                "SELECT id, parent_id, label, heading, level FROM sections "
                f"WHERE document_id IN ({','.join('?' * len(ids))})", ids)}


def _path(sections: dict[int, SectionRef], section_id: int | None) -> list[SectionRef]:
    """The sections from the top level down to ``section_id``."""
    chain: list[SectionRef] = []
    seen: set[int] = set()
    while section_id is not None and section_id in sections and section_id not in seen:
        seen.add(section_id)
        chain.append(sections[section_id])
        section_id = sections[section_id].parent_id
    return list(reversed(chain))


def fact_detail(store: Store, fact_id: int) -> FactDetail | None:
    """Everything the detail and quote panes and the exports show for one fact."""
    rows = fact_rows(store, [fact_id])
    if not rows:
        return None
    hit = rows[0]
    detail = FactDetail(**{name: getattr(hit, name) for name in FactHit.__dataclass_fields__})
    detail.entities = [StoredMention(r["name"], r["kind"], r["text"], r["start"], r["end"]) for r in store.rows(
        'SELECT e.name, e.kind, fe.text, fe.start, fe."end" FROM fact_entities fe '
        "JOIN entities e ON e.id = fe.entity_id WHERE fe.fact_id = ? ORDER BY fe.start",
        [fact_id],
    )]
    doc = store.rows(
        "SELECT id, slug, title, author, editor, published, source, path, url, origin, format, sha256 "
        "FROM documents WHERE id = ?",
        [hit.document_id],
    )[0]
    sha256 = doc.pop("sha256")
    detail.doc = DocumentRef(**doc)
    note = store.rows('SELECT text, tags, updated_at FROM notes WHERE document_sha256 = ? AND start = ? '
                      'AND "end" = ?', [sha256, hit.start, hit.end])
    if note:
        detail.note = StoredNote(note[0]["text"], note[0]["tags"].split(), note[0]["updated_at"])
    paragraph = store.rows(
        'SELECT p.start, p."end", substr(d.text, p.start + 1, p."end" - p.start) AS text '
        "FROM paragraphs p JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
        [hit.paragraph_id],
    )
    detail.paragraph = Passage(**paragraph[0]) if paragraph else Passage(hit.start, hit.end, hit.text)
    return detail


def fact_details(store: Store, ids: list[int]) -> list[FactDetail]:
    """:func:`fact_detail` of each id, in order, skipping facts that are gone."""
    return [d for d in (fact_detail(store, i) for i in ids) if d is not None]


# --- figures ------------------------------------------------------------------------------------


def _figures(store: Store, where: str, params: list, order: str, limit: int | None = None) -> list[StoredFigure]:
    sql = (f"SELECT {FIGURE_COLUMNS}, g.document_id FROM figures g JOIN documents d ON d.id = g.document_id "
           f"WHERE {where} ORDER BY {order}")
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    tags = source_tags(store)
    with store.lock:
        return [StoredFigure(*row[:-1], source_tag=tags.get(row[-1], ""))
                for row in store.db.execute(sql, params).fetchall()]


def figures_where(store: Store, where: str, params: list, *, order: str = "g.document_id, g.start",
                  limit: int | None = None) -> list[StoredFigure]:
    """Figures whose row matches ``where`` (SQL over ``figures g``, from the search layer)."""
    return _figures(store, where, params, order, limit)


# --- series ---------------------------------------------------------------------------------------

# The most figures of one series read at a time: enough for a table by year and source.
SERIES_POINTS_MAX = 500


def series_by_keys(store: Store, keys: list[str], *, limit: int = SERIES_POINTS_MAX) -> list[Series]:
    """The series of ``keys`` (in that order), each with its figures in year order (those without
    a year last) and its conflicts marked (:mod:`relexplorer.series`); unknown keys are left out.

    A series holds at most ``limit`` figures (``truncated`` says so): years are read in the order
    of the series index, so that a series of a million figures costs no more than a short one.
    """
    from relexplorer.series import mark_conflicts

    out = []
    select = (f"SELECT {FIGURE_COLUMNS}, g.document_id, f.text AS fact_text, d.title, d.published FROM figures g "
              "JOIN documents d ON d.id = g.document_id JOIN facts f ON f.id = g.fact_id "
              "WHERE g.series = ? AND g.series != '' AND g.year {} ORDER BY g.year, g.id LIMIT ?")
    for key in keys:
        with store.lock:
            rows = store.db.execute(select.format("IS NOT NULL"), [key, limit + 1]).fetchall()
            if len(rows) <= limit:
                rows += store.db.execute(select.format("IS NULL"), [key, limit + 1 - len(rows)]).fetchall()
        if not rows:
            continue
        tags = source_tags(store)
        points = [SeriesPoint(StoredFigure(*row[:-4], source_tag=tags.get(row[-4], "")), row[-3], row[-2], row[-1])
                  for row in rows[:limit]]
        mark_conflicts(points)
        subject = points[0].figure.subject
        out.append(Series(key, subject, key.rpartition("|")[2], points, truncated=len(rows) > limit))
    return out


def series_of_fact(store: Store, fact_id: int) -> Series | None:
    """The series of the fact's first figure that has one (None when none has): every figure of
    that subject and unit family across documents, for the comparison view."""
    rows = store.rows("SELECT series FROM figures WHERE fact_id = ? AND series != '' ORDER BY start LIMIT 1",
                      [fact_id])
    if not rows:
        return None
    found = series_by_keys(store, [rows[0]["series"]])
    return found[0] if found else None


def series_keys_of_facts(store: Store, where: str, params: list, limit: int) -> list[str]:
    """The distinct series keys of the figures of the facts selected by ``where`` (SQL giving fact
    ids, from the search layer), most figures first."""
    rows = store.rows(
        f"SELECT series, count(*) AS n FROM figures WHERE fact_id IN ({where}) AND series != '' "
        "GROUP BY series ORDER BY n DESC, series LIMIT ?", [*params, limit])
    return [r["series"] for r in rows]


# --- documents ------------------------------------------------------------------------------------


def counts(store: Store) -> Counts:
    """Numbers of documents, facts, figures, entities and marks (cheap: kept counters)."""
    row = store.rows(
        "SELECT count(*) AS documents, coalesce(sum(fact_count), 0) AS facts, "
        "coalesce(sum(figure_count), 0) AS figures FROM documents"
    )[0]
    entities = store.rows("SELECT count(*) AS n FROM entities")[0]["n"]
    marks = store.rows("SELECT count(*) AS n FROM marks")[0]["n"]
    return Counts(row["documents"], row["facts"], row["figures"], entities, marks)


def documents(store: Store, *, with_text: bool = False, limit: int | None = None) -> list[DocumentSummary]:
    """Documents with their metadata, sections and counts, in ingest order."""
    columns = ("id, slug, title, author, editor, published, source, path, url, origin, format, sha256, ingested_at, "
               "fact_count AS facts, figure_count AS figures" + (", text" if with_text else ""))
    sql = f"SELECT {columns} FROM documents ORDER BY id" + (" LIMIT ?" if limit is not None else "")
    docs = [DocumentSummary(**row) for row in store.rows(sql, [limit] if limit is not None else [])]
    if not docs:
        return docs
    by_id = {d.id: d for d in docs}
    last = docs[-1].id
    for s in store.rows(
        'SELECT id, document_id, parent_id, label, heading, level, start, "end", fact_count AS facts '
        "FROM sections WHERE document_id <= ? ORDER BY document_id, position", [last],
    ):
        if s["document_id"] in by_id:
            by_id[s["document_id"]].sections.append(SectionSummary(**s))
    return docs


def document_text(store: Store, document_id: int) -> str:
    """The stored text of one document."""
    return store.rows("SELECT text FROM documents WHERE id = ?", [document_id])[0]["text"]


# --- themes, entities, figure kinds -----------------------------------------------------------------


def topic_counts(store: Store) -> list[NamedCount]:
    """Themes with the number of facts tagged with each, most frequent first."""
    return [NamedCount(r["id"], r["name"], r["label"], "topic", r["facts"]) for r in store.rows(
        "SELECT id, name, label, fact_count AS facts FROM topics ORDER BY fact_count DESC, label")]


def entity_counts(store: Store, kind: str | None = None, limit: int | None = None) -> list[NamedCount]:
    """People, organisations and places with the number of facts mentioning each, most first."""
    sql = "SELECT id, name, kind, fact_count AS facts FROM entities"
    params: list = []
    if kind:
        sql += " WHERE kind = ?"
        params.append(kind)
    sql += " ORDER BY fact_count DESC, name"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [NamedCount(r["id"], r["name"], r["name"], r["kind"], r["facts"]) for r in store.rows(sql, params)]


def entity_total(store: Store, kind: str) -> int:
    """How many entities of this kind are known."""
    return store.rows("SELECT count(*) AS n FROM entities WHERE kind = ?", [kind])[0]["n"]


def figure_kind_counts(store: Store) -> list[NamedCount]:
    """Figure kinds with the number of facts holding a figure of each kind."""
    return [NamedCount(0, r["kind"], r["kind"], "figure kind", r["facts"]) for r in store.rows(
        "SELECT kind, fact_count AS facts FROM figure_kinds ORDER BY fact_count DESC, kind")]


def speaker_counts(store: Store, limit: int | None = None) -> list[NamedCount]:
    """The people and bodies who say facts, with how many facts each says, most first."""
    sql = "SELECT id, name, kind, fact_count AS facts FROM speakers ORDER BY fact_count DESC, name"
    params: list = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [NamedCount(r["id"], r["name"], r["name"], r["kind"], r["facts"]) for r in store.rows(sql, params)]


# --- the user's work ----------------------------------------------------------------------------------


@dataclass(slots=True)
class NoteEntry:
    """A note with the fact it is on (``fact_id`` is None when that fact is no longer stored)."""

    fact_id: int | None
    document: str
    text: str
    tags: list[str]
    fact_text: str
    updated_at: str


@dataclass(slots=True)
class SavedSearch:
    """A search the user named."""

    name: str
    query: str
    created_at: str


def notes(store: Store, tag: str | None = None) -> list[NoteEntry]:
    """Every note (or those tagged ``tag``), in document order, with its fact."""
    rows = store.rows(
        'SELECT n.text, n.tags, n.updated_at, n.start, n."end", d.id AS document_id, d.slug, f.id AS fact_id '
        "FROM notes n LEFT JOIN documents d ON d.sha256 = n.document_sha256 "
        'LEFT JOIN fact_spans f ON f.document_id = d.id AND f.start = n.start AND f."end" = n."end" '
        "ORDER BY d.id, n.start")
    texts = _document_texts(store, {r["document_id"] for r in rows if r["document_id"] is not None})
    out = []
    for r in rows:
        tags = r["tags"].split()
        if tag and tag.lower().lstrip("#") not in tags:
            continue
        text = texts.get(r["document_id"], "")
        out.append(NoteEntry(r["fact_id"], r["slug"] or "", r["text"], tags,
                             text[r["start"] : r["end"]] if r["fact_id"] else "", r["updated_at"]))
    return out


def saved_searches(store: Store) -> list[SavedSearch]:
    """The saved searches, by name."""
    return [SavedSearch(**r) for r in store.rows("SELECT name, query, created_at FROM saved_searches ORDER BY name")]


# --- metadata edits -----------------------------------------------------------------------------


@dataclass(slots=True)
class MetadataEdit:
    """A metadata field a person set (``field`` is the documents column), kept across re-ingest."""

    field: str
    value: str
    edited_at: str


def document_by_slug(store: Store, slug: str) -> DocumentSummary | None:
    """The document with this slug (metadata and counts, no sections), if any."""
    rows = store.rows(
        "SELECT id, slug, title, author, editor, published, source, path, url, origin, format, sha256, ingested_at, "
        "fact_count AS facts, figure_count AS figures FROM documents WHERE slug = ?", [slug])
    return DocumentSummary(**rows[0]) if rows else None


def document_slugs(store: Store) -> list[str]:
    """Every document's slug, in ingest order."""
    return [r["slug"] for r in store.rows("SELECT slug FROM documents ORDER BY id")]


def metadata_edits(store: Store, document: DocumentSummary) -> list[MetadataEdit]:
    """The metadata edits kept for a document (put back whenever it is stored again)."""
    return [MetadataEdit(**r) for r in store.rows(
        "SELECT field, value, edited_at FROM document_edits WHERE key = ? ORDER BY field",
        [edit_key(document.origin, document.sha256)])]

"""Ingest: files, folders and URLs in, documents stored; one transaction per document.

Errors on one file never stop the others (only a failing database stops the batch); every
outcome is reported to the caller.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from relexplorer.catalog import counts
from relexplorer.errors import RelexplorerError
from relexplorer.prepare import Prepared, prepared
from relexplorer.read import SUFFIXES, Source, is_url, read_path
from relexplorer.store import SAMPLE_PATH, IngestResult, Store


@dataclass(slots=True)
class IngestReport:
    """The outcome of ingesting a batch: one result or one error per file."""

    results: list[tuple[Path | str, IngestResult]] = field(default_factory=list)  # str: a URL
    errors: list[tuple[Path | str, str]] = field(default_factory=list)


def split_urls(items: Iterable[Path | str]) -> tuple[list[str], list[Path | str]]:
    """``(URLs, paths)`` among what the user named, each kept in its order."""
    urls: list[str] = []
    paths: list[Path | str] = []
    for item in items:
        (urls if isinstance(item, str) and is_url(item) else paths).append(item)
    return urls, paths


def collect_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand folders into the article files they hold (sorted); report bad paths.

    Only regular files are ever read: a FIFO would block and a device such as ``/dev/zero``
    would never end, so both are reported instead.
    """
    files: list[Path] = []
    errors: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and not p.is_dir()
                # hidden relative to the folder given: a folder inside ~/.config still counts
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                errors.append((path, f"{path}: no article files ({', '.join(SUFFIXES)}) in this folder"))
            for p in found:
                problem = _not_regular(p)
                if problem:
                    errors.append((p, problem))
                else:
                    files.append(p)
        elif not path.exists() and not path.is_symlink():
            errors.append((path, f"{path}: no such file or folder"))
        else:
            problem = _not_regular(path)
            if problem:
                errors.append((path, problem))
            else:
                files.append(path)
    return files, errors


def _not_regular(path: Path) -> str | None:
    """Why ``path`` cannot be read as an article file, or None when it is a regular file."""
    if path.is_file():
        return None
    if path.is_symlink() and not path.exists():
        return f"{path}: dangling symbolic link"
    return f"{path}: not a regular file (a pipe, device or socket); not read"


def ingest_source(store: Store, source: Source, *, replace: bool = False, as_new: bool = False) -> IngestResult:
    """Extract and store one already-read source.

    A source whose bytes are stored already is ``unchanged`` (unless ``replace``); a new version
    of a file already stored (the same path) replaces it, unless ``as_new``.
    """
    return store_prepared(store, Prepared(source, None), replace=replace, as_new=as_new)


def store_prepared(store: Store, prepared: Prepared, *, replace: bool = False, as_new: bool = False) -> IngestResult:
    """Store a source read (and perhaps extracted) elsewhere; extract it here when it was not."""
    from relexplorer.extract import default_taxonomy, extract

    source = prepared.source
    existing = store.find_document(source.sha256)
    if existing and not replace:
        return IngestResult("unchanged", existing["slug"], existing["title"],
                            existing["fact_count"], existing["figure_count"])
    taxonomy = default_taxonomy()
    doc, stems = (prepared.doc, prepared.stems) if prepared.doc else (extract(source, taxonomy), None)
    return store.add_document(
        doc,
        sha256=source.sha256,
        path=str(source.path or ""),
        origin=origin_of(source),
        format=source.format,
        replace=replace,
        as_new=as_new,
        taxonomy_labels={t.name: t.label for t in taxonomy.topics},
        word_stems=stems,
    )


def origin_of(source: Source) -> str:
    """Where a source came from, as re-ingest recognises it: its final URL or absolute path."""
    if source.url:
        return source.url
    if source.path is None:
        return ""
    try:
        return str(Path(source.path).resolve())
    except (OSError, RuntimeError):  # a path that cannot be resolved (a loop of links) is kept as given
        return str(source.path)


def ingest_paths(
    store: Store,
    paths: Iterable[Path | str],
    *,
    replace: bool = False,
    as_new: bool = False,
    on_file: Callable[[Path | str, IngestResult | None, str | None], None] | None = None,
    jobs: int = 1,
) -> IngestReport:
    """Ingest files, folders and URLs (strings starting ``http://`` or ``https://``).
    ``on_file(path, result, error)`` is called after each file or URL, in the order named.

    With ``jobs`` > 1, files are read and extracted in that many worker processes while this
    process stores them one by one, each in its own transaction.

    A file that cannot be read or extracted is reported and skipped. When the database itself
    fails (disk full, damaged file, a lock held too long) that document is rolled back and the
    batch stops: each file not attempted is reported, so the report still says exactly what
    the database holds.
    """
    urls, paths = split_urls(paths)
    files, errors = collect_files(paths)
    report = IngestReport(errors=list(errors))

    def failed(path: Path | str, message: str) -> None:
        report.errors.append((path, message))
        if on_file:
            on_file(path, None, message)

    todo: list[Path | str] = [*files, *urls]
    if jobs > 1 and len(todo) > 1:
        from relexplorer.extract import default_taxonomy

        default_taxonomy()  # loaded once here, inherited by every worker
    known = frozenset() if replace or not todo else store.stored_hashes()
    results = prepared(todo, known, jobs)
    try:
        for index, (path, ready) in enumerate(results):
            if isinstance(ready, str):
                failed(path, ready)
                continue
            try:
                result = store_prepared(store, ready, replace=replace, as_new=as_new)
            except RelexplorerError as exc:
                failed(path, f"{path}: {exc}")
                continue
            except sqlite3.DatabaseError as exc:
                failed(path, f"{path}: not stored: database error ({exc})")
                for rest in todo[index + 1:]:
                    failed(rest, f"{rest}: not ingested: stopped after a database error ({exc})")
                break
            except Exception as exc:  # an extractor bug on one odd file must not lose the batch
                if os.environ.get("RELEXPLORER_DEBUG"):
                    raise
                failed(path, f"{path}: internal error while extracting ({type(exc).__name__}: {exc}); "
                             "please report it with this file")
                continue
            report.results.append((path, result))
            if on_file:
                on_file(path, result, None)
    finally:
        results.close()  # stops the workers at once when the batch stops early
    return report


def ensure_sample(store: Store) -> IngestResult | None:
    """Ingest the bundled sample article into an empty database (first use)."""
    if counts(store).documents:
        return None
    return ingest_source(store, read_path(SAMPLE_PATH))

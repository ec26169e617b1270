"""Reading and extraction away from the database, in worker processes when there are several cores.

Both stages are pure, so files are read and extracted in a pool of processes while one writer
(the caller) stores the results in the order the files were named. At most two files per worker
are in flight, so memory stays bounded however long the batch. A worker that dies (killed, out of
memory) fails only the file it held: the files that were in flight with it are extracted again,
each alone, and the batch goes on with a fresh pool.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from relexplorer.errors import ReadError, RelexplorerError
from relexplorer.extract import default_taxonomy, extract
from relexplorer.model import ExtractedDocument
from relexplorer.read import Source, read_path, read_url
from relexplorer.stems import word_stems

Item = Path | str  # a str is a URL
IN_FLIGHT_PER_WORKER = 2
_known: frozenset[str] = frozenset()  # a worker's copy, given once when it starts


@dataclass(slots=True)
class Prepared:
    """A source read, and extracted unless its bytes were stored already (``doc`` is then None),
    with the stems of its facts' words (``None``: the writer stems them)."""

    source: Source
    doc: ExtractedDocument | None
    stems: dict[str, str] | None = None


def default_jobs() -> int:
    """Worker processes by default: every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def prepare(item: Item, known: frozenset[str] = frozenset()) -> Prepared | str:
    """Read and extract one file or URL; a one-line message instead when it cannot be.

    A source whose SHA-256 is in ``known`` is not extracted: the writer will find it stored.
    """
    try:
        source = read_url(item) if isinstance(item, str) else read_path(item)
        if source.sha256 in known:
            return Prepared(source, None)
        doc = extract(source, default_taxonomy())
        return Prepared(source, doc, word_stems(doc.text[f.start:f.end] for f in doc.facts))
    except ReadError as exc:
        return str(exc)
    except RelexplorerError as exc:
        return f"{item}: {exc}"
    except Exception as exc:  # an extractor bug on one odd file must not lose the batch
        if os.environ.get("RELEXPLORER_DEBUG"):
            raise
        return (f"{item}: internal error while extracting ({type(exc).__name__}: {exc}); "
                "please report it with this file")


def prepared(items: Sequence[Item], known: frozenset[str], jobs: int) -> Iterator[tuple[Item, Prepared | str]]:
    """``(item, prepare(item))`` for each item, in order; ``jobs`` > 1 extracts in that many processes."""
    jobs = min(jobs, len(items))
    if jobs <= 1:
        for item in items:
            yield item, prepare(item, known)
        return
    pending = deque(items)
    while pending:
        broken = yield from _pooled(pending, known, jobs)
        for item in broken:  # each alone: only the file that kills its worker fails
            yield item, _isolated(item, known)


def _pooled(pending: deque[Item], known: frozenset[str], jobs: int):
    """Prepare ``pending`` (consumed from the left) in a pool; return the items in flight if it broke."""
    window: deque[tuple[Item, Future]] = deque()
    pool = _pool(jobs, known)
    try:
        while pending or window:
            while pending and len(window) < jobs * IN_FLIGHT_PER_WORKER:
                item = pending.popleft()
                try:
                    window.append((item, pool.submit(_prepare_in_worker, item)))
                except BrokenProcessPool:
                    pending.appendleft(item)
                    return [i for i, _ in window]
            item, future = window[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                return [i for i, _ in window]
            window.popleft()
            yield item, result
        return []
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _isolated(item: Item, known: frozenset[str]) -> Prepared | str:
    """Prepare one item in a process of its own, so that a crash is reported, not inherited."""
    pool = _pool(1, known)
    try:
        return pool.submit(_prepare_in_worker, item).result()
    except BrokenProcessPool:
        return f"{item}: not ingested: the process extracting it died (out of memory, or killed)"
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _prepare_in_worker(item: Item) -> Prepared | str:
    return prepare(item, _known)


def _pool(jobs: int, known: frozenset[str]) -> ProcessPoolExecutor:
    # fork: a worker starts with everything imported and the taxonomy loaded, in milliseconds.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_start,
                               initargs=(known,))


def _worker_start(known: frozenset[str]) -> None:
    """Keep the stored hashes (sent once, not with every file); Ctrl+C is the writer's to
    handle; a worker dies with the writer instead of living on."""
    global _known
    _known = known
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):  # other systems: an orphan ends when its queue closes
        pass

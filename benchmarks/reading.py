"""Reading view: opening one very long article (20 MB) on a fact in its middle, and scrolling it.

A single generated article of the corpus's genre (``corpus.article`` with enough sentences for
about ``--mb`` megabytes) is ingested as ``relexplorer ingest`` does it, into its own database.
The real explorer then runs headless (``App.run_test``), the cursor is put on the fact in the middle
of the article and ``o`` is pressed: the clock stops at the first screen refresh after the reading
view has laid the article out (reading it from the database, wrapping it, drawing the screen).
Opening is split into its parts: the catalog's read (:func:`relexplorer.catalog.reading_document`)
and the wrap (:class:`relexplorer.tui.reading_layout.ReadingLayout`), timed alone. Scrolling:
each of a run of ``pagedown``, ``down``, ``n`` (next fact) and ``end``/``home`` presses is timed from
the key to the next refresh, and the same keys on Textual's own ``Log`` widget holding the same
wrapped lines (the framework's cost of a frame on this machine, at this moment: the machine may be
shared). Targets: open < 1 s, every scroll key p95 < 50 ms (no stall a reader would see). ``python -m benchmarks.reading [--smoke]``; ``python -m benchmarks`` runs it as part
``reading``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import corpus
from benchmarks.common import Row, summary

SIZE = (120, 40)
BYTES_PER_SENTENCE = 172  # the corpus's average (benchmarks/README.md)
OPEN_TARGET_S = 1.0
SCROLL_TARGET_MS = 50.0


def build(db_path: Path, megabytes: float, seed: int = corpus.SEED) -> dict:
    """Ingest one article of about ``megabytes`` MB into a new database; return what was built."""
    from relexplorer.ingest import ingest_source
    from relexplorer.read import read_text
    from relexplorer.store import open_store

    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    sentences = max(int(megabytes * 1e6 / BYTES_PER_SENTENCE), 20)
    t0 = time.perf_counter()
    article = corpus.article(0, seed, sentences)
    generated = time.perf_counter() - t0
    store = open_store(db_path)
    try:
        t0 = time.perf_counter()
        result = ingest_source(store, read_text(article.text, article.fmt, path=Path(article.name)))
        ingested = time.perf_counter() - t0
    finally:
        store.close()
    return {"source_bytes": len(article.text.encode("utf-8")), "chars": len(article.text),
            "facts": result.facts, "generate_s": round(generated, 2), "ingest_s": round(ingested, 2)}


def _core_times(db_path: Path, width: int) -> dict:
    """The catalog's read of the text and headings, and the wrap of the whole article, alone
    (best of three)."""
    from relexplorer.catalog import reading_document
    from relexplorer.store import open_store
    from relexplorer.tui.reading_layout import ReadingLayout

    store = open_store(db_path, create=False)
    try:
        document_id = store.rows("SELECT id FROM documents")[0]["id"]
        reads, wraps = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            document = reading_document(store, document_id)
            t1 = time.perf_counter()
            layout = ReadingLayout(document, width)
            reads.append(t1 - t0)
            wraps.append(time.perf_counter() - t1)
    finally:
        store.close()
    return {"read_s": round(min(reads), 4), "wrap_s": round(min(wraps), 4), "lines": len(layout),
            "facts": document.facts}


async def _refreshed(app) -> None:
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await done.wait()


async def _wait(ready, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the explorer did not get there in time")
        await asyncio.sleep(0.0005)


async def _key_to_frame(app, key: str, changed) -> float:
    """Seconds from a key (posted as the terminal driver posts it: ``pilot.press`` would also wait
    for animations and idleness) to the first refresh that shows its effect."""
    from textual import events

    t0 = time.perf_counter()
    app.post_message(events.Key(key, key if len(key) == 1 else None))
    await _wait(changed)
    await _refreshed(app)
    return time.perf_counter() - t0


async def _app_times(db_path: Path, repeats: int, presses: int) -> dict:
    from relexplorer.store import open_store
    from relexplorer.tui.app import make_app
    from relexplorer.tui.messages import JumpTo
    from relexplorer.tui.screens.reading_screen import ReadingScreen

    store = open_store(db_path, create=False)
    app = make_app(store)
    opens: list[float] = []
    keys: dict[str, list[float]] = {"pagedown": [], "down": [], "n": [], "end/home": []}

    def reading_shown() -> bool:
        return isinstance(app.screen, ReadingScreen) and app.screen.document is not None \
            and app.screen.article.reading is not None

    try:
        async with app.run_test(size=SIZE) as pilot:
            await _wait(lambda: bool(app.facts.hits))
            ids = [r["id"] for r in store.rows("SELECT id FROM fact_spans ORDER BY start")]
            middle = ids[len(ids) // 2]
            app.post_message(JumpTo(middle))
            await _wait(lambda: app.facts.current_fact_id == middle)
            for _ in range(repeats):
                opens.append(await _key_to_frame(app, "o", reading_shown))
                await pilot.press("escape")
                await _wait(lambda: not isinstance(app.screen, ReadingScreen))
            await pilot.press("o")
            await _wait(reading_shown)
            view = app.screen.article
            for name in ("pagedown", "down", "n"):
                for _ in range(presses):
                    before = (round(view.scroll_y), view.current)
                    keys[name].append(await _key_to_frame(
                        app, name, lambda before=before: (round(view.scroll_y), view.current) != before))
                    await pilot.pause()
            for i in range(max(presses // 10, 2)):
                before = round(view.scroll_y)
                keys["end/home"].append(await _key_to_frame(
                    app, "end" if i % 2 == 0 else "home", lambda before=before: round(view.scroll_y) != before))
                await pilot.pause()
    finally:
        store.close()
    return {"open": summary(opens), "keys": {name: summary(samples) for name, samples in keys.items()}}


async def _baseline_times(lines: list[str], presses: int) -> dict:
    """The same scroll keys on Textual's own ``Log`` widget holding the same wrapped lines: the
    cost of a frame in the framework, on this machine, now (the machine may be shared)."""
    from textual.app import App
    from textual.widgets import Log

    class Baseline(App):
        def compose(self):
            yield Log()

    app = Baseline()
    keys: dict[str, list[float]] = {"pagedown": [], "down": [], "end/home": []}
    async with app.run_test(size=SIZE) as pilot:
        log = app.query_one(Log)
        log.write_lines(lines, scroll_end=False)
        log.focus()
        await pilot.pause()
        for name in ("pagedown", "down"):
            for _ in range(presses):
                before = round(log.scroll_y)
                keys[name].append(await _key_to_frame(app, name, lambda before=before: round(log.scroll_y) != before))
                await pilot.pause()
        for i in range(max(presses // 10, 2)):
            before = round(log.scroll_y)
            keys["end/home"].append(await _key_to_frame(
                app, "end" if i % 2 == 0 else "home", lambda before=before: round(log.scroll_y) != before))
            await pilot.pause()
    return {name: summary(samples) for name, samples in keys.items()}


def _wrapped_lines(db_path: Path, width: int) -> list[str]:
    from relexplorer.catalog import reading_document
    from relexplorer.store import open_store
    from relexplorer.tui.reading_layout import ReadingLayout

    store = open_store(db_path, create=False)
    try:
        document = reading_document(store, store.rows("SELECT id FROM documents")[0]["id"])
    finally:
        store.close()
    layout = ReadingLayout(document, width)
    return [document.text[slice(*layout.line_span(i))].rstrip("\n") for i in range(len(layout))]


def run(workdir: Path, *, smoke: bool, megabytes: float = 20.0, reuse: Path | None = None) -> dict:
    """Build the article's database in ``workdir`` (or reuse the one at ``reuse``, built by an
    earlier run of the same size) and measure; the results as a dict."""
    megabytes = 0.2 if smoke else megabytes
    db_path = reuse or workdir / "reading.db"
    meta = Path(str(db_path) + ".meta.json")
    if reuse is not None and reuse.exists() and meta.exists() and json.loads(meta.read_text())["megabytes"] == megabytes:
        built = json.loads(meta.read_text())["built"]
    else:
        built = build(db_path, megabytes)
        if reuse is not None:
            meta.write_text(json.dumps({"megabytes": megabytes, "built": built}))
    core = _core_times(db_path, SIZE[0] - 4)
    presses = 5 if smoke else 40
    app = asyncio.run(_app_times(db_path, 1 if smoke else 5, presses))
    baseline = asyncio.run(_baseline_times(_wrapped_lines(db_path, SIZE[0] - 4), presses))
    return {"build": built, "core": core, "app": app, "baseline": baseline, "smoke": smoke}


def rows(result: dict) -> list[Row]:
    """The table rows of this part."""
    if not result:
        return []
    built, core, app = result["build"], result["core"], result["app"]
    smoke = result["smoke"]
    size = f"{built['source_bytes'] / 1e6:.1f} MB, {built['facts']:,} facts, {core['lines']:,} lines"
    open_p50 = app["open"]["p50_ms"]
    out = [
        Row("reading", "open on the middle fact (p50)", open_p50, "ms", f"< {OPEN_TARGET_S * 1000:.0f} ms",
            None if smoke else open_p50 < OPEN_TARGET_S * 1000,
            f"{size}; max {app['open']['max_ms']:.0f} ms; catalog read {core['read_s'] * 1000:.0f} ms, "
            f"wrap {core['wrap_s'] * 1000:.0f} ms; ingest took {built['ingest_s']:.0f} s"),
    ]
    for name, stats in app["keys"].items():
        base = result.get("baseline", {}).get(name)
        versus = (f"; Textual's Log, same lines: p50 {base['p50_ms']:.1f}, p95 {base['p95_ms']:.1f} ms"
                  if base else "")
        out.append(Row("reading", f"{name} key to frame (p95)", stats["p95_ms"], "ms", f"< {SCROLL_TARGET_MS:.0f} ms",
                       None if smoke else stats["p95_ms"] < SCROLL_TARGET_MS,
                       f"p50 {stats['p50_ms']:.1f} ms, max {stats['max_ms']:.1f} ms, {stats['n']} presses{versus}"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reading", description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a 0.2 MB article: only checks that it all runs")
    parser.add_argument("--mb", type=float, default=20.0, help="size of the article in MB (default 20)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--reuse-db", type=Path, metavar="PATH",
                        help="keep the article's database here and reuse it while --mb matches (ingest takes minutes)")
    args = parser.parse_args(argv)
    from rich.console import Console

    from benchmarks.__main__ import _table

    with tempfile.TemporaryDirectory(prefix="relexplorer-reading-") as tmp:
        result = run(Path(tmp), smoke=args.smoke, megabytes=args.mb, reuse=args.reuse_db)
    console = Console()
    console.print(_table(rows(result), "relexplorer reading view"))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

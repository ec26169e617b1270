"""Explorer: keystroke-to-results latency, time to first frame, and peak memory.

* Keystrokes: the explorer (``relexplorer.tui.app.make_app``) runs headless under
  ``App.run_test``; each character of the typed inputs is pressed in the search box and the
  clock stops at the first screen refresh after the facts list was given the new results (or
  after the status line showed an error, for an input that is not a query yet).
* First frame: a fresh Python process opens the database and starts the explorer headless; the
  parent times from spawning it to the child's first refresh. A minimal Textual app (a search box,
  a 50-row table, a footer) is timed the same way in the same run, as the baseline.
* Keystrokes while ingesting: the same typing on a copy of the database into which another
  process ingests more articles of the corpus (another seed) the whole time, as a user would
  see it with ``relexplorer ingest`` running beside the explorer.
* Memory: the peak resident set size (``getrusage`` maxrss) of that explorer process after its
  first results, a few searches and paging down through the list.

Everything here degrades to a note when the explorer cannot be imported.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from benchmarks import search as search_bench
from benchmarks.common import Row, summary

SIZE = (160, 48)
TIMEOUT_S = 10.0

_CHILD = textwrap.dedent('''
    import asyncio, json, resource, sys, time
    kind, db_path, size = sys.argv[1], sys.argv[2], (int(sys.argv[3]), int(sys.argv[4]))
    out = {}
    if kind == "minimal":
        from textual.app import App
        from textual.widgets import DataTable, Footer, Input

        class Minimal(App):
            def compose(self):
                yield Input(placeholder="search")
                yield DataTable()
                yield Footer()

            def on_mount(self):
                table = self.query_one(DataTable)
                table.add_columns("id", "fact")
                table.add_rows([(str(i), f"fact number {i}") for i in range(50)])

        app = Minimal()
    else:
        from relexplorer.store import open_store
        from relexplorer.tui.app import make_app
        store = open_store(db_path, create=False)
        app = make_app(store)

    def frame():
        print("FRAME", flush=True)

    async def main():
        async with app.run_test(size=size) as pilot:
            app.call_after_refresh(frame)
            await pilot.pause()
            if kind != "minimal":
                # Wait for the first page of facts, then search and page through results.
                facts = app.query_one("#facts")
                deadline = time.monotonic() + 30
                while not facts.option_count and time.monotonic() < deadline:
                    await pilot.pause(0.01)
                print("RESULTS", flush=True)
                await pilot.press("slash")
                for word in ("trade", " energy"):
                    for ch in word:
                        await pilot.press("space" if ch == " " else ch)
                await pilot.press("enter")
                await pilot.pause(0.2)
                await pilot.press("escape", "escape")
                await pilot.pause(0.2)
                app.facts.focus()
                for _ in range(30):
                    await pilot.press("pagedown")
                await pilot.pause(0.5)
                out["options"] = facts.option_count
            out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            # ru_maxrss survives exec on Linux (the child starts with its parent's peak);
            # VmHWM is this process's own peak.
            try:
                with open("/proc/self/status") as fh:
                    for line in fh:
                        if line.startswith("VmHWM:"):
                            out["vmhwm_kb"] = int(line.split()[1])
            except OSError:
                pass
            print("DONE " + json.dumps(out), flush=True)
            await pilot.pause(0.5)  # let the explorer's last workers finish before it closes

    asyncio.run(main())
''')


def available() -> str | None:
    """None when the explorer can be benchmarked, else why not."""
    try:
        from relexplorer.tui.app import make_app  # noqa: F401
    except Exception as exc:  # the TUI may be missing or half-built: say so, don't fail
        return f"the explorer cannot be imported ({type(exc).__name__}: {exc})"
    return None


def _child_run(kind: str, db_path: Path) -> dict:
    """Spawn one child; seconds from spawn to its first frame and first results, and its maxrss."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, kind, str(db_path), str(SIZE[0]), str(SIZE[1])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    out: dict = {}
    try:
        for line in proc.stdout:
            now = time.perf_counter() - t0
            if line.startswith("FRAME"):
                out["first_frame_s"] = now
            elif line.startswith("RESULTS"):
                out["first_results_s"] = now
            elif line.startswith("DONE "):
                out.update(json.loads(line[5:]))
        proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        out["error"] = "timed out"
    if proc.returncode:
        out["error"] = (proc.stderr.read() or "")[-2000:]
    return out


def first_frame(db_path: Path, rounds: int) -> dict:
    """First frame of the explorer and of the minimal app, alternated, ``rounds`` times each."""
    runs: dict[str, list[dict]] = {"minimal": [], "explorer": []}
    for _ in range(rounds):
        for kind in ("minimal", "explorer"):
            runs[kind].append(_child_run(kind, db_path))
    result: dict = {"rounds": rounds}
    for kind, rs in runs.items():
        ok = [r for r in rs if "first_frame_s" in r]
        result[kind] = {
            "first_frame_ms": summary([r["first_frame_s"] for r in ok]) if ok else None,
            "first_results_ms": summary([r["first_results_s"] for r in ok if "first_results_s" in r])
            if any("first_results_s" in r for r in ok) else None,
            "maxrss_mb": round(max(r.get("vmhwm_kb") or r.get("maxrss_kb", 0) for r in rs) / 1024, 1),
            "ru_maxrss_mb": round(max(r.get("maxrss_kb", 0) for r in rs) / 1024, 1),
            "errors": [r["error"] for r in rs if "error" in r],
        }
    if result["minimal"]["first_frame_ms"] and result["explorer"]["first_frame_ms"]:
        result["ratio_p50"] = round(result["explorer"]["first_frame_ms"]["p50_ms"]
                                    / result["minimal"]["first_frame_ms"]["p50_ms"], 2)
    return result


async def _keystrokes(db_path: Path, inputs: list[str]) -> dict:
    from textual import events

    from relexplorer.store import open_store
    from relexplorer.tui.app import make_app

    store = open_store(db_path, create=False)
    app = make_app(store)
    samples: list[float] = []
    by_group: dict[str, list[float]] = {}
    timeouts: list[str] = []
    error = None
    try:
        async with app.run_test(size=SIZE) as pilot:
            facts = app.query_one("#facts")
            status = app.query_one("#status")
            shown: list[float] = []

            def mark() -> None:
                app.call_after_refresh(lambda: shown.append(time.perf_counter()))

            for widget, name in ((facts, "show"), (status, "show_error")):
                original = getattr(widget, name)

                def wrapped(*args, _original=original, **kwargs):
                    result = _original(*args, **kwargs)
                    mark()
                    return result

                setattr(widget, name, wrapped)
            deadline = time.monotonic() + 30
            while not facts.option_count and time.monotonic() < deadline:
                await pilot.pause(0.01)
            for text in inputs:
                await pilot.press("slash")
                search_box = app.query_one("#search")
                search_box.value = ""
                await pilot.pause(0.05)
                for i, ch in enumerate(text):
                    shown.clear()
                    t0 = time.perf_counter()
                    # The key goes in as the terminal driver sends it; pilot.press would also wait
                    # for the app to be idle, which is what is being measured.
                    app.post_message(events.Key("space" if ch == " " else ch, ch))
                    if ch == " ":
                        await pilot.pause(0.05)
                        continue  # a space changes no query: nothing new to show
                    limit = time.monotonic() + TIMEOUT_S
                    while not shown and time.monotonic() < limit:
                        await asyncio.sleep(0.0005)
                    if not shown:
                        timeouts.append(text[: i + 1])
                        continue
                    latency = shown[0] - t0
                    samples.append(latency)
                    by_group.setdefault(search_bench.classify(text[: i + 1]), []).append(latency)
            await pilot.pause(0.5)  # let the last workers finish before the app closes
    except Exception as exc:  # e.g. the explorer failing as it closes: keep what was measured
        error = f"{type(exc).__name__}: {exc}"
    finally:
        store.close()
    if not samples and error:
        raise RuntimeError(error)
    return {
        "all": summary(samples),
        "groups": {k: summary(v) for k, v in by_group.items()},
        "timeouts": timeouts,
        "error_after": error,
    }


_INGESTER = textwrap.dedent('''
    import sys
    from pathlib import Path
    from benchmarks import corpus
    from benchmarks.ingest import _read
    from relexplorer.ingest import ingest_source
    from relexplorer.store import open_store
    store = open_store(Path(sys.argv[1]), create=False)
    for n, article in enumerate(corpus.articles(10 ** 8, int(sys.argv[2])), 1):
        ingest_source(store, _read(article))
        print(n, flush=True)
''')


def while_ingesting(db_path: Path, inputs: list[str], seed: int) -> dict:
    """Keystrokes on a copy of the database while another process ingests into it."""
    with tempfile.TemporaryDirectory(prefix="relexplorer-bench-ingest-") as tmp:
        copy = Path(tmp) / "ingesting.db"
        for suffix in ("", "-wal"):
            if Path(f"{db_path}{suffix}").exists():
                shutil.copyfile(f"{db_path}{suffix}", f"{copy}{suffix}")
        root = Path(__file__).resolve().parent.parent
        proc = subprocess.Popen([sys.executable, "-c", _INGESTER, str(copy), str(seed + 1)], cwd=root,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            first = proc.stdout.readline()  # the first document is stored: the writer is busy
            if not first:
                return {"error": "the ingesting process failed: " + proc.stderr.read()[-300:]}
            result = asyncio.run(_keystrokes(copy, inputs))
            result["ingest_ran_throughout"] = proc.poll() is None
        finally:
            proc.kill()
            out, _ = proc.communicate()
        result["documents_ingested"] = int((first + out).split()[-1])
        return result


def run(db_path: Path, *, smoke: bool = False, seed: int = 0) -> dict:
    """The whole explorer benchmark."""
    why_not = available()
    if why_not:
        return {"available": False, "note": why_not}
    inputs = search_bench.typed()[:3] if smoke else search_bench.typed()
    result: dict = {"available": True}
    try:
        result["keystrokes"] = asyncio.run(_keystrokes(db_path, inputs))
    except Exception as exc:  # a half-built explorer must not stop the other measurements
        result["keystrokes"] = {"error": f"{type(exc).__name__}: {exc}"}
    try:
        result["while_ingesting"] = while_ingesting(db_path, inputs, seed)
    except Exception as exc:  # the other measurements still stand
        result["while_ingesting"] = {"error": f"{type(exc).__name__}: {exc}"}
    result["start"] = first_frame(db_path, rounds=1 if smoke else 5)
    return result


def rows(result: dict) -> list[Row]:
    """The table rows of this part."""
    if not result.get("available"):
        return [Row("explorer", "skipped", None, note=result.get("note", ""))]
    out: list[Row] = []
    keys = result.get("keystrokes", {})
    if "error" in keys:
        out.append(Row("explorer", "keystroke to results", None, "ms", "p95 <= 50", None, keys["error"]))
    else:
        k = keys["all"]
        groups = "; ".join(f"{name} p95 {g['p95_ms']:.1f}" for name, g in sorted(keys["groups"].items()))
        note = f"p50 {k['p50_ms']:.1f} ms, n={k['n']}; {groups}"
        if keys["timeouts"]:
            note += f"; no update within {TIMEOUT_S:.0f} s: {keys['timeouts'][:5]}"
        if keys.get("error_after"):
            note += f"; then the explorer failed: {keys['error_after'][:120]}"
        out.append(Row("explorer", "keystroke to results shown: p95", k["p95_ms"], "ms", "p95 <= 50",
                       k["p95_ms"] <= 50 if k["n"] else None, note))
    busy = result.get("while_ingesting", {})
    if "all" in busy:
        k = busy["all"]
        note = (f"p50 {k['p50_ms']:.1f} ms, n={k['n']}; another process ingested {busy['documents_ingested']:,} "
                f"documents meanwhile" + ("" if busy["ingest_ran_throughout"] else " (and finished early)"))
        out.append(Row("explorer", "keystroke to results shown while ingesting: p95", k["p95_ms"], "ms",
                       "p95 <= 50", k["p95_ms"] <= 50 if k["n"] else None, note))
    elif busy:
        out.append(Row("explorer", "keystroke to results shown while ingesting", None, "ms", "p95 <= 50", None,
                       busy.get("error", "")))
    start = result["start"]
    mini, expl = start["minimal"], start["explorer"]
    if mini["first_frame_ms"] and expl["first_frame_ms"]:
        out.append(Row("explorer", "first frame vs minimal Textual app (p50)", start["ratio_p50"], "x", "<= 2",
                       start["ratio_p50"] <= 2,
                       f"{expl['first_frame_ms']['p50_ms']:.0f} ms vs {mini['first_frame_ms']['p50_ms']:.0f} ms"
                       + (f"; first results {expl['first_results_ms']['p50_ms']:.0f} ms"
                          if expl["first_results_ms"] else "")))
    else:
        out.append(Row("explorer", "first frame vs minimal Textual app", None, "x", "<= 2", None,
                       "; ".join(e[-300:] for e in expl["errors"] + mini["errors"])))
    out.append(Row("explorer", "peak memory (maxrss)", expl["maxrss_mb"], "MB", "< 250",
                   expl["maxrss_mb"] < 250 if expl["maxrss_mb"] else None,
                   f"VmHWM; minimal Textual app {mini['maxrss_mb']} MB"))
    return out

"""``python -m benchmarks``: build a corpus database, measure, print a table, write JSON.

Every ratio is against a baseline measured in the same run on the same machine: plain ranked
FTS5 for search, quantulum3 for figure extraction, a minimal Textual app for the explorer's
first frame, the explorer's query layer for Datasette's search of the facts view. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks import corpus, explorer, extraction, ingest, reading, search, serve, size, startup
from benchmarks import series as series_part
from benchmarks.common import Row

SMOKE_FACTS = 2_000


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    p.add_argument("--facts", type=int, default=1_000_000, help="corpus size in facts (default 1,000,000)")
    p.add_argument("--json", type=Path, default=Path("bench-results.json"), help="where to write the results")
    p.add_argument("--smoke", action="store_true", help=f"a tiny run ({SMOKE_FACTS:,} facts) that only checks it all works")
    p.add_argument("--reuse-db", type=Path, metavar="PATH",
                   help="keep the built database here and reuse it when it matches --facts and the schema")
    p.add_argument("--seed", type=int, default=corpus.SEED, help="corpus seed")
    p.add_argument("--repeats", type=int, default=None, help="timed repetitions per search input (default 5, smoke 1)")
    p.add_argument("--skip", action="append", default=[],
                   choices=["ingest", "search", "series", "explorer", "serve", "size", "extraction", "reading"],
                   help="leave out a part (repeatable); the database is still built when needed")
    return p.parse_args(argv)


def _git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _sample(facts: int, seed: int, target_bytes: int) -> list[corpus.Article]:
    """The first articles of the corpus, up to about ``target_bytes`` of text."""
    out, total = [], 0
    for a in corpus.articles(facts, seed):
        out.append(a)
        total += len(a.text.encode("utf-8"))
        if total >= target_bytes:
            break
    return out


def _table(rows: list[Row], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for col, kw in (("part", {}), ("metric", {}), ("value", {"justify": "right"}), ("target", {}),
                    ("", {}), ("note", {"overflow": "fold"})):
        table.add_column(col, **kw)
    for r in rows:
        if r.value is None or (isinstance(r.value, float) and math.isnan(r.value)):
            value = "-"
        else:
            value = f"{r.value:,.3g}" if abs(r.value) < 100 else f"{r.value:,.0f}"
            value += f" {r.unit}" if r.unit else ""
        mark = {True: "[green]ok[/]", False: "[red]MISS[/]", None: ""}[r.ok]
        table.add_row(r.section, r.metric, value, r.target, mark, r.note)
    return table


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    console = Console()
    if not console.is_terminal:
        console.width = 180  # a log file or CI: keep one row per line
    facts = SMOKE_FACTS if args.smoke else args.facts
    repeats = args.repeats or (1 if args.smoke else 5)
    started = time.time()
    results: dict = {
        "meta": {
            "facts": facts, "seed": args.seed, "smoke": args.smoke, "repeats": repeats,
            "python": platform.python_version(), "sqlite": __import__("sqlite3").sqlite_version,
            "machine": platform.machine(), "cpus": __import__("os").cpu_count(),
            "git_commit": _git_commit(), "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        },
    }
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="relexplorer-bench-") as tmp:
        tmpdir = Path(tmp)
        db_path = args.reuse_db or tmpdir / "bench.db"
        build = ingest.reusable(db_path, facts, args.seed) if args.reuse_db else None
        reused = build is not None
        if not reused:
            console.print(f"building a {facts:,}-fact database at {db_path} ...")
            build = ingest.build_database(db_path, facts, args.seed, progress=_progress(console, facts))
        else:
            console.print(f"reusing {db_path} (built {build['built_at']}, schema {build['schema_version']})")
            from relexplorer.store import open_store

            open_store(db_path, create=False).close()  # migrates an older schema once, here
        results["build"] = {**build, "reused": reused}

        sample = _sample(facts, args.seed, 300_000 if args.smoke else 3_000_000)
        if "ingest" not in args.skip:
            console.print("ingest: stages and figures vs quantulum3 ...")
            stages = ingest.stage_breakdown(sample, tmpdir / "stages.db")
            figures = ingest.figures_vs_quantulum(sample, budget_s=2.0 if args.smoke else 20.0)
            results["ingest"] = {"stages": stages, "figures": figures}
            rows += ingest.rows(build, reused, stages, figures)
            console.print("ingest: start-up, and a folder with --jobs 1 vs 2 ...")
            start = startup.startup(tmpdir, runs=2 if args.smoke else 7)
            parallel = startup.jobs(tmpdir, sample, rounds=1 if args.smoke else 2)
            results["ingest"].update(startup=start, jobs=parallel)
            rows += startup.rows(start, parallel)

        from relexplorer.store import open_store

        for name, part, says in (("search", search, "query layer vs ranked FTS5"),
                                 ("series", series_part, "relexplorer series vs ranked FTS5")):
            if name in args.skip:
                continue
            console.print(f"{name}: {says} ...")
            store = open_store(db_path, create=False)
            try:
                results[name] = part.run(store, repeats)
            finally:
                store.close()
            rows += part.rows(results[name])

        if "explorer" not in args.skip:
            console.print("explorer: keystrokes, first frame, memory ...")
            results["explorer"] = explorer.run(db_path, smoke=args.smoke, seed=args.seed)
            rows += explorer.rows(results["explorer"])

        if "serve" not in args.skip:
            console.print("serve: the facts view in Datasette vs the query layer ...")
            results["serve"] = serve.run(db_path, repeats)
            rows += serve.rows(results["serve"])

        if "reading" not in args.skip:
            console.print("reading: a 20 MB article opened in the reading view and scrolled ...")
            results["reading"] = reading.run(tmpdir, smoke=args.smoke)
            rows += reading.rows(results["reading"])

        if "size" not in args.skip:
            results["size"] = size.measure(db_path, build["source_bytes"])
            rows += size.rows(results["size"])

    if "extraction" not in args.skip:
        data = extraction.find_data()
        if data is not None:
            console.print("extraction: web pages vs a person's marking, HTML and PDF speed ...")
            results["extraction"] = extraction.run(data, smoke=args.smoke)
        rows += extraction.rows(results.get("extraction", {}))

    results["rows"] = [r.as_dict() for r in rows]
    results["meta"]["seconds"] = round(time.time() - started, 1)
    title = (f"relexplorer benchmarks: {build['facts_stored']:,} facts in {build['documents']:,} documents "
             f"({build['source_bytes'] / 1e6:.1f} MB of text)")
    console.print(_table(rows, title))
    misses = [r for r in rows if r.ok is False]
    if misses and not args.smoke:
        console.print(f"[red]{len(misses)} target(s) missed[/]")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(_clean(results), indent=2, allow_nan=False, default=str))
    console.print(f"results written to {args.json}")
    return 0


def _clean(obj):
    """The results with NaN and infinities as null, so that the file is strict JSON."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj


def _progress(console: Console, total: int):
    done = [0, time.time()]

    def tick(n: int) -> None:
        done[0] += n
        if time.time() - done[1] > 10:
            done[1] = time.time()
            console.print(f"  {done[0]:,} / {total:,} facts", highlight=False)

    return tick


if __name__ == "__main__":
    sys.exit(main())

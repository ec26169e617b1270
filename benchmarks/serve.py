"""Serve: a search of the facts view in Datasette against the explorer's own query layer.

``relexplorer serve`` configures Datasette (``relexplorer.serve``: metadata and settings); the
request ``/DB/facts.json?_search=trade&_size=50`` goes through Datasette's own ASGI client, in
this process (no network), which runs what a colleague's browser asks for: the page of facts,
the count of matches and the facets that the metadata turns on. The baseline is what the
explorer runs for the same input, ``relexplorer.search.search(store, "trade", limit=50)`` (a page
of hydrated rows and the count capped at 1,000). The two alternate after an untimed pass. The
same request without facets (``_nofacet=1``) and on a bare ``datasette FILE`` (no metadata: its
suggested facets try every column) are timed too, for the note.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from benchmarks.common import Row, summary

WORD = "trade"
PAGE = 50


def available() -> str | None:
    """None when Datasette can be benchmarked, else why not."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        return "Datasette is not installed (pip install -e '.[serve]')"
    return None


async def _measure(db_path: Path, rounds: int) -> dict:
    from datasette.app import Datasette

    from relexplorer.search import search
    from relexplorer.serve import SETTINGS, build_metadata, database_name
    from relexplorer.store import open_store

    name = database_name(db_path)
    store = open_store(db_path, create=False)
    try:
        shipped = Datasette([str(db_path)], metadata=build_metadata(store, name), settings=SETTINGS)
        bare = Datasette([str(db_path)])
        url = shipped.urls.table(name, "facts", format="json") + f"?_search={WORD}&_size={PAGE}"
        variants = {"served": (shipped, url), "no facets": (shipped, url + "&_nofacet=1"), "bare": (bare, url)}
        samples: dict[str, list[float]] = {key: [] for key in (*variants, "query layer")}
        facts: dict[str, int | None] = {}

        async def request(key: str) -> float:
            ds, path = variants[key]
            t0 = time.perf_counter()
            response = await ds.client.get(path)
            elapsed = time.perf_counter() - t0
            data = response.json()
            if response.status_code != 200 or not data["rows"]:
                raise RuntimeError(f"{path}: {response.status_code} {response.text[:300]}")
            facts[key] = data.get("filtered_table_rows_count")
            return elapsed

        def query_layer() -> float:
            t0 = time.perf_counter()
            result = search(store, WORD, limit=PAGE)
            facts["query layer"] = result.total
            return time.perf_counter() - t0

        for key in variants:  # untimed: warms Datasette's schema cache and SQLite's pages
            await request(key)
        query_layer()
        for _ in range(rounds):
            for key in variants:
                samples[key].append(await request(key))
                samples["query layer"].append(query_layer())
    finally:
        store.close()
    return {"url": url, "rounds": rounds, "matches": facts,
            "latency": {key: summary(values) for key, values in samples.items()}}


def run(db_path: Path, repeats: int = 5) -> dict:
    """The whole serve benchmark (``4 * repeats`` timed rounds, so that p95 is not the maximum)."""
    why_not = available()
    if why_not:
        return {"available": False, "note": why_not}
    return {"available": True, **asyncio.run(_measure(db_path, 4 * repeats))}


def rows(result: dict) -> list[Row]:
    """The table rows of this part."""
    if not result.get("available"):
        return [Row("serve", "skipped", None, note=result.get("note", ""))]
    lat = result["latency"]
    served, ours = lat["served"], lat["query layer"]
    ratio = round(served["p95_ms"] / ours["p95_ms"], 2)
    note = (f"p50 {served['p50_ms']:.1f} ms, n={served['n']}; {result['matches']['served']:,} matches; "
            f"without facets p95 {lat['no facets']['p95_ms']:.1f} ms; bare 'datasette FILE' p95 "
            f"{lat['bare']['p95_ms']:.1f} ms")
    return [
        Row("serve", f"facts view search in Datasette (_search={WORD}&_size={PAGE}): p95", served["p95_ms"], "ms",
            note=note),
        Row("serve", "  vs the explorer's query layer on the same input (p95 ratio)", ratio, "x",
            note=f"query layer p50/p95 {ours['p50_ms']:.1f}/{ours['p95_ms']:.1f} ms (count capped at 1,000)"),
    ]

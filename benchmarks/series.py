"""Series: ``relexplorer series QUERY`` (the series of the matching facts, each read whole with its
conflicts marked) against a plain ranked FTS5 query for the same words on the same database.

Each query with words runs :func:`relexplorer.search.series.matching_series` as the command does
(up to 20 series of up to 500 figures); the baseline is the search benchmark's ``SELECT rowid, text
FROM facts_fts WHERE facts_fts MATCH ? ORDER BY rank LIMIT 50``. Timed alternately after one
untimed pass, so that both see the same cache.
"""

from __future__ import annotations

import time

from benchmarks.common import Row, summary
from benchmarks.search import BASELINE_SQL, _baseline_expression

TARGET_P95_MS = 100.0


def queries() -> list[str]:
    """Queries with words, as an analyst types them for a series: common, rarer, phrases, filters."""
    return ["trade", "bilateral trade", '"trade volume"', "exports", "imports", "trade russia",
            "investment", "budget", "spending", "gas exports", "trade year:2017", "trade -energy",
            "trade OR exports", "cooperation"]


def run(store, repeats: int = 5) -> dict:
    """Latencies of ``series`` and of the baseline per query, and the series and figures listed."""
    from relexplorer.search.series import matching_series

    conn = store.db.conn
    records = [{"input": q, "expression": _baseline_expression(q), "ours": [], "baseline": [],
                "series": 0, "figures": 0} for q in queries()]

    def ours(record: dict) -> float:
        t0 = time.perf_counter()
        found = matching_series(store, record["input"])
        elapsed = time.perf_counter() - t0
        record["series"], record["figures"] = len(found), sum(len(s.points) for s in found)
        return elapsed

    def baseline(expression: str) -> float:
        t0 = time.perf_counter()
        with store.lock:
            conn.execute(BASELINE_SQL, [expression]).fetchall()
        return time.perf_counter() - t0

    for record in records:  # untimed: warms both paths
        ours(record)
        if record["expression"]:
            baseline(record["expression"])
    for _ in range(repeats):
        for record in records:
            record["ours"].append(ours(record))
            if record["expression"]:
                record["baseline"].append(baseline(record["expression"]))
    ours_all = [t for r in records for t in r["ours"]]
    base_all = [t for r in records for t in r["baseline"]]
    slowest = max(records, key=lambda r: sorted(r["ours"])[len(r["ours"]) // 2])
    return {
        "repeats": repeats,
        "ours": summary(ours_all),
        "baseline": summary(base_all),
        "slowest_input": slowest["input"],
        "slowest_p50_ms": round(sorted(slowest["ours"])[len(slowest["ours"]) // 2] * 1000, 3),
        "series_with_figures": sum(1 for r in records if r["figures"]),
        "per_input": [{"input": r["input"], "series": r["series"], "figures": r["figures"],
                       "ours": summary(r["ours"]), "baseline": summary(r["baseline"]) if r["baseline"] else None}
                      for r in records],
    }


def rows(result: dict) -> list[Row]:
    """The table rows of this part."""
    ours, base = result["ours"], result["baseline"]
    listed = sum(r["figures"] for r in result["per_input"])
    note = (f"p50 {ours['p50_ms']:.2f} ms; FTS5 ranked p50/p95 {base['p50_ms']:.2f}/{base['p95_ms']:.2f} ms; "
            f"slowest {result['slowest_input']!r} {result['slowest_p50_ms']:.1f} ms; "
            f"{listed:,} figures listed over {len(result['per_input'])} queries")
    out = [Row("series", "series QUERY with words: p95", ours["p95_ms"], "ms", f"p95 <= {TARGET_P95_MS:g} ms",
               ours["p95_ms"] <= TARGET_P95_MS, note)]
    if base["p95_ms"]:
        out.append(Row("series", "series QUERY vs ranked FTS5 (p95 ratio)",
                       round(ours["p95_ms"] / base["p95_ms"], 3), "x", note="no target: series reads whole series"))
    return out

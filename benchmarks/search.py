"""Search: the query layer against plain ranked FTS5 on the same database, in the same run.

Inputs are whole queries and every prefix typed on the way to them (``t``, ``tr``, ``tra`` ...),
with field and numeric filters. For each input that has text terms, the baseline is what a
plain FTS5 front end would run for it: ``SELECT rowid, text FROM facts_fts WHERE facts_fts
MATCH ? ORDER BY rank LIMIT 50``. The two are timed alternately, after one untimed pass, so
that both see the same cache.
"""

from __future__ import annotations

import time

from benchmarks import corpus
from benchmarks.common import Row, summary

BASELINE_SQL = "SELECT rowid, text FROM facts_fts WHERE facts_fts MATCH ? ORDER BY rank LIMIT 50"


def rare_word() -> str:
    """A word of the vocabulary's long tail (a few hundred facts in a million)."""
    return corpus.vocabulary()[20_000]


def queries() -> list[str]:
    """Whole queries: common, rare, phrases, exclusions, field and numeric filters."""
    return [
        "cooperation", "trade", "energy", "the", "putin", "investment", rare_word(),
        '"strategic partnership"', '"bilateral trade"', "trade -energy", "sanctions -russia",
        "topic:energy", "trade topic:energy", "year:2017", "trade year:2017", "kind:money",
        "kind:money value>1e9", "percent>20", "trade percent>20", "person:putin", "org:rosneft",
        "place:harbin", "section:II", "unit:USD", "oil unit:USD value>1e9", "money>=1bn",
        "energy year>=2015", "gas place:moscow", "-cooperation",
        # OR (issue 10) and the filters of the new data: speakers and the user's notes.
        "trade OR energy", "(gas OR oil) -coal", '"strategic partnership" OR alliance',
        "topic:energy OR topic:trade", "gas OR topic:energy", "speaker:putin", "speaker:author",
        "trade speaker:author", "has:note", "note:risk", "tag:followup",
    ]


def typed() -> list[str]:
    """What is typed, one keystroke at a time, in the search box."""
    return [
        "cooperation", "trade", "energy", "putin", "investment", "sanctions", "pipeline",
        rare_word(), "bilateral trade", "trade value>1e9", "oil percent>20", "gas year:2017",
        "person:putin", "topic:energy", "energy -russia", "trade OR energy", "(gas OR oil) -coal",
        "speaker:putin",
    ]


def keystrokes(words: list[str] | None = None) -> list[str]:
    """Every distinct non-blank prefix of the typed inputs, in typing order."""
    out: list[str] = []
    for text in words if words is not None else typed():
        for i in range(1, len(text) + 1):
            prefix = text[:i]
            if not prefix.endswith(" ") and prefix not in out:
                out.append(prefix)
    return out


def classify(text: str) -> str:
    """``prefix 1-2``, ``prefix 3+`` (by the length of the word being typed) or ``filter``."""
    last = text.split()[-1]
    if ":" in last or any(op in last for op in "<>=") or last.startswith("-"):
        return "filter"
    letters = "".join(ch for ch in last if ch.isalnum())
    return "prefix 1-2" if len(letters) <= 2 else "prefix 3+"


def _baseline_expression(text: str) -> str | None:
    from relexplorer.errors import QueryError
    from relexplorer.search import fts_expression, parse_query

    try:
        query = parse_query(text)
    except QueryError:
        return None
    # The words and word groups of the query, as plain FTS5 prefix queries (no stems).
    return fts_expression(query) or None


def measure(store, inputs: list[str], repeats: int) -> list[dict]:
    """Per input: the query layer's and the baseline's latencies (seconds), and the hit count."""
    from relexplorer.errors import QueryError
    from relexplorer.search import search

    conn = store.db.conn
    plans = [(text, _baseline_expression(text)) for text in inputs]
    out = [{"input": text, "ours": [], "baseline": [], "total": None, "error": None} for text in inputs]

    def ours(text: str, record: dict) -> float:
        t0 = time.perf_counter()
        try:
            result = search(store, text, limit=50)
            record["total"] = result.total_label
        except QueryError as exc:
            record["error"] = str(exc)
        return time.perf_counter() - t0

    def baseline(expression: str) -> float:
        t0 = time.perf_counter()
        with store.lock:
            conn.execute(BASELINE_SQL, [expression]).fetchall()
        return time.perf_counter() - t0

    for (text, expression), record in zip(plans, out, strict=True):  # untimed: warms both paths
        ours(text, record)
        if expression:
            baseline(expression)
    for _ in range(repeats):
        for (text, expression), record in zip(plans, out, strict=True):
            record["ours"].append(ours(text, record))
            if expression:
                record["baseline"].append(baseline(expression))
    return out


def report(records: list[dict], group_of) -> dict:
    """Latency summaries and ratios per group and overall."""
    groups: dict[str, list[dict]] = {}
    for r in records:
        groups.setdefault(group_of(r["input"]), []).append(r)
    groups["all"] = records
    out = {}
    for name, rs in groups.items():
        ours = [t for r in rs for t in r["ours"]]
        paired = [r for r in rs if r["baseline"]]
        base = [t for r in paired for t in r["baseline"]]
        ours_paired = [t for r in paired for t in r["ours"]]
        entry = {"ours": summary(ours), "baseline": summary(base) if base else None}
        if base:
            entry["ratio_total"] = round(sum(ours_paired) / sum(base), 3)
            entry["ratio_p95"] = round(summary(ours_paired)["p95_ms"] / summary(base)["p95_ms"], 3)
            worst = max(paired, key=lambda r: sorted(r["ours"])[len(r["ours"]) // 2]
                        / max(sorted(r["baseline"])[len(r["baseline"]) // 2], 1e-9))
            entry["worst_ratio_input"] = worst["input"]
        slowest = max(rs, key=lambda r: sorted(r["ours"])[len(r["ours"]) // 2])
        entry["slowest_input"] = slowest["input"]
        entry["slowest_p50_ms"] = round(sorted(slowest["ours"])[len(slowest["ours"]) // 2] * 1000, 3)
        out[name] = entry
    return out


def run(store, repeats: int = 5) -> dict:
    """The whole search benchmark."""
    whole = measure(store, queries(), repeats)
    keys = measure(store, keystrokes(), repeats)
    return {
        "repeats": repeats,
        "queries": report(whole, lambda text: "filter" if classify(text) == "filter" else "words"),
        "keystrokes": report(keys, classify),
        "per_input": [
            {"input": r["input"], "total": r["total"], "error": r["error"],
             "ours": summary(r["ours"]), "baseline": summary(r["baseline"]) if r["baseline"] else None}
            for r in whole + keys
        ],
    }


def rows(result: dict) -> list[Row]:
    """The table rows of this part."""
    out: list[Row] = []
    keys = result["keystrokes"]
    for name in ("prefix 1-2", "prefix 3+", "filter", "all"):
        g = keys.get(name)
        if not g:
            continue
        base = g["baseline"]
        target, ok = "", None
        if name == "prefix 3+":
            target, ok = "p95 <= 15 ms", g["ours"]["p95_ms"] <= 15
        note = f"FTS5 ranked p50/p95 {base['p50_ms']:.2f}/{base['p95_ms']:.2f} ms" if base else ""
        note += f"; slowest {g['slowest_input']!r} {g['slowest_p50_ms']:.1f} ms"
        out.append(Row("search", f"keystroke, {name}: p50 / p95",
                       g["ours"]["p95_ms"], "ms", target, ok,
                       f"p50 {g['ours']['p50_ms']:.2f} ms; {note}"))
        if "ratio_total" in g:
            tgt = "<= 1.0" if name == "all" else ""
            out.append(Row("search", f"keystroke, {name}: vs ranked FTS5 (time ratio)", g["ratio_total"], "x",
                           tgt, g["ratio_total"] <= 1.0 if tgt else None,
                           f"p95 ratio {g['ratio_p95']}; worst {g['worst_ratio_input']!r}"))
    for name in ("words", "filter"):
        g = result["queries"].get(name)
        if not g:
            continue
        note = f"p50 {g['ours']['p50_ms']:.2f} ms; slowest {g['slowest_input']!r} {g['slowest_p50_ms']:.1f} ms"
        out.append(Row("search", f"whole queries, {name}: p95", g["ours"]["p95_ms"], "ms", note=note))
        if "ratio_total" in g:
            out.append(Row("search", f"whole queries, {name}: vs ranked FTS5", g["ratio_total"], "x",
                           "<= 1.0", g["ratio_total"] <= 1.0, f"worst {g['worst_ratio_input']!r}"))
    return out

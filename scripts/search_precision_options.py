"""The options of issue 14 (search precision), timed on a copy of a schema-3 benchmark database.

``python scripts/search_precision_options.py COPY.db`` adds to COPY (a copy: it is changed) an
unstemmed FTS5 index of the facts, the words of that index with their Snowball stems and with
SQLite's porter stems, then times, for every keystroke of a few typed words, the page-and-count
statement (ids in document order, LIMIT 1001) of:

- ``base``: the porter index as schema 3 queried it (``"gas"*`` is ``ga*``: imprecise);
- ``opt1``: the porter index, the typed prefix expanded to the porter stems of the words that
  really start with it (exact stems ORed);
- ``opt2``: a second, unstemmed index for prefixes, beside the porter index for the stem;
- ``opt3``: the porter prefix query, each candidate's words checked in Python;
- ``chosen``: one unstemmed index (prefix query) ORed with the words of the same Snowball stem.
"""

from __future__ import annotations

import re
import sqlite3
import statistics
import sys
import time

import snowballstemmer

sys.path.insert(0, ".")
from benchmarks import search as bench_search  # noqa: E402

STEM = snowballstemmer.stemmer("english").stemWord
TOKEN = re.compile(r"[^\W_]+")
CAP = 1001


def build(conn: sqlite3.Connection) -> None:
    """The extra index and word tables the options need (about a minute at a million facts)."""
    conn.execute("DROP TABLE IF EXISTS facts_plain")
    conn.execute("CREATE VIRTUAL TABLE facts_plain USING fts5(text, tokenize='unicode61', prefix='1 2 3', "
                 "content='facts', content_rowid='id')")
    conn.execute("INSERT INTO facts_plain(facts_plain) VALUES ('rebuild')")
    conn.execute("CREATE VIRTUAL TABLE temp.plain_vocab USING fts5vocab(main, facts_plain, 'row')")
    terms = [r[0] for r in conn.execute("SELECT term FROM temp.plain_vocab")]
    conn.execute("DROP TABLE IF EXISTS option_words")
    conn.execute("CREATE TABLE option_words (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID")
    conn.executemany("INSERT INTO option_words VALUES (?, ?)", [(w, STEM(w)) for w in terms])
    conn.execute("CREATE INDEX option_words_stem ON option_words(stem)")
    # Porter stems as SQLite's own tokenizer makes them: each word as a row of a porter index.
    conn.execute("CREATE VIRTUAL TABLE temp.porter_tmp USING fts5(w, tokenize='porter unicode61')")
    conn.executemany("INSERT INTO temp.porter_tmp(rowid, w) VALUES (?, ?)", list(enumerate(terms, 1)))
    conn.execute("CREATE VIRTUAL TABLE temp.porter_inst USING fts5vocab(temp, porter_tmp, 'instance')")
    conn.execute("DROP TABLE IF EXISTS porter_words")
    conn.execute("CREATE TABLE porter_words (word TEXT PRIMARY KEY, pstem TEXT NOT NULL) WITHOUT ROWID")
    conn.execute("INSERT OR IGNORE INTO porter_words SELECT t.w, i.term FROM temp.porter_inst i "
                 "JOIN temp.porter_tmp t ON t.rowid = i.doc")
    conn.execute("CREATE INDEX porter_words_stem ON porter_words(pstem)")
    conn.commit()


def q(token: str) -> str:
    return '"' + token + '"'


def run(conn, sql, params) -> int:
    return len(conn.execute(sql, params).fetchall())


def options(conn):
    fts = "SELECT rowid FROM facts_fts WHERE facts_fts MATCH ? ORDER BY rowid LIMIT ?"
    plain = "SELECT rowid FROM facts_plain WHERE facts_plain MATCH ? ORDER BY rowid LIMIT ?"

    def base(ws):
        return run(conn, fts, [" AND ".join(q(w) + "*" for w in ws), CAP])

    def opt1(ws):
        parts = []
        for w in ws:
            stems = sorted({r[0] for r in conn.execute(
                "SELECT DISTINCT pstem FROM porter_words WHERE word >= ? AND word < ?", [w, w + "\U0010ffff"])})
            parts.append("(" + " OR ".join([q(w), *map(q, stems)]) + ")")
        return run(conn, fts, [" AND ".join(parts), CAP])

    def opt2(ws):
        parts, params = [], []
        for w in ws:
            parts.append("SELECT id FROM (SELECT rowid AS id FROM facts_fts WHERE facts_fts MATCH ? "
                         "UNION SELECT rowid AS id FROM facts_plain WHERE facts_plain MATCH ?)")
            params += [q(w), q(w) + "*"]
        return run(conn, " INTERSECT ".join(parts) + " ORDER BY id LIMIT ?", [*params, CAP])

    def opt3(ws):
        stems = [STEM(w) for w in ws]

        def ok(text):
            toks = [t.lower() for t in TOKEN.findall(text)]
            return all(any(t.startswith(w) or STEM(t) == s for t in toks) for w, s in zip(ws, stems, strict=True))

        conn.create_function("surface_ok", 1, ok, deterministic=True)
        return run(conn, "SELECT f.rowid FROM facts_fts f JOIN facts x ON x.id = f.rowid WHERE facts_fts MATCH ? "
                         "AND surface_ok(x.text) ORDER BY f.rowid LIMIT ?",
                   [" AND ".join(q(w) + "*" for w in ws), CAP])

    def chosen(ws):
        parts = []
        for w in ws:
            same = [r[0] for r in conn.execute("SELECT word FROM option_words WHERE stem = ?", [STEM(w)])
                    if not r[0].startswith(w)]
            parts.append("(" + " OR ".join([q(w) + "*", *map(q, same)]) + ")")
        return run(conn, plain, [" AND ".join(parts), CAP])

    return {"base": base, "opt1": opt1, "opt2": opt2, "opt3": opt3, "chosen": chosen}


def main(path: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA cache_size = -65536")
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'porter_words'").fetchone():
        build(conn)
    typed = ["cooperation", "trade", "energy", "putin", "investment", "sanctions", "pipeline",
             bench_search.rare_word(), "bilateral trade", "gas", "ties", "plans"]
    timings: dict[str, list[float]] = {}
    for text in bench_search.keystrokes(typed):
        ws = [w.lower() for w in TOKEN.findall(text)]
        cells = [text]
        for name, fn in options(conn).items():
            fn(ws)  # untimed: warms the cache
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                n = fn(ws)
                times.append(time.perf_counter() - t0)
            timings.setdefault(name, []).extend(times)
            cells.append(f"{name} {statistics.median(times) * 1000:.1f} ms/{n}")
        print(" | ".join(cells), flush=True)
    for name, times in timings.items():
        times.sort()
        print(f"{name:8} p50 {times[len(times) // 2] * 1000:8.1f} ms  p95 {times[int(len(times) * 0.95)] * 1000:8.1f} ms"
              f"  total {sum(times):7.2f} s")


if __name__ == "__main__":
    main(sys.argv[1])

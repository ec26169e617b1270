"""Ingest: building the benchmark database end to end, and figure extraction against quantulum3.

End to end is what ``relexplorer ingest`` does to each file: ``reader.read_text`` ->
``extract.extract`` -> ``Store.add_document`` (through ``ingest.ingest_source``), one transaction
per document. A sample of the corpus is also run stage by stage, so that the table says where
the time goes.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from benchmarks import corpus
from benchmarks.common import Row

META_SUFFIX = ".meta.json"


def _read(article: corpus.Article):
    from relexplorer.read import read_text

    return read_text(article.text, article.fmt, path=Path(article.name))


def build_database(path: Path, facts: int, seed: int = corpus.SEED, *, progress=None) -> dict:
    """Ingest a corpus of ``facts`` sentences into a new database at ``path``; return timings."""
    from relexplorer.ingest import ingest_source
    from relexplorer.store import SCHEMA_VERSION, open_store

    for suffix in ("", "-wal", "-shm", META_SUFFIX):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = open_store(path)
    source_bytes = source_chars = documents = stored_facts = 0
    generate = read = ingest = 0.0
    try:
        t_gen = time.perf_counter()
        for article in corpus.articles(facts, seed):
            t0 = time.perf_counter()
            generate += t0 - t_gen
            source = _read(article)
            t1 = time.perf_counter()
            result = ingest_source(store, source)
            t_gen = time.perf_counter()
            read += t1 - t0
            ingest += t_gen - t1
            source_bytes += len(article.text.encode("utf-8"))
            source_chars += len(article.text)
            documents += 1
            stored_facts += result.facts
            if progress:
                progress(article.facts)
        t0 = time.perf_counter()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        checkpoint = time.perf_counter() - t0
    finally:
        store.close()
    seconds = read + ingest + checkpoint
    meta = {
        "facts_requested": facts,
        "seed": seed,
        "schema_version": SCHEMA_VERSION,
        "documents": documents,
        "facts_stored": stored_facts,
        "source_bytes": source_bytes,
        "source_chars": source_chars,
        "seconds": round(seconds, 3),
        "generate_seconds": round(generate, 3),
        "read_seconds": round(read, 3),
        "extract_and_store_seconds": round(ingest, 3),
        "checkpoint_seconds": round(checkpoint, 3),
        "mb_per_s": round(source_bytes / 1e6 / seconds, 3) if seconds else None,
        "facts_per_s": round(stored_facts / seconds, 1) if seconds else None,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    Path(str(path) + META_SUFFIX).write_text(json.dumps(meta, indent=2))
    return meta


def reusable(path: Path, facts: int, seed: int) -> dict | None:
    """The build record of a database at ``path`` when it can be reused for this run."""
    from relexplorer.store import SCHEMA_VERSION

    meta_path = Path(str(path) + META_SUFFIX)
    if not path.exists() or not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text())
    except (OSError, ValueError):
        return None
    if (meta.get("facts_requested"), meta.get("seed")) != (facts, seed):
        return None
    # An older schema is migrated when the store opens it, as it would be for a user; a newer
    # one cannot be opened.
    if not isinstance(meta.get("schema_version"), int) or meta["schema_version"] > SCHEMA_VERSION:
        return None
    return meta


def stage_breakdown(sample: list[corpus.Article], db_path: Path) -> dict:
    """Seconds spent reading, extracting and storing a sample, stage by stage."""
    from relexplorer.extract import default_taxonomy, extract
    from relexplorer.store import open_store

    taxonomy = default_taxonomy()
    labels = {t.name: t.label for t in taxonomy.topics}
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    store = open_store(db_path)
    read = extract_s = store_s = 0.0
    nbytes = 0
    try:
        for article in sample:
            t0 = time.perf_counter()
            source = _read(article)
            t1 = time.perf_counter()
            doc = extract(source, taxonomy)
            t2 = time.perf_counter()
            store.add_document(doc, sha256=source.sha256, path=article.name, taxonomy_labels=labels)
            t3 = time.perf_counter()
            read, extract_s, store_s = read + t1 - t0, extract_s + t2 - t1, store_s + t3 - t2
            nbytes += len(article.text.encode("utf-8"))
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    mb = nbytes / 1e6
    return {
        "sample_bytes": nbytes,
        "read_s": round(read, 4),
        "extract_s": round(extract_s, 4),
        "store_s": round(store_s, 4),
        "read_mb_per_s": round(mb / read, 2) if read else None,
        "extract_mb_per_s": round(mb / extract_s, 2) if extract_s else None,
        "store_mb_per_s": round(mb / store_s, 2) if store_s else None,
    }


def figures_vs_quantulum(sample: list[corpus.Article], budget_s: float = 20.0) -> dict:
    """Throughput of ``figures.find_figures`` and of quantulum3 on the same texts, in one run.

    quantulum3 is slow (tens of KB/s), so it gets the articles that fit in ``budget_s`` and
    relexplorer gets exactly the same articles.
    """
    from relexplorer.extract.figures import find_figures

    try:
        os.environ.setdefault("PYTHONWARNINGS", "ignore")
        import warnings

        warnings.filterwarnings("ignore")
        from quantulum3 import parser as q3
    except ImportError:
        q3 = None
    texts = [a.text for a in sample]
    result: dict = {"quantulum3": None}
    if q3 is not None:
        q3.parse("warm-up: $1 billion, 20 percent")  # loads its models: not part of the rate
        done: list[str] = []
        q_seconds = 0.0
        q_found = 0
        for text in texts:
            t0 = time.perf_counter()
            q_found += len(q3.parse(text))
            q_seconds += time.perf_counter() - t0
            done.append(text)
            if q_seconds > budget_s:
                break
        texts = done
        nbytes = sum(len(t.encode("utf-8")) for t in texts)
        result["quantulum3"] = {
            "bytes": nbytes, "seconds": round(q_seconds, 4), "found": q_found,
            "mb_per_s": round(nbytes / 1e6 / q_seconds, 4),
        }
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    # Repeat until the measurement is long enough to trust.
    rounds, r_seconds, found = 0, 0.0, 0
    while r_seconds < 0.5 or rounds < 3:
        t0 = time.perf_counter()
        found = sum(len(find_figures(t, 0, len(t))) for t in texts)
        r_seconds += time.perf_counter() - t0
        rounds += 1
    result["relexplorer"] = {
        "bytes": nbytes, "seconds": round(r_seconds / rounds, 5), "found": found,
        "mb_per_s": round(nbytes / 1e6 / (r_seconds / rounds), 3),
    }
    if result["quantulum3"]:
        result["ratio"] = round(result["relexplorer"]["mb_per_s"] / result["quantulum3"]["mb_per_s"], 1)
    return result


def rows(build: dict, reused: bool, stages: dict, figures: dict) -> list[Row]:
    """The table rows of this part."""
    note = f"measured when the database was built ({build['built_at']})" if reused else ""
    out = [
        Row("ingest", "end to end (read, extract, store, index)", build["mb_per_s"], "MB/s", ">= 2",
            build["mb_per_s"] >= 2 if build["mb_per_s"] is not None else None, note),
        Row("ingest", "end to end, facts", build["facts_per_s"], "facts/s", note=note),
        Row("ingest", "stages on a sample: read / extract / store",
            None, "MB/s",
            note=f"{stages['read_mb_per_s']} / {stages['extract_mb_per_s']} / {stages['store_mb_per_s']} MB/s "
                 f"on {stages['sample_bytes'] / 1e6:.1f} MB"),
        Row("ingest", "extraction alone, one core (stage above)", stages["extract_mb_per_s"], "MB/s", ">= 2.5",
            stages["extract_mb_per_s"] >= 2.5 if stages["extract_mb_per_s"] is not None else None),
        Row("ingest", "figure extraction alone", figures["relexplorer"]["mb_per_s"], "MB/s",
            note=f"on {figures['relexplorer']['bytes'] / 1e3:.0f} KB"),
    ]
    q = figures.get("quantulum3")
    if q:
        out.append(Row("ingest", "quantulum3 on the same text", q["mb_per_s"], "MB/s"))
        out.append(Row("ingest", "figure extraction vs quantulum3", figures["ratio"], "x", ">= 50",
                       figures["ratio"] >= 50))
    else:
        out.append(Row("ingest", "figure extraction vs quantulum3", None, "x", ">= 50", None,
                       "skipped: quantulum3 is not installed (pip install '.[bench]')"))
    return out

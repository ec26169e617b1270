"""Throughput of the whole extraction pipeline, and the share of it that finding speakers takes.

The corpus is the benchmarks' generated articles (``benchmarks.corpus``) plus the real articles
of the test data (the bundled sample and the hand-labelled speaker articles, which are dense in
quotes), read once before timing. ``extract`` is timed end to end, document by document,
alternating with ``find_speakers`` alone on the facts it produced, so the share is measured in
the same run on the same machine under the same load. Run it on two checkouts with the same arguments to compare MB/s:

    PYTHONPATH=src python scripts/bench_speakers.py --facts 20000 --rounds 3
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the benchmarks package of this checkout


def _sources(facts: int, real_only: bool):
    from benchmarks import corpus
    from relexplorer.read import read_path, read_text

    sources = [] if real_only else [read_text(a.text, a.fmt, path=Path(a.name)) for a in corpus.articles(facts)]
    real = [ROOT / "src/relexplorer/data/sample/zhao-2018-china-russia-endogenous-dynamics.txt"]
    data = ROOT / "tests/data"
    folders = ["speakers/tuned"] if not real_only else ["speakers/tuned", "speakers/blind", "figures/tuned",
                                                         "figures/blind", "series/tuned", "series/blind"]
    for folder in folders:
        real += sorted((data / folder).glob("*.txt"))
    sources += [read_path(p) for p in real if p.exists()]
    return sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=20_000, help="generated facts in the corpus")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (the best is kept)")
    parser.add_argument("--real-only", action="store_true",
                        help="only the real articles of the test data (news, dense in quotes)")
    args = parser.parse_args()

    from relexplorer.extract import default_taxonomy, extract

    try:
        from relexplorer.extract.speakers import find_speakers
    except ImportError:  # a checkout from before speakers: the pipeline alone
        find_speakers = None
    taxonomy = default_taxonomy()
    sources = _sources(args.facts, args.real_only)
    nbytes = sum(len(s.text.encode("utf-8")) for s in sources)
    docs = [extract(s, taxonomy) for s in sources]  # warm-up: data files, caches
    best_extract = best_speakers = float("inf")
    ratios = []
    for _ in range(args.rounds):
        # Document by document, the pipeline then speakers alone on its output, so that a change
        # in the machine's load touches both alike.
        t_extract = t_speakers = 0.0
        for source, doc in zip(sources, docs, strict=True):
            t0 = time.perf_counter()
            extract(source, taxonomy)
            t1 = time.perf_counter()
            if find_speakers is not None:
                find_speakers(doc.text, doc.facts)
            t_extract += t1 - t0
            t_speakers += time.perf_counter() - t1
        best_extract = min(best_extract, t_extract)
        best_speakers = min(best_speakers, t_speakers)
        ratios.append(t_speakers / t_extract)
    mb = nbytes / 1e6
    print(f"corpus: {len(sources)} documents, {sum(len(d.facts) for d in docs)} facts, {mb:.2f} MB")
    print(f"extract (whole pipeline): {mb / best_extract:.3f} MB/s ({best_extract:.2f} s)")
    if find_speakers is not None:
        found = sum(1 for d in docs for f in d.facts if f.speakers)
        without = best_extract - best_speakers
        ratios.sort()
        print(f"find_speakers alone: {mb / best_speakers:.2f} MB/s ({best_speakers:.3f} s), "
              f"{ratios[len(ratios) // 2]:.1%} of the pipeline (median of {len(ratios)} rounds); "
              f"{found} facts with a speaker")
        print(f"pipeline without speakers (same run): {mb / without:.3f} MB/s; with them "
              f"{best_extract / without:.3f}x the time")


if __name__ == "__main__":
    main()

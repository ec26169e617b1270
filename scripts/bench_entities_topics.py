"""Throughput of entity extraction and topic tagging on a synthetic corpus.

The corpus is made of documents of about 80 facts, each a seeded shuffle of real sentences
(the bundled sample article, the test articles and the hand-labelled gold sentences), so
the text has the genre's density of names. Sentences are found with the project's splitter
before timing starts; only ``find_entities`` and ``Taxonomy.tag``/``tag_all`` are timed.

    python scripts/bench_entities_topics.py --facts 1000000
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

import yaml

from relexplorer.extract.entities import find_entities, load_gazetteer
from relexplorer.extract.sentences import split_sentences
from relexplorer.extract.topics import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]


def _sentences() -> list[str]:
    texts = [
        p.read_text(encoding="utf-8") for p in (ROOT / "src/relexplorer/data/sample").glob("*.txt")
    ]
    texts += [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "tests/articles").rglob("*"))
        if p.suffix in (".txt", ".md")
    ]
    out = []
    for text in texts:
        for m in re.finditer(r"[^\n]+", text):
            out += [text[s:e] for s, e in split_sentences(text, m.start(), m.end())]
    for name in ("entities_gold.yaml", "entities_heldout.yaml", "topics_gold.yaml"):
        path = ROOT / "tests/data" / name
        if path.exists():
            out += [item["text"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return [s for s in out if len(s) > 20]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000, help="facts in the corpus")
    parser.add_argument("--per-doc", type=int, default=80, help="facts per document")
    args = parser.parse_args()

    pool = _sentences()
    rng = random.Random(7)
    load_gazetteer()
    taxonomy = load_taxonomy()
    n_docs = max(1, args.facts // args.per_doc)
    chars = facts = mentions = tagged = 0
    t_ent = t_tag = t_all = 0.0
    for _ in range(n_docs):
        sents = rng.choices(pool, k=args.per_doc)
        text = " ".join(sents)
        spans, pos = [], 0
        for s in sents:
            spans.append((pos, pos + len(s)))
            pos += len(s) + 1
        chars += len(text)
        facts += len(spans)
        t0 = time.process_time()
        mentions += sum(map(len, find_entities(text, spans)))
        t1 = time.process_time()
        tagged += sum(1 for s in sents if taxonomy.tag(s))
        t2 = time.process_time()
        taxonomy.tag_all(sents)
        t3 = time.process_time()
        t_ent += t1 - t0
        t_tag += t2 - t1
        t_all += t3 - t2
    mb = chars / 1e6
    print(f"corpus: {n_docs} documents, {facts} facts, {mb:.1f} MB, {len(pool)} distinct sentences")
    print(
        f"entities : {t_ent:7.1f} s CPU  {mb / t_ent:5.2f} MB/s  {facts / t_ent:8.0f} facts/s  {mentions} mentions"
    )
    print(
        f"tag      : {t_tag:7.1f} s CPU  {mb / t_tag:5.2f} MB/s  {facts / t_tag:8.0f} facts/s  {tagged} facts tagged"
    )
    print(f"tag_all  : {t_all:7.1f} s CPU  {mb / t_all:5.2f} MB/s  {facts / t_all:8.0f} facts/s")
    both = t_ent + t_tag
    print(f"entities + tag: {mb / both:5.2f} MB/s")


if __name__ == "__main__":
    main()

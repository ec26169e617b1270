"""A fingerprint of what extraction makes of every labelled article, to prove a speed-up changed nothing.

``PYTHONPATH=src python -m tests.helpers.fingerprint`` rewrites the baseline
(``tests/data/fingerprint.jsonl``) with whichever ``relexplorer`` is first on the path: run it with
``PYTHONPATH=/path/to/main/src`` to take main's extractor as the reference. ``--check`` compares
instead and lists the articles and parts that differ.

Each line holds one article: its path, and a hash per part of the extraction (metadata, sections,
paragraphs, facts with their spans, figures, entity mentions, topics, speakers), so that a
difference says which part moved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

from tests.helpers.paths import DATA, REPO, SAMPLE

BASELINE = DATA / "fingerprint.jsonl"
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
_NOT_ARTICLES = ("README.md", "RUNS.md")


def labelled_articles() -> list[Path]:
    """Every article file under tests/data (the exporters' golden files aside), and the sample."""
    found = sorted(
        p for p in DATA.rglob("*")
        if p.suffix.lower() in SUFFIXES and p.name not in _NOT_ARTICLES
        and "golden" not in p.relative_to(DATA).parts
    )
    return [SAMPLE, *found]


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def fingerprint(path: Path) -> dict:
    """The per-part hashes of one article's extraction (or the error its reading raised)."""
    from relexplorer.errors import RelexplorerError
    from relexplorer.extract import extract
    from relexplorer.read import read_path

    name = str(path.relative_to(REPO))
    try:
        doc = extract(read_path(path))
    except RelexplorerError as exc:  # a page with no article is labelled too: its message is its output
        return {"path": name, "error": str(exc).replace(str(REPO) + "/", "")}
    facts = doc.facts
    parts = {
        "text": hashlib.sha256(doc.text.encode()).hexdigest()[:16],
        "metadata": _digest(asdict(doc.metadata)),
        "sections": _digest([asdict(s) for s in doc.sections]),
        "paragraphs": _digest([asdict(p) for p in doc.paragraphs]),
        "facts": _digest([(f.start, f.end, f.text, f.paragraph, f.section, f.page) for f in facts]),
        "figures": _digest([[asdict(g) for g in f.figures] for f in facts]),
        "entities": _digest([[asdict(m) for m in f.mentions] for f in facts]),
        "topics": _digest([f.topics for f in facts]),
        "speakers": _digest([[asdict(s) for s in f.speakers] for f in facts]),
    }
    counts = {"n_facts": len(facts), "n_figures": sum(len(f.figures) for f in facts),
              "n_mentions": sum(len(f.mentions) for f in facts)}
    return {"path": name, **counts, **parts}


def compute() -> list[dict]:
    """Fingerprints of every labelled article, in path order."""
    return [fingerprint(p) for p in labelled_articles()]


def load(path: Path = BASELINE) -> list[dict]:
    """The stored baseline."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def differences(baseline: list[dict], now: list[dict]) -> list[str]:
    """One line per article whose fingerprint differs, naming the parts that moved."""
    old = {row["path"]: row for row in baseline}
    new = {row["path"]: row for row in now}
    out = [f"{p}: not in the baseline" for p in new.keys() - old.keys()]
    out += [f"{p}: in the baseline but no longer found" for p in old.keys() - new.keys()]
    for p in sorted(old.keys() & new.keys()):
        moved = [k for k in old[p].keys() | new[p].keys() if old[p].get(k) != new[p].get(k)]
        if moved:
            out.append(f"{p}: {', '.join(sorted(moved))} changed")
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the baseline, or with ``--check`` compare against it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the baseline instead of writing it")
    args = parser.parse_args(argv)
    now = compute()
    if args.check:
        diff = differences(load(), now)
        print("\n".join(diff) or f"{len(now)} articles: extraction unchanged")
        return 1 if diff else 0
    BASELINE.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in now), encoding="utf-8")
    import relexplorer

    print(f"wrote {len(now)} fingerprints to {BASELINE} with relexplorer from {Path(relexplorer.__file__).parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

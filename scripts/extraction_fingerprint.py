"""Fingerprint of what reading and extraction produce, to show a refactor changed nothing.

``python scripts/extraction_fingerprint.py save FILE`` reads and extracts every labelled and
fixture article in ``tests/data``, the bundled sample, the seeds in ``../shared/seeds``, the
saved pages of ``../shared/data/article-extraction-benchmark`` and a slice of the benchmark
corpus, and writes one line of JSON per document (text, metadata, sections, paragraphs, facts
with figures, mentions and topics). ``compare FILE`` does the same and lists the documents
whose output differs. This is a tool for a refactor, not a test: it pins no expected output.
Run both with the same ``PYTHONHASHSEED`` (e.g. 0) to rule out any ordering left to the hash seed.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path

from relexplorer.extract import extract
from relexplorer.read import read_path, read_text

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (a worktree may sit one folder deeper); $RELEXPLORER_SHARED wins.
SHARED = Path(os.environ.get("RELEXPLORER_SHARED") or next(
    (p / "shared" for p in REPO.parents if (p / "shared" / "seeds").is_dir()), REPO.parent / "shared"))


def sources():
    """``(name, Source)`` for every document of the fingerprint."""
    files = sorted(p for p in (REPO / "tests" / "data").rglob("*")
                   if p.suffix in (".txt", ".md", ".html") and p.is_file())
    files += sorted((REPO / "src/relexplorer/data/sample").glob("*.txt"))
    files += sorted((SHARED / "seeds").glob("*.txt"))
    for path in files:
        name = str(path.relative_to(REPO)) if path.is_relative_to(REPO) else f"shared/{path.name}"
        yield name, read_path(path)
    for page in sorted((SHARED / "data/article-extraction-benchmark/html").glob("*.html.gz")):
        raw = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        yield page.name, read_text(raw, "html")
    sys.path.insert(0, str(REPO))
    from benchmarks.corpus import articles

    for article in articles(20_000):
        yield f"corpus/{article.name}", read_text(article.text, article.fmt)


def fingerprint(name: str, source) -> dict:
    doc = extract(source)
    data = dataclasses.asdict(doc)
    data["text_sha"] = hashlib.sha256(data.pop("text").encode("utf-8", "surrogatepass")).hexdigest()
    return {"name": name, "doc": data}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "compare"):
        print(__doc__)
        return 2
    command, file = argv
    rows = [json.dumps(fingerprint(name, source), sort_keys=True, ensure_ascii=False)
            for name, source in sources()]
    if command == "save":
        Path(file).write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"saved {len(rows)} documents to {file}")
        return 0
    before = {json.loads(line)["name"]: line for line in Path(file).read_text("utf-8").splitlines()}
    changed = [json.loads(r)["name"] for r in rows if before.get(json.loads(r)["name"]) != r]
    missing = set(before) - {json.loads(r)["name"] for r in rows}
    for name in changed:
        print("changed:", name)
    for name in sorted(missing):
        print("missing:", name)
    print(f"{len(rows)} documents, {len(changed)} changed, {len(missing)} missing")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

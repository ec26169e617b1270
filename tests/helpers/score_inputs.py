"""Score reading and extraction on real inputs against hand labels (``tests/data/inputs``).

Each document ``NAME.ext`` (saved page, copied text, PDF) has ``NAME.label.yaml`` with its
citation metadata (title, author, date, outlet, url), the first and last words of its body,
furniture lines that must never become facts (``not_body``) and sentences that must
(``facts_sample``). Measured per document and in total:

- metadata: per field, *right* (equal after folding case, quotes and spaces; a date equal to
  the labelled precision), *wrong* (a value that is not the label's, including any value where
  the label is empty) and *missing* (empty where the label has one). "Right or empty, never
  wrong": wrong counts against us more than missing.
- sample recall: labelled body sentences found as facts (a fact equal to it, or containing
  it, after folding spaces and joining hyphenated line breaks).
- furniture: labelled furniture strings found inside a fact (each one is a false fact).
- body bounds: the first and last words of the body found in the facts.
- bad inputs (``kind: bad-input``): refused with one line, nothing stored.

Run ``python -m tests.helpers.score_inputs [FOLDER ...] [-v]`` (default: both sets).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from relexplorer.errors import RelexplorerError
from relexplorer.extract import extract
from relexplorer.read import read_path
from tests.helpers import paths

INPUTS = paths.DATA / "inputs"
FIELDS = ("title", "author", "date", "outlet", "url")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Text as compared: NFKC, straight quotes, hyphenated line breaks joined, spaces folded."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split()).casefold()


@dataclass
class FieldScore:
    right: int = 0
    wrong: int = 0
    missing: int = 0
    right_empty: int = 0  # empty label, empty output

    @property
    def labelled(self) -> int:
        return self.right + self.missing + self.wrong

    def accuracy(self) -> float:
        """Right (including right-and-empty) over every document scored."""
        total = self.right + self.wrong + self.missing + self.right_empty
        return (self.right + self.right_empty) / total if total else 1.0


@dataclass
class Score:
    documents: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    samples: int = 0
    samples_found: int = 0
    furniture: int = 0
    furniture_as_facts: int = 0
    bounds: int = 0
    bounds_found: int = 0
    bad_inputs: int = 0
    bad_refused: int = 0
    failures: list[str] = field(default_factory=list)  # documents that could not be read
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.documents += other.documents
        for name in FIELDS:
            mine, theirs = self.fields[name], other.fields[name]
            mine.right += theirs.right
            mine.wrong += theirs.wrong
            mine.missing += theirs.missing
            mine.right_empty += theirs.right_empty
        for name in ("samples", "samples_found", "furniture", "furniture_as_facts", "bounds", "bounds_found",
                     "bad_inputs", "bad_refused"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures += other.failures
        self.notes += other.notes

    def metadata_accuracy(self) -> float:
        right = sum(f.right + f.right_empty for f in self.fields.values())
        total = sum(f.right + f.right_empty + f.wrong + f.missing for f in self.fields.values())
        return right / total if total else 1.0

    def metadata_wrong(self) -> int:
        return sum(f.wrong for f in self.fields.values())

    def sample_recall(self) -> float:
        return self.samples_found / self.samples if self.samples else 1.0

    def furniture_rate(self) -> float:
        return self.furniture_as_facts / self.furniture if self.furniture else 0.0


def documents(folder: Path) -> list[tuple[Path, dict]]:
    """``(document, label)`` for each labelled document in ``folder``."""
    out = []
    for label in sorted(folder.glob("*.label.yaml")):
        stem = label.name.removesuffix(".label.yaml")
        found = [p for p in folder.iterdir() if p.name.startswith(stem + ".") and not p.name.endswith(".yaml")]
        if found:
            out.append((found[0], yaml.safe_load(label.read_text("utf-8"))))
    return out


def _field(got: str, want: str, name: str) -> str:
    got, want = (got or "").strip(), (want or "").strip()
    if not want:
        return "right_empty" if not got else "wrong"
    if not got:
        return "missing"
    if name == "date":  # a date more precise than the label agrees with it; a less precise one is missing
        if got == want or got.startswith(want + "-"):
            return "right"
        return "missing" if want.startswith(got) else "wrong"
    if name == "url":
        return "right" if got.rstrip("/").split("://")[-1] == want.rstrip("/").split("://")[-1] else "wrong"
    if name == "author":  # a list of names: "A, B, and C" is "A, B and C"
        return "right" if _names(got) == _names(want) else "wrong"
    return "right" if fold(got) == fold(want) else "wrong"


def _names(authors: str) -> set[str]:
    return {fold(n) for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", authors) if n.strip()}


def score_document(path: Path, label: dict, verbose: bool = False) -> Score:
    """Read and extract one document and score it against its label."""
    score = Score(documents=1)
    if label.get("kind") == "bad-input":
        score.bad_inputs = 1
        try:
            source = read_path(path)
            doc = extract(source)
        except RelexplorerError as exc:
            score.bad_refused = int("\n" not in str(exc))
            return score
        score.notes.append(f"{path.name}: bad input read as {len(doc.facts)} facts")
        return score
    try:
        source = read_path(path)
        doc = extract(source)
    except RelexplorerError as exc:
        score.failures.append(f"{path.name}: {exc}")
        for name in FIELDS:
            setattr(score.fields[name], "missing" if label.get(name) else "right_empty",
                    getattr(score.fields[name], "missing" if label.get(name) else "right_empty") + 1)
        score.samples = len(label.get("facts_sample") or [])
        score.bounds = 2
        score.furniture = len(label.get("not_body") or [])
        return score
    meta = doc.metadata
    got = {"title": meta.title, "author": meta.author, "date": meta.published, "outlet": meta.source,
           "url": getattr(meta, "url", "") or meta.extra.get("url", "")}
    for name in FIELDS:
        outcome = _field(got[name], str(label.get(name) or ""), name)
        setattr(score.fields[name], outcome, getattr(score.fields[name], outcome) + 1)
        if verbose and outcome in ("wrong", "missing"):
            score.notes.append(f"{path.name}: {name} {outcome}: got {got[name]!r}, label {label.get(name)!r}")
    facts = [fold(f.text) for f in doc.facts]
    everything = " ".join(facts)
    for sentence in label.get("facts_sample") or []:
        score.samples += 1
        want = fold(sentence)
        if any(want == f or want in f for f in facts):
            score.samples_found += 1
        elif verbose:
            score.notes.append(f"{path.name}: sample not a fact: {sentence[:70]!r}")
    for line in label.get("not_body") or []:
        score.furniture += 1
        want = fold(str(line))
        if any(want == f or (len(want) > 12 and want in f) for f in facts):
            score.furniture_as_facts += 1
            if verbose:
                score.notes.append(f"{path.name}: furniture as a fact: {str(line)[:70]!r}")
    for bound in ("body_start", "body_end"):
        score.bounds += 1
        if fold(label.get(bound) or "") in everything:
            score.bounds_found += 1
        elif verbose:
            score.notes.append(f"{path.name}: {bound} not in the facts")
    return score


def score_folder(folder: Path, verbose: bool = False) -> tuple[Score, dict[str, Score]]:
    """The total score of a folder and the score of each kind of document in it."""
    total, by_kind = Score(), {}
    for path, label in documents(folder):
        one = score_document(path, label, verbose)
        by_kind.setdefault(label.get("kind", "?"), Score()).add(one)
        total.add(one)
    return total, by_kind


def report(name: str, total: Score) -> str:
    lines = [f"{name}: {total.documents} documents"]
    for field_name, f in total.fields.items():
        lines.append(f"  {field_name:<7} accuracy {f.accuracy():.2f}  (right {f.right}, right-empty {f.right_empty}, "
                     f"wrong {f.wrong}, missing {f.missing})")
    lines.append(f"  metadata accuracy {total.metadata_accuracy():.2f}, wrong values {total.metadata_wrong()}")
    lines.append(f"  body sentences found as facts {total.samples_found}/{total.samples} = {total.sample_recall():.2f}")
    lines.append(f"  furniture stored as facts {total.furniture_as_facts}/{total.furniture} = {total.furniture_rate():.2f}")
    lines.append(f"  body start/end found {total.bounds_found}/{total.bounds}")
    lines.append(f"  bad inputs refused in one line {total.bad_refused}/{total.bad_inputs}")
    if total.failures:
        lines.append(f"  not read: {len(total.failures)}: " + "; ".join(total.failures))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    folders = [Path(a) for a in argv if not a.startswith("-")] or [INPUTS / "tuned", INPUTS / "blind"]
    for folder in folders:
        total, by_kind = score_folder(folder, verbose)
        print(report(folder.name, total))
        for kind, part in sorted(by_kind.items()):
            print(f"    {kind}: {part.documents} documents, metadata {part.metadata_accuracy():.2f} "
                  f"(wrong {part.metadata_wrong()}), sentences {part.sample_recall():.2f}, "
                  f"furniture as facts {part.furniture_rate():.2f}, bounds {part.bounds_found}/{part.bounds}")
        if verbose:
            print("\n".join("    " + n for n in total.notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

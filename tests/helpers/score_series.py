"""Score figure series against the hand-labelled corpus in ``tests/data/series/`` (see its README).

Each article ``NAME.txt`` has ``NAME.series.yaml``: figures with the sentence they stand in, the
subject (series) they belong to and the year they refer to. The articles of a folder are
extracted by the whole pipeline; a labelled figure is *found* by the extracted figure that
overlaps its text inside its sentence.

- Each labelled subject is mapped to one series key: the key most of its found figures carry
  (each key goes to one subject, the subject with most figures choosing first).
- recall: labelled figures whose extracted figure carries their subject's key and their year /
  labelled figures;
- precision: extracted figures carrying a mapped key that are labelled figures of that key's
  subject / extracted figures carrying a mapped key;
- year accuracy: labelled figures found (any key) with the right year / found.

Run ``python -m tests.helpers.score_series [FOLDER ...]`` (default: blind; ``-v`` lists misses and
false members).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.helpers import paths

SERIES = paths.DATA / "series"
TUNED = SERIES / "tuned"
BLIND = SERIES / "blind"


@dataclass
class Label:
    document: str
    start: int
    end: int
    text: str
    subject: str
    year: int | None
    end_year: int | None
    found: object = None  # the extracted Figure, if any


@dataclass
class Score:
    labels: list[Label]
    keys: dict[str, str]  # subject -> series key
    members: list[tuple[str, object]]  # (document, figure) carrying a mapped key
    correct_members: int
    hits: list[Label] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return len(self.hits) / len(self.labels) if self.labels else 0.0

    @property
    def precision(self) -> float:
        return self.correct_members / len(self.members) if self.members else 0.0

    @property
    def year_accuracy(self) -> float:
        found = [lb for lb in self.labels if lb.found is not None]
        return sum(1 for lb in found if lb.found.year == lb.year) / len(found) if found else 0.0


def _labels(txt: Path, text: str) -> list[Label]:
    data = yaml.safe_load(txt.with_suffix(".series.yaml").read_text("utf-8"))
    out = []
    for item in data["figures"]:
        s = text.index(item["sentence"])
        start = s + item["sentence"].index(item["text"])
        out.append(Label(txt.stem, start, start + len(item["text"]), item["text"], item["subject"],
                         item.get("year"), item.get("end_year")))
    return out


def extract_folder(folder: Path) -> dict[str, list]:
    """The extracted figures of every article of ``folder``, by article name."""
    from relexplorer.extract import extract
    from relexplorer.read import read_path

    out = {}
    for txt in sorted(folder.glob("*.txt")):
        doc = extract(read_path(txt))
        out[txt.stem] = (doc.text, [f for fact in doc.facts for f in fact.figures])
    return out


def score(folders: list[Path]) -> Score:
    """Series recall and precision over the articles of ``folders``, scored together."""
    labels: list[Label] = []
    figures: dict[str, list] = {}
    for folder in folders:
        for name, (text, figs) in extract_folder(folder).items():
            figures[name] = figs
            doc_labels = _labels(folder / f"{name}.txt", text)
            for lb in doc_labels:
                lb.found = next((f for f in figs if f.kind != "date" and f.start < lb.end and lb.start < f.end), None)
            labels += doc_labels
    by_subject: dict[str, Counter] = {}
    for lb in labels:
        if lb.found is not None and lb.found.series:
            by_subject.setdefault(lb.subject, Counter())[lb.found.series] += 1
    keys: dict[str, str] = {}
    for subject in sorted(by_subject, key=lambda s: -sum(by_subject[s].values())):
        for key, _ in by_subject[subject].most_common():
            if key not in keys.values():
                keys[subject] = key
                break
    subject_of_key = {k: s for s, k in keys.items()}
    labelled = {(lb.document, id(lb.found)): lb.subject for lb in labels if lb.found is not None}
    members = [(name, f) for name, figs in figures.items() for f in figs if f.series in subject_of_key]
    correct = sum(1 for name, f in members if labelled.get((name, id(f))) == subject_of_key[f.series])
    result = Score(labels, keys, members, correct)
    result.hits = [lb for lb in labels if lb.found is not None and keys.get(lb.subject) == lb.found.series
                   and lb.found.year == lb.year]
    return result


def report(result: Score, verbose: bool = False) -> str:
    """A readable summary (and, verbose, every miss and false member)."""
    lines = [f"labelled {len(result.labels)}, found {sum(1 for lb in result.labels if lb.found is not None)}, "
             f"recall {result.recall:.3f} ({len(result.hits)}/{len(result.labels)}), precision "
             f"{result.precision:.3f} ({result.correct_members}/{len(result.members)}), "
             f"year accuracy {result.year_accuracy:.3f}"]
    for subject, key in sorted(result.keys.items()):
        lines.append(f"  {subject} -> {key}")
    if verbose:
        hit_ids = {id(lb) for lb in result.hits}
        for lb in result.labels:
            if id(lb) not in hit_ids:
                f = lb.found
                got = f"{f.text!r} {f.series or '-'} {f.year}/{f.end_year} {f.period_source}" if f else "not found"
                lines.append(f"  MISS {lb.document}: {lb.text!r} [{lb.subject} {lb.year}] got {got}")
        labelled = {id(lb.found) for lb in result.labels if lb.found is not None}
        for name, f in result.members:
            if id(f) not in labelled:
                lines.append(f"  FALSE {name}: {f.text!r} {f.series} {f.year} ({f.subject})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    folders = [Path(a) for a in argv if a != "-v"] or [BLIND]
    print(report(score(folders), verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

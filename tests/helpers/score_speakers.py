"""Score speaker attribution against the hand-labelled articles in ``tests/data/speakers/``.

Each article ``NAME.txt`` has labels ``NAME.speakers.yaml``: every attributed body sentence with
its ``speaker`` (a canonical name, or ``unnamed``), ``kind`` and ``cue``; sentences not listed
are the author's, and ``non_sentence_lines`` (subheads, claim-box labels) are no sentences at
all and are skipped. The article goes through the whole extraction, as ``relexplorer ingest``
would read it.

- A labelled sentence *covers* a fact when they overlap by at least half of the shorter of the
  two (sentence boundaries may differ slightly from the labeller's).
- A predicted (fact, speaker) pair is correct when the speaker matches the speaker of a
  labelled sentence covering the fact; a speaker on a fact no labelled sentence covers is a
  false positive (the author speaks there).
- A labelled sentence is found when a fact it covers has a matching speaker.
- Names match when equal once folded (case, accents, apostrophes, dots, a leading "the", a
  trailing abbreviation in brackets); a one-word name matches a labelled full name that begins or ends with it ("Putin", "Hua"); an
  ``unnamed`` speaker matches an ``unnamed`` label.

precision = correct pairs / predicted pairs; recall = found sentences / labelled sentences.
Also reported: of the found sentences that have a cue of their own, the share whose predicted
cue overlaps the labelled cue; and, names aside, how many predicted pairs sit on labelled
sentences and how many labelled sentences got any speaker (attribution found at all).

Run ``python -m tests.helpers.score_speakers [FOLDER ...] [-v]`` (default
``tests/data/speakers/tuned``; ``-v`` lists every miss and false positive).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.helpers import paths

TUNED = paths.DATA / "speakers" / "tuned"
BLIND = paths.DATA / "speakers" / "blind"
BLIND_2 = paths.DATA / "speakers" / "blind-2"
BLIND_3 = paths.DATA / "speakers" / "blind-3"


@dataclass
class Label:
    start: int
    end: int
    speaker: str
    kind: str
    cue: tuple[int, int] | None  # the cue's span in the text, when the sentence has one


@dataclass
class Score:
    predicted: int = 0
    correct: int = 0
    labelled: int = 0
    found: int = 0
    cued: int = 0  # found sentences with a cue of their own
    cue_right: int = 0
    detected: int = 0  # labelled sentences with any speaker on a fact they cover
    spoken: int = 0  # predicted pairs on facts some labelled sentence covers
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("predicted", "correct", "labelled", "found", "cued", "cue_right", "detected", "spoken"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.false += other.false

    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    def cue_accuracy(self) -> float:
        return self.cue_right / self.cued if self.cued else 1.0


def fold(name: str) -> str:
    """A name for comparison: no accents, lower case, straight apostrophes, no dots or "the"."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = name.lower().replace("’", "'").replace(".", "").replace("-", " ")
    name = re.sub(r"^the\s+", "", " ".join(name.split()))
    return re.sub(r"\s*\([a-z]{2,8}\)$", "", name)  # "... Research (TNO)": the abbreviation is the same name


def names_match(predicted: str, predicted_kind: str, label: Label) -> bool:
    """Does a predicted speaker match a labelled one (see the module docstring)?"""
    if label.kind == "unnamed" or label.speaker == "unnamed":
        return predicted_kind == "unnamed"
    if predicted_kind == "unnamed":
        return False
    mine, theirs = fold(predicted), fold(label.speaker)
    if mine == theirs:
        return True
    words = theirs.split()
    return " " not in mine and len(words) > 1 and mine in (words[0], words[-1])


def _flexible(s: str) -> re.Pattern[str]:
    # Soft hyphens and zero-width characters are dropped by the reader, as in the stored text.
    s = re.sub("[\u00ad\u200b-\u200d\u2060\ufeff]", "", s)
    return re.compile(r"\s+".join(re.escape(part) for part in s.split()))


def load_labels(yaml_path: Path, text: str) -> tuple[list[Label], list[tuple[int, int]]]:
    """The labelled sentences located in ``text`` (in order), and the non-sentence lines."""
    data = yaml.safe_load(yaml_path.read_text(encoding="utf-8")) or {}
    labels: list[Label] = []
    cursor = 0
    for item in data.get("attributions") or []:
        found = _flexible(item["sentence"]).search(text, cursor)
        if found is None:
            found = _flexible(item["sentence"]).search(text)
        if found is None:
            raise ValueError(f"{yaml_path.name}: sentence not found: {item['sentence'][:60]!r}")
        cue = None
        if item.get("cue"):
            c = _flexible(item["cue"]).search(text, found.start(), found.end())
            cue = c.span() if c else None
        labels.append(Label(found.start(), found.end(), str(item["speaker"]), str(item["kind"]), cue))
        cursor = found.start() + 1
    skipped = []
    for line in data.get("non_sentence_lines") or []:
        found = _flexible(str(line)).search(text)
        if found is not None:
            skipped.append(found.span())
    return labels, skipped


def _covers(a: tuple[int, int], b: tuple[int, int]) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def article_paths(folder: Path = TUNED) -> list[Path]:
    """The labelled articles in ``folder``."""
    return sorted(p for p in folder.glob("*.txt") if p.with_suffix(".speakers.yaml").exists())


def score_article(path: Path) -> Score:
    """Extract ``path`` as ingest would and score its speakers against the labels."""
    from relexplorer.extract import extract
    from relexplorer.read import read_path

    doc = extract(read_path(path))
    text = doc.text
    labels, skipped = load_labels(path.with_suffix(".speakers.yaml"), text)
    name = path.stem
    score = Score(labelled=len(labels))
    facts = [f for f in doc.facts if not any(_covers((f.start, f.end), s) for s in skipped)]
    covering = {id(f): [lab for lab in labels if _covers((f.start, f.end), (lab.start, lab.end))] for f in facts}
    for fact in facts:
        for sp in fact.speakers:
            score.predicted += 1
            score.spoken += bool(covering[id(fact)])
            if any(names_match(sp.name, sp.kind, lab) for lab in covering[id(fact)]):
                score.correct += 1
            else:
                wanted = ", ".join(f"{lab.speaker} ({lab.kind})" for lab in covering[id(fact)]) or "the author"
                score.false.append(f"{name}: {sp.name!r} ({sp.kind}, cue {text[sp.cue_start:sp.cue_end]!r}) "
                                   f"instead of {wanted} on: {_short(fact.text)}")
    for lab in labels:
        score.detected += any(f.speakers for f in facts if lab in covering[id(f)])
        hits = [(f, sp) for f in facts if lab in covering[id(f)] for sp in f.speakers
                if names_match(sp.name, sp.kind, lab)]
        if hits:
            score.found += 1
            if lab.cue is not None:
                score.cued += 1
                if any(sp.cue_start < lab.cue[1] and sp.cue_end > lab.cue[0] for _, sp in hits):
                    score.cue_right += 1
        else:
            got = [f"{sp.name} ({sp.kind})" for f in facts if lab in covering[id(f)] for sp in f.speakers]
            score.misses.append(f"{name}: {lab.speaker} ({lab.kind}) got {', '.join(got) or 'nothing'} "
                                f"on: {_short(text[lab.start:lab.end])}")
    return score


def _short(s: str, width: int = 110) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def score_all(paths_: list[Path]) -> tuple[Score, dict[str, Score]]:
    """The total and per-article scores of ``paths_``."""
    total = Score()
    per_article: dict[str, Score] = {}
    for path in paths_:
        per_article[path.stem] = s = score_article(path)
        total.add(s)
    return total, per_article


def report(total: Score, per_article: dict[str, Score]) -> str:
    """A table of the scores."""
    lines = [f"{'article':32} {'labelled':>8} {'predicted':>9} {'precision':>9} {'recall':>7}"]
    for name, s in per_article.items():
        lines.append(f"{name:32} {s.labelled:8d} {s.predicted:9d} {s.precision():9.3f} {s.recall():7.3f}")
    lines.append(f"{'total':32} {total.labelled:8d} {total.predicted:9d} {total.precision():9.3f} "
                 f"{total.recall():7.3f}   cue right {total.cue_accuracy():.3f} of {total.cued}")
    if total.predicted and total.labelled:
        lines.append(f"attribution found, whoever the speaker: precision {total.spoken / total.predicted:.3f}, "
                     f"recall {total.detected / total.labelled:.3f}")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    folders = [Path(a) for a in argv if not a.startswith("-")] or [TUNED]
    files = [p for folder in folders for p in article_paths(folder)]
    total, per_article = score_all(files)
    print(report(total, per_article))
    if verbose:
        print("\nmisses:")
        print("\n".join(total.misses) or "(none)")
        print("\nfalse positives:")
        print("\n".join(total.false) or "(none)")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Score figure extraction against the hand-labelled articles in ``tests/data/figures/``.

Each article ``NAME.txt`` or ``NAME.md`` has a gold file ``NAME.gold.yaml``: a list, in order of
appearance, of ``[text as written, value, unit, kind]`` with an optional fifth item, the end of
a range. A gold figure is found when an extracted figure overlaps its span with the same unit
and a value within 0.5% (and the same end of range, when the gold has one).

- recall: found gold figures / gold figures, per kind and over money+percent+count+quantity;
- precision: extracted figures that found a gold figure / extracted figures.

Run ``python -m tests.helpers.score_figures [FOLDER ...]`` (default ``tests/data/figures/tuned``; the
blind set is ``tests/data/figures/blind``; ``-v`` lists every miss and false figure; ``--pipeline`` runs each
article through the whole extraction and scores the figures of its facts; ``--bench`` prints the
throughput of ``find_figures``).
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from relexplorer.extract.figures import find_figures
from tests.helpers import paths

ARTICLES = paths.FIGURES_TUNED
BLIND = paths.FIGURES_BLIND
CORE_KINDS = ("money", "percent", "count", "quantity")
KINDS = ("money", "percent", "count", "quantity", "duration", "date", "ordinal")



@dataclass
class Gold:
    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str
    end_value: float | None = None


@dataclass
class Score:
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "found", "predicted", "correct"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for kind, n in theirs.items():
                mine[kind] = mine.get(kind, 0) + n
        self.misses += other.misses
        self.false += other.false

    def recall(self, kinds=CORE_KINDS) -> float:
        total = sum(self.gold.get(k, 0) for k in kinds)
        return sum(self.found.get(k, 0) for k in kinds) / total if total else 1.0

    def precision(self, kinds=KINDS) -> float:
        total = sum(self.predicted.get(k, 0) for k in kinds)
        return sum(self.correct.get(k, 0) for k in kinds) / total if total else 1.0


def _gold_file(article: Path) -> Path:
    own = article.with_suffix(".gold.yaml")
    return own if own.exists() else _EXTERNAL[article]


_EXTERNAL: dict[Path, Path] = {}


def article_paths(folder: Path = ARTICLES) -> list[Path]:
    """The labelled articles in ``folder``, sorted by name.

    An article is ``NAME.txt``/``NAME.md`` beside ``NAME.gold.yaml``, or an article elsewhere
    (the bundled sample) named by a gold file that is a mapping ``{source: PATH, figures: [...]}``.
    """
    paths = [p for p in folder.iterdir() if p.suffix in (".txt", ".md")]
    for gold in folder.glob("*.gold.yaml"):
        data = yaml.safe_load(gold.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "source" in data:
            source = (gold.parent / data["source"]).resolve()
            _EXTERNAL[source] = gold
            paths.append(source)
    return sorted(paths, key=lambda p: p.name)


def load_gold(article: Path, text: str, lenient: bool = False) -> list[Gold]:
    """The gold figures of ``article``, located in ``text`` in order of appearance."""
    if article not in _EXTERNAL and not article.with_suffix(".gold.yaml").exists():
        article_paths()
    rows = yaml.safe_load(_gold_file(article).read_text(encoding="utf-8")) or []
    if isinstance(rows, dict):
        rows = rows.get("figures") or []
    gold: list[Gold] = []
    cursor = 0
    for row in rows:
        surface, value, unit, kind = row[:4]
        end_value = float(row[4]) if len(row) > 4 else None
        # Whitespace in a gold text matches any whitespace (the reader joins wrapped lines).
        pattern = r"\s+".join(re.escape(part) for part in surface.split())
        found = re.compile(pattern).search(text, cursor)
        if found is None:
            if lenient:
                continue
            raise ValueError(f"{article.name}: gold text {surface!r} not found after offset {cursor}")
        gold.append(Gold(found.start(), found.end(), found.group(), float(value), str(unit), kind, end_value))
        cursor = found.end()
    return gold


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.005 * abs(b), 0.011)


def score_text(text: str, gold: list[Gold], name: str = "", figures=None) -> Score:
    """Match the figures found in ``text`` (or the given ``figures``) against ``gold``."""
    figures = find_figures(text) if figures is None else figures
    score = Score()
    used: set[int] = set()
    for g in gold:
        score.gold[g.kind] += 1
        for i, f in enumerate(figures):
            if i in used or f.end <= g.start or f.start >= g.end:
                continue
            if f.unit == g.unit and _close(f.value, g.value) and (
                g.end_value is None or (f.end_value is not None and _close(f.end_value, g.end_value))
            ):
                used.add(i)
                score.found[g.kind] += 1
                break
        else:
            near = [
                f"{f.text!r}={f.value:g} {f.unit}" for f in figures if f.end > g.start and f.start < g.end
            ]
            score.misses.append(
                f"{name}: {g.text!r} {g.value:g} {g.unit} ({g.kind}) -- got {', '.join(near) or 'nothing'}"
            )
    for i, f in enumerate(figures):
        kind = f.kind if f.kind in KINDS else "count"
        score.predicted[kind] += 1
        if i in used:
            score.correct[kind] += 1
        else:
            context = text[max(0, f.start - 30) : f.end + 30].replace("\n", " ")
            score.false.append(f"{name}: {f.text!r}={f.value:g} {f.unit} ({f.kind}) in ...{context}...")
    return score


def _pipeline(path: Path):
    """The stored text and the figures of the facts, as ``relexplorer ingest`` would make them."""
    from relexplorer.extract import extract
    from relexplorer.read import read_path

    doc = extract(read_path(path))
    return doc.text, doc.facts, [f for fact in doc.facts for f in fact.figures]


def _flexible(s: str) -> str:
    return r"\s+".join(re.escape(part) for part in s.split())


def _relocate(gold: list[Gold], original: str, stored: str) -> list[Gold]:
    """Gold spans moved from the source file into the stored (normalised) text.

    Each figure is found again by its text with a few words around it; one that is not found
    (it was in front matter or debris that the reader removed) is dropped. The words before may
    overlap the previous figure ("22.9 million tonnes in 2022"), so the context may start before
    the cursor; without both contexts the nearest match with either one wins, lest a context
    alone jump to a later repeat of the same figure.
    """
    moved: list[Gold] = []
    cursor = 0
    for g in gold:
        before = " ".join(original[max(0, g.start - 24) : g.start].split()[1:])
        after = " ".join(original[g.end : g.end + 16].split()[:-1])
        matches = []
        for left, right in ((before, after), (before, ""), ("", after)):
            pattern = re.compile(
                (_flexible(left) + r"\W*\s*" if left else "")
                + f"({_flexible(g.text)})"
                + (r"\W*\s*" + _flexible(right) if right else "")
            )
            found = pattern.search(stored, max(0, cursor - 64))
            while found is not None and found.start(1) < cursor:
                found = pattern.search(stored, found.start() + 1)
            if found is not None:
                matches.append(found)
                if left and right:
                    break  # both contexts: trust it
        if not matches:
            continue
        found = min(matches, key=lambda m: m.start(1))
        start, end = found.span(1)
        moved.append(Gold(start, end, found.group(1), g.value, g.unit, g.kind, g.end_value))
        cursor = end
    return moved


def score_all(paths: list[Path] | None = None, pipeline: bool = False) -> tuple[Score, dict[str, Score]]:
    """Score every labelled article; returns the total and the score of each article.

    With ``pipeline``, the article goes through the whole extraction (reader, structure,
    sentences, figures) and only gold figures inside a fact count.
    """
    total = Score()
    per_article: dict[str, Score] = {}
    for path in paths or article_paths():
        if pipeline:
            original = path.read_text(encoding="utf-8")
            text, facts, figures = _pipeline(path)
            gold = [
                g for g in _relocate(load_gold(path, original), original, text)
                if any(f.start <= g.start and g.end <= f.end for f in facts)
            ]
            score = score_text(text, gold, path.name, figures)
        else:
            text = path.read_text(encoding="utf-8")
            score = score_text(text, load_gold(path, text), path.name)
        per_article[path.name] = score
        total.add(score)
    return total, per_article


def report(total: Score, per_article: dict[str, Score]) -> str:
    """A plain-text table of per-kind and per-article precision and recall."""
    lines = [f"{'kind':<10}{'gold':>6}{'found':>7}{'recall':>8}{'pred':>7}{'right':>7}{'prec':>8}"]
    for kind in KINDS:
        g, fnd = total.gold[kind], total.found[kind]
        p, c = total.predicted[kind], total.correct[kind]
        lines.append(
            f"{kind:<10}{g:>6}{fnd:>7}{(fnd / g if g else 1):>8.3f}{p:>7}{c:>7}{(c / p if p else 1):>8.3f}"
        )
    lines.append(
        f"core recall (money+percent+count+quantity): {total.recall():.3f}   "
        f"all-kinds recall: {total.recall(KINDS):.3f}   precision: {total.precision():.3f}"
    )
    lines.append("")
    for name, s in per_article.items():
        lines.append(f"{name:<48} core recall {s.recall():.3f}  precision {s.precision():.3f}")
    return "\n".join(lines)


def bench(repeat: int = 20) -> str:
    """Throughput of ``find_figures`` on the labelled articles (best of 5, CPU time)."""
    from relexplorer.extract.sentences import split_sentences

    texts = [p.read_text(encoding="utf-8") for p in article_paths()] * repeat
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    spans = [split_sentences(t) for t in texts]
    find_figures("warm-up: $1 billion")

    def best(fn) -> float:
        times = []
        for _ in range(5):
            started = time.process_time()
            fn()
            times.append(time.process_time() - started)
        return min(times)

    whole = best(lambda: [find_figures(t) for t in texts])
    per_sentence = best(lambda: [find_figures(t, a, b) for t, sp in zip(texts, spans, strict=True) for a, b in sp])
    sentences = sum(len(sp) for sp in spans)
    return (
        f"throughput on {nbytes / 1e6:.2f} MB ({len(texts)} articles, {sentences} sentences): "
        f"whole documents {nbytes / whole / 1e6:.2f} MB/s; "
        f"sentence by sentence {nbytes / per_sentence / 1e6:.2f} MB/s = {sentences / per_sentence:,.0f} sentences/s"
    )


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    pipeline = "--pipeline" in argv
    folders = [Path(a) for a in argv if not a.startswith("-")] or [ARTICLES]
    files = [p for folder in folders for p in article_paths(folder)]
    total, per_article = score_all(files, pipeline=pipeline)
    if pipeline:
        print("through the whole pipeline (reader, structure, sentences), gold inside facts only")
    print(report(total, per_article))
    if "-v" in argv:
        print("\nmisses:")
        print("\n".join(total.misses) or "(none)")
        print("\nfalse figures:")
        print("\n".join(total.false) or "(none)")
    print(f"\nscored {len(per_article)} articles in {time.perf_counter() - started:.2f}s")
    if "--bench" in argv:
        print(bench())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Score copied text on real pages: the 181 pages of the article-extraction benchmark, each
turned into the text a browser's select-all / copy gives, then read and extracted as ``.txt``.

``copy_text(html)`` renders a saved page the way ``innerText`` does (block elements on lines of
their own, table cells separated by tabs, scripts, styles, forms' options, templates and
``hidden`` elements dropped), with the standard library's HTML parser; no article extraction is involved, so menus, share bars, related
headlines, polls and footers are all in the copy, as in a real one. Three variants of each
page, the shapes real copies come in: blank lines between blocks kept (``blank``), removed
(``tight``), and removed then hard-wrapped at 72 columns (``wrapped``, as a mail client or a
text editor would).

Measured against the person's marking of the article body (``articleBody``), as the benchmark
itself does: precision, recall and F1 over shingles of four tokens, of the stored facts; and
the share of the body's sentences (of eight words or more) found whole inside one fact; and
how often the title equals the page's own headline (its ``<h1>``, ``og:title`` or ``<title>``
before a `` | Site`` suffix) - a check, not a label: some pages have no such headline.

Run ``python -m tests.helpers.score_copied_pages [--variant blank|tight|wrapped] [--limit N]
[-v]``; ``-v`` lists the pages with the lowest precision and the titles that disagree.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from relexplorer.errors import RelexplorerError
from relexplorer.extract import extract
from relexplorer.extract.sentences import split_sentences
from relexplorer.read import read_text
from tests.helpers import paths
from tests.helpers.score_inputs import fold

# ../shared beside the checkout (a worktree may sit one folder deeper); $RELEXPLORER_SHARED wins.
_SHARED = Path(
    os.environ.get("RELEXPLORER_SHARED")
    or next(
        (p / "shared" for p in paths.REPO.parents if (p / "shared" / "data").is_dir()),
        paths.REPO.parent / "shared",
    )
)
BENCHMARK = _SHARED / "data" / "article-extraction-benchmark"
VARIANTS = ("blank", "tight", "wrapped")
WRAP_WIDTH = 72

_BLOCK = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu "
    "nav ol p pre section summary table tbody thead tfoot tr ul caption".split()
)
_PARAGRAPH = frozenset("p h1 h2 h3 h4 h5 h6 blockquote figure pre table ul ol".split())
_SKIP = frozenset(
    "script style noscript template svg canvas iframe object embed head select option "
    "datalist button input textarea video audio map".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TOKEN = re.compile(r"\w+", re.UNICODE)


_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))


class _Copy(HTMLParser):
    """The text a browser's copy of the page gives, as ``innerText`` renders it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, hidden) of the open elements

    def _hidden_now(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def _newline(self, n: int) -> None:
        # n = 1: a line break; n = 2: a blank line (as innerText puts around paragraphs)
        trailing = 0
        for piece in reversed(self.out):
            if piece != "\n":
                break
            trailing += 1
        if self.out and trailing < n:
            self.out.extend(["\n"] * (n - trailing))

    def handle_starttag(self, tag: str, attrs) -> None:
        hidden = self._hidden_now()
        if tag in _VOID:
            if not hidden and tag == "br":
                self.out.append("\n")
            elif not hidden and tag == "hr":
                self._newline(1)
            return
        hidden = hidden or tag in _SKIP or _hidden(dict(attrs))
        self.open.append((tag, hidden))
        if hidden:
            return
        if tag in ("td", "th"):
            self.out.append("\t")
        elif tag in _BLOCK:
            self._newline(2 if tag in _PARAGRAPH else 1)

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.open):
            return  # a stray end tag
        while self.open:
            t, hidden = self.open.pop()
            if not hidden and t in _BLOCK:
                self._newline(2 if t in _PARAGRAPH else 1)
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._hidden_now():
            self.out.append(data)


def copy_text(html: str) -> str:
    """The visible text of a saved page as a browser's copy gives it (see the module doc)."""
    parser = _Copy()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def variant(text: str, name: str) -> str:
    """The copy in one of :data:`VARIANTS`."""
    if name == "blank":
        return text
    tight = "\n".join(line for line in text.split("\n") if line.strip())
    if name == "tight":
        return tight
    return "\n".join(
        textwrap.fill(line, WRAP_WIDTH, break_long_words=False, break_on_hyphens=False) or line
        for line in tight.split("\n")
    )


def shingles(text: str, n: int = 4) -> Counter:
    """Shingles of ``n`` lower-cased tokens, as the benchmark's evaluation counts them."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


class _Headlines(HTMLParser):
    """The text of ``<h1>`` and ``<title>``, and the ``og:title`` / ``twitter:title``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.inside: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name") or "").lower() in (
            "og:title",
            "twitter:title",
        ):
            self.found.append(a.get("content") or "")
        elif tag in ("h1", "title") and self.inside is None:
            self.inside, self.text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self.inside:
            whole = " ".join("".join(self.text).split())
            self.found.append(whole)
            if tag == "title":
                parts = re.split(r"\s+[|–—-]\s+|\s*[|｜]\s*", whole)
                self.found += [part for part in parts if len(part.split()) >= 3]
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)


def headlines(html: str) -> list[str]:
    """The page's own headline candidates: ``<h1>``, ``og:title``, ``<title>`` without a site."""
    parser = _Headlines()
    parser.feed(html)
    parser.close()
    return [fold(h) for h in parser.found if h and h.strip()]


@dataclass
class PageScore:
    name: str
    precision: float
    recall: float
    title: str
    title_right: bool
    facts: int
    sentences: int  # body sentences (of 8 words or more)
    whole: int  # of them found whole inside one fact


def score_page(name: str, html: str, body: str, which: str) -> PageScore:
    """Copy, read and extract one page; score its facts against ``body``."""
    copied = variant(copy_text(html), which)
    try:
        doc = extract(read_text(copied, "txt"))
        facts = [f.text for f in doc.facts]
        title = doc.metadata.title
    except RelexplorerError:
        facts, title = [], ""
    got, want = shingles(" ".join(facts)), shingles(body)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    folded = [fold(f) for f in facts]
    wanted = [fold(body[a:b]) for a, b in split_sentences(body) if len(body[a:b].split()) >= 8]
    whole = sum(1 for w in wanted if any(w in f for f in folded))
    return PageScore(
        name,
        precision,
        recall,
        title,
        fold(title) in headlines(html),
        len(facts),
        len(wanted),
        whole,
    )


def pages(limit: int | None = None) -> list[tuple[str, str, str]]:
    """``(name, html, articleBody)`` for the benchmark's pages."""
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text("utf-8"))
    out = []
    for key in sorted(truth)[:limit]:
        path = BENCHMARK / "html" / f"{key}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        out.append((key[:10], html, truth[key]["articleBody"]))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", choices=VARIANTS, action="append")
    parser.add_argument("--limit", type=int)
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args(argv)
    if not BENCHMARK.is_dir():
        print(f"no benchmark pages at {BENCHMARK}", file=sys.stderr)
        return 1
    data = pages(args.limit)
    for which in args.variant or VARIANTS:
        began = time.perf_counter()
        scores = [score_page(name, html, body, which) for name, html, body in data]
        p = sum(s.precision for s in scores) / len(scores)
        r = sum(s.recall for s in scores) / len(scores)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        titles = sum(s.title_right for s in scores)
        whole = sum(s.whole for s in scores) / max(1, sum(s.sentences for s in scores))
        print(
            f"{which:<8} {len(scores)} pages: precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  "
            f"sentences whole {whole:.3f}  title = headline {titles}/{len(scores)}  ({time.perf_counter() - began:.1f} s)"
        )
        if args.v:
            for s in sorted(scores, key=lambda s: s.precision)[:15]:
                print(
                    f"    {s.name} precision {s.precision:.2f} recall {s.recall:.2f} facts {s.facts}"
                )
            for s in scores:
                if not s.title_right:
                    print(f"    {s.name} title {s.title[:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

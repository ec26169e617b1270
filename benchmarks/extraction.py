"""Web-page and PDF extraction: relexplorer's stored facts against a person's marking, and speed.

``python -m benchmarks.extraction [--smoke] [--data DIR] [--json FILE]``

**Quality** on the article-extraction benchmark (``shared/data/article-extraction-benchmark``:
181 saved pages, ``ground-truth.json`` with the ``articleBody`` a person marked). Each page is
ingested as ``relexplorer ingest`` does it (read, extract, store into a fresh database); the
facts stored for it, joined in document order, are its prediction. trafilatura alone runs on the
same pages in the same run: ``trafilatura.extract`` with its default settings (as the
benchmark's published row ran it), and with ``favor_precision`` (relexplorer's first setting;
it falls back to the balanced one when that finds little). Scores are
the benchmark's own (its ``evaluate.py``): per page, true and false positives and false
negatives over 4-token shingles (tokens are ``\\w+``, case kept), normalised to sum to one;
precision and recall are the means over pages, F1 their harmonic mean.

**Speed**: MB/s of HTML through ingest (read, extract, store) against trafilatura alone on the
same files, and of the labelled PDFs (``tests/data/inputs``) against pypdfium2 alone reading
their text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.common import Row

ROOT = Path(__file__).resolve().parents[1]
DATA_NAME = Path("data") / "article-extraction-benchmark"
PDF_FOLDERS = (ROOT / "tests" / "data" / "inputs" / "tuned", ROOT / "tests" / "data" / "inputs" / "blind")
SMOKE_PAGES = 8
TARGET_F1 = 0.96
_TOKEN = re.compile(r"\w+")


def find_data(explicit: Path | None = None) -> Path | None:
    """The benchmark's folder: given, else ``shared/data/...`` beside the checkout or above it."""
    if explicit is not None:
        return explicit if (explicit / "ground-truth.json").exists() else None
    for parent in [ROOT, *ROOT.parents]:
        candidate = parent / "shared" / DATA_NAME
        if (candidate / "ground-truth.json").exists():
            return candidate
    return None


# --- the benchmark's scoring (its evaluate.py, restated) ------------------------------------


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) over 4-token shingles of one page."""
    a, b = _shingles(true), _shingles(pred)
    tp = fp = fn = 0
    for key in a.keys() | b.keys():
        x, y = a.get(key, 0), b.get(key, 0)
        tp += min(x, y)
        fp += max(0, y - x)
        fn += max(0, x - y)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(matches: list[tuple[float, float, float]]) -> dict:
    """Precision and recall (means over pages) and F1, as the benchmark computes them."""
    precisions = [_precision(*m) for m in matches if m[0] + m[1] > 0]
    recalls = [_recall(*m) for m in matches if m[0] + m[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r, "pages": len(matches)}


# --- the extractors ---------------------------------------------------------------------------


def _relexplorer(pages: dict[str, bytes], db: Path) -> tuple[dict[str, str], float, list[str]]:
    """Each page ingested into ``db``; its stored facts joined. Also seconds and refusals."""
    from relexplorer.errors import RelexplorerError
    from relexplorer.ingest import ingest_source
    from relexplorer.read import read_bytes
    from relexplorer.store import open_store

    store = open_store(db)
    predictions: dict[str, str] = {}
    refused: list[str] = []
    seconds = 0.0
    try:
        for key, data in pages.items():
            t0 = time.perf_counter()
            try:
                result = ingest_source(store, read_bytes(data, "html", Path(f"{key[:16]}.html")))
            except RelexplorerError as exc:
                seconds += time.perf_counter() - t0
                refused.append(f"{key[:16]}: {exc}")
                predictions[key] = ""
                continue
            seconds += time.perf_counter() - t0
            rows = store.db.execute(
                "SELECT f.text FROM facts f JOIN documents d ON d.id = f.document_id "
                "WHERE d.slug = ? ORDER BY f.start", [result.slug]).fetchall()
            predictions[key] = "\n".join(r[0] for r in rows)
    finally:
        store.close()
    return predictions, seconds, refused


def _trafilatura(pages: dict[str, bytes], **options) -> tuple[dict[str, str], float]:
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    predictions = {}
    t0 = time.perf_counter()
    for key, data in pages.items():
        predictions[key] = trafilatura.extract(data.decode("utf-8", "replace"), **options) or ""
    return predictions, time.perf_counter() - t0


def _pdf_speed(folders=PDF_FOLDERS) -> dict:
    """MB/s of the labelled PDFs through ingest, and through pypdfium2 reading their text."""
    from relexplorer.errors import RelexplorerError
    from relexplorer.ingest import ingest_source
    from relexplorer.read import read_path
    from relexplorer.store import open_store

    files = sorted(p for folder in folders if folder.exists() for p in folder.glob("*.pdf"))
    if not files:
        return {}
    size = sum(p.stat().st_size for p in files)
    with tempfile.TemporaryDirectory(prefix="relexplorer-pdf-") as tmp:
        store = open_store(Path(tmp) / "pdf.db")
        t0 = time.perf_counter()
        for path in files:
            try:
                ingest_source(store, read_path(path))
            except RelexplorerError:
                pass  # the scanned PDF is refused: its time still counts
        ours = time.perf_counter() - t0
        store.close()
    import pypdfium2

    t0 = time.perf_counter()
    for path in files:
        pdf = pypdfium2.PdfDocument(str(path))
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()
    library = time.perf_counter() - t0
    return {"files": len(files), "mb": round(size / 1e6, 3), "relexplorer_s": round(ours, 3),
            "pypdfium2_s": round(library, 3)}


def run(data: Path, smoke: bool = False) -> dict:
    """Score and time relexplorer and trafilatura on the benchmark's pages (a few when smoke)."""
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)[:SMOKE_PAGES] if smoke else sorted(truth)
    pages = {k: gzip.decompress((data / "html" / f"{k}.html.gz").read_bytes()) for k in keys}
    mb = sum(len(v) for v in pages.values()) / 1e6
    with tempfile.TemporaryDirectory(prefix="relexplorer-extraction-") as tmp:
        ours, ours_s, refused = _relexplorer(pages, Path(tmp) / "pages.db")
    default, default_s = _trafilatura(pages)
    same, same_s = _trafilatura(pages, include_comments=False, favor_precision=True)
    out = {"pages": len(keys), "mb": round(mb, 3), "refused": refused}
    for name, predictions, seconds in (("relexplorer", ours, ours_s), ("trafilatura", default, default_s),
                                       ("trafilatura_precision", same, same_s)):
        matches = [shingle_match(truth[k].get("articleBody", ""), predictions[k]) for k in keys]
        out[name] = {**{k: round(v, 4) for k, v in scores(matches).items()},
                     "seconds": round(seconds, 3), "mb_per_s": round(mb / seconds, 3) if seconds else None}
        out[name]["per_page_f1"] = {
            k[:16]: round(2 * m[0] / (2 * m[0] + m[1] + m[2]), 3) if sum(m) else 0.0
            for k, m in zip(keys, matches, strict=True)
        }
    out["pdf"] = _pdf_speed()
    return out


def rows(result: dict) -> list[Row]:
    """The results table's rows for this part."""
    if not result:
        return [Row("extraction", "web pages vs a person's marking", None,
                    note="skipped: shared/data/article-extraction-benchmark not found")]
    ours, lib, same = result["relexplorer"], result["trafilatura"], result["trafilatura_precision"]
    smoke = result["pages"] < 100
    out = [
        Row("extraction", f"web pages: F1 of stored facts ({result['pages']} pages)", ours["f1"],
            target=f">= {TARGET_F1}", ok=None if smoke else ours["f1"] >= TARGET_F1,
            note=f"P {ours['precision']:.3f} R {ours['recall']:.3f}; trafilatura alone F1 {lib['f1']:.3f} "
                 f"(P {lib['precision']:.3f} R {lib['recall']:.3f}), with favor_precision "
                 f"{same['f1']:.3f}; {len(result['refused'])} pages refused"),
        Row("extraction", "web pages: F1 vs trafilatura alone", ours["f1"] / lib["f1"] if lib["f1"] else None,
            unit="x", target="> 1", ok=None if smoke else ours["f1"] > lib["f1"]),
        Row("extraction", "HTML ingest (read, extract, store)", ours["mb_per_s"], unit="MB/s",
            note=f"trafilatura alone {lib['mb_per_s']:.2f} MB/s: "
                 f"{ours['mb_per_s'] / lib['mb_per_s']:.2f}x" if lib["mb_per_s"] else ""),
    ]
    pdf = result.get("pdf") or {}
    if pdf:
        ours_rate = pdf["mb"] / pdf["relexplorer_s"] if pdf["relexplorer_s"] else None
        lib_rate = pdf["mb"] / pdf["pypdfium2_s"] if pdf["pypdfium2_s"] else None
        out.append(Row("extraction", f"PDF ingest ({pdf['files']} files, {pdf['mb']:.1f} MB)", ours_rate,
                       unit="MB/s", note=f"pypdfium2 text alone {lib_rate:.1f} MB/s: "
                                         f"{ours_rate / lib_rate:.2f}x" if ours_rate and lib_rate else ""))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help=f"only {SMOKE_PAGES} pages")
    parser.add_argument("--data", type=Path, help="the benchmark's folder (default: shared/data/... found upwards)")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the pages relexplorer scores worst on")
    args = parser.parse_args(argv)
    data = find_data(args.data)
    if data is None:
        print("article-extraction-benchmark not found (give --data DIR)", file=sys.stderr)
        return 1
    result = run(data, smoke=args.smoke)
    for row in rows(result):
        value = "-" if row.value is None else f"{row.value:.3f}"
        print(f"{row.metric:<50} {value:>8} {row.unit:<5} {row.note}")
    if args.verbose:
        ours, lib = result["relexplorer"]["per_page_f1"], result["trafilatura"]["per_page_f1"]
        for key in sorted(ours, key=lambda k: ours[k] - lib[k])[:25]:
            print(f"  {key}  relexplorer {ours[key]:.3f}  trafilatura {lib[key]:.3f}")
        for line in result["refused"]:
            print("  refused:", line)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

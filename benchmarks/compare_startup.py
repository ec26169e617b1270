"""Start-up of two checkouts, alternating in one run so that both see the same load.

``python -m benchmarks.compare_startup OLD_SRC NEW_SRC [--rounds N]``: for each ``src`` folder,
``relexplorer ingest small.txt`` (a corpus article's first sentences, under 1 KB, into a new
database) then ``relexplorer search x``, as new processes with bytecode cached; the first round
warms the caches and is dropped. Prints the median wall and CPU seconds (user + system of the
process and its children) of each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks import corpus
from benchmarks.startup import SMALL_BYTES, _run


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.compare_startup", description=__doc__.splitlines()[0])
    p.add_argument("src", nargs=2, type=Path, help="two src folders (each holding relexplorer/)")
    p.add_argument("--rounds", type=int, default=6)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="relexplorer-start-") as tmp:
        tmpdir = Path(tmp)
        small = tmpdir / "small.txt"
        text = corpus.article(0).text
        small.write_text(text[: text.rfind(".", 0, SMALL_BYTES) + 1] + "\n", encoding="utf-8")
        size = small.stat().st_size
        times: dict[tuple[int, str], list[tuple[float, float]]] = {}
        for round_ in range(args.rounds):
            for n, src in enumerate(args.src):
                env = dict(os.environ, PYTHONPATH=str(src.resolve()), RELEXPLORER_CACHE_DIR=str(tmpdir / "cache"),
                           PYTHONPYCACHEPREFIX=str(tmpdir / f"pycache{n}"))
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                db = tmpdir / f"{n}.db"
                for suffix in ("", "-wal", "-shm"):
                    Path(str(db) + suffix).unlink(missing_ok=True)
                cli = [sys.executable, "-m", "relexplorer", "--db", str(db)]
                ingest, search = _run([*cli, "ingest", str(small)], env), _run([*cli, "search", "x"], env)
                if round_:
                    times.setdefault((n, "ingest"), []).append(ingest)
                    times.setdefault((n, "search"), []).append(search)
    for (n, command), samples in sorted(times.items()):
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        print(f"{args.src[n]}  {command:6}  wall {wall:.3f} s  CPU {cpu:.3f} s  ({len(samples)} runs)")
    print(f"load average {os.getloadavg()[0]:.2f}; {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

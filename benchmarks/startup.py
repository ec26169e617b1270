"""Start-up: whole ``relexplorer`` processes as a user runs them, and ingest on one core vs two.

**Start-up**: ``relexplorer ingest small.txt`` (a 1 KB article into a new database) and
``relexplorer search x``, each a new Python process timed from spawn to exit. The first ingest
fills the compiled-regex cache (``RELEXPLORER_CACHE_DIR``, a temporary folder here) and is
reported apart; the rows give the median of the runs after it. ``python -c pass`` is timed the
same way, so that a loaded machine shows as such.

**Jobs**: the same folder of corpus articles ingested by ``relexplorer ingest FOLDER --jobs 1``
and ``--jobs 2`` into new databases, alternating; the best of each is kept. The load average is
recorded: on a machine whose cores are busy with other work, two workers cannot run twice as fast.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import corpus
from benchmarks.common import Row

SMALL_BYTES = 1000
# The writer's CPU and its workers' CPU, apart: ingest in a process of its own.
_SPLIT = """
import json, resource, sys
from pathlib import Path
from relexplorer.ingest import ingest_paths
from relexplorer.store import open_store
store = open_store(Path(sys.argv[2]))
ingest_paths(store, [Path(sys.argv[1])], jobs=2)
store.close()
me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"writer": me.ru_utime + me.ru_stime, "workers": kids.ru_utime + kids.ru_stime}))
"""


def _run(args: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds (the process and the workers it waited for) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _env(tmpdir: Path) -> dict:
    env = dict(os.environ, RELEXPLORER_CACHE_DIR=str(tmpdir / "cache"))
    # An installed relexplorer has its bytecode compiled: so do these processes (outside the
    # source tree), whatever the shell says, or every run would compile every module again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmpdir / "pycache")
    src = Path(__file__).resolve().parents[1] / "src"
    if (src / "relexplorer").is_dir():  # the checkout's code, whether or not it is installed
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH", "")]))
    return env


def startup(tmpdir: Path, runs: int = 5) -> dict:
    """Seconds for a 1 KB ingest and a one-word search, whole process."""
    env = _env(tmpdir)
    small = tmpdir / "small.txt"
    text = corpus.article(0).text
    small.write_text(text[: text.rfind(".", 0, SMALL_BYTES) + 1] + "\n", encoding="utf-8")
    db = tmpdir / "startup.db"
    cli = [sys.executable, "-m", "relexplorer", "--db", str(db)]

    def fresh_ingest() -> tuple[float, float]:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        return _run([*cli, "ingest", str(small)], env)

    first = fresh_ingest()  # fills the compiled-regex cache
    ingest = [fresh_ingest() for _ in range(runs)]
    search = [_run([*cli, "search", "x"], env) for _ in range(runs)]
    bare = [_run([sys.executable, "-c", "pass"], env) for _ in range(runs)]

    def med(samples, k):
        return round(statistics.median(s[k] for s in samples), 3)

    return {
        "bytes": small.stat().st_size,
        "ingest_first_s": round(first[0], 3),
        "ingest_s": med(ingest, 0), "ingest_cpu_s": med(ingest, 1),
        "search_s": med(search, 0), "search_cpu_s": med(search, 1),
        "python_s": med(bare, 0),
        "load": [round(x, 2) for x in os.getloadavg()],
    }


def jobs(tmpdir: Path, sample: list[corpus.Article], rounds: int = 2) -> dict:
    """MB/s of ``relexplorer ingest FOLDER`` with one worker and with two, on the same files."""
    env = _env(tmpdir)
    folder = tmpdir / "jobs"
    folder.mkdir(exist_ok=True)
    nbytes = 0
    for a in sample:
        (folder / a.name).write_text(a.text, encoding="utf-8")
        nbytes += len(a.text.encode("utf-8"))
    best: dict[int, tuple[float, float]] = {}
    load_before = os.getloadavg()[0]
    for _ in range(rounds):
        for n in (1, 2):
            db = tmpdir / f"jobs{n}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            wall, cpu = _run([sys.executable, "-m", "relexplorer", "--db", str(db), "ingest", str(folder),
                              "--jobs", str(n), "--format", "json"], env)
            if n not in best or wall < best[n][0]:
                best[n] = (wall, cpu)
    db = tmpdir / "split.db"
    out = subprocess.run([sys.executable, "-c", _SPLIT, str(folder), str(db)], env=env, check=True,
                         capture_output=True, text=True).stdout
    split = json.loads(out.strip().splitlines()[-1])
    # On idle cores the batch takes as long as the busiest of: the writer, each of the two workers
    # with half the extraction, and all the work spread over the cores. One process does it all.
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    total = split["writer"] + split["workers"]
    critical = max(split["writer"], split["workers"] / 2, total / cpus)
    mb = nbytes / 1e6
    return {
        "writer_cpu_s": round(split["writer"], 3), "workers_cpu_s": round(split["workers"], 3),
        "projected_speedup": round(total / critical, 2) if critical else None,
        "files": len(sample), "bytes": nbytes, "rounds": rounds,
        "jobs1_s": round(best[1][0], 3), "jobs2_s": round(best[2][0], 3),
        "jobs1_cpu_s": round(best[1][1], 3), "jobs2_cpu_s": round(best[2][1], 3),
        "jobs1_mb_per_s": round(mb / best[1][0], 3), "jobs2_mb_per_s": round(mb / best[2][0], 3),
        "speedup": round(best[1][0] / best[2][0], 2),
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cpus": cpus,
    }


def rows(start: dict, par: dict) -> list[Row]:
    """The table rows of this part."""
    load = f"load average {start['load'][0]} on {par['cpus']} cores; python -c pass {start['python_s']} s"
    return [
        Row("start-up", "ingest of a 1 KB file, whole process (median)", start["ingest_s"], "s", "<= 0.3",
            start["ingest_s"] <= 0.3,
            f"CPU {start['ingest_cpu_s']} s; first run (fills the regex cache) {start['ingest_first_s']} s; {load}"),
        Row("start-up", "search x, whole process (median)", start["search_s"], "s", "<= 0.3",
            start["search_s"] <= 0.3, f"CPU {start['search_cpu_s']} s"),
        Row("ingest", "folder, --jobs 1", par["jobs1_mb_per_s"], "MB/s",
            note=f"{par['files']} files, {par['bytes'] / 1e6:.1f} MB, best of {par['rounds']}"),
        Row("ingest", "folder, --jobs 2", par["jobs2_mb_per_s"], "MB/s",
            note=f"CPU {par['jobs1_cpu_s']} s with 1 worker, {par['jobs2_cpu_s']} s with 2"),
        Row("ingest", "speed-up, 2 workers over 1", par["speedup"], "x", ">= 1.7", par["speedup"] >= 1.7,
            f"load average {par['load'][0]} -> {par['load'][1]} on {par['cpus']} cores"),
        Row("ingest", "speed-up projected on 2 idle cores", par["projected_speedup"], "x",
            note=f"from CPU seconds with 2 workers: writer {par['writer_cpu_s']} s, "
                 f"workers {par['workers_cpu_s']} s"),
    ]

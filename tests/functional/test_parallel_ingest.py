"""Ingest with worker processes: the same database as one process, in the same order, and a file
whose worker dies fails alone."""

from __future__ import annotations

import json
import os

import pytest

from relexplorer import catalog
from relexplorer.ingest import ingest_paths
from relexplorer.prepare import default_jobs, prepared
from relexplorer.store import open_store
from tests.helpers.hostile import check_consistent, cli, make_article


def _folder(tmp_path, n: int):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(make_article(700 + i), encoding="utf-8")
    return folder


def _facts(db):
    store = open_store(db)
    try:
        facts = store.rows("SELECT d.slug, f.position, f.text, f.start, f.\"end\" FROM facts f "
                           "JOIN documents d ON d.id = f.document_id ORDER BY d.id, f.position")
        # Workers stem the words; the writer stemmed them itself before: the same table.
        return facts, store.rows("SELECT word, stem FROM words ORDER BY word")
    finally:
        store.close()


def test_two_workers_store_what_one_process_stores_in_the_same_order(tmp_path):
    folder = _folder(tmp_path, 9)
    seen: dict[int, list[str]] = {}
    for jobs in (1, 2):
        store = open_store(tmp_path / f"j{jobs}.db")
        order: list[str] = []
        report = ingest_paths(store, [folder], jobs=jobs, on_file=lambda p, r, e, o=order: o.append(p.name))
        store.close()
        assert not report.errors and len(report.results) == 9
        seen[jobs] = order
        check_consistent(tmp_path / f"j{jobs}.db")
    assert seen[1] == seen[2] == sorted(seen[1])
    one, two = _facts(tmp_path / "j1.db"), _facts(tmp_path / "j2.db")
    assert one == two
    assert one[0] and len(one[1]) > 50


def test_a_second_run_with_workers_extracts_nothing_again(tmp_path):
    folder = _folder(tmp_path, 4)
    store = open_store(tmp_path / "x.db")
    ingest_paths(store, [folder], jobs=2)
    known = store.stored_hashes()
    assert len(known) == 4
    results = [r for _, r in prepared(sorted(folder.iterdir()), known, 2)]
    assert all(r.doc is None for r in results)  # read (to hash) but not extracted
    report = ingest_paths(store, [folder], jobs=2)
    assert [r.status for _, r in report.results] == ["unchanged"] * 4


def test_a_file_whose_worker_dies_fails_alone(tmp_path, monkeypatch):
    import relexplorer.prepare as prepare_module

    folder = _folder(tmp_path, 7)
    real_extract = prepare_module.extract

    def dies_on_a03(source, *args, **kwargs):
        if source.path.name == "a03.txt":
            os._exit(9)  # as the kernel's OOM killer would end it: no exception, no clean-up
        return real_extract(source, *args, **kwargs)

    monkeypatch.setattr(prepare_module, "extract", dies_on_a03)  # forked workers inherit it
    store = open_store(tmp_path / "x.db")
    report = ingest_paths(store, [folder], jobs=2)
    store.close()
    assert [p.name for p, _ in report.results] == [f"a{i:02d}.txt" for i in range(7) if i != 3]
    ((path, message),) = report.errors
    assert path.name == "a03.txt" and "process extracting it died" in message
    assert check_consistent(tmp_path / "x.db")["documents"] == 6


def test_cli_jobs_option(tmp_path):
    folder = _folder(tmp_path, 3)
    db = tmp_path / "x.db"
    result = cli(db, "ingest", str(folder), "--jobs", "2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["status"] for r in json.loads(result.stdout)] == ["added"] * 3
    assert len(catalog.documents(open_store(db))) == 3


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_cli_jobs_must_be_a_positive_number(tmp_path, value):
    result = cli(tmp_path / "x.db", "ingest", str(tmp_path), "--jobs", value)
    assert result.exit_code == 2 and "--jobs" in result.stderr


def test_default_jobs_is_every_core_available():
    assert default_jobs() == len(os.sched_getaffinity(0))

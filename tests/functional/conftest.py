"""Fixtures shared by the functional tests: a CLI runner and the explorer's test databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from relexplorer.ingest import ensure_sample
from relexplorer.store import open_store
from tests.helpers.tui_sample import add_test_document


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path) -> Path:
    """A database holding only the hand-built test document."""
    path = tmp_path / "t.db"
    store = open_store(path)
    add_test_document(store)
    store.close()
    return path


@pytest.fixture
def sample_and_test_db(tmp_path) -> Path:
    """The bundled sample article plus the hand-built document."""
    path = tmp_path / "both.db"
    store = open_store(path)
    ensure_sample(store)
    add_test_document(store)
    store.close()
    return path

"""Shared fixtures: temporary databases built from the bundled sample."""

from __future__ import annotations

import pytest

from relexplorer.ingest import ensure_sample
from relexplorer.store import open_store


@pytest.fixture
def sample_db(tmp_path):
    """Path of a fresh database holding the bundled sample article."""
    path = tmp_path / "sample.db"
    store = open_store(path)
    ensure_sample(store)
    store.close()
    return path


@pytest.fixture
def sample_store(sample_db):
    """An open store on a fresh database holding the bundled sample article."""
    store = open_store(sample_db)
    yield store
    store.close()

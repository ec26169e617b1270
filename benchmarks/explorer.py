"""Explorer: placeholder until the TUI exists."""

from __future__ import annotations

from benchmarks.common import Row


def run(db_path, smoke=False) -> dict:
    return {"available": False}


def rows(result: dict) -> list[Row]:
    return []

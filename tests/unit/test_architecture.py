"""The rules the code keeps (issue "one room per job"), checked on the source itself.

- SQL lives only in ``store/``, ``search/`` and ``catalog.py``.
- What the catalog and the search hand to the shells is a typed record, never a dict.
- No module over 500 lines and no function over 80 lines unless a ``# size:`` comment says why.
- ``except Exception`` only at an edge (a worker, a command), with a comment on the same line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "relexplorer"
SQL_HOMES = ("store/", "search/", "catalog.py")
# SQL keywords are written in capitals in this code base; prose that says "select ... from" is not SQL.
SQL = re.compile(r"\b(?:SELECT\s.+\sFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"CREATE\s+(?:VIRTUAL\s+)?(?:TABLE|INDEX|VIEW)|PRAGMA\s+\w+)", re.S)
MODULE_LINES = 500
FUNCTION_LINES = 80


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def test_sql_lives_only_in_the_store_search_and_catalog():
    offenders = []
    for path in modules():
        if relative(path).startswith(SQL_HOMES):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                offenders.append(f"{relative(path)}:{node.lineno}: {node.value[:60]!r}")
    assert not offenders, "\n".join(offenders)


def test_the_check_for_sql_would_find_it():
    assert SQL.search('rows = store.rows("SELECT id FROM facts WHERE x = ?")')
    assert SQL.search("DELETE FROM marks")
    assert not SQL.search("Select the facts you need from the list")


@pytest.mark.parametrize("module", ["catalog.py", "search/run.py", "search/figures.py"])
def test_reads_for_the_shells_return_typed_records(module):
    tree = ast.parse((SRC / module).read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and node.returns is not None:
            returns = ast.unparse(node.returns)
            assert "dict" not in returns, f"{module}: {node.name} returns {returns}"


def _size_reason(lines: list[str], first: int, last: int) -> bool:
    return any("# size:" in line for line in lines[max(0, first - 2) : last])


def test_modules_and_functions_are_small_or_say_why():
    too_long = []
    for path in modules():
        text = path.read_text("utf-8")
        lines = text.splitlines()
        if len(lines) > MODULE_LINES and not _size_reason(lines, 0, 30):
            too_long.append(f"{relative(path)}: {len(lines)} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > FUNCTION_LINES and not _size_reason(lines, node.lineno - 1, node.lineno + 3):
                    too_long.append(f"{relative(path)}:{node.lineno} {node.name}: {length} lines")
    assert not too_long, "add a '# size: why' comment or split:\n" + "\n".join(too_long)


def test_catch_alls_are_edges_that_say_so():
    """A handler of Exception or BaseException either re-raises or says on its line why it may
    swallow everything (a worker's or a command's edge)."""
    bare = []
    for path in modules():
        text = path.read_text("utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.ExceptHandler) or node.type is None:
                continue
            caught = ast.unparse(node.type)
            if "Exception" not in caught.replace("Error", ""):
                continue
            reraises = any(isinstance(n, ast.Raise) and n.exc is None for n in ast.walk(node))
            if not reraises and "#" not in lines[node.lineno - 1]:
                bare.append(f"{relative(path)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    assert not bare, "\n".join(bare)

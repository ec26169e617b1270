"""The core (reader ... store, query, export, CLI without the explorer) never imports Textual."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "relexplorer.read", "relexplorer.extract.structure", "relexplorer.extract.sentences", "relexplorer.extract.figures",
    "relexplorer.extract.entities", "relexplorer.extract.topics", "relexplorer.extract", "relexplorer.store",
    "relexplorer.search", "relexplorer.export", "relexplorer.ingest", "relexplorer.store.verify",
    "relexplorer.display", "relexplorer.cli", "relexplorer.catalog", "relexplorer.lexicon", "relexplorer.serve",
]

BLOCKER = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("textual is blocked in core modules")
sys.meta_path.insert(0, Block())
import importlib
for module in {modules!r}:
    importlib.import_module(module)
assert not any(m == "textual" or m.startswith("textual.") for m in sys.modules)
print("ok")
"""


def test_core_imports_without_textual():
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER.format(modules=CORE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_cli_scripting_commands_run_without_textual(tmp_path):
    """A scripted command must not pay for (or need) the UI library."""
    code = BLOCKER.format(modules=["relexplorer.cli"]) + (
        "from click.testing import CliRunner\n"
        "from relexplorer.cli import main\n"
        f"r = CliRunner().invoke(main, ['--db', {str(tmp_path / 'x.db')!r}, 'documents', '--format', 'json'])\n"
        "assert r.exit_code == 0, r.output\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

"""Where the database and the bundled sample live."""

from __future__ import annotations

import os
from pathlib import Path

SAMPLE_PATH = Path(__file__).parents[1] / "data" / "sample" / "zhao-2018-china-russia-endogenous-dynamics.txt"


def default_db_path() -> Path:
    """Where the database lives when ``--db`` is not given.

    ``RELEXPLORER_DB`` wins; in a source checkout it is ``db/relexplorer.db`` beside
    ``pyproject.toml``; an installed copy uses ``$XDG_DATA_HOME/relexplorer/relexplorer.db``
    (``~/.local/share/relexplorer/relexplorer.db``).
    """
    env = os.environ.get("RELEXPLORER_DB")
    if env:
        return Path(env).expanduser()
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "pyproject.toml").is_file() and (checkout / "db").is_dir():
        return checkout / "db" / "relexplorer.db"
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "relexplorer" / "relexplorer.db"


"""Command line: ``relexplorer`` opens the explorer; sub-commands script the same core.

Every listing command takes ``--format table|json|csv``. Errors print one line on stderr and
exit non-zero (1 for a user error, 2 for bad usage); no traceback reaches the user unless
``RELEXPLORER_DEBUG=1`` is set. The commands live in ``ingesting``, ``listing``, ``exporting``, ``editing``,
``maintenance``, ``series``, ``serving`` and ``user_work``; importing them registers them on :func:`main`.
"""

from relexplorer.cli import (  # noqa: F401 - registers the commands
    editing,
    exporting,
    ingesting,
    listing,
    maintenance,
    series,
    serving,
    user_work,
)
from relexplorer.cli.main import main

__all__ = ["main"]

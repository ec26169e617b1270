"""Allow ``python -m relexplorer``."""

from relexplorer.cli import main

main()

"""Sharing the database with a team: ``relexplorer serve`` runs Datasette on it, read-only, with
metadata generated from the schema (descriptions, search on the facts view, labels, facets,
canned queries).

Datasette is an optional extra (``pip install 'relexplorer[serve]'``): nothing here imports it
until a server starts. ``metadata`` builds the metadata, ``launch`` binds the address and runs
the server, ``descriptions`` says what every table and column means.
"""

from relexplorer.serve.launch import (
    INSTALL_HINT,
    Listener,
    ServeError,
    database_name,
    listen,
    make_datasette,
    require_datasette,
    run,
)
from relexplorer.serve.metadata import SETTINGS, build_metadata, schema_columns

__all__ = ["INSTALL_HINT", "SETTINGS", "Listener", "ServeError", "build_metadata", "database_name", "listen",
           "make_datasette", "require_datasette", "run", "schema_columns"]

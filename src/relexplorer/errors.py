"""User-facing errors: each carries one clear line meant for the status line or stderr."""


class RelexplorerError(Exception):
    """Base class for errors whose message is shown to the user as is."""


class ReadError(RelexplorerError):
    """A source file cannot be read as an article (missing, binary, empty, undecodable...)."""


class QueryError(RelexplorerError):
    """A search query is invalid; the message says what is wrong."""


class StoreError(RelexplorerError):
    """The database cannot be used (not ours, corrupt, too new, locked...)."""


class ExportError(RelexplorerError):
    """An export cannot be written (exists, unwritable target...)."""


class EditError(RelexplorerError):
    """A metadata edit is invalid (a date that is no date, a URL that is not http(s)...)."""

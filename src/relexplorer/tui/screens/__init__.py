"""The explorer's screens and dialogs, one per module."""

"""One exception class per way the database can refuse; each message is meant for a person."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises; the CLI prints its message and exits 1."""


class NotFound(StoreError):
    """No article, span or record with that id."""


class SpanRejected(StoreError):
    """A span whose offsets fall outside the text, whose text does not match, or whose label the
    schema does not know. Nothing was written."""


class DatabaseLocked(StoreError):
    """Another program held the database longer than the bounded wait."""


class CorruptDatabase(StoreError):
    """The file is not an SQLite database, or SQLite reports it damaged. It is left untouched."""


class FutureDatabase(StoreError):
    """Made by a newer annotator; refused untouched rather than changed by older code."""


class ReadOnlyDatabase(StoreError):
    """The file or its folder cannot be written."""


class DiskFull(StoreError):
    """The disk (or the file-size limit) ran out mid-write; the transaction was rolled back."""

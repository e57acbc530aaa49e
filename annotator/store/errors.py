"""One exception class per way the database can refuse; each message is meant for a person."""

from __future__ import annotations

from annotator.messages import Explained


class StoreError(Explained):
    """Base of every error the store raises; the CLI prints its message and exits 1, the window
    shows it in its language (`message`)."""


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

"""Why a page could not be cleaned: one exception class per cause, each with a message a person
can act on. Everything unexpected is wrapped in `CleaningFailed`, so callers catch one class."""

from __future__ import annotations

from annotator.messages import Explained


class CleaningError(Explained):
    """The page cannot become an article; the message says why."""


class EmptyPage(CleaningError):
    """No bytes, only white space, or HTML with no visible text."""


class BinaryData(CleaningError):
    """An image, archive or other binary file, not a text or HTML page."""


class TooLarge(CleaningError):
    """Bigger than the configured size limit."""


class UndecodablePage(CleaningError):
    """No text encoding turns the bytes into readable text."""


class CleaningFailed(CleaningError):
    """An unexpected failure inside the cleaner (a bug): reported instead of crashing."""

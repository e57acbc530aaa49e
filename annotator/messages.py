"""A message for a person that keeps its template and values, so the window can word it in its
own language while the CLI prints the English text unchanged.

The core raises its errors in English (`SpanRejected("a {label} span must cover more than white
space", label=label)`); the text is `template.format(**values)`, exactly what the f-string it
replaces gave. A `Message` *is* that text (a `str`), so it travels unchanged wherever a reason is
kept as text: import reports, worker processes (pickled), JSON, the CLI's output. The window
(annotator.gui.core_messages) translates `template` and formats the translation with `values`.
Values that are data (paths, line numbers, an article id) are not translated; a value that is a
Message is, so a reason inside a reason reads in one language.
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """English text that remembers the template and values it was made from."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Message:
        # Without values the template is the text itself: braces in it are literal.
        text = template.format(**values) if values else template
        made = super().__new__(cls, text)
        made.template = template
        made.values = dict(values)
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # pickled for worker processes: keep both halves
        return (_rebuilt, (self.template, self.values))


def _rebuilt(template: str, values: dict[str, Any]) -> Message:
    return Message(template, **values)


def message_of(text: str) -> Message:
    """`text` as a Message: itself when it is one, else a message with no values (the window
    translates it when its catalogue has the exact text, else shows it as it is)."""
    return text if isinstance(text, Message) else Message(text)


class Explained(Exception):
    """Base of the core's errors a person reads: `str(error)` is the English text, and
    `error.message` keeps the template and values for the window."""

    message: Message

    def __init__(self, template: str = "", /, **values: Any) -> None:
        self.message = Message(template, **values) if values else message_of(template)
        super().__init__(self.message)

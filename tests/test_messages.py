"""annotator.messages: a core error keeps its English text byte for byte (the CLI prints it)
and carries its template and values, also through a worker process (pickle)."""

from __future__ import annotations

import pickle

import pytest

from annotator.cleaning import clean_page
from annotator.cleaning.errors import EmptyPage, TooLarge
from annotator.messages import Message
from annotator.store.errors import DatabaseLocked, SpanRejected


def test_the_text_is_what_the_f_string_gave():
    size, limit, where = 12345, 1000, "/tmp/a b.db"
    message = Message("page is {size:,} bytes, above {limit:,} in {where!r} ({wait:g} s)",
                      size=size, limit=limit, where=where, wait=0.5)
    assert message == f"page is {size:,} bytes, above {limit:,} in {where!r} ({0.5:g} s)"
    assert message.template.startswith("page is {size:,}")
    assert message.values == {"size": size, "limit": limit, "where": where, "wait": 0.5}


def test_a_plain_text_keeps_its_braces():
    assert Message("a {literal} text") == "a {literal} text"  # no values: nothing is formatted


def test_an_error_is_its_message_and_keeps_template_and_values():
    error = DatabaseLocked("{where} is locked (waited {t:g} s)", where="x.db", t=5.0)
    assert str(error) == "x.db is locked (waited 5 s)" and error.args == (error.message,)
    assert error.message.template == "{where} is locked (waited {t:g} s)"
    assert error.message.values == {"where": "x.db", "t": 5.0}
    plain = SpanRejected("an official needs a name")
    assert str(plain) == "an official needs a name" and plain.message.values == {}


@pytest.mark.parametrize("thing", [
    Message("line {number}: {error}", number=3, error=Message("holds no page")),
    DatabaseLocked("{where} is locked", where="x.db"),
])
def test_template_and_values_survive_a_worker_process(thing):
    back = pickle.loads(pickle.dumps(thing))
    assert type(back) is type(thing) and str(back) == str(thing)
    message = back if isinstance(back, Message) else back.message
    original = thing if isinstance(thing, Message) else thing.message
    assert (message.template, message.values) == (original.template, original.values)


def test_the_cleaner_raises_with_its_values():
    with pytest.raises(TooLarge) as raised:
        clean_page("页".encode() * 100, "big.txt", max_bytes=10)
    assert raised.value.message.values == {"size": 300, "max_bytes": 10}
    assert str(raised.value) == "page is 300 bytes, above the limit of 10 bytes"
    with pytest.raises(EmptyPage, match=r"^empty file \(0 bytes\)$"):
        clean_page(b"", "empty.txt")

"""`Store`: the one facade over the database. The only code that writes SQL.

Reads return the frozen dataclasses of `annotator.model`, never rows. Every edit is one
transaction, committed before the method returns, and logged in `commands`/`edits` so that it can
be audited and undone (also after a restart).

`Store` is made of parts (annotator.store.parts), one concern each, the way sqlite-utils'
Database hands out tables: settings, articles, annotation sets, suggestions and rejections, span
edits, officials and events, notes and flags, all on the connection and transactions of
`StoreBase`. What the store refuses to write is store/checks.py, pure functions.
"""

from __future__ import annotations

from annotator.store.parts.articles import ArticlesPart
from annotator.store.parts.base import StoreBase
from annotator.store.parts.flags import FlagsPart
from annotator.store.parts.records import RecordsPart
from annotator.store.parts.sets import SetsPart
from annotator.store.parts.settings import SettingsPart
from annotator.store.parts.spans import SpansPart
from annotator.store.parts.suggestions import SuggestionsPart


class Store(
    SettingsPart,
    ArticlesPart,
    SetsPart,
    SuggestionsPart,
    SpansPart,
    RecordsPart,
    FlagsPart,
    StoreBase,
):
    """Open with `Store.open(path)` (or `memory=True` for tests); close, or use `with`."""

"""The SQLite database: schema, migrations, and `Store`, the only code that writes SQL."""

from annotator.store.connection import default_db_path
from annotator.store.errors import (
    CorruptDatabase,
    DatabaseLocked,
    DiskFull,
    FutureDatabase,
    NotFound,
    ReadOnlyDatabase,
    SpanRejected,
    StoreError,
)
from annotator.store.store import Store

__all__ = [
    "CorruptDatabase",
    "DatabaseLocked",
    "DiskFull",
    "FutureDatabase",
    "NotFound",
    "ReadOnlyDatabase",
    "SpanRejected",
    "Store",
    "StoreError",
    "default_db_path",
]

"""Child of the lock tests: hold the database's write lock (`BEGIN EXCLUSIVE`) for a while.

    python hold_lock.py DB SECONDS

Prints `locked` (flushed) once it holds the lock, then releases it after SECONDS.
"""

from __future__ import annotations

import sqlite3
import sys
import time

conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('held', 'yes')")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
conn.close()

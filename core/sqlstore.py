"""A small keyed store in SQLite for things worth keeping across runs but cheap to lose:
the embedding cache and the parse store. Rows are (model, key, value); a broken or
unwritable file only costs time (it is logged, never raised). Safe across threads."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["SqliteStore", "text_key"]

_CHUNK = 500  # keys per SELECT (SQLite limits the number of parameters)


def text_key(text: str) -> str:
    """The key of a text: its SHA-256 (lone surrogates from a broken file hash too)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class SqliteStore:
    """One table ``table (model TEXT, key TEXT, <value>, PRIMARY KEY (model, key))``.

    ``value`` is the value column's name and type (``"vec BLOB"``); ``what`` names the
    store in log messages.
    """

    def __init__(self, path: str | os.PathLike[str], *, table: str, value: str, what: str) -> None:
        self.path = Path(path)
        self._table = table
        self._value = value
        self._column = value.split()[0]
        self._what = what
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {self._table} (model TEXT, key TEXT,"
                f" {self._value}, PRIMARY KEY (model, key))"
            )
            self._db = db
        return self._db

    def get_many(self, model: str, keys: Sequence[str]) -> list[tuple[str, Any]]:
        """The (key, value) rows stored for those of ``keys`` that have one."""
        found: list[tuple[str, Any]] = []
        try:
            with self._lock:
                db = self._conn()
                items = list(keys)
                for i in range(0, len(items), _CHUNK):
                    chunk = items[i : i + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    found += db.execute(
                        f"SELECT key, {self._column} FROM {self._table}"
                        f" WHERE model=? AND key IN ({marks})",
                        [model, *chunk],
                    ).fetchall()
        except sqlite3.Error as err:
            log.warning("%s unreadable (%s): %s", self._what, self.path, err)
        return found

    def put_many(self, rows: Sequence[tuple[str, str, Any]]) -> None:
        """Store (model, key, value) rows, replacing what was there."""
        if not rows:
            return
        try:
            with self._lock:
                db = self._conn()
                db.executemany(f"INSERT OR REPLACE INTO {self._table} VALUES (?, ?, ?)", rows)
                db.commit()
        except sqlite3.Error as err:
            log.warning("%s not written (%s): %s", self._what, self.path, err)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

"""A bounded on-disk cache of embeddings, keyed by content hash (a separate SQLite file: the cache can
be deleted at any time without touching the user's data).

Rows carry ``last_used``; when the cache passes ``max_rows`` the least recently used rows go.
A cache is one table of one file: ``table`` namespaces several caches in a file, ``dtype`` says how
vectors are stored (float16 halves the size; float32 when a cached score must equal a fresh one).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np


def content_key(namespace: str, text: str) -> str:
    return hashlib.sha1(f"{namespace}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    def __init__(self, path: str | Path, *, max_rows: int = 200_000, table: str = "embeddings",
                 dtype: str = "float16"):
        if not table.isidentifier():
            raise ValueError(f"cache table name {table!r} is not an identifier")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.max_rows = int(max_rows)
        self.table = table
        self.dtype = np.dtype(dtype)
        self._lock = threading.Lock()
        self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, dim INTEGER NOT NULL, "
                          "vector BLOB NOT NULL, last_used REAL NOT NULL)")
        self.conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_used ON {table}(last_used)")

    def get_many(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, np.ndarray] = {}
        now = time.time()
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ", ".join("?" for _ in chunk)
                for key, dim, blob in self.conn.execute(
                        f"SELECT key, dim, vector FROM {self.table} WHERE key IN ({marks})", chunk):
                    found[key] = np.frombuffer(blob, dtype=self.dtype).astype(np.float32).reshape(dim)
                if found:
                    self.conn.execute("BEGIN")
                    self.conn.executemany(f"UPDATE {self.table} SET last_used=? WHERE key=?",
                                          [(now, k) for k in chunk if k in found])
                    self.conn.execute("COMMIT")
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        if not items:
            return
        now = time.time()
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.executemany(
                    f"INSERT OR REPLACE INTO {self.table} (key, dim, vector, last_used) VALUES (?,?,?,?)",
                    [(k, int(v.shape[-1]), np.asarray(v, dtype=self.dtype).tobytes(), now) for k, v in items.items()])
                count = self.conn.execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()[0]
                if count > self.max_rows:
                    self.conn.execute(f"DELETE FROM {self.table} WHERE key IN (SELECT key FROM {self.table} "
                                      "ORDER BY last_used ASC LIMIT ?)", (count - self.max_rows,))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def __len__(self) -> int:
        with self._lock:
            return int(self.conn.execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

"""The query database kept in .clientbook/cache/, named by the key of what it was built from."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from clientbook.util.cachedir import CACHE_DIR, ensure_cache_dir

PREFIX = "query-"


def cached_path(root: Path, key: str) -> Path:
    return root / CACHE_DIR / f"{PREFIX}{key[:40]}.sqlite"


def find(root: Path, key: str) -> Path | None:
    """The cached database built from exactly this key, if there is one."""
    path = cached_path(root, key)
    return path if path.is_file() else None


def save(db: sqlite3.Connection, root: Path, key: str) -> None:
    """Keep `db` as the cache for `key` (written beside, then renamed), dropping older ones."""
    target = cached_path(root, key)
    try:
        folder = ensure_cache_dir(root)
        handle, temp = tempfile.mkstemp(prefix=".query-", suffix=".tmp", dir=folder)
        os.close(handle)
    except OSError:
        return  # a cache that cannot be written only makes the next query slower
    try:
        to_bytes(db, Path(temp))
        os.replace(temp, target)
    except (OSError, sqlite3.Error):
        Path(temp).unlink(missing_ok=True)
        return  # a cache that cannot be written only makes the next query slower
    for old in folder.glob(f"{PREFIX}*.sqlite"):
        if old != target:
            old.unlink(missing_ok=True)


def to_bytes(db: sqlite3.Connection, path: Path) -> bytes:
    """The database written to `path` (a file of its own), and its bytes."""
    out = sqlite3.connect(path)
    try:
        db.backup(out)
    finally:
        out.close()
    return path.read_bytes()

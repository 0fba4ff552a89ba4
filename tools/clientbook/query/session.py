"""The library calls behind `clientbook query` and `export --format sqlite`."""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from clientbook.core.config import Config
from clientbook.core.records import Record
from clientbook.query import cache
from clientbook.query.database import build, cache_key
from clientbook.query.run import Answer, read_only, run


@dataclass
class Opened:
    """A read-only connection to the records' database, and what building it had to say."""

    db: sqlite3.Connection
    warnings: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    cached: bool = False


def open_database(
    config: Config,
    today: dt.date,
    *,
    audience: str = "internal",
    history: bool | None = None,
    use_cache: bool = True,
) -> Opened:
    """The database, read-only: the cached file when it was built from the same inputs, else built."""
    key = cache_key(config, today, audience, history) if use_cache else ""
    found = cache.find(config.root, key) if use_cache else None
    if found is not None:
        return Opened(read_only(found), cached=True)
    built = build(config, today, audience=audience, history=history)
    if use_cache and not built.left_out:
        # reading the history may have made its cache current: the key says so from now on
        cache.save(built.db, config.root, cache_key(config, today, audience, history))
    return Opened(read_only(None, built.db), built.warnings, [r.file for r in built.left_out])


def query(
    config: Config,
    today: dt.date,
    statement: str,
    *,
    audience: str = "internal",
    history: bool | None = None,
    use_cache: bool = True,
) -> Answer:
    """One read-only statement's answer (QueryRefused, QueryError)."""
    opened = open_database(config, today, audience=audience, history=history, use_cache=use_cache)
    try:
        return run(opened.db, statement)
    finally:
        opened.db.close()


@dataclass
class Exported:
    data: bytes
    warnings: list[str]
    left_out: list[Record]


def sqlite_export(
    config: Config,
    today: dt.date,
    *,
    audience: str = "internal",
    history: bool | None = None,
    records: list[Record] | None = None,
) -> Exported:
    """The database as the bytes of a SQLite file, with its FTS5 index `search`."""
    built = build(config, today, audience=audience, history=history, records=records)
    with tempfile.TemporaryDirectory(prefix="clientbook-sqlite-") as folder:
        data = cache.to_bytes(built.db, Path(folder) / "clients.db")
    built.db.close()
    return Exported(data, built.warnings, built.left_out)

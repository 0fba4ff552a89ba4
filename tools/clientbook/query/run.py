"""Run one read-only SQL statement: no writes, no ATTACH, no PRAGMA, no extension loading.

Three guards: the statement must begin with SELECT or WITH; the connection has
`PRAGMA query_only`; and sqlite3's authorizer allows reading and functions only
(load_extension refused by name), denying everything else before it runs.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class QueryRefused(Exception):
    """The statement is not one read-only SELECT."""


class QueryError(Exception):
    """SQLite could not run the statement: its message."""


@dataclass
class Answer:
    columns: list[str]
    rows: list[tuple[Any, ...]]


_ALLOWED = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    getattr(sqlite3, "SQLITE_RECURSIVE", 33),
}
_REFUSED_FUNCTIONS = {"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"}
_COMMENTS = re.compile(r"\s*(--[^\n]*(\n|$)|/\*.*?\*/)", re.S)


# What FTS5 does itself when a query opens the `search` table: it declares its table
# (reported as an update of sqlite_master's columns, which query_only and the read-only
# file forbid actually writing) and reads PRAGMA data_version (a counter, read-only).
_FTS5_INTERNAL = {(sqlite3.SQLITE_UPDATE, "sqlite_master"), (sqlite3.SQLITE_PRAGMA, "data_version")}


def _authorizer(action: int, arg1: str | None, arg2: str | None, db: str | None, _: Any) -> int:
    if (action, arg1) in _FTS5_INTERNAL and (action != sqlite3.SQLITE_PRAGMA or arg2 is None):
        return sqlite3.SQLITE_OK
    if action not in _ALLOWED:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in _REFUSED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and db not in (None, "main", "temp"):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def first_word(statement: str) -> str:
    text = statement
    while True:
        match = _COMMENTS.match(text)
        if not match:
            break
        text = text[match.end() :]
    word = re.match(r"\s*([A-Za-z]+)", text)
    return word.group(1).upper() if word else ""


def read_only(path: Path | None, db: sqlite3.Connection | None = None) -> sqlite3.Connection:
    """A connection that can only read: the file opened `mode=ro`, or `db` locked down."""
    if path is not None:
        db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    assert db is not None
    db.execute("PRAGMA query_only = ON")
    db.set_authorizer(_authorizer)
    return db


def run(db: sqlite3.Connection, statement: str) -> Answer:
    """The statement's columns and rows (QueryRefused, QueryError)."""
    if first_word(statement) not in ("SELECT", "WITH"):
        raise QueryRefused("only a SELECT (or WITH … SELECT) statement is run; nothing else")
    try:
        cursor = db.execute(statement)
        rows = cursor.fetchall()
    except sqlite3.ProgrammingError as err:
        if "one statement at a time" in str(err):
            raise QueryRefused("give one statement; this holds more than one") from None
        raise QueryError(str(err)) from None
    except sqlite3.DatabaseError as err:
        if "not authorized" in str(err) or "prohibited" in str(err):
            raise QueryRefused(
                f"{err}: a query may only read the tables (no writes, ATTACH, PRAGMA or "
                "extension loading)"
            ) from None
        raise QueryError(str(err)) from None
    if cursor.description is None:
        raise QueryRefused("only a SELECT (or WITH … SELECT) statement is run; nothing else")
    return Answer([d[0] for d in cursor.description], rows)

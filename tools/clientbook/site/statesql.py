"""Queries of the site's state over many values at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

_CHUNK = 500  # sqlite limits a statement's parameters (to 999 before 3.32)


def rows_in(db: sqlite3.Connection, query: str, values: list[str]) -> Iterator[tuple[Any, ...]]:
    """The rows of `query`, whose `{}` is filled with one parameter per value of `values`
    (`... in ({})`), asked a few hundred values at a time."""
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        yield from db.execute(query.format(", ".join("?" * len(chunk))), chunk)

"""Which clients each owner and team page is made from, in the site's state.

An update in place that changes a client's row on its owner's page makes that
page and its team's again, from their clients alone: a table from each owner
and team to the client files whose summaries they need, so that the update
reads a few hundred summaries instead of every one. The keys name owners and
teams as the records do (`owner:ID` for the clients an owner has, `due:ID` for
those with items due to them, `team:ID`); which owners a team page takes in is
the configuration's, and people.people_keys and keys_for say it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from clientbook.site.statesql import rows_in

TABLE = """
    create table if not exists people (
        key text, file text, primary key (key, file)
    ) without rowid;
    create index if not exists people_file on people (file);
"""


def put_people(db: sqlite3.Connection, rows: Iterable[tuple[str, Iterable[str]]]) -> None:
    """Each file's keys, in place of those it had."""
    rows = list(rows)
    drop_people(db, (file for file, _ in rows))
    db.executemany(
        "insert or ignore into people values (?, ?)",
        [(key, file) for file, keys in rows for key in keys],
    )


def drop_people(db: sqlite3.Connection, files: Iterable[str]) -> None:
    db.executemany("delete from people where file = ?", [(f,) for f in files])


def files_for(db: sqlite3.Connection, keys: Iterable[str]) -> list[str]:
    """The files any of `keys` needs, in file order."""
    query = "select file from people where key in ({})"
    return sorted({file for (file,) in rows_in(db, query, sorted(set(keys)))})


def counts(db: sqlite3.Connection, keys: Iterable[str]) -> dict[str, int]:
    """How many files each of `keys` takes in (a key with none is left out)."""
    query = "select key, count(*) from people where key in ({}) group by key"
    return dict(rows_in(db, query, sorted(set(keys))))

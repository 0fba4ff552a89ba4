"""The directory's search data as the site state keeps it, for an update to patch.

Its text (directory.Directory.json: several MB) is a file beside the database,
which sqlite would write twice at each update (its log, then the database); the
database holds the text's hash and the facets' counts.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path

from clientbook.site.directory import Directory, Facets
from clientbook.util.atomic import write_bytes


def read_directory(db: sqlite3.Connection, path: Path) -> tuple[bytes, Facets] | None:
    """The text at `path` and the facets kept with it; None when they are not the pair the
    database recorded."""
    try:
        row = db.execute("select value from meta where key = 'directory'").fetchone()
        sha, facets = pickle.loads(row[0]) if row and isinstance(row[0], bytes) else (None, None)
        data = path.read_bytes() if sha else b""
    except (OSError, sqlite3.Error, pickle.UnpicklingError, ValueError, TypeError):
        return None
    # the file is written before the transaction that records its hash: a build that
    # stopped between the two leaves them apart, and the directory is made anew
    if not sha or hashlib.sha256(data).hexdigest() != sha or not isinstance(facets, dict):
        return None
    return data, facets


def put_directory(db: sqlite3.Connection, path: Path, directory: Directory) -> None:
    """The directory's text at `path`, then its hash and facets in the database's open
    transaction."""
    data = directory.json
    write_bytes(path, data, durable=False)
    db.execute(
        "insert or replace into meta values ('directory', ?)",
        (
            pickle.dumps(
                (hashlib.sha256(data).hexdigest(), directory.facets), pickle.HIGHEST_PROTOCOL
            ),
        ),
    )

"""What a site build leaves for the next one, in sqlite: a row per client file.

Each client's page key and summary: a summary is reused only when its page's
inputs have the same key, so a state from an older build can make a build
faster, never different. And, for an update in place (siteupdate.py), what
each client file was when the site was built (its stat, hash, cross-record
facts and findings) with the key of everything else the site depends on.

A row per file, so an update in place reads the stats and summaries it needs
and writes back only the rows that changed. One database per output folder,
in the repository's cache folder; one that cannot be read is ignored (the
next build is a full one).
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from clientbook import __version__
from clientbook.site.dashtotals import Totals
from clientbook.site.directory import Directory, Facets
from clientbook.site.partcodec import decode_part, encode_part
from clientbook.site.people import people_keys
from clientbook.site.statedirectory import put_directory, read_directory
from clientbook.site.statepeople import TABLE as PEOPLE_TABLE
from clientbook.site.statepeople import counts, drop_people, files_for, put_people
from clientbook.site.staterows import Mark, Row, Whole
from clientbook.site.statesql import rows_in
from clientbook.site.statestats import forget_stats, put_changed_stats, put_stats, read_stats
from clientbook.site.summary import PARTS, Summary, from_parts, part
from clientbook.util.cachedir import CACHE_DIR, ensure_cache_dir, gc_paused
from clientbook.util.filestat import Stat

# 7: deadlines, consent states from core/obligations.py (page keys cover inputs, not code)
# 8: summaries' parts kept by partcodec (marshal)
# 9: the dashboard's totals, and the people table
# 10: the people table keeps owners and due items' owners apart
_FORMAT = 10
_PROTOCOL = pickle.HIGHEST_PROTOCOL
_T = TypeVar("_T")


def _format() -> str:
    """Changes with clientbook's version and with the shape of what is stored."""
    shapes = (PARTS, Mark._fields, Row._fields, tuple(f.name for f in fields(Whole)))
    python = sys.version_info[:2]  # partcodec's marshal is this Python's own format
    return f"{_FORMAT}/{__version__}/{python}/{shapes}/{SiteState._TABLES}"


class SiteState:
    _TABLES = (
        """
        create table if not exists meta (key text primary key, value blob);
        create table if not exists clients (
            file text primary key, size integer, mtime integer, ctime integer, inode integer,
            sha text, page_key text, errors integer, mark blob,
            directory blob, dashboard blob, people blob, calendar blob
        );
        -- what every update reads of every row, apart from the summaries' blobs: read from
        -- the table, 10,000 rows cost a tenth of a second; from this index, a few pages
        create index if not exists clients_stats on clients (
            file, size, mtime, ctime, inode, sha, errors, page_key
        );
    """
        + PEOPLE_TABLE
    )

    def __init__(self, root: Path, out: Path) -> None:
        name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
        self.root = root
        self.path = root / CACHE_DIR / f"site-{name}.sqlite"
        self.db: sqlite3.Connection | None = None

    def close(self) -> None:
        """Close the database (sqlite then folds its write-ahead log into it); it reopens if used."""
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None

    def _open(self) -> sqlite3.Connection | None:
        """The database, made anew when its format is not this version's (its columns may differ)
        or it cannot be read at all (a damaged file would otherwise make every build a full one)."""
        if self.db is None:
            try:
                self.db = self._connect()
            except (OSError, sqlite3.Error):
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                try:
                    self.db = self._connect()
                except (OSError, sqlite3.Error):
                    self.db = None
        return self.db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(ensure_cache_dir(self.root) / self.path.name)
        try:
            # a cache: a write lost to a power cut costs a full build, not a corrupt file
            db.execute("pragma journal_mode = wal")
            db.execute("pragma synchronous = normal")
            db.executescript(self._TABLES)
            row = db.execute("select value from meta where key = 'format'").fetchone()
            if row is None or row[0] != _format():
                with db:
                    db.execute("drop table clients")
                    db.execute("drop table meta")
                db.executescript(self._TABLES)
                with db:
                    db.execute("insert into meta values ('format', ?)", (_format(),))
        except BaseException:
            db.close()
            raise
        return db

    def _meta(self, key: str) -> object:
        assert self.db is not None
        row = self.db.execute("select value from meta where key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _pickled(self, key: str, kind: type[_T]) -> _T | None:
        """The `kind` pickled under `key` in meta; None when none is, or it cannot be read."""
        db = self._open()
        try:
            raw = self._meta(key) if db is not None else None
            value = pickle.loads(raw) if isinstance(raw, bytes) else None
        except Exception:  # a cache that cannot be read, whatever the reason, is a miss
            return None
        return value if isinstance(value, kind) else None

    def whole(self) -> Whole | None:
        return self._pickled("whole", Whole)

    def totals(self) -> Totals | None:
        """The dashboard's totals as last written."""
        return self._pickled("dashboard", Totals)

    def stats(self) -> dict[str, Stat] | None:
        """Each file's stat as the site was built from it, by file (None: no state)."""
        db = self._open()
        return read_stats(db) if db is not None else None

    def sha(self, file: str) -> str | None:
        """The hash of the file's bytes as the site was built from it."""
        db = self._open()
        row = (
            db.execute("select sha from clients where file = ?", (file,)).fetchone() if db else None
        )
        return str(row[0]) if row else None

    def summaries(self, parts: Iterable[str] = PARTS) -> dict[str, tuple[str, Summary]]:
        """Each client's page key and summary, in file order (none when they cannot be read).

        Only the fields of `parts` are read; the others are None.
        """
        return self.read_summaries(parts) or {}

    def read_summaries(
        self, parts: Iterable[str] = PARTS, people: Iterable[str] | None = None
    ) -> dict[str, tuple[str, Summary]] | None:
        """As summaries(), None when they cannot be read; with `people` (people.keys_for),
        only those of the clients these keys take in."""
        db = self._open()
        names = [p for p in PARTS if p in set(parts)]
        if db is None:
            return None
        try:
            with gc_paused(lasting=True):
                files = None if people is None else files_for(db, people)
                return self._summaries(db, names, files)
        except Exception:  # a cache that cannot be read, whatever the reason, is a miss
            return None

    def people_counts(self, keys: Iterable[str]) -> dict[str, int] | None:
        """How many clients each owner and team key takes in (statepeople.py); None when
        the state cannot say."""
        db = self._open()
        try:
            return counts(db, keys) if db is not None else None
        except sqlite3.Error:  # a cache that cannot be read is a miss
            return None

    @staticmethod
    def _summaries(
        db: sqlite3.Connection, names: list[str], files: list[str] | None
    ) -> dict[str, tuple[str, Summary]]:
        # with no parts, a null column: only the ids of the clients with pages
        query = f"select file, page_key, errors, {', '.join(names) or 'null'} from clients"
        if files is None:
            rows: Iterable[tuple[Any, ...]] = db.execute(
                f"{query} where page_key != '' order by file"
            )
        else:
            rows = rows_in(db, f"{query} where page_key != '' and file in ({{}})", files)
        found = {
            file: (
                key,
                from_parts(file, errors, dict(zip(names, map(decode_part, blobs), strict=False))),
            )
            for file, key, errors, *blobs in rows
        }
        return found if files is None else dict(sorted(found.items()))

    def summary(self, file: str) -> Summary | None:
        """One client's whole summary."""
        db = self._open()
        try:
            found = self._summaries(db, list(PARTS), [file]) if db is not None else {}
        except Exception:  # as in read_summaries()
            return None
        return found[file][1] if file in found else None

    def errors(self, replacing: dict[str, Row] | None = None) -> int:
        """Lint errors in every file, with the rows `replacing` theirs."""
        db = self._open()
        if db is None:
            return 0
        replacing = replacing or {}
        others = db.execute(
            "select coalesce(sum(errors), 0) from clients where file not in "
            f"({', '.join('?' * len(replacing))})",
            list(replacing),
        ).fetchone()[0]
        return int(others) + sum(r.mark.errors for r in replacing.values())

    def pages(self) -> int:
        """How many client pages the site has (readable files)."""
        db = self._open()
        row = (
            db.execute("select count(*) from clients where page_key != ''").fetchone()
            if db
            else None
        )
        return int(row[0]) if row else 0

    def mark(self, file: str) -> Mark | None:
        db = self._open()
        row = (
            db.execute("select mark from clients where file = ?", (file,)).fetchone()
            if db
            else None
        )
        return pickle.loads(row[0]) if row else None

    def directory(self) -> tuple[bytes, Facets] | None:
        """The directory's search data as last written (its rows in name order, as JSON), and
        its facets' counts."""
        db = self._open()
        return read_directory(db, self.directory_path) if db is not None else None

    @property
    def directory_path(self) -> Path:
        """The directory's search data, beside the database: several MB that sqlite would
        write twice (its log, then the database) at each update."""
        return self.path.with_name(f"{self.path.stem}.directory.json")

    def replace(
        self,
        whole: Whole,
        rows: dict[str, Row],
        directory: Directory | None,
        totals: Totals | None = None,
    ) -> None:
        """After a full build: this site, and every client file as it was built from."""
        db = self._open()
        if db is None:
            return
        try:
            with db:
                stored = dict(db.execute("select file, page_key from clients"))
                gone = [f for f in stored if f not in rows]
                db.executemany("delete from clients where file = ?", [(f,) for f in gone])
                drop_people(db, gone)
                # a page key covers everything the summary is made from: an equal key, an
                # equal summary, whose parts (most of the bytes) need not be written again
                same = {f: r for f, r in rows.items() if r.key and stored.get(f) == r.key}
                self._put(db, ((f, r) for f, r in rows.items() if f not in same))
                db.executemany(
                    "update clients set size = ?, mtime = ?, ctime = ?, inode = ?, sha = ?, "
                    "errors = ?, mark = ? where file = ?",
                    [
                        (*r.stat, r.sha, r.mark.errors, pickle.dumps(r.mark, _PROTOCOL), f)
                        for f, r in same.items()
                    ],
                )
                self._put_whole(db, whole, directory, totals)
                put_stats(db, {f: r.stat for f, r in rows.items()})
        except (OSError, sqlite3.Error):
            pass  # a cache that cannot be written is not an error

    def update(
        self,
        whole: Whole,
        rows: dict[str, Row],
        touched: dict[str, Stat],
        directory: Directory | None = None,
        stats: dict[str, Stat] | None = None,
        totals: Totals | None = None,
    ) -> None:
        """After an update in place: the rows of the files made again; new stats of files touched.

        `stats` are every file's stats as the update found them unchanged (`stats()`); the
        directory and the dashboard's totals, when the update made them again.
        """
        db = self._open()
        if db is None:
            return
        try:
            with db:
                self._put(db, rows.items())
                db.executemany(
                    "update clients set size = ?, mtime = ?, ctime = ?, inode = ? where file = ?",
                    [(*stat, file) for file, stat in touched.items()],
                )
                self._put_whole(db, whole, directory, totals, keep=True)
                if stats is None:
                    forget_stats(db)
                else:
                    changed = {f: r.stat for f, r in rows.items()}
                    put_changed_stats(db, stats, {**changed, **touched})
        except (OSError, sqlite3.Error, ValueError, EOFError, TypeError):
            pass  # as in replace()

    @staticmethod
    def _put(db: sqlite3.Connection, rows: Iterable[tuple[str, Row]]) -> None:
        rows = list(rows)
        put_people(db, ((f, people_keys(r.summary) if r.summary else ()) for f, r in rows))
        db.executemany(
            "insert or replace into clients values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    file,
                    *row.stat,
                    row.sha,
                    row.key,
                    row.mark.errors,
                    pickle.dumps(row.mark, _PROTOCOL),
                    *(
                        encode_part(part(row.summary, name)) if row.summary else None
                        for name in PARTS
                    ),
                )
                for file, row in rows
            ],
        )

    def _put_whole(
        self,
        db: sqlite3.Connection,
        whole: Whole,
        directory: Directory | None,
        totals: Totals | None,
        keep: bool = False,
    ) -> None:
        """The whole, the directory and the totals (each kept as it was when `keep` and
        none given)."""
        db.execute(
            "insert or replace into meta values ('whole', ?)",
            (pickle.dumps(whole, _PROTOCOL),),
        )
        if directory is not None:
            put_directory(db, self.directory_path, directory)
        elif not keep:
            db.execute("delete from meta where key = 'directory'")
        if totals is not None:
            db.execute(
                "insert or replace into meta values ('dashboard', ?)",
                (pickle.dumps(totals, _PROTOCOL),),
            )
        elif not keep:
            db.execute("delete from meta where key = 'dashboard'")

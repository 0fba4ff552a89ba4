"""Build the database: in memory for `query` (cached in .clientbook/cache/), or bytes for the export."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import git

from clientbook import __version__
from clientbook.core.config import Config
from clientbook.core.records import Record, load_and_check
from clientbook.core.schemanav import resolve
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.read import current_cache, read_history
from clientbook.lint.checkfile import FileResult
from clientbook.lint.run import build_checker, lint
from clientbook.query import rows as rowmod
from clientbook.query.tables import Table, create_sql, derive_tables, hidden
from clientbook.util.workers import worker_count

CACHE_NAME = "query.sqlite"


@dataclass
class Built:
    """A database of the records, and what was left out or could not be read."""

    db: sqlite3.Connection
    tables: list[Table]
    warnings: list[str] = field(default_factory=list)
    left_out: list[Record] = field(default_factory=list)


def visible_path(schema: dict[str, Any], audience: str) -> Callable[[str], bool]:
    """Whether the audience may see a JSON path ("contacts/0/email"): the site's rule, walked."""
    if audience != "restricted":
        return lambda path: True

    def visible(path: str) -> bool:
        node = resolve(schema, schema)
        for depth, part in enumerate(p for p in path.split("/") if p):
            if part.isdigit():
                node = resolve(node.get("items", {}), schema)
                continue
            node = resolve((node.get("properties") or {}).get(part, {}), schema)
            if hidden(node, part, depth == 0, audience):
                return False
        return True

    return visible


def _history(config: Config, want: bool | None) -> tuple[Any, str]:
    """The history when asked for (`want` True), or when its cache is current (`want` None)."""
    if want is False:
        return None, ""
    try:
        if want is None:
            cache = current_cache(config.root)
            if cache is None:
                return None, ""
            cache.store.db.close()
        return read_history(config.root, use_cache=True), ""
    except GitUnavailable as err:
        return None, str(err) if want else ""
    except (git.GitError, subprocess.CalledProcessError, OSError) as err:
        return None, f"git could not be read ({err})"


def build(
    config: Config,
    today: dt.date,
    *,
    audience: str = "internal",
    history: bool | None = None,
    records: list[Record] | None = None,
    jobs: int = 0,
) -> Built:
    """Every table, filled, in an in-memory database. `history`: True always, None when cached."""
    schema = config.client_schema().document
    tables = derive_tables(schema, audience)
    jobs = worker_count(jobs)  # 0: one per CPU
    checker = build_checker(config, today)
    maker = rowmod.RowMaker(tables, config, today, list(schema.get("x-recommended", [])))
    checked: dict[str, FileResult] = {}
    made: dict[str, dict[str, list[rowmod.Row]]] = {}
    if records is None:
        # records not in the parse cache are linted, and their rows made, as they are parsed,
        # in the same workers: a cold export is mostly that parse
        def check(record: Record) -> tuple[FileResult, dict[str, list[rowmod.Row]]]:
            return checker.check_record(record), maker.record_rows(record)

        records, outcomes = load_and_check(
            config.root, config.max_file_size, check, use_cache=True, jobs=jobs
        )
        checked = {file: outcome[0] for file, outcome in outcomes.items()}
        made = {file: outcome[1] for file, outcome in outcomes.items()}
    result = lint(
        config, today, jobs=jobs, use_cache=True, records=records, checker=checker, checked=checked
    )
    visible = visible_path(schema, audience)
    counts = rowmod.lint_counts(result.diagnostics)
    ids = {r.file: r.id for r in records if r.data is not None}
    for record in records:
        rows = made.get(record.file)
        maker.add_rows(
            rows if rows is not None else maker.record_rows(record), counts.get(record.file, (0, 0))
        )
    findings = [d for d in result.diagnostics if visible(d.pointer)]
    maker.rows["findings"] = rowmod.finding_rows(findings, ids)
    found, why = _history(config, history)
    if found is not None:
        maker.rows["history"] = list(rowmod.history_rows(found, ids, visible))
    db = sqlite3.connect(":memory:")
    fill(db, tables, maker.rows)
    warnings = [why] if why else []
    if found is not None:
        warnings += found.warnings
    return Built(db, tables, warnings, [r for r in records if r.data is None])


def fill(db: sqlite3.Connection, tables: list[Table], rows: dict[str, list[rowmod.Row]]) -> None:
    """Create and fill every table, then the FTS5 index `search`."""
    with db:
        for table in tables:
            db.execute(create_sql(table))
            marks = ", ".join("?" * len(table.columns))
            db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows.get(table.name, []))
        _search(db, tables)


def _search(db: sqlite3.Connection, tables: list[Table]) -> None:
    """The FTS5 table `search`: a row per client with its name, contacts, emails and summaries."""
    names = {t.name: {c.name for c in t.columns} for t in tables}
    for table in tables:
        if "client_id" in names[table.name] and table.name != "history":
            db.execute(f'CREATE INDEX "{table.name}_client" ON "{table.name}" (client_id)')
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5("
        "client_id UNINDEXED, name, contacts, emails, summaries, tokenize='unicode61')"
    )

    def grouped(table: str, *columns: str) -> str:
        picked = [
            f'group_concat("{c}", \' \') AS "{c}"'
            if c in names.get(table, set())
            else f"'' AS \"{c}\""
            for c in columns
        ]
        if table not in names:
            return f"(SELECT NULL AS client_id, {', '.join(picked)})"
        return f'(SELECT client_id, {", ".join(picked)} FROM "{table}" GROUP BY client_id)'

    name = "c.name" if "name" in names["clients"] else "''"
    db.execute(
        f"INSERT INTO search SELECT c.id, {name}, t.name, t.email, i.summary FROM clients c "
        f"LEFT JOIN {grouped('contacts', 'name', 'email')} t ON t.client_id = c.id "
        f"LEFT JOIN {grouped('interactions', 'summary')} i ON i.client_id = c.id"
    )


def cache_key(config: Config, today: dt.date, audience: str, history: bool | None) -> str:
    """What the database depends on: the records' bytes, config, schema, day, audience, HEAD."""
    from clientbook.core.repo import CLIENTS_DIR, client_names

    digest = hashlib.sha256()
    schema = config.client_schema()
    config_file = config.root / "clientbook.yaml"
    head = ""
    try:
        where = current_cache(config.root)
        if where is not None:
            head = where.head
            where.store.db.close()
    except (GitUnavailable, git.GitError, OSError):
        pass
    # the history's part: the commit it was read at, "" without it, "unread" when asked for
    # and not yet current (no database is kept under that: it is saved once the history is read)
    with_history = history is True or (history is None and bool(head))
    read_at = (head or "unread") if with_history else ""
    parts = [__version__, today.isoformat(), audience, read_at, schema.text]
    digest.update(json.dumps(parts).encode())
    digest.update(config_file.read_bytes() if config_file.exists() else b"")
    folder = config.root / CLIENTS_DIR
    for name in client_names(config.root):
        digest.update(name.encode() + b"\0")
        try:
            digest.update(hashlib.sha256((folder / name).read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()

"""The tables, derived from the client schema: an extended schema gets its own columns and tables.

- `clients`: one row per client. Each scalar field is a column; the scalar fields of an
  object field are columns named `field_sub` (`communication_frequency`); a list of
  scalars inside an object, or anything the schema does not type as one scalar, is JSON
  text. Then the derived columns (DERIVED), decided by core.obligations and lint.
- One table per list field: a list of objects (`contacts`) gets a row per item with
  `client_id`, `position` (from 0, in the record's order) and the item's fields as
  above; a list of scalars (`tags`) gets `client_id`, `position`, `value`. A list of
  objects inside a list item (`projects` → `milestones`) is a table of its own, with
  the parent's position (`project_position`).
- `findings` (lint diagnostics), `history` (field changes from git) and `search` (FTS5).

With the restricted audience, fields the schema marks `x-sensitivity: confidential`
and the notes are left out, as the site leaves them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clientbook.core.schemanav import resolve

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # TEXT, INTEGER, REAL, or JSON (stored as TEXT)
    keys: tuple[str, ...] = ()  # where the value is, inside the row's item
    description: str = ""


@dataclass
class Table:
    name: str
    description: str
    columns: list[Column] = field(default_factory=list)
    keys: tuple[str, ...] = ()  # the list's place in the record, or in the parent's item
    parent: str = ""  # the table whose items hold this list
    scalar_items: bool = False


DERIVED = (
    Column(
        "retention_until",
        "TEXT",
        (),
        "core.obligations.retention_deadline: the day the record must be gone by",
    ),
    Column("review_due", "TEXT", (), "core.obligations.review(...).due, while a review applies"),
    Column("last_interaction", "TEXT", (), "core.obligations.last_interaction"),
    Column("contact_due", "TEXT", (), "core.obligations.contact_due, for an active client"),
    Column(
        "next_due",
        "TEXT",
        (),
        "core.obligations.next_deadline: review, retention or open follow-up",
    ),
    Column(
        "completeness", "REAL", (), "share of the schema's x-recommended fields filled (0 to 1)"
    ),
    Column("errors", "INTEGER", (), "lint findings at error severity"),
    Column("warnings", "INTEGER", (), "lint findings at warning severity"),
    Column("file", "TEXT", (), "the record's file, relative to the repository"),
)
CONSENT_STATE = Column(
    "state",
    "TEXT",
    (),
    "core.obligations.consent_state on --today: current, withdrawn, future, unknown",
)
FOLLOW_UP_OPEN = Column(
    "follow_up_open",
    "TEXT",
    (),
    "core.obligations.open_follow_up: the follow-up date while not done",
)
FOLLOW_UP_STATE = Column(
    "follow_up_state",
    "TEXT",
    (),
    "core.obligations.follow_up_state on --today: overdue, due, done or empty",
)

FINDINGS = Table(
    "findings",
    "lint diagnostics, one row each",
    [
        Column("client_id", "TEXT"),
        Column("file", "TEXT"),
        Column("line", "INTEGER"),
        Column("column", "INTEGER"),
        Column("severity", "TEXT"),
        Column("rule", "TEXT"),
        Column("message", "TEXT"),
        Column("hint", "TEXT"),
        Column("pointer", "TEXT"),
    ],
)
HISTORY = Table(
    "history",
    "one row per field change from git (with the history cache current, or --history)",
    [
        Column("client_id", "TEXT"),
        Column("commit", "TEXT"),
        Column("author", "TEXT"),
        Column("email", "TEXT"),
        Column("date", "TEXT"),
        Column("message", "TEXT"),
        Column("path", "TEXT"),
        Column("op", "TEXT"),
        Column("old", "JSON"),
        Column("new", "JSON"),
    ],
)


def hidden(node: dict[str, Any], key: str, top: bool, audience: str) -> bool:
    """Whether the audience may not see this field: the site's rule (site.model.audience_view)."""
    return audience == "restricted" and (
        node.get("x-sensitivity") == "confidential" or (top and key == "notes")
    )


def _scalar_type(node: dict[str, Any]) -> str | None:
    kind = node.get("type")
    if isinstance(kind, str) and kind in SQL_TYPES:
        return SQL_TYPES[kind]
    if kind is None and "enum" in node and all(isinstance(v, str) for v in node["enum"]):
        return "TEXT"
    return None


class _Builder:
    def __init__(self, schema: dict[str, Any], audience: str) -> None:
        self.schema = schema
        self.audience = audience
        self.tables: list[Table] = []

    def columns(
        self, node: dict[str, Any], prefix: tuple[str, ...], parent: Table, top: bool
    ) -> None:
        """The columns of an object's fields into `parent`; lists of objects become tables."""
        for key, child in (node.get("properties") or {}).items():
            child = resolve(child, self.schema)
            if hidden(child, key, top and not prefix, self.audience):
                continue
            keys = (*prefix, key)
            name = "_".join(keys)
            described = str(child.get("title") or child.get("description") or "")
            scalar = _scalar_type(child)
            if scalar is not None:
                parent.columns.append(Column(name, scalar, keys, described))
            elif child.get("type") == "object" and "properties" in child:
                self.columns(child, keys, parent, top)
            elif child.get("type") == "array" and not prefix:
                self.list_table(key, child, parent)
            else:
                parent.columns.append(Column(name, "JSON", keys, described))

    def list_table(self, key: str, node: dict[str, Any], parent: Table) -> None:
        item = resolve(node.get("items", {}), self.schema)
        name = (
            key
            if key not in {t.name for t in self.tables} | {"clients"}
            else f"{parent.name}_{key}"
        )
        described = str(node.get("title") or node.get("description") or key)
        table = Table(name, described, [Column("client_id", "TEXT")], (key,), parent.name)
        if parent.name != "clients":
            table.columns.append(Column(f"{_singular(parent.name)}_position", "INTEGER"))
        table.columns.append(Column("position", "INTEGER"))
        self.tables.append(table)
        scalar = _scalar_type(item)
        if scalar is not None:
            table.scalar_items = True
            table.columns.append(Column("value", scalar, (), described))
        else:
            self.columns(item, (), table, False)


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") else name


def derive_tables(schema: dict[str, Any], audience: str = "internal") -> list[Table]:
    """Every table of the database for this schema and audience, `clients` first."""
    builder = _Builder(schema, audience)
    clients = Table("clients", "one row per client")
    builder.tables.append(clients)
    builder.columns(schema, (), clients, True)
    taken = {c.name for c in clients.columns}
    clients.columns += [c for c in DERIVED if c.name not in taken]
    for table in builder.tables:
        if table.name == "consents":
            table.columns.append(CONSENT_STATE)
        if table.name == "interactions":
            table.columns += [FOLLOW_UP_OPEN, FOLLOW_UP_STATE]
    return [*builder.tables, FINDINGS, HISTORY]


def create_sql(table: Table) -> str:
    columns = ", ".join(
        f'"{c.name}" {"TEXT" if c.type == "JSON" else c.type}' for c in table.columns
    )
    return f'CREATE TABLE "{table.name}" ({columns})'


def describe(tables: list[Table]) -> str:
    """The tables and their columns, for `clientbook query --schema`."""
    lines = []
    for table in tables:
        lines.append(f"{table.name}: {table.description}")
        for c in table.columns:
            note = f"  {c.description}" if c.description else ""
            lines.append(f"    {c.name:<28} {c.type:<8}{note}".rstrip())
        lines.append("")
    lines.append("search: FTS5 full-text index (client_id, name, contacts, emails, summaries)")
    return "\n".join(lines) + "\n"

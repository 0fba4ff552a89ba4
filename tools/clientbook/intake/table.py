"""What every reader returns: rows of cells, each cell with its place in the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_INPUT = 50 * 1024 * 1024  # a spreadsheet of clients is a few MB; more is a mistake


class IntakeError(Exception):
    """Input that cannot be imported; the message names the file (and line and column)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table: its cells by column index, and where it starts in the file.

    `places` gives each cell's (line, column) when it is not (line, index + 1): a
    vCard's properties are on lines of their own.
    """

    line: int
    cells: tuple[str, ...]
    places: tuple[tuple[int, int], ...] = ()

    def place(self, index: int) -> tuple[int, int]:
        if self.places:
            return self.places[index]
        return self.line, index + 1


@dataclass
class Table:
    """A file read: column names and rows (CSV, XLSX, vCard), or whole records (JSON Lines)."""

    file: str  # as messages name it
    detected: str  # what was found: "CSV, UTF-8 with BOM, ';'-separated"
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    records: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (line, record)

    @property
    def size(self) -> int:
        return len(self.records) if self.records else len(self.rows)


def check_columns(file: str, columns: list[str], line: int = 1) -> None:
    """Refuse an empty or repeated column name: which of two 'Email' columns is meant?"""
    seen: dict[str, int] = {}
    for index, name in enumerate(columns, start=1):
        key = name.strip().casefold()
        if key in seen:
            raise IntakeError(
                f"{file}:{line}:{index}: the column name {name.strip()!r} is used twice "
                f"(columns {seen[key]} and {index}); rename one of them"
            )
        if key:
            seen[key] = index

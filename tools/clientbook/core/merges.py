"""The record of merges: merges.yaml, next to erasures.yaml, one entry per `clientbook merge`.

An entry holds the id of the record merged away, the id it was merged into, the day
and who merged: ids only. Lint reads it to flag a merged client that is created
again, the history follows a merged client into the record it was merged into, and
`clientbook merge` appends to it (authoring/merge.py), so all of them read it here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from clientbook.core.config import ConfigError
from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.core.yamlio import load_document
from clientbook.core.yamlpositions import PositionIndex

MERGES = "merges.yaml"
_FIELDS = ("id", "into", "date", "by")


@dataclass(frozen=True, slots=True)
class Merge:
    id: str  # the record merged away
    into: str  # the record that holds it since
    date: str
    by: str

    def as_dict(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in _FIELDS}


def _shape_error(line: int, column: int, message: str) -> ConfigError:
    return ConfigError([Diagnostic(MERGES, line, column, Severity.ERROR, "merges", message)])


def load_merges(root: Path) -> tuple[Merge, ...]:
    """The entries of root/merges.yaml, oldest first (none when the file does not exist).

    Raises ConfigError, positioned in merges.yaml, when it is not a mapping with a list
    'merges' of entries each with a text 'id' and 'into'.
    """
    path = root / MERGES
    if not path.is_file():
        return ()
    doc = load_document(path.read_bytes(), kind=MERGES, keep_node=True)
    if doc.problems:  # unreadable: where and why, under this file's own rule
        first = doc.problems[0].diagnostic(MERGES)
        raise ConfigError([dataclasses.replace(first, rule="merges")])
    entries = doc.data.get("merges") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        at = PositionIndex("", doc.node).lookup("merges")
        raise _shape_error(at.line, at.column, "merges.yaml needs a list 'merges'")
    found = []
    for number, entry in enumerate(entries):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("id"), str)
            and isinstance(entry.get("into"), str)
        ):
            at = PositionIndex("", doc.node).lookup(f"merges/{number}")
            raise _shape_error(
                at.line, at.column, "each entry of merges.yaml needs a text 'id' and 'into'"
            )
        found.append(Merge(*(str(entry.get(f, "")) for f in _FIELDS)))
    return tuple(found)


def merged_away(root: Path) -> dict[str, Merge]:
    """Each id merged into another record, with its (latest) entry; {} when the log is unreadable.

    Lint asks for every record it checks, so the log is read once per version of the file.
    """
    try:
        found = os.stat(root / MERGES)
    except OSError:
        return {}
    return _merged_away(root, (found.st_mtime_ns, found.st_size, found.st_ino))


@functools.lru_cache(maxsize=8)
def _merged_away(root: Path, stamp: tuple[int, int, int]) -> dict[str, Merge]:
    try:
        return {m.id: m for m in load_merges(root)}
    except (ConfigError, OSError):  # the merge command and the history say what is wrong
        return {}


def merges_yaml(entries: Sequence[Merge]) -> str:
    """The text of merges.yaml holding `entries`, in their order."""
    lines = [
        "# Clients merged into others (clientbook merge): ids only. Lint flags a merged client",
        "# that is created again; the history of the record kept includes the merged one's.",
        "# Written by clientbook merge; do not edit.",
        "merges:" if entries else "merges: []",
    ]
    for entry in entries:
        for field, value in entry.as_dict().items():
            lead = "  - " if field == "id" else "    "
            lines.append(f"{lead}{field}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def merged_into(entries: Iterable[Merge], ids: set[str]) -> list[Merge]:
    """The entries that merged a record into one of `ids`, oldest first."""
    return [m for m in entries if m.into in ids]


__all__ = ["MERGES", "Merge", "load_merges", "merged_away", "merged_into", "merges_yaml"]

"""Diagnostics: the one shape every finding takes, from the loader to the reporters."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from clientbook.util.fastpickle import ByFields


class Severity(enum.IntEnum):
    """Ordered so that max() gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


def count(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    """How many of `diagnostics` have `severity`."""
    return sum(1 for d in diagnostics if d.severity == severity)


@dataclass(frozen=True, slots=True)
class Diagnostic(ByFields):
    """A finding about one place in one file.

    `file` is relative to the repository root, with forward slashes. `pointer`
    is the JSON path inside the record ("contacts/0/email"), empty for the
    whole file. Lines and columns count from 1; 0 means "the file as a whole".
    """

    file: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    hint: str = ""
    pointer: str = ""
    known: bool = False  # held in the repository's lint baseline: known since adoption

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.file,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "rule": self.rule,
            "message": self.message,
            "hint": self.hint,
            "pointer": self.pointer,
        }

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> Diagnostic:
        return cls(
            file=str(d["path"]),
            line=int(d["line"]),  # type: ignore[call-overload]
            column=int(d["column"]),  # type: ignore[call-overload]
            severity=Severity.parse(str(d["severity"])),
            rule=str(d["rule"]),
            message=str(d["message"]),
            hint=str(d.get("hint", "")),
            pointer=str(d.get("pointer", "")),
        )


@dataclass(frozen=True, slots=True)
class Finding(ByFields):
    """What a rule reports: where in the record, and what; the linter adds file and position.

    `on_key` asks for the position of the mapping key rather than its value
    (an unknown field is reported where its name is written).
    """

    pointer: str
    message: str
    hint: str = ""
    on_key: bool = False
    related: tuple[str, ...] = ()  # other files a cross-record finding involves


def join_pointer(*parts: object) -> str:
    return "/".join(str(p) for p in parts if p != "")

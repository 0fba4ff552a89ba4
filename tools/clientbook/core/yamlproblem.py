"""LoadProblem: what loading a YAML file reports instead of raising.

Every step of the load (bytes, composing, building) returns or raises one, so
it stands below them all rather than in the entry point that gathers them.
"""

from __future__ import annotations

from dataclasses import dataclass

from clientbook.core.diagnostics import Diagnostic, Severity


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A reason the file could not be read as a record, at a position."""

    line: int
    column: int
    rule: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def diagnostic(self, file: str) -> Diagnostic:
        """The problem as lint reports it, in `file`: the one conversion every caller uses."""
        return Diagnostic(
            file, self.line, self.column, self.severity, self.rule, self.message, self.hint
        )

"""GitHub Actions workflow commands: each diagnostic becomes an annotation on the PR diff."""

from __future__ import annotations

from clientbook.core.diagnostics import Severity
from clientbook.lint.run import LintResult

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult) -> str:
    lines = []
    for d in result.diagnostics:
        where = f"file={_property(d.file)}"
        if d.line:
            where += f",line={d.line},col={d.column}"
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(
            f"::{_COMMAND[d.severity]} {where},title={_property('clientbook ' + d.rule)}::{_data(message)}"
        )
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    summary = f"clientbook: {result.files} files checked, {errors} errors, {warnings} warnings"
    if result.baseline:
        summary += f", {len(result.known)} known in the baseline {result.baseline}"
        if result.fixed:
            summary += f" ({result.fixed} of its findings gone: --write-baseline drops them)"
    lines.append(summary)
    return "\n".join(lines) + "\n"

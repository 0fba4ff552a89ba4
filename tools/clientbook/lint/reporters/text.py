"""file:line:column: severity [rule] message, the form editors and terminals link."""

from __future__ import annotations

import click

from clientbook.core.diagnostics import Severity
from clientbook.lint.run import LintResult
from clientbook.util.terminal import printable

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(result: LintResult, colour: bool = False) -> str:
    """One line a finding (its hint below), then the count; `colour` marks the severities
    with ANSI colours for a terminal."""
    lines = []
    for d in result.diagnostics:
        word = str(d.severity)
        if colour:
            word = click.style(word, fg=COLOURS[d.severity], bold=d.severity == Severity.ERROR)
        # a file name or a message quoting a value may hold controls: shown, never obeyed
        where = printable(f"{d.file}:{d.line}:{d.column}:")
        lines.append(f"{where} {word} {printable(f'[{d.rule}] {d.message}')}")
        if d.hint:
            hint = f"    hint: {printable(d.hint)}"
            lines.append(click.style(hint, dim=True) if colour else hint)
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    if not result.diagnostics:
        lines.append(f"{files} checked: no problems")
    else:
        lines.append(
            f"{files} checked: {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
        )
    lines += baseline_lines(result)
    return "\n".join(lines) + "\n"


def baseline_lines(result: LintResult) -> list[str]:
    """What the baseline held back, and what in it is gone, in words."""
    if not result.baseline:
        return []
    name = printable(result.baseline)
    known = len(result.known)
    lines = [f"{known} known finding{'s' if known != 1 else ''} in the baseline {name} not shown"]
    if result.fixed:
        lines.append(
            f"{result.fixed} finding{'s' if result.fixed != 1 else ''} in the baseline "
            f"{'are' if result.fixed != 1 else 'is'} gone: clientbook lint --write-baseline "
            f"{name} drops {'them' if result.fixed != 1 else 'it'}"
        )
    return lines

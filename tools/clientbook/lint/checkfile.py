"""Checking one client file: read, load, validate, run the per-record rules.

This is the unit of work that runs in parallel and is cached by content
hash, so it depends only on the file's bytes and the run's `Checker`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic, Finding, Severity
from clientbook.core.encryption import covered, split_sops
from clientbook.core.records import Record, read_record
from clientbook.core.schema import Schema
from clientbook.core.yamlfastpositions import FastPositions
from clientbook.core.yamlpositions import PositionIndex
from clientbook.core.yamltraps import Trap
from clientbook.lint.rules import RECORD_RULES, RULES, Context, Facts, Rule
from clientbook.lint.rules.duplicates import facts_of

_SUPPRESS = re.compile(r"#\s*clientbook:\s*ignore\[([a-z0-9,\s-]+)\]")


@dataclass(slots=True)
class FileResult:
    """What checking one file found; cached by the file's content hash."""

    file: str
    sha: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: Facts | None = None
    suppressed: dict[int, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Checker:
    """Everything a file check needs, built once per run (and shared by worker processes)."""

    config: Config
    schema: Schema
    context: Context

    def __post_init__(self) -> None:
        if self.context.run is None:  # what the run's records share, kept for the run
            object.__setattr__(self, "context", dataclasses.replace(self.context, run={}))

    def check(self, path: Path, file: str) -> FileResult:
        record = read_record(
            path, file, self.config.root, self.config.max_file_size, keep_node=True
        )
        return self.check_record(record)

    def check_record(self, record: Record) -> FileResult:
        result = FileResult(record.file, record.sha)
        findings: list[tuple[str, Finding]] = []
        result.diagnostics.extend(problem.diagnostic(record.file) for problem in record.problems)
        if record.data is None:
            return result
        data, encrypted = split_sops(record.data)
        schema_findings = [
            f for f in self.schema.findings(data) if not covered(f.pointer, encrypted)
        ]
        findings += [("schema", f) for f in _with_traps(schema_findings, record.traps)]
        flagged = {f.pointer for f in schema_findings}
        findings += [
            ("yaml-ambiguous", Finding(pointer, trap.message, trap.hint))
            for pointer, trap in record.traps.items()
            if pointer not in flagged
        ]
        context = dataclasses.replace(self.context, file=record.file, memo={})
        for rule in RECORD_RULES:
            found = run_rule(RULES[rule.id], data, context)  # by id: the table is what runs
            if found:  # most rules find nothing in most records
                findings += [
                    (rule_id, f) for rule_id, f in found if not covered(f.pointer, encrypted)
                ]
        if findings:
            where = positions(record)
            for rule_id, f in findings:
                at = where.lookup(f.pointer, on_key=f.on_key)
                result.diagnostics.append(placed(record.file, at.line, at.column, rule_id, f))
        result.facts = facts_of(data, record.file, self.config.ignore_domains)
        # the bytes first: most files have no comment to read, and need no text decoded
        result.suppressed = suppressions(record.text) if b"clientbook:" in record.raw else {}
        record.forget_positions()
        return result


def run_rule(rule: Rule, data: Any, context: Context) -> list[tuple[str, Finding]]:
    """A rule's findings; a rule that crashes becomes a finding, never a traceback."""
    check = rule.check
    assert check is not None
    try:
        found = list(check(data, context))
    except Exception as err:
        rule_id = rule.id
        return [
            (
                "rule-crashed",
                Finding(
                    "",
                    f"the rule {rule_id} failed on this record: {type(err).__name__}: {err}",
                    "this is a bug in clientbook; please report it",
                ),
            )
        ]
    return [(rule.id, f) for f in found] if found else []


def _with_traps(findings: list[Finding], traps: dict[str, Trap]) -> list[Finding]:
    """Where the schema wanted a plain value and a YAML trap made another, the trap is the cause.

    Its hint ("quote it", "write true or false") is the fix where the schema
    wanted text or true/false; for a number the schema's own hint stands;
    where a list or mapping was wanted the trap is beside the point.
    """
    out = []
    for f in findings:
        trap = traps.get(f.pointer)
        wanted = f.message.partition(" should be ")[2]
        if trap is not None and wanted.startswith(
            ("text", "true or false", "a number", "a whole number")
        ):
            hint = trap.hint if wanted.startswith(("text", "true or false")) else f.hint
            f = dataclasses.replace(f, message=f"{f.message}: {trap.message}", hint=hint)
        out.append(f)
    return out


def positions(record: Record) -> PositionIndex | FastPositions:
    """Where a record's findings are: its composed document, or its text composed in parts
    (a record the fast path read has no composed document)."""
    if record.node is None and isinstance(record.data, dict):
        return FastPositions(record.text, record.data)
    return record.positions


def placed(file: str, line: int, column: int, rule_id: str, finding: Finding) -> Diagnostic:
    """A finding as a diagnostic at a line and column already known."""
    return Diagnostic(
        file,
        line,
        column,
        RULES[rule_id].severity,
        rule_id,
        finding.message,
        finding.hint,
        finding.pointer,
    )


def suppressions(text: str) -> dict[int, frozenset[str]]:
    """Line number -> rule ids silenced by `# clientbook: ignore[rule-id, …]` on that line."""
    if "clientbook:" not in text:
        return {}
    out: dict[int, frozenset[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _SUPPRESS.search(line)
        if match:
            out[number] = frozenset(r.strip() for r in match.group(1).split(",") if r.strip())
    return out


__all__ = ["Checker", "FileResult", "Severity", "placed", "positions", "suppressions"]

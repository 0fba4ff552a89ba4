"""The import from file to plan: read, map, build, match, decide, write the texts, lint them.

`prepare` does everything but write: the command shows the result (and with --dry-run
stops there) and writes `Prepared.texts` through the write layer. The authoring
conventions — the slug rule of `clientbook new`, its emitter, `clientbook fmt` — are
passed in (`Writers`): the import writes records exactly as they do, and this layer
does not import its peer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.core.records import Record, load_records, record_from_bytes
from clientbook.intake.build import gather, plan_columns, row_candidate
from clientbook.intake.candidate import Candidate
from clientbook.intake.complete import Options
from clientbook.intake.fields import Convert
from clientbook.intake.mapping import Mapping, guess, read_mapping_file
from clientbook.intake.patch import patched
from clientbook.intake.plan import CREATE, SKIPPED, UPDATE, Outcome, decide
from clientbook.intake.presets import preset_path
from clientbook.intake.source import read_table
from clientbook.intake.table import Table
from clientbook.lint.checkfile import Checker
from clientbook.lint.run import lint


@dataclass(frozen=True)
class Writers:
    slug: Callable[[str], str]  # authoring.newrecord.slugify
    to_yaml: Callable[[dict[str, Any], str], str]  # authoring.newrecord.to_yaml
    fmt: Callable[[str], str | None]  # authoring.fmt.format_text's result, None if it cannot


@dataclass(frozen=True)
class Request:
    path: Path
    shown: str  # the file as messages name it
    fmt: str | None = None
    map_path: Path | None = None
    map_shown: str = ""
    preset: str | None = None
    jobs: int = 1


@dataclass
class Prepared:
    table: Table
    mapping: Mapping
    outcomes: list[Outcome]
    missing_columns: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # clients/ID.yaml -> its new text
    errors: dict[int, list[str]] = field(default_factory=dict)  # outcome -> messages
    warnings: int = 0

    def written(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.action in (CREATE, UPDATE)]


def choose_mapping(
    config: Config, request: Request, table: Table, schema: dict[str, Any]
) -> Mapping:
    if table.records:
        return Mapping([], "clientbook records: every field as it is")

    def preset(name: str) -> Mapping:
        path = preset_path(config.root, name)
        mapping = read_mapping_file(path, f"preset {name} ({path.name})", schema)
        mapping.origin = f"preset {name}"
        return mapping

    if request.map_path is not None:
        shown = request.map_shown or str(request.map_path)
        return read_mapping_file(request.map_path, shown, schema, preset)
    chosen = request.preset or ("vcard" if table.detected.startswith("vCard") else None)
    return preset(chosen) if chosen else guess(table.columns, schema, table.file)


def candidates(
    table: Table,
    mapping: Mapping,
    config: Config,
    schema: dict[str, Any],
    slug: Callable[[str], str],
    order: tuple[str, ...],
) -> tuple[list[Candidate], list[str]]:
    if table.records:
        rows = [Candidate(dict(record), {}, [line]) for line, record in table.records]
        return gather(rows, order, config.ignore_domains, slug), []
    plan = plan_columns(table, mapping, schema)
    convert = Convert(config, mapping.owners, mapping.region, mapping.date_format)
    rows = [row_candidate(row, plan, convert, mapping.unquote_formulas) for row in table.rows]
    return gather(rows, order, config.ignore_domains, slug), plan.missing


def prepare(
    config: Config, checker: Checker, request: Request, options: Options, writers: Writers
) -> Prepared:
    """Everything the import would do, linted; raises IntakeError for input it cannot read."""
    schema = checker.schema.document
    table = read_table(request.path, request.fmt, request.shown)
    mapping = choose_mapping(config, request, table, schema)
    found, missing = candidates(table, mapping, config, schema, writers.slug, options.order)
    records = load_records(config.root, config.max_file_size, use_cache=True, jobs=request.jobs)
    outcomes = decide(found, records, mapping, options, config, schema)
    prepared = Prepared(table, mapping, outcomes, missing)
    for outcome in prepared.written():
        text = _text(outcome, writers)
        if text is None:
            outcome.action, outcome.reason = SKIPPED, f"{outcome.file} could not be edited safely"
        else:
            prepared.texts[outcome.file] = text
    _check(prepared, config, checker, records, options.today, request.jobs)
    return prepared


def _text(outcome: Outcome, writers: Writers) -> str | None:
    assert outcome.data is not None
    if outcome.action == CREATE:
        return writers.to_yaml(outcome.data, outcome.file)
    assert outcome.record is not None and outcome.record.data is not None
    return patched(outcome.record.text, outcome.record.data, outcome.data, writers.fmt)


def _check(
    prepared: Prepared,
    config: Config,
    checker: Checker,
    records: list[Record],
    today: dt.date,
    jobs: int,
) -> None:
    """Every record written linted with the rest, in one run; its errors placed in the input."""
    if not prepared.texts:
        return
    new = [
        record_from_bytes(f, t.encode("utf-8"), config.max_file_size)
        for f, t in prepared.texts.items()
    ]
    kept = [r for r in records if r.file not in prepared.texts]
    result = lint(
        config,
        today,
        [config.root / f for f in prepared.texts],
        jobs=jobs,
        records=kept + new,
        checker=checker,
    )
    by_file: dict[str, list[Diagnostic]] = result.by_file()
    for number, outcome in enumerate(prepared.outcomes):
        if outcome.action not in (CREATE, UPDATE):
            continue
        found = by_file.get(outcome.file, [])
        old = _known(checker, outcome.record) if outcome.action == UPDATE else set()
        errors = [
            d
            for d in found
            if d.severity == Severity.ERROR and (d.rule, d.pointer, d.message) not in old
        ]
        prepared.warnings += sum(1 for d in found if d.severity == Severity.WARNING)
        messages = _placed(prepared.table.file, outcome.candidate, errors)
        if messages:
            prepared.errors[number] = messages


def _known(checker: Checker, record: Record | None) -> set[tuple[str, str, str]]:
    """The findings the record had before the import: only new errors stop an update."""
    if record is None:
        return set()
    found = checker.check_record(record_from_bytes(record.file, record.raw))
    return {(d.rule, d.pointer, d.message) for d in found.diagnostics}


def _placed(file: str, candidate: Candidate, errors: list[Diagnostic]) -> list[str]:
    """`contacts.csv:17:4: error [schema] …`: each at the cell its value came from, in file order."""
    found: list[tuple[int, int, str]] = []
    said = {pointer for pointer, _, _ in candidate.problems}
    for pointer, rule, message in candidate.problems:
        line, column = candidate.place(pointer)
        found.append((line, column, f"{file}:{line}:{column}: error [{rule}] {message}"))
    for d in errors:
        if d.pointer in said:
            continue
        line, column = candidate.place(d.pointer)
        hint = d.hint
        if d.pointer.endswith("/phone") and d.rule == "schema":
            hint += "; or tell the mapping the country of numbers written without + (region: GB)"
        text = f"{file}:{line}:{column}: error [{d.rule}] {d.message}"
        found.append((line, column, text + (f"\n    hint: {hint}" if hint else "")))
    return [text for _, _, text in sorted(found)]

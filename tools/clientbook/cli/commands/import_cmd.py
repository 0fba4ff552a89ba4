"""`clientbook import FILE`: bring clients in from CSV, XLSX, vCard or JSON Lines, on a new branch."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import click

from clientbook.authoring.fmt import format_text
from clientbook.authoring.newrecord import slugify, to_yaml
from clientbook.cli.options import (
    Fail,
    State,
    apply_changes,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.core import gitwrite
from clientbook.core.areas import records_area
from clientbook.core.changeset import ChangeSet, Commit, WriteRefused
from clientbook.core.config import Config
from clientbook.core.repo import CLIENTS_DIR
from clientbook.intake.complete import Options
from clientbook.intake.mapping import dump
from clientbook.intake.matching import parse_order
from clientbook.intake.plan import CREATE, SKIPPED, UPDATE, count
from clientbook.intake.run import Prepared, Request, Writers, prepare
from clientbook.intake.source import FORMATS
from clientbook.intake.table import IntakeError
from clientbook.lint.run import build_checker
from clientbook.util.terminal import printable
from clientbook.util.workers import worker_count

SHOWN_RECORDS = 3  # --dry-run prints the first few records as YAML


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: from the extension.")
@click.option(
    "--map",
    "map_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A mapping file (YAML): which column goes to which field.",
)
@click.option(
    "--preset",
    help="A mapping from templates/import/: hubspot-companies, "
    "hubspot-contacts, salesforce-accounts, clientbook-csv, …",
)
@click.option(
    "--match",
    "match",
    default="id,email,domain,name",
    show_default=True,
    help="How a row finds its client: id, email, domain, name, in this order.",
)
@click.option(
    "--update",
    is_flag=True,
    help="Update the clients found: add what they lack, change the fields the mapping owns.",
)
@click.option("--create-only", is_flag=True, help="Never update a client found; only report it.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Write nothing: print the summary, the mapping and the first records.",
)
@click.option("--skip-invalid", is_flag=True, help="Import the rows without errors, skip the rest.")
@click.option("--owner", default="", help="Staff id for clients whose rows name no owner.")
@click.option("--team", default="", help="Team id for clients whose rows name none.")
@click.option("--jurisdiction", default="", help="Jurisdiction for clients whose rows name none.")
@click.option("--status", default="", help="Status for clients whose rows give none.")
@click.option(
    "--since", default="", help="'since' for clients whose rows give none (default: today)."
)
@click.option(
    "--source",
    default="",
    help="Where the data came from, noted in each new record "
    '(e.g. "HubSpot export 2026-12-01"). Default: the file\'s name.',
)
@click.option("--branch", default="", help="The branch to commit on (default import-YYYY-MM-DD).")
@click.option("--jobs", type=int, default=0, help="Lint in N processes (0: one per CPU).")
@today_option
@pass_state
@handle_user_errors
def command(state: State, /, file: Path, today: dt.datetime | None, **given: Any) -> None:
    """Import clients from FILE (CSV, XLSX, vCard 3.0/4.0, or clientbook's JSON Lines).

    Rows are matched against the existing clients (and each other), linted as records,
    and written on a new branch in one commit; nothing is written while a row has errors.
    """
    config = state.config()
    day = resolve_today(today)
    options = _options(given, day, file)
    branch = given["branch"] or f"import-{day.isoformat()}"
    if not given["dry_run"]:
        _check_repository(config, branch)
    checker = build_checker(config, day)
    schema = checker.schema.document
    writers = Writers(slugify, to_yaml, lambda text: format_text(text, schema).text)
    try:
        prepared = prepare(config, checker, _request(file, given), options, writers)
    except IntakeError as err:
        raise Fail(f"nothing was imported: {err}") from None
    _report_input(prepared, given["dry_run"])
    errors = bool(prepared.errors)
    _stop_on_errors(prepared, given["skip_invalid"] or given["dry_run"])
    for line in _summary(prepared, given["dry_run"]):
        click.echo(printable(line))
    if given["dry_run"]:
        _show_dry_run(prepared)
        if errors and not given["skip_invalid"]:
            raise SystemExit(1)  # as the import itself would stop
        return
    _write(config, prepared, branch, options)


def _options(given: dict[str, Any], day: dt.date, file: Path) -> Options:
    if given["update"] and given["create_only"]:
        raise Fail("--update and --create-only contradict each other; give one")
    if given["map_path"] and given["preset"]:
        raise Fail("give --map or --preset, not both")
    try:
        order = parse_order(given["match"])
    except ValueError as err:
        raise Fail(str(err)) from None
    jsonl = (given["fmt"] or file.suffix.lower().lstrip(".")) in ("jsonl", "ndjson", "json")
    return Options(
        today=day,
        source=given["source"] or file.name,
        note_source=bool(given["source"]) or not jsonl,
        fill=not jsonl,
        owner=given["owner"],
        team=given["team"],
        jurisdiction=given["jurisdiction"],
        status=given["status"],
        since=given["since"],
        order=order,
        update=given["update"],
        create_only=given["create_only"],
    )


def _request(file: Path, given: dict[str, Any]) -> Request:
    return Request(
        path=file,
        shown=str(file),
        fmt=given["fmt"],
        map_path=given["map_path"],
        map_shown=str(given["map_path"] or ""),
        preset=given["preset"],
        jobs=worker_count(given["jobs"]),
    )


def _check_repository(config: Config, branch: str) -> None:
    """Refuse before reading anything: no git, git mid-merge (or rebase, …) or locked,
    uncommitted records, a branch that cannot be made."""
    try:
        changed = gitwrite.changed_paths(config.root, CLIENTS_DIR)
    except (OSError, subprocess.CalledProcessError):
        raise Fail(
            f"{config.root} is not a git repository: the import commits on a new branch "
            "(git init first, or use --dry-run)"
        ) from None
    try:
        # before the uncommitted records: a merge's conflicts are finished, not committed apart
        gitwrite.check_writable(config.root)
    except WriteRefused as err:
        raise Fail(f"nothing was imported: {err}") from None
    if changed:
        listed = ", ".join(changed[:5]) + (" …" if len(changed) > 5 else "")
        raise Fail(
            f"nothing was imported: {CLIENTS_DIR}/ has uncommitted changes ({listed}); "
            "commit them first, so the import's commit holds the import alone"
        )
    problem = gitwrite.branch_problem(config.root, branch)
    if problem:
        raise Fail(f"nothing was imported: {problem}")


def _report_input(prepared: Prepared, dry_run: bool) -> None:
    click.echo(printable(f"{prepared.table.file}: {prepared.table.detected}"))
    if not prepared.table.records:
        click.echo(printable(f"mapping: {prepared.mapping.origin}"))
        used = {r.column.casefold() for r in prepared.mapping.rules}
        ignored = {c.casefold() for c in prepared.mapping.ignore}
        left = [c for c in prepared.table.columns if c and c.casefold() not in used | ignored]
        if left:
            click.echo(printable(f"columns not imported: {', '.join(left)}"))
    click.echo()


def _stop_on_errors(prepared: Prepared, go_on: bool) -> None:
    """Print every row's errors; stop with nothing written, unless --skip-invalid or --dry-run."""
    if not prepared.errors:
        return
    for messages in prepared.errors.values():
        for message in messages:
            click.echo("\n".join(printable(line) for line in message.split("\n")), err=True)
    rows = len(prepared.errors)
    if not go_on:
        click.echo(
            f"\nnothing was written: {rows:,} client(s) have errors; fix the rows (or the "
            "mapping), or give --skip-invalid to import the others",
            err=True,
        )
        raise SystemExit(1)
    for number in prepared.errors:
        outcome = prepared.outcomes[number]
        prepared.texts.pop(outcome.file, None)
        outcome.action = SKIPPED
        outcome.reason = f"{len(prepared.errors[number])} error(s), printed above"
    click.echo(err=True)


def _summary(prepared: Prepared, dry_run: bool) -> list[str]:
    from clientbook.intake.summary import summary

    lines = summary(prepared.outcomes, dry_run, prepared.errors)
    if prepared.warnings:
        lines.append("")
        lines.append(
            f"lint: {prepared.warnings:,} warning(s) in the records "
            + ("that would be written " if dry_run else "written ")
            + "(clientbook lint shows them); no errors"
        )
    return lines


def _show_dry_run(prepared: Prepared) -> None:
    if not prepared.table.records:
        click.echo("\nThe mapping used (save it, edit it, and pass it with --map):\n")
        click.echo(printable_block(dump(prepared.mapping, prepared.table.columns)))
    shown = [o for o in prepared.outcomes if o.action in (CREATE, UPDATE)][:SHOWN_RECORDS]
    for outcome in shown:
        click.echo(f"\n{outcome.file} ({'new' if outcome.action == CREATE else 'updated'}):")
        click.echo(printable_block(prepared.texts.get(outcome.file, "")))
    click.echo("\n--dry-run: nothing was written")


def printable_block(text: str) -> str:
    return "\n".join(printable(line) for line in text.rstrip("\n").split("\n"))


def _write(config: Config, prepared: Prepared, branch: str, options: Options) -> None:
    """Every file in one change set, committed on a new branch; the branch undone if it fails."""
    if not prepared.texts:
        click.echo("\nnothing to write: no branch was made")
        return
    changes = ChangeSet(config.root)
    area = records_area(config)
    try:
        for outcome in prepared.outcomes:
            if outcome.file in prepared.texts:
                text = prepared.texts[outcome.file]
                if outcome.action == CREATE:
                    changes.create(config.root / outcome.file, text, area)
                else:
                    changes.write(config.root / outcome.file, text, area)
    except WriteRefused as err:
        raise Fail(f"nothing was imported: {err}") from None
    n = count(prepared.outcomes)
    message = f"Import {n[CREATE]} new and {n[UPDATE]} updated clients"
    commit = Commit(
        message, f"clientbook import of {prepared.table.file}\nSource: {options.source}"
    )
    try:
        # checked again: git may have begun a merge, or locked its index, while rows were read
        back = gitwrite.start_branch(config.root, branch)
    except WriteRefused as err:
        raise Fail(f"nothing was imported: {err}") from None
    try:
        done = apply_changes(changes, commit, doing="the import")
    except BaseException:
        problem = gitwrite.leave_branch(config.root, branch, back)
        if problem:
            click.echo(f"clientbook: {problem}", err=True)
        raise
    click.echo(f"\ncommitted {done.commit[:10]} on the new branch {branch}: {message}")
    click.echo("\nTo propose it:")
    click.echo(f"  git push -u origin {branch}   # then open a pull request")
    switch = back.branch or f"--detach {back.commit[:10]}"
    click.echo(f"  git switch {switch}   # back to where you were")

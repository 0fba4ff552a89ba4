"""`clientbook export`: one client's subject access export, or every client as CSV, vCard or JSON Lines."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import click
import git

from clientbook.cli.options import (
    Fail,
    State,
    apply_changes,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.compliance import export
from clientbook.compliance.export_targets import (
    ExportError,
    Targets,
    check_folder,
    check_targets,
    problem_text,
)
from clientbook.compliance.subject_access import find_record, subject_access
from clientbook.core.areas import output_area
from clientbook.core.changeset import ChangeSet, WriteRefused
from clientbook.core.config import Config
from clientbook.core.records import Record, load_records
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.read import read_history
from clientbook.history.types import History
from clientbook.util.terminal import printable

FORMATS = ("json", "csv", "vcf", "vdir", "sqlite")


@click.command("export")
@click.argument("client", required=False)
@click.option("--all", "everyone", is_flag=True, help="Export every client, in --format.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="With --all: json (JSON Lines, one record a line; the default), csv (clients.csv "
    "and, beside it, clients-contacts.csv; needs --out), vcf (vCard 4.0 of every contact), "
    "vdir (one .vcf a contact in the folder --out, for vdirsyncer and khard) or "
    "sqlite (the tables `clientbook query` reads, with FTS5 search; needs --out).",
)
@click.option(
    "--out",
    "-o",
    metavar="FILE",
    help="Write to this file (replaced atomically) instead of standard output. Its folder "
    "must exist.",
)
@click.option(
    "--zip",
    "as_zip",
    is_flag=True,
    help="With CLIENT: a ZIP of export.json and the documents the record references that are "
    "in the repository (needs --out).",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "restricted"]),
    default="internal",
    help="With --format sqlite: restricted leaves out confidential fields and the notes.",
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    client: str | None,
    everyone: bool,
    fmt: str | None,
    out: str | None,
    as_zip: bool,
    audience: str,
    today: dt.datetime | None,
) -> None:
    """Export CLIENT's data for a subject access or portability request, or every client.

    With CLIENT: one JSON document with the current record, every earlier
    version's field changes from git (author, date, message), the documents
    the record references (with their SHA-256), and the retention, review and
    consent state on --today. Outside git, or in a shallow clone, the
    document says so in history_note and the export still succeeds.

    With --all: every client, for day-to-day use (see --format). Records
    that cannot be read are left out with a warning, and the exit status is
    then 1.

    Only --out is written (and, for CSV, the contacts file beside it).
    Exit status: 0 done, 1 done but records were left out, 2 nothing
    written (an unknown client, or --out cannot or must not be written).
    """
    _check_options(client, everyone, fmt, out, as_zip)
    if audience != "internal" and fmt != "sqlite":
        raise Fail("--audience is for --all --format sqlite; the other exports are complete")
    config = state.config()
    try:
        if out is None:
            targets = None
        elif fmt == "vdir":
            targets = check_folder(out, config.root)
        else:
            targets = check_targets(out, config.root, contacts=fmt == "csv")
    except ExportError as err:
        raise Fail(str(err)) from None
    for warning in targets.warnings if targets is not None else ():
        click.echo(f"warning: {warning}", err=True)
    if fmt == "sqlite":
        assert out is not None  # _check_options
        _export_sqlite(config, Path(out), audience, resolve_today(today))
        return
    records = load_records(config.root, config.max_file_size)
    if client is not None:
        _export_client(config, records, client, out, as_zip, today)
    else:
        _export_all(config, records, fmt, out, targets)


def _export_client(
    config: Config,
    records: list[Record],
    client: str,
    out: str | None,
    as_zip: bool,
    today: dt.datetime | None,
) -> None:
    """One client's subject access export, as JSON or (with --zip) a ZIP with its documents."""
    try:
        record = find_record(records, client)
    except ExportError as err:
        raise Fail(str(err)) from None
    schema = config.client_schema()
    history, why = _history(config.root)
    result = subject_access(
        record,
        config,
        schema.document,
        history=history,
        history_unavailable=why,
        today=resolve_today(today),
        generated=_generated(today),
        keep_content=as_zip,
    )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_zip:
        assert out is not None  # _check_options
        _write(config.root, {Path(out): result.zip()})
    else:
        _emit(config.root, out, result.json())


def _export_all(
    config: Config, records: list[Record], fmt: str | None, out: str | None, targets: Targets | None
) -> None:
    """Every readable client in `fmt`; exit 1 when a record could not be read and was left out."""
    good, bad = export.readable(records)
    for record in bad:
        click.echo(f"warning: {record.file} left out: {problem_text(record)}", err=True)
    if fmt == "csv":
        assert targets is not None  # _check_options
        clients_csv, contacts_csv = export.csv_files(good, config)
        main_path, contacts_file = targets.paths
        _write(
            config.root,
            {contacts_file: contacts_csv.encode("utf-8"), main_path: clients_csv.encode("utf-8")},
        )
    elif fmt == "vcf":
        _emit(config.root, out, export.vcf(good))
    elif fmt == "vdir":
        assert out is not None  # _check_options
        _export_vdir(config, good, Path(out))
    else:
        _emit(config.root, out, export.json_lines(good))
    if bad:
        click.echo(
            f"{len(bad)} record{'s' if len(bad) != 1 else ''} could not be read and "
            f"{'were' if len(bad) != 1 else 'was'} left out; 'clientbook lint' shows why",
            err=True,
        )
        raise SystemExit(1)


def _export_vdir(config: Config, records: list[Record], folder: Path) -> None:
    """The folder made to hold exactly the contacts' cards, changing only what changed."""
    from clientbook.compliance.vdir import MANIFEST, plan_vdir

    plan = plan_vdir(records, folder)
    area = output_area(folder.absolute(), "--out")
    changes = ChangeSet(config.root)
    try:
        for name, card in plan.writes.items():
            changes.write(folder.absolute() / name, card, area)
        for name in plan.removes:
            changes.delete(folder.absolute() / name, area)
        if plan.writes or plan.removes or not (folder / MANIFEST).is_file():
            changes.write(folder.absolute() / MANIFEST, plan.manifest, area)
    except WriteRefused as err:
        raise Fail(f"nothing was written: {err}") from None
    apply_changes(changes, doing="the vdir export")
    for shared in plan.shared:
        click.echo(f"warning: {printable(shared)} shares its card with another contact", err=True)
    if plan.foreign:
        click.echo(
            f"{len(plan.foreign)} card{'s' if len(plan.foreign) != 1 else ''} clientbook did not "
            "write left as they are",
            err=True,
        )
    edited = (
        f" ({len(plan.replaced_edits)} edited since the last export)" if plan.replaced_edits else ""
    )
    written = len(plan.writes)
    click.echo(
        f"{folder}: {written} card{'s' if written != 1 else ''} written{edited}, "
        f"{len(plan.removes)} removed, {plan.unchanged} unchanged"
    )


def _check_options(
    client: str | None, everyone: bool, fmt: str | None, out: str | None, as_zip: bool
) -> None:
    if client is not None and everyone:
        raise Fail("give either CLIENT or --all, not both")
    if client is None and not everyone:
        raise Fail("name a CLIENT to export, or give --all for every client")
    if client is not None and fmt not in (None, "json"):
        raise Fail("--format is for --all; one client's export is JSON (or a ZIP with --zip)")
    if everyone and as_zip:
        raise Fail("--zip is for one client's export, not --all")
    if as_zip and not out:
        raise Fail("--zip needs --out FILE: a ZIP is not written to standard output")
    if fmt == "sqlite" and not out:
        raise Fail("--format sqlite writes a database file; give --out FILE, e.g. --out clients.db")
    if fmt == "vdir" and not out:
        raise Fail("--format vdir writes one card a file; give --out DIR, a folder that exists")
    if fmt == "csv" and not out:
        raise Fail(
            "--format csv writes two files (clients and contacts); give --out FILE, "
            "for example --out clients.csv"
        )


def _export_sqlite(config: Config, out: Path, audience: str, today: dt.date) -> None:
    """The query tables as one SQLite file (clientbook.query), written through the write layer."""
    from clientbook.query.session import sqlite_export  # only this format needs it

    exported = sqlite_export(config, today, audience=audience)
    for warning in exported.warnings:
        click.echo(f"warning: {warning}", err=True)
    for record in exported.left_out:
        click.echo(f"warning: {record.file} left out: {problem_text(record)}", err=True)
    _write(config.root, {out: exported.data})
    if exported.left_out:
        raise SystemExit(1)


def _history(root: Path) -> tuple[History | None, str]:
    """The history without the cache (an export writes nothing but its output), or why not."""
    try:
        return read_history(root, use_cache=False), ""
    except GitUnavailable as err:
        return None, str(err)
    except (git.GitError, subprocess.CalledProcessError, OSError) as err:
        return None, f"git could not be read ({err})"


def _generated(today: dt.datetime | None) -> dt.datetime:
    """The export's timestamp: midnight UTC of --today, else now (UTC, whole seconds)."""
    if today is not None:
        return dt.datetime.combine(today.date(), dt.time(), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _emit(root: Path, out: str | None, text: str) -> None:
    """To --out, or to standard output as UTF-8 bytes whatever the locale (nothing stripped)."""
    if out:
        _write(root, {Path(out): text.encode("utf-8")})
    else:
        click.echo(text.encode("utf-8"), nl=False)  # bytes: click strips no ANSI codes from them


def _write(root: Path, files: dict[Path, bytes]) -> None:
    """The export's files, all or none, through the write layer (checked by check_targets first)."""
    changes = ChangeSet(root)  # the repository's lock and journal, whatever folder --out names
    try:
        for path, data in files.items():
            changes.write(path.absolute(), data, output_area(path.absolute().parent))
    except WriteRefused as err:
        raise Fail(f"nothing was written: {err}") from None
    apply_changes(changes, doing="writing the export")
    for path in files:
        click.echo(f"wrote {path}")

"""`clientbook log CLIENT`: record an interaction (or close a follow-up) in one command.

The shared part (`record_in`, `resolve`, `write_edit`) serves `clientbook task` too.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clientbook.authoring.find_client import find_by_addresses, find_client
from clientbook.authoring.interaction import EditRefused
from clientbook.authoring.logentry import (
    Edit,
    add_interaction,
    close_follow_up,
    find_contact,
    follow_up_to_close,
    preferred_channel,
    staff_by_email,
)
from clientbook.cli.options import (
    Fail,
    State,
    apply_changes,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.core.areas import records_area
from clientbook.core.changeset import ChangeSet, Commit, WriteRefused
from clientbook.core.config import Config
from clientbook.core.records import Record, read_record
from clientbook.core.repo import CLIENTS_DIR
from clientbook.lint.checkfile import Checker
from clientbook.lint.run import build_checker
from clientbook.util.terminal import printable

if TYPE_CHECKING:
    from clientbook.authoring.email_import import Mail

DATE = click.DateTime(formats=["%Y-%m-%d"])
EDITOR_HELP = (
    "# Summarise the interaction in a sentence or two. Lines starting with '#' are ignored.\n"
)


def resolve(config: Config, query: str) -> str:
    """The client id `query` names; exit 2 listing the candidates when it names none or several."""
    found = find_client(config.root, query)
    if found.id is not None:
        return found.id
    if not found.candidates:
        raise Fail(f"no client matches {query!r} (give an id, an id prefix or part of the name)")
    listed = "\n".join(f"  {i}  {printable(name)}" for i, name in found.candidates[:20])
    more = f"\n  … and {len(found.candidates) - 20} more" if len(found.candidates) > 20 else ""
    raise Fail(f"{query!r} matches {len(found.candidates)} clients:\n{listed}{more}")


def record_in(config: Config, client_id: str) -> Record:
    file = f"{CLIENTS_DIR}/{client_id}.yaml"
    record = read_record(config.root / file, file, config.root, config.max_file_size)
    if record.data is None:
        why = record.problems[0].message if record.problems else "it cannot be read"
        raise Fail(f"{file} cannot be edited: {why} (clientbook lint {file} says more)")
    return record


def git_user_staff(config: Config) -> str | None:
    """The staff id whose email is `git config user.email`, if any."""
    try:
        out = subprocess.run(
            ["git", "config", "user.email"],
            cwd=config.root,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError:
        return None
    return staff_by_email(config, out) if out.strip() else None


def write_edit(
    config: Config, client_id: str, edit: Edit, what: str, commit: bool, message: str
) -> None:
    """Write the record's new text through the write layer; print what changed and how to commit."""
    file = f"{CLIENTS_DIR}/{client_id}.yaml"
    if edit.new_errors:
        for e in edit.new_errors:
            click.echo(f"{file}:{printable(e)}", err=True)
        raise Fail(f"nothing was written: {what} would bring the errors above")
    if commit and _uncommitted(config, file):
        raise Fail(
            f"nothing was written: {file} has uncommitted changes, which --commit would commit "
            "too; commit them first, or leave out --commit"
        )
    changes = ChangeSet(config.root)
    try:
        changes.write(config.root / file, edit.new, records_area(config))
    except WriteRefused as err:
        raise Fail(f"nothing was written: {err}") from None
    done = apply_changes(changes, Commit(message) if commit else None, doing=what)
    click.echo(f"{file}: {what}")
    for line in edit.added:
        click.echo(f"  + {printable(line)}")
    if done.commit:
        click.echo(f"committed {done.commit[:10]}: {message}")
    else:
        click.echo(f'\nTo commit it:\n  git add {file} && git commit -m "{message}"')


def _uncommitted(config: Config, file: str) -> bool:
    """The file differs from HEAD, or is not committed yet (git errors: the commit says so)."""
    run = subprocess.run(
        ["git", "status", "--porcelain", "--", file],
        cwd=config.root,
        capture_output=True,
        text=True,
        check=False,
    )
    return run.returncode == 0 and bool(run.stdout.strip())


def summary_from_editor() -> str:
    text = click.edit(EDITOR_HELP, extension=".txt", require_save=True)
    lines = [x for x in (text or "").splitlines() if not x.lstrip().startswith("#")]
    summary = " ".join(" ".join(lines).split())
    if not summary:
        raise Fail("no summary was given (an empty message aborts, as in git commit)")
    return summary


@click.command("log")
@click.argument("client", required=False)
@click.option(
    "--channel",
    help="email, phone, meeting, video, chat, letter, event (default: the client's preferred channel).",
)
@click.option("--direction", type=click.Choice(["inbound", "outbound"]), help="Default: outbound.")
@click.option("--date", "day", type=DATE, help="The day it took place (default: today).")
@click.option(
    "--by", help="Staff id of who handled it (default: the staff member with git's user.email)."
)
@click.option("--summary", help="What was discussed or agreed (default: asked for in $EDITOR).")
@click.option("--follow-up", type=DATE, help="The date something is due back to the client.")
@click.option(
    "--contact",
    help="The contact spoken to (name or email): their preferred channel is the default.",
)
@click.option(
    "--from-email",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Record an .eml message.",
)
@click.option(
    "--client",
    "client_option",
    help="With --from-email: the client, when the addresses do not tell.",
)
@click.option(
    "--done", type=DATE, help="Mark done the open follow-up due on DATE (or recorded on DATE)."
)
@click.option(
    "--commit",
    is_flag=True,
    help="Commit the change (the message names only the client id and channel).",
)
@today_option
@pass_state
@handle_user_errors
def command(state: State, /, client: str | None, client_option: str | None, **options: Any) -> None:
    """Append an interaction to CLIENT's record, keeping every other byte of the file."""
    config = state.config()
    today = resolve_today(options.pop("today"))
    checker = build_checker(config, today)
    if options["from_email"] is not None:
        _from_email(config, checker, options, client_option or client, today)
        return
    if not client:
        raise Fail(
            "name the client (an id, an id prefix or part of the name), or give --from-email"
        )
    client_id = resolve(config, client)
    record = record_in(config, client_id)
    assert record.data is not None
    if options["done"] is not None:
        _done(config, checker, record, client_id, options["done"].date(), options["commit"])
        return
    contact = find_contact(record.data, options["contact"]) if options["contact"] else None
    if options["contact"] and contact is None:
        raise Fail(f"{client_id} has no contact {options['contact']!r} (give their name or email)")
    channel = options["channel"] or preferred_channel(record.data, contact)
    if not channel:
        raise Fail(f"{client_id} has no preferred channel: give --channel")
    summary: str = options["summary"] or summary_from_editor()
    if contact is not None and str(contact.get("name", "")) not in summary:
        summary = f"With {contact.get('name')}: {summary}"
    values = {
        "date": (options["day"].date() if options["day"] else today).isoformat(),
        "channel": channel,
        "direction": options["direction"] or "outbound",
        "by": options["by"] or git_user_staff(config),
        "summary": summary,
        "follow_up": options["follow_up"].date().isoformat() if options["follow_up"] else None,
    }
    append_interaction(config, checker, record, client_id, values, options["commit"])


def append_interaction(
    config: Config,
    checker: Checker,
    record: Record,
    client_id: str,
    values: dict[str, Any],
    commit: bool,
) -> None:
    assert record.data is not None
    try:
        edit = add_interaction(checker, record.file, record.raw, record.data, values)
    except EditRefused as err:
        raise Fail(f"nothing was written: {err}") from None
    what = "task added" if values.get("channel") == "task" else "interaction added"
    message = f"Log {values['channel']} with {client_id}"
    write_edit(config, client_id, edit, what, commit, message)


def _done(
    config: Config, checker: Checker, record: Record, client_id: str, day: dt.date, commit: bool
) -> None:
    assert record.data is not None
    index = follow_up_to_close(record.data, day)
    if index is None:
        raise Fail(f"{client_id} has no open follow-up due on {day} (or recorded on {day})")
    try:
        edit = close_follow_up(checker, record.file, record.raw, record.data, index)
    except EditRefused as err:
        raise Fail(f"nothing was written: {err}") from None
    message = f"Close a follow-up of {client_id}"
    write_edit(config, client_id, edit, f"follow-up interactions/{index} done", commit, message)


def _from_email(
    config: Config, checker: Checker, options: dict[str, Any], client: str | None, today: dt.date
) -> None:
    from clientbook.authoring.email_import import read_mail  # only here: the email package

    try:
        mail = read_mail(options["from_email"])
    except OSError as err:
        raise Fail(f"cannot read {options['from_email']}: {err.strerror or err}") from None
    staff = {m.email.casefold() for m in config.staff.values() if m.email}
    client_id = resolve(config, client) if client else _client_of(config, mail, staff)
    record = record_in(config, client_id)
    staff_ids = [s for a in mail.correspondents if (s := staff_by_email(config, a))]
    by = options["by"] or next(iter(staff_ids), None) or git_user_staff(config)
    values = {
        "date": (mail.date or today).isoformat()
        if not options["day"]
        else options["day"].date().isoformat(),
        "channel": "email",
        "direction": options["direction"] or ("outbound" if mail.sender in staff else "inbound"),
        "by": by,
        "summary": options["summary"] or mail.summary(),
        "follow_up": options["follow_up"].date().isoformat() if options["follow_up"] else None,
    }
    append_interaction(config, checker, record, client_id, values, options["commit"])


def _client_of(config: Config, mail: Mail, staff: set[str]) -> str:
    outside = [a for a in mail.correspondents if a not in staff]
    staff_domains = {s.rsplit("@", 1)[-1] for s in staff}
    outside = [a for a in outside if a.rsplit("@", 1)[-1] not in staff_domains] or outside
    found = find_by_addresses(config.root, outside) if outside else []
    if len(found) == 1:
        return found[0]
    who = ", ".join(outside) or "no address"
    if not found:
        raise Fail(
            f"the message's correspondents ({who}) match no client; nothing was written (give --client)"
        )
    raise Fail(
        f"the message's correspondents ({who}) match {len(found)} clients: {', '.join(found)}; "
        "nothing was written (give --client)"
    )

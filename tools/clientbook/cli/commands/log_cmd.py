"""`clientbook log CLIENT`: record an interaction (or close a follow-up) in one command.

The shared part (`record_in`, `resolve`, `write_edit`) serves `clientbook task` too.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clientbook.authoring.find_client import find_client
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
    client_record,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.core.areas import records_area
from clientbook.core.changeset import ChangeSet, Commit, WriteRefused
from clientbook.core.config import Config
from clientbook.core.gitwrite import changed_paths
from clientbook.core.obligations import is_task
from clientbook.core.records import Record
from clientbook.lint.checkfile import Checker
from clientbook.lint.run import build_checker
from clientbook.util.terminal import printable

if TYPE_CHECKING:
    from clientbook.authoring.maillog import Settled

DATE = click.DateTime(formats=["%Y-%m-%d"])
EDITOR_HELP = (
    "# Summarise the interaction in a sentence or two. Lines starting with '#' are ignored.\n"
)


def resolve(config: Config, query: str) -> str:
    """The client id `query` names; exit 2 listing the candidates when it names none or several."""
    found = find_client(config.root, query, config.new_client_file(query))
    if found.id is not None:
        return found.id
    if not found.candidates:
        raise Fail(f"no client matches {query!r} (give an id, an id prefix or part of the name)")
    listed = "\n".join(f"  {i}  {printable(name)}" for i, name in found.candidates[:20])
    more = f"\n  … and {len(found.candidates) - 20} more" if len(found.candidates) > 20 else ""
    raise Fail(f"{query!r} matches {len(found.candidates)} clients:\n{listed}{more}")


def record_in(config: Config, client_id: str) -> Record:
    return client_record(config, client_id, "written")


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
    config: Config, client_id: str, edit: Edit, what: str, commit: bool, message: str, doing: str
) -> None:
    """Write the record's new text through the write layer; print what changed and how to commit."""
    write_edits(config, {client_id: edit}, what, commit, message, doing=doing)


def write_edits(
    config: Config,
    edits: dict[str, Edit],
    what: str,
    commit: bool,
    message: str,
    each: dict[str, str] | None = None,
    *,
    doing: str,
) -> None:
    """Write records' new texts in one change set (all or nothing), and say what was added
    (`each`: what was done to each record, when it is not `what`; `doing`: the change as the
    subject of a refusal, "adding the interaction")."""
    files = config.client_files_of(edits)
    if any(e.new_errors for e in edits.values()):
        for client, edit in edits.items():
            for e in edit.new_errors:
                click.echo(f"{files[client]}:{printable(e)}", err=True)
        raise Fail(f"nothing was written: {doing} would bring the errors above")
    dirty = _uncommitted(config, list(files.values())) if commit else []
    if dirty:
        raise Fail(
            f"nothing was written: {', '.join(dirty)} has uncommitted changes, which --commit "
            "would commit too; commit them first, or leave out --commit"
        )
    changes = ChangeSet(config.root)
    try:
        for client, edit in edits.items():
            changes.write(config.root / files[client], edit.new, records_area(config))
    except WriteRefused as err:
        raise Fail(f"nothing was written: {err}") from None
    done = apply_changes(changes, Commit(message) if commit else None, doing=doing)
    for client, edit in edits.items():
        click.echo(f"{files[client]}: {(each or {}).get(client, what)}")
        for line in edit.added:
            click.echo(f"  + {printable(line)}")
    if done.commit:
        click.echo(f"committed {done.commit[:10]}: {message}")
    else:
        click.echo(
            f'\nTo commit it:\n  git add {" ".join(files.values())} && git commit -m "{message}"'
        )


def _uncommitted(config: Config, files: list[str]) -> list[str]:
    """Those of `files` that differ from HEAD or are not committed yet, in one git call
    (outside git, none: the commit says what is wrong)."""
    try:
        return changed_paths(config.root, *files)
    except (OSError, subprocess.CalledProcessError):
        return []


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
    help="Record an .eml message (or, with --all, every message of an mbox).",
)
@click.option(
    "--all",
    "all",
    is_flag=True,
    help="With --from-email: log every message of an mbox (each with the client its addresses name).",
)
@click.option(
    "--skip-unmatched",
    is_flag=True,
    help="With --from-email --all: log the messages that match a client, and list the others.",
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
    noun = "task" if is_task(values) else "interaction"
    message = f"Log {values['channel']} with {client_id}"
    write_edit(config, client_id, edit, f"{noun} added", commit, message, f"adding the {noun}")


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
    item = f"follow-up interactions/{index}"
    write_edit(config, client_id, edit, f"{item} done", commit, message, f"closing the {item}")


def _from_email(
    config: Config, checker: Checker, options: dict[str, Any], client: str | None, today: dt.date
) -> None:
    # only here: the email package is not imported for a plain `log`
    from clientbook.authoring.email_import import MailUnreadable, read_messages
    from clientbook.authoring.maillog import MailOptions, plan_mail

    path: Path = options["from_email"]
    try:
        mails = read_messages(path, warn=lambda words: click.echo(printable(words), err=True))
    except MailUnreadable as err:
        raise Fail(f"cannot read {path}: {err}") from None
    if len(mails) > 1 and not options["all"]:
        raise Fail(f"{path} holds {len(mails)} messages: give --all to log each of them")
    mail_options = MailOptions(
        client=resolve(config, client) if client else None,
        by=options["by"],
        fallback_by=None if options["by"] else git_user_staff(config),
        direction=options["direction"],
        day=options["day"].date() if options["day"] else None,
        summary=options["summary"],
        follow_up=options["follow_up"].date() if options["follow_up"] else None,
    )
    plan = plan_mail(config, checker, mails, mail_options, today, lambda c: record_in(config, c))
    _say_settled(path, plan.unmatched + plan.already, len(mails))
    if plan.unmatched and not options["skip_unmatched"]:
        # its client found, only its day missing: --date is what it needs, not --client
        undated = mail_options.day is None and all(
            s.mail.date is None and s.client is not None for s in plan.unmatched
        )
        if len(mails) > 1:
            hint = " (give --skip-unmatched to log the rest)"
        else:
            hint = "" if undated else " (give --client)"
        raise Fail(f"nothing was written{hint}")
    if not plan.edits:
        click.echo("nothing to log: every message is in the records already")
        return
    count = len(plan.logged)
    what = "email logged" if count == 1 else f"{count} emails logged"
    doing = "logging the email" if count == 1 else f"logging the {count} emails"
    ids = sorted(plan.edits)
    message = f"Log email with {ids[0]}" if count == 1 else f"Log {count} emails: {', '.join(ids)}"
    per = Counter(s.client for s in plan.logged if s.client)
    each = {c: "email logged" if n == 1 else f"{n} emails logged" for c, n in per.items()}
    write_edits(config, plan.edits, what, options["commit"], message, each, doing=doing)


def _say_settled(path: Path, settled: list[Settled], total: int) -> None:
    for s in sorted(settled, key=lambda s: s.number):
        which = f"{path}" if total == 1 else f"{path} message {s.number}"
        subject = printable(s.mail.subject.strip() or "(no subject)")
        click.echo(f"{which} ({subject!r}): {s.why}", err=True)

"""`clientbook merge KEEP OTHER`: fold a duplicate record into the one kept, in one commit."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from typing import Any

import click

from clientbook.authoring.find_client import client_ids, find_client
from clientbook.authoring.merge import MergePlan, MergeRefused, Who, changes, plan_merge
from clientbook.authoring.merge_fields import KEEP, OTHER, Decision
from clientbook.cli.commands.log_cmd import git_user_staff
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
from clientbook.core.changeset import Commit, WriteRefused, locked
from clientbook.core.config import Config
from clientbook.core.gitwrite import changed_paths, head
from clientbook.core.records import Record
from clientbook.core.repo import CLIENTS_DIR
from clientbook.core.schema_messages import did_you_mean
from clientbook.lint.run import build_checker
from clientbook.util.terminal import printable


@click.command("merge")
@click.argument("keep")
@click.argument("other")
@click.option(
    "--prefer",
    type=click.Choice([KEEP, OTHER]),
    default=KEEP,
    show_default=True,
    help="Whose value a field the records disagree on takes (name, owner, status, …).",
)
@click.option("--interactive", is_flag=True, help="Ask for each field the records disagree on.")
@click.option(
    "--dry-run", is_flag=True, help="Print the merged record and the decisions; write nothing."
)
@click.option(
    "--by", help="Staff id of who merges (default: the staff member with git's user.email)."
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    keep: str,
    other: str,
    prefer: str,
    interactive: bool,
    dry_run: bool,
    by: str | None,
    today: dt.datetime | None,
) -> None:
    """Fold OTHER's record into KEEP's: contacts, interactions, agreements, consents and the
    other lists united, the fields they disagree on decided (--prefer, or --interactive), every
    decision printed. OTHER's file is removed, its documents move under KEEP's folder, and
    merged_from in KEEP and merges.yaml record the merge; one commit naming only the ids.
    Refuses when KEEP or OTHER has uncommitted changes, or when the result would bring a
    new lint error.
    """
    config = state.config()
    day = resolve_today(today)
    if keep == other:
        raise Fail(
            f"cannot merge a record into itself: KEEP and OTHER are both '{printable(keep)}'"
        )
    keep_id, other_id = _known(config, keep), _known(config, other)
    if keep_id == other_id:
        raise Fail(f"cannot merge a record into itself: both name the client '{keep_id}'")
    _in_git(config)
    records = _record(config, keep_id), _record(config, other_id)
    # before any question is asked: the records themselves must be as committed
    _refuse_uncommitted(config, [r.file for r in records] + [f"documents/{other_id}"])
    who = Who(*_chooser(interactive, prefer, keep_id, other_id), prefer, day, _by(config, by))
    try:
        plan = plan_merge(config, build_checker(config, day), *records, who)
    except MergeRefused as err:
        raise Fail(f"nothing was merged: {err}") from None
    _refuse_uncommitted(config, plan.paths())
    _show(plan)
    if dry_run:
        click.echo(f"\n{plan.keep_file} would read:\n")
        for line in plan.text.splitlines():
            click.echo(printable(line))
        click.echo("\n(dry run: nothing was written)")
        return
    if plan.new_errors:
        for error in plan.new_errors:
            click.echo(f"{plan.keep_file}:{printable(error)}", err=True)
        raise Fail("nothing was merged: the merged record would bring the errors above")
    _apply(config, plan, records)


def _known(config: Config, name: str) -> str:
    """The client id `name` is, exactly; else exit 2 suggesting the ids it is close to."""
    ids = client_ids(config.root)
    wanted = name.removesuffix(".yaml").rsplit("/", 1)[-1]
    if wanted in ids:
        return wanted
    found = find_client(config.root, wanted)
    close = [found.id] if found.id else [i for i, _ in found.candidates]
    near = did_you_mean(wanted, ids)
    close = list(dict.fromkeys([*close, *([near] if near else [])]))[:5]
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise Fail(f"no client '{printable(name)}' in {CLIENTS_DIR}/{hint}; merge takes exact ids")


def _record(config: Config, client_id: str) -> Record:
    record = client_record(config, client_id, "merged")
    if record.id != client_id:
        raise Fail(
            f"nothing was merged: {record.file} has the id '{printable(record.id)}', not its file "
            "name; fix it first (clientbook lint says so)"
        )
    return record


def _chooser(interactive: bool, prefer: str, keep: str, other: str) -> tuple[Any, str]:
    if not interactive:
        return (lambda what, k, o: prefer), f"--prefer {prefer}"

    def ask(what: str, k: Any, o: Any) -> str:
        click.echo(f"{printable(what)} differs:")
        click.echo(f"  keep:  {_shown(k)}  ({keep})")
        click.echo(f"  other: {_shown(o)}  ({other})")
        answer: str = click.prompt("  which one", type=click.Choice([KEEP, OTHER]), default=prefer)
        return answer

    return ask, "asked"


def _by(config: Config, by: str | None) -> str | None:
    if by is not None:
        if by not in config.staff:
            near = did_you_mean(by, list(config.staff))
            hint = f" (did you mean '{near}'?)" if near else ""
            raise Fail(f"--by '{printable(by)}' is not staff in clientbook.yaml{hint}")
        return by
    return git_user_staff(config)


def _in_git(config: Config) -> None:
    try:
        found = head(config.root)
    except OSError:  # no git at all
        found = ""
    if not found:
        raise Fail(
            f"nothing was merged: {config.root} is not a git repository with a commit; "
            "merge commits its change, so that history keeps both records' versions"
        )


def _refuse_uncommitted(config: Config, paths: list[str]) -> None:
    try:
        dirty = changed_paths(config.root, *paths)
    except (OSError, subprocess.CalledProcessError):
        dirty = []  # not git: _in_git has said so
    if dirty:
        raise Fail(
            "nothing was merged: uncommitted changes to "
            + ", ".join(printable(d) for d in dirty)
            + ", which the merge commit would carry too; commit them (or undo them) first"
        )


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return printable(text if len(text) <= 70 else text[:69] + "…")


def _decision(plan: MergePlan, d: Decision) -> str:
    whose = plan.keep if d.side == KEEP else plan.other
    return (
        f"  {printable(d.what)}: {_shown(d.keep)} ({plan.keep}) / {_shown(d.other)} "
        f"({plan.other}) → {_shown(d.value)}, {whose}'s ({d.why})"
    )


def _show(plan: MergePlan) -> None:
    click.echo(f"Merging {plan.other} into {plan.keep}:")
    for d in plan.decisions:
        click.echo(_decision(plan, d))
    for note in plan.notes:
        click.echo(f"  {printable(note)}")
    if not plan.decisions and not plan.notes:
        click.echo("  the records agree on every field they both have")


def _apply(config: Config, plan: MergePlan, records: tuple[Record, Record]) -> None:
    message = f"Merge {plan.other} into {plan.keep}"
    body = f"Folded by clientbook merge; {plan.keep}'s merged_from and merges.yaml record it."
    try:
        with locked(config.root):
            for record in records:  # again under the lock: nothing changed since the plan
                if (config.root / record.file).read_bytes() != record.raw:
                    raise Fail(f"nothing was merged: {record.file} changed meanwhile; run it again")
            _refuse_uncommitted(config, plan.paths())
            done = apply_changes(changes(config, plan), Commit(message, body), doing="the merge")
    except (WriteRefused, OSError) as err:
        raise Fail(f"nothing was merged: {err}") from None
    click.echo(f"\ncommitted {done.commit[:10]}: {message}")
    moved = len(plan.moves)
    click.echo(
        f"  {plan.keep_file} written, {plan.other_file} removed"
        + (f", {moved} document{'s' if moved != 1 else ''} moved" if moved else "")
        + (
            f", {len(plan.rewrites)} other record{'s' if len(plan.rewrites) != 1 else ''} updated"
            if plan.rewrites
            else ""
        )
        + ", merges.yaml updated"
    )
    owners = [
        n for n in (".github/CODEOWNERS", ".gitlab/CODEOWNERS") if (config.root / n).is_file()
    ]
    if owners:
        click.echo(
            f"{' and '.join(owners)} still name {plan.other_file}: run 'clientbook codeowners' "
            "and commit what it writes"
        )

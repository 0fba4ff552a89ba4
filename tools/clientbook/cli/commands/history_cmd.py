"""`clientbook history CLIENT`: a record's changes, newest first, field by field."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import click

from clientbook.cli.options import F, Fail, State, handle_user_errors, pass_state
from clientbook.history.audit import in_window, summary_lines, version_date
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.read import read_history
from clientbook.history.types import WORKING_TREE, History
from clientbook.util.terminal import printable


def load_history(state: State, jobs: int = 0) -> History:
    """Read the history, turning 'no git' into exit 2 and printing shallow-clone warnings."""
    try:
        history = read_history(state.root(), jobs=jobs)
    except GitUnavailable as err:
        raise Fail(str(err)) from None
    for warning in history.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)
    return history


def date_option(name: str, help_text: str) -> Callable[[F], F]:
    return click.option(
        name, type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help=help_text
    )


@click.command("history")
@click.argument("client")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@date_option("--since", "Only changes on or after this day (YYYY-MM-DD).")
@pass_state
@handle_user_errors
def command(state: State, client: str, fmt: str, since: dt.datetime | None) -> None:
    """Show CLIENT's changes, newest first: date, author, commit, message and field changes.

    CLIENT is a client id or file path. Uncommitted edits appear first, as a
    'working tree' entry.
    """
    history = load_history(state)
    record = history.find(client.removesuffix(".yaml"))
    if record is None:
        raise Fail(f"no client '{client}' in the history of clients/")
    versions = [v for v in record.versions if in_window(v, since.date() if since else None, None)]
    if fmt == "json":
        document = {
            "client": record.id,
            "path": record.path,
            "shallow": history.shallow,
            "versions": [
                {
                    "commit": v.commit.sha,
                    "author": {"name": v.commit.author_name, "email": v.commit.author_email},
                    "committer": {
                        "name": v.commit.committer_name,
                        "email": v.commit.committer_email,
                    },
                    "date": version_date(v),
                    "message": v.commit.message,
                    "status": v.status,
                    "path": v.path,
                    "error": v.error,
                    "changes": [c.to_dict() for c in v.changes],
                }
                for v in versions
            ],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    # ids, paths, authors, messages and values may hold controls: shown, never obeyed
    click.echo(
        printable(f"{record.id} ({record.path}): ")
        + f"{len(versions)} version{'s' if len(versions) != 1 else ''}"
    )
    for v in versions:
        if v.commit.sha == WORKING_TREE:
            click.echo("\nworking tree  (uncommitted changes)")
        else:
            who = f"{v.commit.author_name} <{v.commit.author_email}>"
            line = f"{version_date(v)[:10]}  {who}  {v.commit.sha[:10]}  {v.commit.subject}"
            click.echo("\n" + printable(line))
        for line in summary_lines(v):
            click.echo(f"    {printable(line)}")

"""`clientbook audit`: every change to every record in a window, one row per field change."""

from __future__ import annotations

import datetime as dt
import json

import click

from clientbook.cli.commands.history_cmd import date_option, load_history
from clientbook.cli.options import State, handle_user_errors, pass_state
from clientbook.history.audit import rows
from clientbook.util import csvsafe
from clientbook.util.terminal import printable

HEADER = (
    "date",
    "author",
    "email",
    "commit",
    "client",
    "field",
    "op",
    "old",
    "new",
    "change",
    "message",
)


@click.command("audit")
@date_option("--since", "Only changes on or after this day (YYYY-MM-DD).")
@date_option("--until", "Only changes on or before this day (YYYY-MM-DD).")
@click.option("--author", help="Only changes whose author's name or email contains this text.")
@click.option("--client", help="Only this client (id or file path).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@pass_state
@handle_user_errors
def command(
    state: State,
    since: dt.datetime | None,
    until: dt.datetime | None,
    author: str | None,
    client: str | None,
    fmt: str,
) -> None:
    """List every change to every record, oldest first, for auditors.

    CSV output is safe to open in a spreadsheet: cells that would be read as
    formulas are neutralised.
    """
    history = load_history(state)
    found = list(
        rows(
            history,
            since=since.date() if since else None,
            until=until.date() if until else None,
            author=author,
            client=client.removesuffix(".yaml") if client else None,
        )
    )
    if fmt == "json":
        click.echo(
            json.dumps(
                [dict(zip(HEADER, _cells(r), strict=True)) for r in found],
                indent=2,
                ensure_ascii=False,
            )
        )
    elif fmt == "csv":
        click.echo(
            csvsafe.render(
                HEADER,
                ([*_cells(r)[:7], _plain(r.old), _plain(r.new), *_cells(r)[9:]] for r in found),
            ),
            nl=False,
            color=True,  # data: click would strip what looks like a colour code off a pipe
        )
    else:
        for r in found:
            when = r.date[:10] if r.date else "uncommitted"
            line = f"{when:<11}  {r.author:<20}  {r.commit[:10]:<10}  {r.client}: {r.words}"
            click.echo(printable(line))  # values may hold controls: shown, never obeyed
        click.echo(f"{len(found)} change{'s' if len(found) != 1 else ''}")


def _cells(r: object) -> list[object]:
    from dataclasses import astuple

    date, author, email, commit, client, path, op, old, new, words, message = astuple(r)  # type: ignore[call-overload]
    return [date, author, email, commit, client, path, op, old, new, words, message]


def _plain(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

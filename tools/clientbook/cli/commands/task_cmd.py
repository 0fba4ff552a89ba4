"""`clientbook task CLIENT --due DATE --summary TEXT`: a follow-up with nothing before it.

A task is recorded as an interaction with `channel: task`, dated the day it is recorded,
its `follow_up` the day it is due (core/obligations.py: open like any follow-up, but no
contact with the client). `clientbook log CLIENT --done DATE` closes it.
"""

from __future__ import annotations

import datetime as dt

import click

from clientbook.cli.commands.log_cmd import (
    DATE,
    append_interaction,
    git_user_staff,
    record_in,
    resolve,
)
from clientbook.cli.options import (
    State,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.core.obligations import TASK
from clientbook.lint.run import build_checker


@click.command("task")
@click.argument("client")
@click.option("--due", type=DATE, required=True, help="The day it is due (YYYY-MM-DD).")
@click.option("--summary", required=True, help="What is to be done.")
@click.option(
    "--by", help="Staff id of who does it (default: the staff member with git's user.email)."
)
@click.option(
    "--commit", is_flag=True, help="Commit the change (the message names only the client id)."
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    client: str,
    due: dt.datetime,
    summary: str,
    by: str | None,
    commit: bool,
    today: dt.datetime | None,
) -> None:
    """Record a task for CLIENT, due on --due: it shows wherever open follow-ups do."""
    config = state.config()
    day = resolve_today(today)
    checker = build_checker(config, day)
    client_id = resolve(config, client)
    record = record_in(config, client_id)
    values = {
        "date": day.isoformat(),
        "channel": TASK,
        "direction": "outbound",
        "by": by or git_user_staff(config),
        "summary": summary,
        "follow_up": due.date().isoformat(),
    }
    append_interaction(config, checker, record, client_id, values, commit)

"""`clientbook query`: ask the records one read-only SQL question."""

from __future__ import annotations

import datetime as dt

import click

from clientbook.cli.options import (
    Fail,
    State,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.query.output import FORMATS, render
from clientbook.query.run import QueryError, QueryRefused, run
from clientbook.query.session import open_database
from clientbook.query.tables import derive_tables, describe
from clientbook.util.terminal import printable

AUDIENCES = ("internal", "restricted")


@click.command("query")
@click.argument("statement", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default="internal",
    show_default=True,
    help="restricted leaves out the fields the schema marks confidential, and the notes.",
)
@click.option(
    "--history/--no-history",
    "history",
    default=None,
    help="Fill the history table from git (default: only when the history cache is current).",
)
@click.option("--schema", "show_schema", is_flag=True, help="List the tables and their columns.")
@click.option("--no-cache", is_flag=True, help="Build the database afresh, and keep no copy.")
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    statement: str | None,
    fmt: str,
    audience: str,
    history: bool | None,
    show_schema: bool,
    no_cache: bool,
    today: dt.datetime | None,
) -> None:
    """Run one read-only SQL STATEMENT (a SELECT) over the records and print its answer.

    The tables (see --schema): clients, one per list field (contacts,
    interactions, consents, …), findings (lint) and history (git). The
    database is opened read-only: writes, ATTACH, PRAGMA and extension
    loading are refused. Exit status: 0 answered, 2 refused or an SQL error.
    """
    config = state.config()
    if show_schema:
        tables = derive_tables(config.client_schema().document, audience)
        click.echo(describe(tables), nl=False)
        return
    if not statement:
        raise Fail("give a SELECT statement to run, or --schema to list the tables")
    opened = open_database(
        config, resolve_today(today), audience=audience, history=history, use_cache=not no_cache
    )
    for warning in opened.warnings:
        click.echo(f"warning: {warning}", err=True)
    for file in opened.left_out:
        click.echo(f"warning: {file} could not be read and is left out", err=True)
    try:
        answer = run(opened.db, statement)
    except QueryRefused as err:
        raise Fail(f"refused: {err}\n    {printable(statement.strip())}") from None
    except QueryError as err:
        raise Fail(f"SQL error: {err}\n    in: {printable(statement.strip())}") from None
    finally:
        opened.db.close()
    # CSV is data: click would strip what looks like a colour code from it on a pipe
    click.echo(render(answer, fmt), nl=False, color=True if fmt == "csv" else None)

"""What every command shares: the failure it raises, the main group's state, shared options.

Commands import this module, never the package's `__init__` (which imports the commands).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from clientbook.core.config import Config, ConfigError, load_config
from clientbook.core.diagnostics import Diagnostic
from clientbook.core.records import Record, read_record
from clientbook.core.repo import RepoNotFound, find_root
from clientbook.core.schema import SchemaError
from clientbook.lint.rule_ids import check_rule_ids
from clientbook.lint.shard import Shard, ShardError

if TYPE_CHECKING:
    from clientbook.core.changeset import Applied, ChangeSet, Commit
    from clientbook.lint.shard_facts import FactsFile
from clientbook.util.terminal import printable, wants_colour

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USAGE = 2


class Fail(click.ClickException):
    """A user-facing failure: message on stderr, exit 2, no traceback."""

    exit_code = EXIT_USAGE


def _echo_config_problems(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        text = f"{d.file}:{d.line}:{d.column}: error [{d.rule}] {d.message}"
        # values quoted from the files may hold controls: shown, never obeyed (a message's
        # own lines, as a schema compiler's, stay lines)
        click.echo("\n".join(printable(line) for line in text.split("\n")), err=True)
        if d.hint:
            click.echo(f"    hint: {printable(d.hint)}", err=True)


def handle_user_errors(command: F) -> F:
    """Turn the library's configuration and repository errors into exit 2 with a message."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RepoNotFound as err:
            raise Fail(str(err)) from None
        except ConfigError as err:
            _echo_config_problems(err.diagnostics)
            raise Fail("the configuration has errors; nothing was checked") from None
        except SchemaError as err:
            _echo_config_problems([err.diagnostic])
            raise Fail("the schema cannot be used; nothing was checked") from None

    return wrapper  # type: ignore[return-value]


def today_option(command: F) -> F:
    return click.option(
        "--today",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Check dates as if today were this day (YYYY-MM-DD). Default: today.",
    )(command)


def client_record(config: Config, client_id: str, doing: str) -> Record:
    """The record of ID (clients/ID.yaml, or in a subfolder) read for a command that edits it; Fail (exit 2) saying why it cannot
    be, with nothing `doing` (written, merged, …)."""
    file = config.client_files_of([client_id])[client_id]
    record = read_record(config.root / file, file, config.root, config.max_file_size)
    if record.data is None:
        why = record.problems[0].message if record.problems else "it cannot be read"
        raise Fail(f"nothing was {doing}: {file} cannot be read: {why} (clientbook lint {file})")
    return record


def jobs_option(command: F) -> F:
    """--jobs/-j: worker processes, 0 for one per CPU (the default: 1, no workers)."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        help="Worker processes; 0 means one per CPU.",
    )(command)


def resolve_today(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


class State:
    """Options of the main group, shared with every command."""

    def __init__(self, repo: Path | None, color: str = "auto") -> None:
        self.repo = repo
        self.color = color

    def colour(self, stream: TextIO | None = None) -> bool:
        """Whether text written to `stream` (standard output) gets colour (terminal.wants_colour)."""
        return wants_colour(self.color, stream or sys.stdout, os.environ)

    def root(self) -> Path:
        return self.repo.resolve() if self.repo else find_root(Path.cwd())

    def config(self) -> Config:
        """clientbook.yaml, checked, with every rule id it names known (else ConfigError)."""
        config = load_config(self.root())
        check_rule_ids(config)
        return config


pass_state = click.make_pass_decorator(State)


def apply_changes(changes: ChangeSet, commit: Commit | None = None, *, doing: str) -> Applied:
    """Apply a command's change set (all or nothing); WriteRefused becomes exit 2 with its words.

    What was done first for a run that was killed earlier is said on stderr.
    """
    # here, not at the top: the write layer is a tenth of a read-only command's start-up
    from clientbook.core.changeset import WriteRefused

    try:
        done = changes.apply(commit)
    except WriteRefused as err:
        raise Fail(f"{doing} failed: {err}") from None
    for note in done.recovered:
        click.echo(f"clientbook: {note}", err=True)
    if done.interrupted:
        click.echo(
            "clientbook: interrupted once the change was made: it stands as reported below, "
            "and nothing of it is left half done",
            err=True,
        )
    return done


def shard_option_value(value: str | None) -> Shard | None:
    """--shard I/N (lint's and build's), or exit 2 saying what is wrong with it."""
    if value is None:
        return None
    try:
        return Shard.parse(value)
    except ShardError as err:
        raise click.UsageError(str(err)) from None


def read_facts_option(path: Path | None) -> FactsFile | None:
    """The file --facts names (lint's and build's), or exit 2 saying why it cannot be used."""
    # here, not at the top: the facts module brings lint's rules, and every command imports this
    from clientbook.lint.shard_facts import FactsError
    from clientbook.lint.shard_facts import load as load_facts

    if path is None:
        return None
    try:
        return load_facts(path, str(path))
    except FactsError as err:
        raise Fail(str(err)) from None

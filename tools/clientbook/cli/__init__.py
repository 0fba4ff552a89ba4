"""The command line: parse options, call the library, format, choose the exit code."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from clientbook import __version__
from clientbook.core.config import Config, ConfigError, load_config
from clientbook.core.diagnostics import Diagnostic
from clientbook.core.repo import RepoNotFound, find_root
from clientbook.core.schema import SchemaError
from clientbook.util import quickexit

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USAGE = 2


class Fail(click.ClickException):
    """A user-facing failure: message on stderr, exit 2, no traceback."""

    exit_code = EXIT_USAGE


def _echo_config_problems(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(f"{d.file}:{d.line}:{d.column}: error [{d.rule}] {d.message}", err=True)
        if d.hint:
            click.echo(f"    hint: {d.hint}", err=True)


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


def resolve_today(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


class State:
    """Options of the main group, shared with every command."""

    def __init__(self, repo: Path | None) -> None:
        self.repo = repo

    def root(self) -> Path:
        return self.repo.resolve() if self.repo else find_root(Path.cwd())

    def config(self) -> Config:
        return load_config(self.root())


pass_state = click.make_pass_decorator(State)


# One module per command, in the order `clientbook --help` lists them.
COMMANDS = (
    "lint",
    "fmt",
    "rules",
    "init",
    "new",
    "form",
    "build",
    "history",
    "audit",
    "diff",
    "report",
    "export",
    "erase",
    "anonymise",
    "codeowners",
)


class _Commands(click.Group):
    """Each command's module is imported when the command runs or help lists it.

    clientbook starts in every pre-commit hook and CI step, and an update of the
    site in place takes well under a second: importing fifteen commands' modules
    (ruamel, GitPython, the export and CODEOWNERS code) when one runs was a
    fifth of that.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"clientbook.cli.commands.{name}_cmd")
        command: click.Command = module.command
        return command


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="clientbook")
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path, exists=True),
    default=None,
    help="The records repository (the folder holding clientbook.yaml). Default: found by walking up "
    "from the current folder.",
)
@click.pass_context
def main(ctx: click.Context, repo: Path | None) -> None:
    """clientbook keeps client records as plain text in git.

    Each client is one YAML file under clients/, checked against the JSON Schema
    under schemas/ and the policies in clientbook.yaml.
    """
    ctx.obj = State(repo)


def run() -> None:
    """The `clientbook` command and `python -m clientbook`: `main`, then a quick exit."""
    quickexit.run(main)


if __name__ == "__main__":  # pragma: no cover
    run()

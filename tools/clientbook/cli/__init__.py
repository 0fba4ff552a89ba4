"""The command line: parse options, call the library, format, choose the exit code."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from clientbook import __version__
from clientbook.cli.options import State
from clientbook.util import quickexit

# One module per command, in the order `clientbook --help` lists them.
COMMANDS = (
    "lint",
    "fmt",
    "rules",
    "init",
    "new",
    "log",
    "task",
    "form",
    "build",
    "history",
    "audit",
    "diff",
    "report",
    "export",
    "query",
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

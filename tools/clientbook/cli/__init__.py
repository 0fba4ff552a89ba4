"""The command line: parse options, call the library, format, choose the exit code."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from clientbook import __version__
from clientbook.cli.options import State
from clientbook.util import quickexit

# One module per command, grouped by purpose in the order `clientbook --help` lists them.
GROUPS: dict[str, tuple[str, ...]] = {
    "Records": (
        "lint",
        "fmt",
        "rules",
        "new",
        "import",
        "log",
        "task",
        "duplicates",
        "merge",
        "reshard",
        "form",
    ),
    "History": ("history", "audit", "diff"),
    "Questions and the site": ("query", "report", "build"),
    "Data protection": ("export", "erase", "anonymise", "codeowners"),
    "Setting up": ("init", "doctor"),
}
COMMANDS = tuple(name for names in GROUPS.values() for name in names)


class _Commands(click.Group):
    """Each command's module is imported when the command runs or help lists it.

    clientbook starts in every pre-commit hook and CI step, and an update of the
    site in place takes well under a second: importing fifteen commands' modules
    (ruamel, GitPython, the export and CODEOWNERS code) when one runs was a
    fifth of that.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands under their purposes, not one long alphabet."""
        width = formatter.width - 6 - max(len(n) for n in COMMANDS)
        for title, names in GROUPS.items():
            rows = []
            for name in names:
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name, command.get_short_help_str(width)))
            with formatter.section(title):
                formatter.write_dl(rows)

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
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour severities in text output. auto: on a terminal, unless NO_COLOR is set.",
)
@click.pass_context
def main(ctx: click.Context, repo: Path | None, color: str) -> None:
    """clientbook keeps client records as plain text in git.

    Each client is one YAML file under clients/, checked against the JSON Schema
    under schemas/ and the policies in clientbook.yaml.
    """
    ctx.obj = State(repo, color)


def run() -> None:
    """The `clientbook` command and `python -m clientbook`: `main`, then a quick exit."""
    quickexit.run(main)


if __name__ == "__main__":  # pragma: no cover
    run()

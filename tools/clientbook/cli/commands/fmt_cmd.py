"""`clientbook fmt`: rewrite client files in canonical form; `--check` for CI."""

from __future__ import annotations

from pathlib import Path

import click

from clientbook.authoring.fmt import Formatted, format_text
from clientbook.cli.options import State, apply_changes, handle_user_errors, pass_state
from clientbook.core.areas import records_area
from clientbook.core.changeset import ChangeSet, WriteRefused
from clientbook.core.config import Config
from clientbook.core.repo import client_files, relative
from clientbook.core.yamlbytes import decode
from clientbook.core.yamlproblem import LoadProblem
from clientbook.util.regularfile import NotRegular, read_regular


@click.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--check", is_flag=True, help="Change nothing; exit 1 if any file is not in canonical form."
)
@pass_state
@handle_user_errors
def command(state: State, paths: tuple[Path, ...], check: bool) -> None:
    """Format client files: keys in schema order, two-space indentation, comments kept.

    Formatting never changes a record's data: each result is read back and
    compared before any file is replaced. Every file is replaced together, or
    none is; a file that is not UTF-8, a link or not a regular file is left alone.
    """
    config = state.config()
    files = list(paths) or client_files(config.root)
    changes = ChangeSet(config.root)
    unformatted = failed = 0
    for path in files:
        name = relative(config.root, path)
        result = _format_file(config, path)
        if result.skipped:
            click.echo(f"{name}: {result.problem}", err=True)
        elif result.text is None:
            failed += 1
            click.echo(f"{name}: not formatted: {result.problem}", err=True)
        elif result.changed:
            unformatted += 1
            if check:
                click.echo(f"{name}: not in canonical form (run clientbook fmt)")
                continue
            try:
                changes.write(path, result.text, records_area(config))
            except WriteRefused as err:
                failed += 1
                unformatted -= 1
                click.echo(f"{name}: not formatted: {err}", err=True)
    if changes.ops:
        for name in apply_changes(changes, doing="formatting").written:
            click.echo(f"formatted {name}")
    if check and unformatted:
        click.echo(f"{unformatted} of {len(files)} files need formatting")
    raise SystemExit(1 if failed or (check and unformatted) else 0)


def _format_file(config: Config, path: Path) -> Formatted:
    """The canonical text, or why there is none: bytes are never guessed at or replaced."""
    try:
        raw = read_regular(path, config.max_file_size)
        text = raw.decode("utf-8")
    except NotRegular as err:
        return Formatted(None, False, str(err))
    except UnicodeDecodeError:
        problem = decode(raw)
        assert isinstance(problem, LoadProblem)
        return Formatted(
            None,
            False,
            f"line {problem.line}, column {problem.column}: {problem.message} "
            "(clientbook lint reports it; fmt changes no byte it cannot read)",
        )
    return format_text(text, config.client_schema().document)

"""`clientbook fmt`: rewrite client files in canonical form; `--check` for CI."""

from __future__ import annotations

from pathlib import Path

import click

from clientbook.authoring.fmt import format_text
from clientbook.cli.options import State, handle_user_errors, pass_state
from clientbook.core.repo import client_files, relative
from clientbook.util.atomic import write_text


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
    compared before the file is replaced (atomically).
    """
    config = state.config()
    schema = config.client_schema()
    files = list(paths) or client_files(config.root)
    unformatted = failed = 0
    for path in files:
        name = relative(config.root, path)
        result = format_text(path.read_text(encoding="utf-8", errors="replace"), schema.document)
        if result.skipped:
            click.echo(f"{name}: {result.problem}", err=True)
        elif result.text is None:
            failed += 1
            click.echo(f"{name}: not formatted: {result.problem}", err=True)
        elif result.changed:
            unformatted += 1
            if check:
                click.echo(f"{name}: not in canonical form (run clientbook fmt)")
            else:
                write_text(path, result.text)
                click.echo(f"formatted {name}")
    if check and unformatted:
        click.echo(f"{unformatted} of {len(files)} files need formatting")
    raise SystemExit(1 if failed or (check and unformatted) else 0)

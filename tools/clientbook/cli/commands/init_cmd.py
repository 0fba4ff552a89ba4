"""`clientbook init DIR`: start a records repository with the defaults and one example client."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from clientbook.authoring.scaffold import ScaffoldError, scaffold
from clientbook.cli.options import Fail, resolve_today, today_option


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--organisation", default="Example Ltd", show_default=True, help="The organisation's name."
)
@today_option
def command(directory: Path, organisation: str, today: dt.datetime | None) -> None:
    """Create a new records repository in DIRECTORY (which must be empty or new)."""
    try:
        written = scaffold(directory, organisation, resolve_today(today))
    except ScaffoldError as err:
        raise Fail(str(err)) from None
    for path in written:
        click.echo(f"created {path}")
    click.echo(f"\nNext: cd {directory} && git init && clientbook lint")

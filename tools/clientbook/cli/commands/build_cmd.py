"""`clientbook build`: the static client directory staff browse."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from clientbook.cli.options import (
    Fail,
    State,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.site.build import BuildRefused, build


@click.command("build")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="The folder to build into, relative to the repository root; replaced whole.",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "restricted"]),
    default="internal",
    show_default=True,
    help="restricted leaves out fields marked x-sensitivity: confidential, and the notes.",
)
@click.option("--strict", is_flag=True, help="Refuse to build when lint finds errors.")
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Worker processes rendering the client pages; 0: one per CPU for sites of 500 "
    "clients or more, 1: none.",
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    out: Path,
    audience: str,
    strict: bool,
    jobs: int,
    today: dt.datetime | None,
) -> None:
    """Build the static site: a searchable directory, a page per client, deadlines.ics.

    It needs no server and no network: open index.html from disk or publish the folder
    on any static host. Records with lint errors are still shown, with their findings.
    """
    config = state.config()
    target = out if out.is_absolute() else config.root / out
    with _progress() as progress:
        try:
            result = build(
                config,
                target,
                resolve_today(today),
                audience=audience,
                strict=strict,
                progress=progress,
                jobs=jobs,
            )
        except BuildRefused as err:
            raise Fail(str(err)) from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if result.in_place:
        made = result.pages - result.reused
        click.echo(
            f"updated {target} in place for the {audience} audience: "
            + (
                f"{made} client page{'s' if made != 1 else ''} made again, "
                f"{result.reused} unchanged"
                if made
                else f"nothing changed since the last build ({result.pages} client pages)"
            )
            + (f" ({result.errors} lint errors shown on their pages)" if result.errors else "")
        )
        return
    click.echo(
        f"built {result.pages} client pages into {target} for the {audience} audience"
        + (
            f"; {result.reused} files unchanged since the last build were kept"
            if result.reused
            else ""
        )
        + (f" ({result.errors} lint errors shown on their pages)" if result.errors else "")
    )


class _progress:
    """A progress bar on a terminal; silent in CI and when output is redirected."""

    def __enter__(self) -> Callable[[int, int], None] | None:
        self.bar = None
        if not sys.stderr.isatty() or os.environ.get("CI"):
            return None

        def update(done: int, total: int) -> None:
            if self.bar is None and total >= 200:
                self.bar = click.progressbar(
                    length=total, label="Rendering client pages", file=sys.stderr
                )
                self.bar.__enter__()
            if self.bar is not None:
                self.bar.update(done - self.bar.pos)

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

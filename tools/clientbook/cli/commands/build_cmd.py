"""`clientbook build`: the static client directory staff browse."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click
from click.core import ParameterSource

from clientbook.cli.options import (
    Fail,
    State,
    handle_user_errors,
    pass_state,
    read_facts_option,
    resolve_today,
    shard_option_value,
    today_option,
)
from clientbook.lint.shard import Shard
from clientbook.lint.shard_facts import FactsError
from clientbook.site.build import BuildRefused, BuildResult, build
from clientbook.site.shard import build_shard
from clientbook.site.shard_merge import merge_shards as merge_shards_into


@click.command("build")
@click.argument("shard_folders", nargs=-1, type=click.Path(path_type=Path), metavar="[SHARDS]...")
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
@click.option(
    "--shard",
    metavar="I/N",
    callback=lambda _ctx, _param, value: shard_option_value(value),
    help="Build the client pages of the I-th of N shares of the records (as lint --shard "
    "shares them) and their part of the site-wide pages, for --merge-shards.",
)
@click.option(
    "--facts",
    "facts_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --shard: every record's facts from this file (lint --write-facts).",
)
@click.option(
    "--merge-shards",
    is_flag=True,
    help="Make the site in --out from the folders of every shard (SHARDS), built at this "
    "commit by build --shard: the same bytes as an unsharded build.",
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    shard_folders: tuple[Path, ...],
    out: Path,
    audience: str,
    strict: bool,
    jobs: int,
    shard: Shard | None,
    facts_file: Path | None,
    merge_shards: bool,
    today: dt.datetime | None,
) -> None:
    """Build the static site: a searchable directory, a page per client, deadlines.ics.

    It needs no server and no network: open index.html from disk or publish the folder
    on any static host. Records with lint errors are still shown, with their findings.
    In CI, N jobs can each build --shard I/N into a folder of their own, and one job
    build --merge-shards THOSE-FOLDERS --out SITE.
    """
    config = state.config()
    target = out if out.is_absolute() else config.root / out
    _check_together(shard_folders, shard, facts_file, merge_shards)
    day = resolve_today(today)
    with _progress() as progress:
        try:
            if merge_shards:
                explicit = click.get_current_context().get_parameter_source("audience")
                result = merge_shards_into(
                    config,
                    list(shard_folders),
                    target,
                    today=day if today else None,
                    audience=audience if explicit == ParameterSource.COMMANDLINE else None,
                )
            elif shard is not None:
                facts = read_facts_option(facts_file)
                result = build_shard(
                    config,
                    target,
                    day,
                    shard,
                    audience=audience,
                    strict=strict,
                    progress=progress,
                    jobs=jobs,
                    facts=facts,
                )
            else:
                result = build(
                    config,
                    target,
                    day,
                    audience=audience,
                    strict=strict,
                    progress=progress,
                    jobs=jobs,
                )
        except (BuildRefused, FactsError) as err:
            raise Fail(str(err)) from None
    _report(result, target, audience, shard, merge_shards)


def _report(
    result: BuildResult, target: Path, audience: str, shard: Shard | None, merged: bool
) -> None:
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
    if shard is not None or merged:
        what = f"shard {shard} of the site: " if shard else "merged the shards: "
        click.echo(
            f"{what}{result.pages} client pages into {target}"
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


def _check_together(
    folders: tuple[Path, ...], shard: Shard | None, facts: Path | None, merge: bool
) -> None:
    """Exit 2 for options that do not go together."""
    if merge and (shard is not None or facts is not None):
        raise Fail(
            "--merge-shards assembles shards already built: give it without --shard or --facts"
        )
    if merge and not folders:
        raise Fail(
            "--merge-shards needs the folders of every shard: build --merge-shards DIR… --out SITE"
        )
    if folders and not merge:
        raise Fail(
            f"unexpected argument {folders[0]}: give --merge-shards to merge shards' folders"
        )
    if facts is not None and shard is None:
        raise Fail("--facts is for a sharded build: give --shard I/N with it")


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

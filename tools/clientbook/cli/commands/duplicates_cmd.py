"""`clientbook duplicates`: the suspected duplicate clients, their evidence and the merge to run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from clientbook.cli.options import (
    State,
    handle_user_errors,
    jobs_option,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.core.diagnostics import Severity
from clientbook.lint.suspects import Listed, find_duplicates
from clientbook.util.terminal import printable
from clientbook.util.workers import worker_count


@click.command("duplicates")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="Exit 1 when any pair is suspected.")
@jobs_option
@click.option("--no-cache", is_flag=True, help="Ignore and do not update lint's results cache.")
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    paths: tuple[Path, ...],
    fmt: str,
    strict: bool,
    jobs: int,
    no_cache: bool,
    today: dt.datetime | None,
) -> None:
    """List the pairs of records lint's duplicate-client rule suspects are one client.

    Each pair comes with its evidence (a shared contact email, phone number or
    domain; names the same, the same once transliterated, sounding alike, or
    nearly alike, with the score) and the command that folds one into the
    other: `clientbook merge KEEP OTHER`. KEEP is the record of the client
    entered first (the earlier `since`); on the same day, the one with more
    interactions, then more contacts, then the file name that sorts first.

    PATHS (client files) lists only the pairs involving them; every record is
    still compared. Pairs suppressed on both records with
    `# clientbook: ignore[duplicate-client]`, or turned off in clientbook.yaml,
    are not listed. Exit status as lint's: 0 when nothing is suspected or the
    rule is a warning (its default), 1 when the rule is configured as an error
    (or with --strict) and a pair is listed, 2 usage or configuration error.
    """
    config = state.config()
    listed = find_duplicates(
        config,
        resolve_today(today),
        list(paths) or None,
        use_cache=not no_cache,
        jobs=worker_count(jobs),
    )
    if fmt == "json":
        doc = {"count": len(listed), "pairs": [item.to_dict() for item in listed]}
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        click.echo(_text(listed), nl=False)
    failing = any(item.severity == Severity.ERROR for item in listed) or (strict and listed)
    raise SystemExit(1 if failing else 0)


def _text(listed: list[Listed]) -> str:
    if not listed:
        return "No suspected duplicates.\n"
    blocks = []
    for item in listed:
        lines = [
            f"{item.keep.file} '{printable(item.keep.name)}'",
            f"{item.other.file} '{printable(item.other.name)}'",
            *(f"  - {printable(reason)}" for reason in item.pair.evidence()),
            f"  keep {item.keep.file}: {item.keep_because}",
            f"  merge: {printable(item.command)}",
        ]
        blocks.append("\n".join(lines) + "\n")
    count = len(listed)
    summary = f"{count} suspected duplicate pair{'s' if count != 1 else ''} ({max(item.severity for item in listed)})."
    return "\n".join(blocks) + f"\n{summary}\n"

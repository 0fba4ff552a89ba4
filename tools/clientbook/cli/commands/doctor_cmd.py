"""`clientbook doctor`: check the machine and the repository, and say what to fix."""

from __future__ import annotations

import json

import click

from clientbook.cli.doctor import checks
from clientbook.cli.options import State, pass_state
from clientbook.util.terminal import printable

MARKS = {"ok": ("ok", "green"), "warn": ("warn", "yellow"), "error": ("error", "red")}


@click.command("doctor")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@pass_state
def command(state: State, fmt: str) -> None:
    """Check git, git-filter-repo, sops and age, the configuration, the schema and the caches.

    Exit status: 0 when nothing is wrong (warnings name features that will not work
    here), 1 when something stops clientbook from working.
    """
    found = checks(state.repo)
    if fmt == "json":
        click.echo(json.dumps([c.to_dict() for c in found], indent=2, ensure_ascii=False))
    else:
        colour = state.colour()
        for c in found:
            word, fg = MARKS[c.state]
            mark = click.style(f"{word:<5}", fg=fg) if colour else f"{word:<5}"
            click.echo(f"{mark} {c.name:<16} {printable(c.detail)}", color=colour)
            if c.fix:
                click.echo(f"{'':<5} {'':<16} fix: {printable(c.fix)}")
    raise SystemExit(1 if any(c.state == "error" for c in found) else 0)

"""`clientbook codeowners`: write the CODEOWNERS files; `--check` for CI."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from clientbook.cli.options import Fail, State, apply_changes, handle_user_errors, pass_state
from clientbook.compliance.codeowners import (
    GITHUB_FILE,
    GITLAB_EARLIER_FILES,
    GITLAB_FILE,
    build,
)
from clientbook.compliance.codeowners_text import github_size_warning, github_text, gitlab_text
from clientbook.core.areas import repository_area
from clientbook.core.changeset import ChangeSet, WriteRefused
from clientbook.core.records import load_records


@click.command("codeowners")
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if a CODEOWNERS file is missing or out of date.",
)
@click.option(
    "--gitlab/--no-gitlab",
    default=True,
    show_default=True,
    help="Also write .gitlab/CODEOWNERS (with GitLab sections).",
)
@pass_state
@handle_user_errors
def command(state: State, check: bool, gitlab: bool) -> None:
    """Write .github/CODEOWNERS and .gitlab/CODEOWNERS from clientbook.yaml and
    the records: a change to a client's file needs its team's review, a change
    to clientbook.yaml, schemas/, templates/ or CI the data protection team's.

    Teams are named by their forge_team in clientbook.yaml. A team without one
    is warned about and its lines are written commented out; the default rule
    (the data protection team) then applies to its files. Run it after adding a
    client or changing a team; `--check` in CI fails until the files are current.
    """
    config = state.config()
    _refuse_subfolder(config.root)
    ownership = build(config, load_records(config.root, config.max_file_size))
    outputs = {GITHUB_FILE: github_text(ownership)}
    if gitlab:
        outputs[GITLAB_FILE] = gitlab_text(ownership)

    warnings = list(ownership.warnings)
    if too_big := github_size_warning(outputs[GITHUB_FILE]):
        warnings.append(too_big)
    if gitlab:
        warnings += [
            f"GitLab reads {name} before {GITLAB_FILE}, so {GITLAB_FILE} is ignored there; "
            f"remove {name}"
            for name in GITLAB_EARLIER_FILES
            if (config.root / name).is_file()
        ]
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)

    stale = 0
    changes = ChangeSet(config.root)
    for name, text in outputs.items():
        path = config.root / name
        current = _read(path, name)
        if current is not None and current.replace("\r\n", "\n") == text:
            click.echo(f"{name} is up to date")
        elif check:
            stale += 1
            state_word = "missing" if current is None else "out of date"
            click.echo(f"{name} is {state_word} (run clientbook codeowners)")
            if current is not None:
                click.echo(_diff(name, current, text), nl=False)
        else:
            try:
                changes.write(path, text, repository_area(config))
            except WriteRefused as err:
                raise Fail(f"nothing was written: {err}") from None
    if changes.ops:
        apply_changes(changes, doing="writing CODEOWNERS")
        for name, text in outputs.items():
            if changes.root / name in {op.target for op in changes.ops}:
                rules = sum(1 for line in text.splitlines() if line and line[0] not in "#[")
                click.echo(f"wrote {name} ({rules} rules)")
    if check and stale:
        click.echo(f"{stale} of {len(outputs)} CODEOWNERS files need regenerating")
    raise SystemExit(1 if check and stale else 0)


def _read(path: Path, name: str) -> str | None:
    """The file's text, None when it does not exist."""
    if not path.exists():
        return None
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as err:
        raise Fail(f"cannot read {name}: {err.strerror or err}") from None


def _diff(name: str, current: str, text: str) -> str:
    lines = difflib.unified_diff(
        current.replace("\r\n", "\n").splitlines(keepends=True),
        text.splitlines(keepends=True),
        fromfile=f"{name} (committed)",
        tofile=f"{name} (generated)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _refuse_subfolder(root: Path) -> None:
    """GitHub and GitLab read CODEOWNERS only at the top of the git repository,
    with paths from there; written anywhere else the file would protect nothing."""
    here = root.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            if folder != here:
                raise Fail(
                    f"clientbook.yaml is in {here}, not at the top of its git repository "
                    f"({folder}); forges read CODEOWNERS only at the top, so clientbook "
                    "codeowners writes nothing here"
                )
            return

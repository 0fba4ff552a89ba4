"""`clientbook reshard`: move every client file to the folder a layout puts it in, one commit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import click

from clientbook.authoring.reshard import ReshardPlan, ReshardRefused, layout_line, plan_reshard
from clientbook.cli.options import (
    Fail,
    State,
    apply_changes,
    handle_user_errors,
    jobs_option,
    pass_state,
)
from clientbook.compliance.codeowners import GITHUB_FILE, GITLAB_FILE, build
from clientbook.compliance.codeowners_text import github_text, gitlab_text
from clientbook.core import gitwrite
from clientbook.core.areas import records_area, repository_area
from clientbook.core.changeset import ChangeSet, Commit, WriteRefused
from clientbook.core.config import Config
from clientbook.core.records import Record, load_records
from clientbook.core.repo import CLIENTS_DIR, CONFIG_NAME, LAYOUTS
from clientbook.util.regularfile import NotRegular, read_regular
from clientbook.util.workers import worker_count

SHOWN_MOVES = 5


@click.command("reshard")
@click.option(
    "--to",
    "layout",
    type=click.Choice(LAYOUTS),
    help="The layout to move to; clientbook.yaml's `layout:` is set to it in the same commit. "
    "Default: the layout clientbook.yaml names.",
)
@click.option("--dry-run", is_flag=True, help="Say what would move; write nothing.")
@jobs_option
@pass_state
@handle_user_errors
def command(state: State, layout: str | None, dry_run: bool, jobs: int) -> None:
    """Move every client file into the folder a layout puts it in: flat
    (clients/acme.yaml), prefix2 (clients/ac/acme.yaml) or by-team
    (clients/ops/acme.yaml), in one commit.

    File names (the clients' ids) do not change, and each file's modeline is
    set for its new depth. `clientbook history` and the site follow every
    record across the move. A generated CODEOWNERS is regenerated in the same
    commit, so its paths stay right.
    """
    config = state.config()
    wanted = layout or config.layout
    records = load_records(
        config.root, config.max_file_size, use_cache=True, jobs=worker_count(jobs)
    )
    try:
        plan = plan_reshard(records, wanted)
    except ReshardRefused as err:
        raise Fail(f"nothing was moved: {err}") from None
    _say(plan, config)
    if dry_run or (not plan.moves and wanted == config.layout):
        return
    committing = _check_repository(config)
    changes = _changes(config, plan, records)
    done = apply_changes(
        changes, _commit(config.layout, plan) if committing else None, doing="resharding"
    )
    if committing:
        click.echo(f"committed {done.commit[:10]}: {len(plan.moves)} files moved")
    else:
        click.echo(f"moved {len(plan.moves)} files (not a git repository: nothing committed)")


def _say(plan: ReshardPlan, config: Config) -> None:
    click.echo(
        f"layout {config.layout} -> {plan.layout}: {len(plan.moves)} files move, "
        f"{plan.staying} stay where they are"
    )
    for move in plan.moves[:SHOWN_MOVES]:
        click.echo(f"  {move.old} -> {move.new}")
    if len(plan.moves) > SHOWN_MOVES:
        click.echo(
            f"  … and {len(plan.moves) - SHOWN_MOVES} more, into {len(plan.folders)} folders"
        )


def _check_repository(config: Config) -> bool:
    """True in a git repository with nothing uncommitted under clients/ or in clientbook.yaml
    (the reshard commit must hold the moves alone); False outside git."""
    try:
        dirty = gitwrite.changed_paths(config.root, CLIENTS_DIR, CONFIG_NAME)
    except (OSError, subprocess.CalledProcessError):
        return False
    if dirty:
        listed = ", ".join(dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise Fail(
            f"nothing was moved: there are uncommitted changes ({listed}); commit them first, "
            "so the reshard commit holds the moves alone"
        )
    return True


def _changes(config: Config, plan: ReshardPlan, records: list[Record]) -> ChangeSet:
    root = config.root
    changes = ChangeSet(root)
    try:
        for move in plan.moves:
            changes.create(root / move.new, move.text, records_area(config))
            changes.delete(root / move.old, records_area(config))
        if plan.layout != config.layout:
            text = _read(root / CONFIG_NAME, config)
            changes.write(
                root / CONFIG_NAME, layout_line(text, plan.layout), repository_area(config)
            )
        for path, text in _codeowners(config, plan, records).items():
            changes.write(root / path, text, repository_area(config))
    except WriteRefused as err:
        raise Fail(f"nothing was moved: {err}") from None
    return changes


def _read(path: Path, config: Config) -> str:
    try:
        return read_regular(path, config.max_file_size).decode("utf-8")
    except (NotRegular, UnicodeDecodeError) as err:
        raise Fail(f"nothing was moved: {CONFIG_NAME} cannot be read: {err}") from None


def _codeowners(config: Config, plan: ReshardPlan, records: list[Record]) -> dict[str, str]:
    """The CODEOWNERS files the repository has, generated again for the files' new paths."""
    present = [p for p in (GITHUB_FILE, GITLAB_FILE) if (config.root / p).is_file()]
    if not present:
        return {}
    moved = {m.old: m.new for m in plan.moves}
    renamed = [
        Record(moved.get(r.file, r.file), r.raw, r.data, r.problems, r.traps) for r in records
    ]
    ownership = build(config, renamed)
    texts = {GITHUB_FILE: github_text(ownership), GITLAB_FILE: gitlab_text(ownership)}
    return {p: texts[p] for p in present}


def _commit(before: str, plan: ReshardPlan) -> Commit:
    return Commit(
        f"Reshard client files: {before} -> {plan.layout}",
        f"{len(plan.moves)} files moved into {len(plan.folders)} folders; file names (the "
        "clients' ids) unchanged, each modeline set for its depth. Made by clientbook reshard.",
    )

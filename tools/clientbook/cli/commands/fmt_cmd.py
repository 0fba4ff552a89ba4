"""`clientbook fmt`: rewrite client files in canonical form; `--check` for CI."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clientbook.authoring.fmtrun import format_files
from clientbook.cli.options import (
    State,
    apply_changes,
    handle_user_errors,
    jobs_option,
    pass_state,
)
from clientbook.core.areas import records_area
from clientbook.core.changeset import ChangeSet, WriteRefused
from clientbook.core.repo import client_files, relative
from clientbook.lint.fmtcache import CanonicalCache
from clientbook.util.workers import worker_count


@click.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--check", is_flag=True, help="Change nothing; exit 1 if any file is not in canonical form."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one entry per file (path, state: canonical, formatted, unformatted, skipped "
    "or failed, and the problem) and a summary, on standard output.",
)
@jobs_option
@pass_state
@handle_user_errors
def command(state: State, paths: tuple[Path, ...], check: bool, fmt: str, jobs: int) -> None:
    """Format client files: keys in schema order, two-space indentation, comments kept.

    Formatting never changes a record's data: each result is read back and
    compared before any file is replaced. Every file is replaced together, or
    none is; a file that is not UTF-8, a link or not a regular file is left alone.
    """
    config = state.config()
    files = list(paths) or client_files(config.root)
    schema = config.client_schema()
    cache = CanonicalCache(config.root, schema.text)
    known = frozenset(cache.known)
    outcomes = format_files(
        files, schema.document, config.max_file_size, known, worker_count(jobs), config.root
    )
    changes = ChangeSet(config.root)
    report = Report(fmt == "json")
    for outcome in outcomes:
        name = relative(config.root, outcome.path)
        if outcome.state == "canonical":
            cache.add(outcome.sha)
            report.add(name, "canonical")
        elif outcome.state in ("skipped", "failed"):
            problem = f"not formatted: {outcome.problem}" if outcome.state == "failed" else ""
            report.add(name, outcome.state, problem or outcome.problem)
        elif check:
            report.add(name, "unformatted", "not in canonical form (run clientbook fmt)")
        else:
            try:
                changes.write(outcome.path, outcome.text, records_area(config))
            except WriteRefused as err:
                report.add(name, "failed", f"not formatted: {err}")
    if changes.ops:
        for name in apply_changes(changes, doing="formatting").written:
            report.add(name, "formatted")
    # files named alone: the others' hashes are kept; the whole repository: only its own
    cache.save(set(cache.known) if paths else {o.sha for o in outcomes if o.sha})
    report.finish(check, len(files))
    raise SystemExit(1 if report.count("failed") or report.count("unformatted") else 0)


class Report:
    """What became of each file, said as it happens (text) or as one document at the end."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.files: list[dict[str, str]] = []

    def add(self, name: str, state: str, problem: str = "") -> None:
        self.files.append({"path": name, "state": state, "problem": problem})
        if self.as_json or state == "canonical":
            return
        if state == "formatted":
            click.echo(f"formatted {name}")
        elif state == "unformatted":
            click.echo(f"{name}: {problem}")
        else:
            click.echo(f"{name}: {problem}", err=True)

    def count(self, state: str) -> int:
        return sum(1 for f in self.files if f["state"] == state)

    def finish(self, check: bool, total: int) -> None:
        if self.as_json:
            states = ("canonical", "formatted", "unformatted", "skipped", "failed")
            summary = {"files": total, **{s: self.count(s) for s in states}}
            click.echo(json.dumps({"files": self.files, "summary": summary}, indent=2))
        elif check and self.count("unformatted"):
            click.echo(f"{self.count('unformatted')} of {total} files need formatting")

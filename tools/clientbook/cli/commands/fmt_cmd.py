"""`clientbook fmt`: rewrite client files in canonical form; `--check` for CI."""

from __future__ import annotations

import json
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one entry per file (path, state: canonical, formatted, unformatted, skipped "
    "or failed, and the problem) and a summary, on standard output.",
)
@pass_state
@handle_user_errors
def command(state: State, paths: tuple[Path, ...], check: bool, fmt: str) -> None:
    """Format client files: keys in schema order, two-space indentation, comments kept.

    Formatting never changes a record's data: each result is read back and
    compared before any file is replaced. Every file is replaced together, or
    none is; a file that is not UTF-8, a link or not a regular file is left alone.
    """
    config = state.config()
    files = list(paths) or client_files(config.root)
    changes = ChangeSet(config.root)
    report = Report(fmt == "json")
    for path in files:
        name = relative(config.root, path)
        result = _format_file(config, path)
        if result.skipped:
            report.add(name, "skipped", result.problem)
        elif result.text is None:
            report.add(name, "failed", f"not formatted: {result.problem}")
        elif not result.changed:
            report.add(name, "canonical")
        elif check:
            report.add(name, "unformatted", "not in canonical form (run clientbook fmt)")
        else:
            try:
                changes.write(path, result.text, records_area(config))
            except WriteRefused as err:
                report.add(name, "failed", f"not formatted: {err}")
    if changes.ops:
        for name in apply_changes(changes, doing="formatting").written:
            report.add(name, "formatted")
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

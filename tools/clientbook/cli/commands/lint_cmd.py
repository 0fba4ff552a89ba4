"""`clientbook lint`: check client files; exit 1 on errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import click

from clientbook.cli.baseline_file import read_baseline
from clientbook.cli.options import (
    Fail,
    State,
    apply_changes,
    handle_user_errors,
    jobs_option,
    pass_state,
    read_facts_option,
    resolve_today,
    shard_option_value,
    today_option,
)
from clientbook.core.config import Config
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.gitlog import changed_since as git_changed_since
from clientbook.lint.baseline import applied, written
from clientbook.lint.reporters import REPORTERS, choose, text
from clientbook.lint.run import LintResult, lint
from clientbook.lint.shard import Shard
from clientbook.lint.shard_facts import FactsError, to_json
from clientbook.lint.shard_write import all_facts
from clientbook.util.workers import worker_count


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *REPORTERS]),
    default="auto",
    show_default=True,
    help="text for people, json for programs, github for annotations, sarif for code scanning, "
    "gitlab for GitLab's code quality report; auto picks github inside GitHub Actions.",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Only files changed since this git ref (plus the cross-record checks that involve them).",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@jobs_option
@click.option("--no-cache", is_flag=True, help="Ignore and do not update the results cache.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings not in this baseline (matched by rule, client and field, not "
    "line); in SARIF, known findings stay, marked unchanged and suppressed.",
)
@click.option(
    "--no-baseline",
    is_flag=True,
    help="Report every finding, even with a baseline set in clientbook.yaml.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every finding of this run to FILE as the baseline, and exit 0.",
)
@click.option(
    "--shard",
    metavar="I/N",
    callback=lambda _ctx, _param, value: shard_option_value(value),
    help="Check only the I-th of N shares of the records (1-based, by a hash of each client "
    "id), with the cross-record findings placed in them: N CI jobs together report what one "
    "run would.",
)
@click.option(
    "--facts",
    "facts_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --shard: every record's facts from this file (written by --write-facts at the "
    "same commit) instead of reading the other shards' records.",
)
@click.option(
    "--write-facts",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every record's facts and cross-record findings to FILE for --shard runs' "
    "--facts, and exit 0.",
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    paths: tuple[Path, ...],
    fmt: str,
    changed_since: str | None,
    strict: bool,
    jobs: int,
    no_cache: bool,
    output: Path | None,
    baseline: Path | None,
    no_baseline: bool,
    write_baseline: Path | None,
    shard: Shard | None,
    facts_file: Path | None,
    write_facts: Path | None,
    today: dt.datetime | None,
) -> None:
    """Check client records against the schema and the rules.

    PATHS are client files or folders (default: every file in clients/).
    Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage or
    configuration error.
    """
    config = state.config()
    _check_together(shard, facts_file, write_facts, write_baseline, bool(paths or changed_since))
    if write_facts is not None:
        _write_facts(config, write_facts, resolve_today(today), worker_count(jobs), not no_cache)
    only = _changed(config.root, changed_since) if changed_since else None
    try:
        result = lint(
            config,
            resolve_today(today),
            _expand(paths) if paths else None,
            jobs=worker_count(jobs),
            use_cache=not no_cache,
            only=only,
            shard=shard,
            facts=read_facts_option(facts_file),
        )
    except FactsError as err:
        raise Fail(str(err)) from None
    if write_baseline is not None:
        _write(config.root, write_baseline, written(result.diagnostics), "--write-baseline")
        count = len(result.diagnostics)
        click.echo(f"wrote {write_baseline}: {count} finding{'s' if count != 1 else ''} known")
        raise SystemExit(0)
    if baseline is None and config.baseline and not no_baseline:
        baseline = config.root / config.baseline
    if baseline is not None and not no_baseline:
        result = _per_shard(applied(result, read_baseline(baseline), str(baseline)), shard)
    reporter = choose(fmt)
    colour = reporter is text.render and output is None and state.colour()
    report = text.render(result, colour=True) if colour else reporter(result)
    if output:
        _write(config.root, output, report, "--output")
    else:
        click.echo(report, nl=False, color=colour)  # click would strip it off a terminal
    raise SystemExit(result.exit_code(strict))


def _write_facts(config: Config, path: Path, today: dt.date, jobs: int, cache: bool) -> None:
    found = all_facts(config, today, jobs=jobs, use_cache=cache)
    _write(config.root, path, to_json(found), "--write-facts")
    click.echo(f"wrote {path}: the facts of {len(found.files)} client files")
    raise SystemExit(0)


def _changed(root: Path, ref: str) -> set[str]:
    try:
        return git_changed_since(root, ref)
    except GitUnavailable as err:
        raise Fail(str(err)) from None


def _check_together(
    shard: Shard | None,
    facts: Path | None,
    write_facts: Path | None,
    write_baseline: Path | None,
    some: bool,
) -> None:
    """The sharding options that cannot go with others; exit 2 saying why."""
    if write_facts is not None and (shard or facts or write_baseline or some):
        raise Fail(
            "--write-facts writes every record's facts: give it without --shard, --facts, "
            "--write-baseline, --changed-since or PATHS"
        )
    if facts is not None and shard is None:
        raise Fail("--facts is for a sharded run: give --shard I/N with it")
    if write_baseline is not None and shard is not None:
        raise Fail("--write-baseline needs every record's findings: give it without --shard")


def _per_shard(result: LintResult, shard: Shard | None) -> LintResult:
    """A shard cannot tell which unmatched baseline entries are another shard's clients': it
    counts none as gone (an unsharded run does)."""
    return dataclasses.replace(result, fixed=0) if shard is not None else result


def _write(root: Path, path: Path, text: str, option: str) -> None:
    """A report or baseline, written through the write layer into the folder it names."""
    # here, not at the top: a lint that writes no file does without the write layer's imports
    from clientbook.core.areas import output_area
    from clientbook.core.changeset import ChangeSet, WriteRefused

    changes = ChangeSet(root)
    target = path.absolute()
    try:
        changes.write(target, text, output_area(target.parent, option))
    except WriteRefused as err:
        raise Fail(f"{path} was not written: {err}") from None
    apply_changes(changes, doing=f"writing {path}")


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
            )
        else:
            out.append(path)
    return out

"""`clientbook diff [BASE] [HEAD]`: what a pull request changes, per record, for reviewers."""

from __future__ import annotations

import datetime as dt
import html
import json

import click

from clientbook.cli.options import (
    Fail,
    State,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.core.diagnostics import Diagnostic
from clientbook.history.describe import change_words
from clientbook.history.gitlog import GitUnavailable
from clientbook.lint.prdiff import ChangeSet, RecordDiff, compare
from clientbook.lint.run import build_checker
from clientbook.util.markdown import code as code_md
from clientbook.util.markdown import escape as escape_md
from clientbook.util.terminal import printable


@click.command("diff")
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State, base: str | None, head: str | None, fmt: str, today: dt.datetime | None
) -> None:
    """Show what changes between BASE and HEAD in each record, and the lint findings it introduces or fixes.

    BASE defaults to the default branch in clientbook.yaml; the comparison starts
    from the merge base of BASE and HEAD, as a pull request does. Without HEAD,
    the working tree (with uncommitted changes) is compared. The markdown format
    is written for a pull request comment or $GITHUB_STEP_SUMMARY.
    """
    config = state.config()
    checker = build_checker(config, resolve_today(today))
    try:
        changes = compare(config.root, checker, base or config.default_branch, head)
    except GitUnavailable as err:
        raise Fail(str(err)) from None
    if fmt == "json":
        click.echo(json.dumps(_json(changes), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(_markdown(changes), nl=False)
    else:
        click.echo(_text(changes), nl=False)


def _lines(record: RecordDiff) -> list[str]:
    if record.status == "deleted":
        return ["record removed"]
    if record.status == "added":
        name = next((c.new for c in record.changes if c.path == "name"), record.id)
        return [f"new record: {name}"]
    lines = [change_words(c) for c in record.changes]
    if record.status == "renamed":
        lines.insert(0, f"renamed from {record.old_path}")
    return lines or ["no field changes"]


def _finding(d: Diagnostic) -> str:
    return f"{d.severity} [{d.rule}] {d.message}" + (f" (line {d.line})" if d.line else "")


def _text(changes: ChangeSet) -> str:
    head = changes.head if changes.head == "working tree" else changes.head[:10]
    out = [
        f"{len(changes.records)} record{'s' if len(changes.records) != 1 else ''} changed "
        f"({changes.base[:10]}..{head})"
    ]
    for record in changes.records:
        # paths, values and messages come from the records: controls shown, never obeyed
        out.append(f"\n{printable(record.path)} ({record.status})")
        out += [f"    {printable(line)}" for line in _lines(record)]
        out += [f"    introduces: {printable(_finding(d))}" for d in record.introduced]
        out += [f"    fixes: {printable(_finding(d))}" for d in record.fixed]
    return "\n".join(out) + "\n"


def _markdown(changes: ChangeSet) -> str:
    introduced = sum(len(r.introduced) for r in changes.records)
    fixed = sum(len(r.fixed) for r in changes.records)
    out = [
        f"### clientbook: {len(changes.records)} record{'s' if len(changes.records) != 1 else ''} changed",
        "",
        f"{introduced} lint finding{'s' if introduced != 1 else ''} introduced, {fixed} fixed.",
        "",
    ]
    if changes.records:
        out += [
            "| record | change | fields | introduced | fixed |",
            "| --- | --- | --- | --- | --- |",
        ]
        for r in changes.records:
            out.append(
                f"| {code_md(r.path)} | {r.status} | {len(r.changes)} | {len(r.introduced)} | {len(r.fixed)} |"
            )
    for r in changes.records:
        out += [
            "",
            # one line: a blank line in a file name would end the HTML block
            f"<details><summary><code>{html.escape(' '.join(r.path.splitlines()))}</code> "
            f"({r.status})</summary>",
            "",
        ]
        out += [f"- {escape_md(line)}" for line in _lines(r)]
        out += [f"- ❌ introduces {escape_md(_finding(d))}" for d in r.introduced]
        out += [f"- ✅ fixes {escape_md(_finding(d))}" for d in r.fixed]
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def _json(changes: ChangeSet) -> dict[str, object]:
    return {
        "base": changes.base,
        "head": changes.head,
        "records": [
            {
                "path": r.path,
                "old_path": r.old_path,
                "status": r.status,
                "changes": [c.to_dict() for c in r.changes],
                "introduced": [d.to_dict() for d in r.introduced],
                "fixed": [d.to_dict() for d in r.fixed],
            }
            for r in changes.records
        ],
    }

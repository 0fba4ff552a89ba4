"""`clientbook diff [BASE] [HEAD]`: what a pull request changes, per record, for reviewers."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
from clientbook.core.schemanav import holds_personal_data
from clientbook.history.describe import change_words
from clientbook.history.fielddiff import Change
from clientbook.history.gitlog import GitUnavailable
from clientbook.lint.prdiff import ChangeSet, RecordDiff, compare
from clientbook.lint.prreview import Review, review
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
@click.option(
    "--values",
    is_flag=True,
    help="Show the old and new values of personal-data fields too (default: their paths only, "
    "as a pull request comment may be read by more people than the records).",
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    base: str | None,
    head: str | None,
    fmt: str,
    values: bool,
    today: dt.datetime | None,
) -> None:
    """Show what changes between BASE and HEAD in each record, and the lint findings it introduces or fixes.

    BASE defaults to the default branch in clientbook.yaml; the comparison starts
    from the merge base of BASE and HEAD, as a pull request does. Without HEAD,
    the working tree (with uncommitted changes) is compared. The markdown format
    is written for a pull request comment or $GITHUB_STEP_SUMMARY.
    """
    config = state.config()
    day = resolve_today(today)
    checker = build_checker(config, day)
    try:
        changes = compare(config.root, checker, base or config.default_branch, head)
    except GitUnavailable as err:
        raise Fail(str(err)) from None
    schema = checker.schema.document
    reviews = [review(r, r.old_data, r.new_data, schema, config, day) for r in changes.records]
    shown = Shown(schema, values)
    if fmt == "json":
        document = _json(changes, reviews, _markdown(changes, reviews, shown))
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(_markdown(changes, reviews, shown), nl=False)
    else:
        click.echo(_text(changes, reviews, shown), nl=False)


MARKER = "<!-- clientbook-pr-summary -->"


@dataclass(frozen=True)
class Shown:
    """Which values a summary may show: a personal-data field's only with --values."""

    schema: dict[str, Any]
    values: bool

    def words(self, change: Change) -> str:
        if self.values or not holds_personal_data(self.schema, change.path):
            return change_words(change)
        return f"{change.path}: personal data {change.op} (values hidden; --values shows them)"


def _lines(record: RecordDiff, shown: Shown) -> list[str]:
    if record.status == "deleted":
        return ["record removed"]
    if record.status == "added":
        name = next((c.new for c in record.changes if c.path == "name"), record.id)
        return [f"new record: {name}"]
    lines = [shown.words(c) for c in record.changes]
    if record.status == "renamed":
        lines.insert(0, f"renamed from {record.old_path}")
    return lines or ["no field changes"]


def _finding(d: Diagnostic) -> str:
    return f"{d.severity} [{d.rule}] {d.message}" + (f" (line {d.line})" if d.line else "")


def _facts(r: Review) -> list[str]:
    """The facts a reviewer must not miss, one line each."""
    out = []
    if r.personal:
        out.append("personal data changed: " + ", ".join(r.personal))
    out += [f"consent {c}" for c in r.consents]
    if r.status:
        out.append(f"status: {r.status[0]} → {r.status[1]}")
    if r.retention:
        out.append(f"retention until: {r.retention[0] or 'none'} → {r.retention[1] or 'none'}")
    return out


def _text(changes: ChangeSet, reviews: list[Review], shown: Shown) -> str:
    head = changes.head if changes.head == "working tree" else changes.head[:10]
    out = [
        f"{len(changes.records)} record{'s' if len(changes.records) != 1 else ''} changed "
        f"({changes.base[:10]}..{head})"
    ]
    for record, r in zip(changes.records, reviews, strict=True):
        # paths, values and messages come from the records: controls shown, never obeyed
        out.append(f"\n{printable(record.path)} ({record.status}): {printable(r.verdict)}")
        out += [f"    ! {printable(line)}" for line in _facts(r)]
        if record.status != "deleted":  # "record removed" is the verdict already
            out += [f"    {printable(line)}" for line in _lines(record, shown)]
        out += [f"    introduces: {printable(_finding(d))}" for d in record.introduced]
        out += [f"    fixes: {printable(_finding(d))}" for d in record.fixed]
    return "\n".join(out) + "\n"


def _markdown(changes: ChangeSet, reviews: list[Review], shown: Shown) -> str:
    introduced = sum(len(r.introduced) for r in changes.records)
    fixed = sum(len(r.fixed) for r in changes.records)
    count = len(changes.records)
    out = [
        f"### clientbook: {count} record{'s' if count != 1 else ''} changed",
        "",
        f"{introduced} lint finding{'s' if introduced != 1 else ''} introduced, {fixed} fixed.",
        "",
    ]
    pairs = list(zip(changes.records, reviews, strict=True))
    if pairs:
        out += ["| record | change | verdict |", "| --- | --- | --- |"]
        out += [f"| {code_md(r.path)} | {r.status} | {escape_md(v.verdict)} |" for r, v in pairs]
    out += _review_sections(pairs)
    for r, _ in pairs:
        out += [
            "",
            # one line: a blank line in a file name would end the HTML block
            f"<details><summary><code>{html.escape(' '.join(r.path.splitlines()))}</code> "
            f"({r.status})</summary>",
            "",
        ]
        out += [f"- {escape_md(line)}" for line in _lines(r, shown)]
        out += [f"- ❌ introduces {escape_md(_finding(d))}" for d in r.introduced]
        out += [f"- ✅ fixes {escape_md(_finding(d))}" for d in r.fixed]
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def _review_sections(pairs: list[tuple[RecordDiff, Review]]) -> list[str]:
    def personal(v: Review) -> list[str]:
        return [", ".join(map(code_md, v.personal))] if v.personal else []

    def status(v: Review) -> list[str]:
        return [escape_md(f"{v.status[0]} → {v.status[1]}")] if v.status else []

    def retention(v: Review) -> list[str]:
        if not v.retention:
            return []
        return [f"until {v.retention[0] or 'none'} → {v.retention[1] or 'none'}"]

    return [
        *_section("Personal data changed", pairs, personal),
        *_section("Consents", pairs, lambda v: [escape_md(c) for c in v.consents]),
        *_section("Status", pairs, status),
        *_section("Retention", pairs, retention),
    ]


def _section(
    title: str, pairs: list[tuple[RecordDiff, Review]], lines: Callable[[Review], list[str]]
) -> list[str]:
    """A heading and a bullet per record with something to say under it (nothing: no section).
    `lines` gives markdown, escaped."""
    items = [f"- {code_md(r.path)}: {line}" for r, v in pairs for line in lines(v)]
    return ["", f"#### {title}", "", *items] if items else []


def _json(changes: ChangeSet, reviews: list[Review], markdown: str) -> dict[str, object]:
    """Everything, plus the pull request comment: the markdown under a hidden marker, so the
    Action finds its own comment and updates it instead of adding one a push."""
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
                **v.to_dict(),
            }
            for r, v in zip(changes.records, reviews, strict=True)
        ],
        "marker": MARKER,
        "comment": f"{MARKER}\n{markdown}",
    }

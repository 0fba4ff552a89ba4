"""`clientbook report`: the working list for the data protection officer and account managers."""

from __future__ import annotations

import datetime as dt
import json
from itertools import groupby
from pathlib import Path

import click

from clientbook.cli.baseline_file import configured_baseline, read_baseline
from clientbook.cli.options import (
    State,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.compliance.report import Item, build, expired_retention, mark_known
from clientbook.core.config import Config
from clientbook.core.records import load_records
from clientbook.lint.baseline import applied
from clientbook.lint.run import lint
from clientbook.util import csvsafe
from clientbook.util.markdown import code as code_md
from clientbook.util.markdown import escape as escape_md
from clientbook.util.terminal import printable


@click.command("report")
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Also list what falls due within this many days.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "markdown"]),
    default="text",
    show_default=True,
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Mark the items whose findings are in this lint baseline as known "
    "(default: the baseline clientbook.yaml names).",
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State, within: int, fmt: str, baseline: Path | None, today: dt.datetime | None
) -> None:
    """List retention deadlines, reviews, follow-ups, withdrawn consents still in use,
    incomplete onboarding and suspected duplicates, grouped by owner, each with the
    command that resolves it.

    Exit status 1 when a record is past its retention date (and the baseline does
    not know it), so a nightly CI job fails on the day a deadline passes.
    """
    config = state.config()
    day = resolve_today(today)
    records = load_records(config.root, config.max_file_size)
    result = lint(config, day)
    items = build(records, result, config, day, within)
    chosen = (read_baseline(baseline), str(baseline)) if baseline else configured_baseline(config)
    if chosen is not None:
        items = mark_known(items, applied(result, *chosen).known)
    renderers = {"json": _json, "csv": _csv, "markdown": _markdown, "text": _text}
    # CSV is data: click would strip what looks like a colour code from it on a pipe
    click.echo(renderers[fmt](items, config, day), nl=False, color=True if fmt == "csv" else None)
    raise SystemExit(1 if expired_retention(items) else 0)


def _owner_name(config: Config, owner: str) -> str:
    member = config.staff.get(owner)
    return f"{member.name} ({owner})" if member else (owner or "no owner")


def _text(items: list[Item], config: Config, today: dt.date) -> str:
    if not items:
        return f"Nothing due (as of {today}).\n"
    out = [f"Working list as of {today}: {len(items)} item{'s' if len(items) != 1 else ''}"]
    for owner, group in groupby(items, key=lambda i: i.owner):
        # owners, ids and details come from the records: their controls are shown, never obeyed
        out.append(f"\n{printable(_owner_name(config, owner))}")
        for i in group:
            known = " (known: in the baseline)" if i.known else ""
            out.append(
                printable(f"  {i.date or '—':<10}  {i.kind:<24}  {i.client}: {i.detail}{known}")
            )
            out.append(printable(f"  {'':<10}  {'':<24}  → {i.command}"))
    return "\n".join(out) + "\n"


def _json(items: list[Item], config: Config, today: dt.date) -> str:
    return (
        json.dumps(
            {"today": today.isoformat(), "items": [i.to_dict() for i in items]},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def _csv(items: list[Item], config: Config, today: dt.date) -> str:
    header = ("owner", "owner_name", "client", "file", "kind", "date", "detail", "command", "known")
    return csvsafe.render(
        header,
        (
            (
                i.owner,
                _owner_name(config, i.owner),
                i.client,
                i.file,
                i.kind,
                i.date,
                i.detail,
                i.command,
                "yes" if i.known else "",
            )
            for i in items
        ),
    )


def _markdown(items: list[Item], config: Config, today: dt.date) -> str:
    out = [f"## Working list as of {today}", ""]
    if not items:
        return "\n".join([*out, "Nothing due."]) + "\n"
    for owner, group in groupby(items, key=lambda i: i.owner):
        out += [
            f"### {escape_md(_owner_name(config, owner))}",
            "",
            "| date | what | client | detail | to resolve |",
            "| --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {i.date or '—'} | {i.kind}{' (known)' if i.known else ''} | {code_md(i.client)} "
            f"| {escape_md(i.detail)} "
            f"| {code_md(i.command)} |"
            for i in group
        ]
        out.append("")
    return "\n".join(out)

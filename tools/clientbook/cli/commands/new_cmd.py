"""`clientbook new [ID]`: create a client record from the terminal, clean for lint, ready for a PR."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from clientbook.authoring.formmodel import Field
from clientbook.authoring.forms import config_form
from clientbook.authoring.newrecord import convert, slugify, starting_values, to_yaml, top_level
from clientbook.cli.options import (
    Fail,
    State,
    apply_changes,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.core.areas import records_area
from clientbook.core.changeset import ChangeSet, WriteRefused
from clientbook.core.config import Config
from clientbook.core.records import record_from_bytes
from clientbook.core.schema import Schema
from clientbook.lint.checkfile import Checker
from clientbook.lint.run import build_checker


@click.command("new")
@click.argument("client_id", required=False, metavar="[ID]")
@click.option("--name", help="The client's name.")
@click.option(
    "--kind",
    type=click.Choice(["organization", "individual"]),
    help="Organisation or private person.",
)
@click.option(
    "--status",
    type=click.Choice(["contact", "active", "paused", "former"]),
    help="Lifecycle status (default: contact).",
)
@click.option("--owner", help="Staff id of the account manager.")
@click.option("--team", help="Team id.")
@click.option("--jurisdiction", help="Jurisdiction id, e.g. EU, GB, US-CA, BR, IN.")
@click.option("--industry", help="Industry or sector.")
@click.option("--since", help="Date the status began (default: today).")
@click.option(
    "--interactive",
    "-i",
    is_flag=True,
    help="Prompt for every required field, and offer the optional ones.",
)
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    client_id: str | None,
    name: str | None,
    kind: str | None,
    status: str | None,
    owner: str | None,
    team: str | None,
    jurisdiction: str | None,
    industry: str | None,
    since: str | None,
    interactive: bool,
    today: dt.datetime | None,
) -> None:
    """Create clients/ID.yaml. It must lint clean; an existing client is never overwritten."""
    given = {
        "name": name,
        "kind": kind,
        "status": status,
        "owner": owner,
        "team": team,
        "jurisdiction": jurisdiction,
        "industry": industry,
        "since": since,
    }
    config = state.config()
    checker = build_checker(config, resolve_today(today))
    model = config_form(config, checker.schema.document)
    answers = {k: v for k, v in given.items() if v is not None}
    if client_id:
        answers["id"] = client_id
    record = starting_values(model, answers, resolve_today(today))
    if interactive:
        record = _prompt(model, record, checker.schema, given_id=bool(client_id))
    missing = [f.key for f in top_level(model).values() if f.required and f.key not in record]
    if missing:
        raise Fail(
            f"missing {', '.join(missing)}: give them as options (--{missing[0].replace('_', '-')} …) or use --interactive"
        )
    _create(config, checker, record)


def _create(config: Config, checker: Checker, record: dict[str, Any]) -> None:
    """Write clients/ID.yaml through the write layer once it lints clean; never overwrite."""
    if not record.get("id") and isinstance(record.get("name"), str):
        raise Fail(
            f"the name {record['name']!r} makes no id (nothing in it can be spelt in ASCII "
            f"letters or digits): give one, as in 'clientbook new ID --name ...'"
        )
    if not isinstance(record.get("id"), str) or not record["id"]:
        raise Fail(
            "the client schema has no string 'id' field, or none was given: clientbook names "
            "each client's file after its id (clients/ID.yaml); add 'id' to the schema's "
            "properties and required list, or give the id: 'clientbook new ID'"
        )
    existing = config.client_file(record["id"])
    if existing is not None:
        raise Fail(f"{existing} already exists; clientbook new never overwrites a client")
    file = config.new_client_file(record["id"], record.get("team"))
    path = config.root / file
    text = to_yaml(record, file)
    result = checker.check_record(record_from_bytes(file, text.encode()))
    if result.diagnostics:
        for d in result.diagnostics:
            click.echo(
                f"{d.file}:{d.line}:{d.column}: {d.severity} [{d.rule}] {d.message}", err=True
            )
        raise SystemExit(1)
    changes = ChangeSet(config.root)
    try:
        changes.create(path, text, records_area(config))
    except WriteRefused as err:
        raise Fail(f"nothing was created: {err}") from None
    apply_changes(changes, doing="creating the client")
    click.echo(f"created {file}")
    click.echo("\nTo propose it:")
    click.echo(f"  git switch -c add-{record['id']}")
    click.echo(f"  git add {file}")
    click.echo(f'  git commit -m "Add client {record.get("name", record["id"])}"')
    click.echo(f"  git push -u origin add-{record['id']}   # then open a pull request")


def _prompt(model: Any, record: dict[str, Any], schema: Schema, given_id: bool) -> dict[str, Any]:
    """Ask for every required field (offering its default), and offer the optional ones, in schema order."""
    fields = top_level(model)
    for f in fields.values():
        if f.widget in ("group", "list", "yaml") or (f.key == "id" and given_id):
            continue
        if not f.required and not click.confirm(f"Add {f.label.lower()}?", default=False):
            continue
        record[f.key] = _ask(f, record.get(f.key), schema)
        if f.key == "name" and not given_id:
            record["id"] = slugify(str(record["name"]))
    return {key: record[key] for key in fields if key in record}


def _ask(f: Field, default: Any, schema: Schema) -> Any:
    """Ask until the answer passes the schema's rules for this field."""
    choice = click.Choice(list(f.options)) if f.options else None
    while True:
        suffix = f" ({f.help})" if f.help and len(f.help) < 60 else ""
        text = click.prompt(
            f"{f.label}{suffix}", default=default, type=choice, show_choices=bool(choice)
        )
        try:
            value = convert(f, str(text))
        except ValueError:
            click.echo(f"  '{text}' is not a {f.type}", err=True)
            continue
        problems = [p for p in schema.findings({f.key: value}) if p.pointer.split("/")[0] == f.key]
        if not problems:
            return value
        click.echo(
            f"  {problems[0].message}" + (f" — {problems[0].hint}" if problems[0].hint else ""),
            err=True,
        )

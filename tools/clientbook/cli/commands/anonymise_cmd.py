"""`clientbook anonymise CLIENT`: keep a former client's figures, remove who they were."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clientbook.authoring.newrecord import to_yaml
from clientbook.cli.options import (
    Fail,
    State,
    apply_changes,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.compliance.anonymise import AnonymiseRefused, anonymise
from clientbook.compliance.erasure import ErasureRefused, plan
from clientbook.core.areas import documents_area, records_area
from clientbook.core.changeset import ChangeSet, Commit, WriteRefused
from clientbook.core.records import Record, load_records
from clientbook.history.gitlog import GitUnavailable, open_repo
from clientbook.util.lineend import line_end, with_line_end

if TYPE_CHECKING:  # GitPython is imported where a repository is opened (gitlog.open_repo)
    pass


@click.command("anonymise")
@click.argument("client")
@click.option("--by", default="", help="Who anonymises (recorded in the record).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@today_option
@pass_state
@handle_user_errors
def command(state: State, client: str, by: str, yes: bool, today: dt.datetime | None) -> None:
    """Anonymise a former client: remove every personal-data field (x-pii) and all free text,
    keep the rest (dates, counts, industry, figures), mark it anonymised, and commit.

    An individual's name and id are replaced, and the file renamed. Documents only this record
    references are removed. Lint then treats the record as retained-anonymised.
    """
    config = state.config()
    root = config.root
    record, former = _former_client(root, client)
    try:
        repo = open_repo(root)
        chosen = plan(root, client, repo)
    except GitUnavailable:
        repo, chosen = None, None
    except ErasureRefused as err:
        raise Fail(str(err)) from None
    schema = config.client_schema().document
    try:
        data, removed = anonymise(former, schema, resolve_today(today), by, file=record.file)
    except AnonymiseRefused as err:
        raise Fail(f"nothing was anonymised: {err}") from None
    click.echo(
        f"Anonymising {record.file}: removing {len(removed)} values ({', '.join(removed[:8])}"
        f"{', …' if len(removed) > 8 else ''})"
    )
    documents = chosen.documents if chosen else ()
    for document in documents:
        click.echo(f"  and {document} (referenced by this record only)")
    if not yes and not click.confirm("Go ahead?", default=False):
        raise Fail("nothing was changed")
    changes = ChangeSet(root)
    file = f"{record.file.rsplit('/', 1)[0]}/{data['id']}.yaml"  # in the record's own folder
    target = root / file
    text = with_line_end(to_yaml(data, file), line_end(record.text))  # the file's own ends
    try:
        if target == root / record.file:
            changes.write(target, text, records_area(config))
        else:
            changes.create(target, text, records_area(config))
            changes.delete(root / record.file, records_area(config))
        for document in documents:
            changes.delete(root / document, documents_area(config))
    except WriteRefused as err:
        raise Fail(f"nothing was anonymised: {err}") from None
    done = apply_changes(changes, _COMMIT if repo is not None else None, doing="anonymising")
    name = target.relative_to(root)
    if repo is None:
        click.echo(f"wrote {name} (not a git repository: nothing committed)")
        return
    click.echo(f"committed {done.commit[:10]}: {name}")
    click.echo(
        "Earlier versions in git history still hold the personal data; if they must go too, "
        "use 'clientbook erase --purge-history' instead (it removes the record entirely)."
    )


_COMMIT = Commit(
    "Anonymise a former client record",
    "Personal data and free text removed; figures kept for reporting.",
)


def _former_client(root: Path, client: str) -> tuple[Record, dict[str, Any]]:
    """The record of `client` (by id or file name) and its data; Fail unless it is readable and
    a former client not yet anonymised."""
    record = next(
        (r for r in load_records(root) if r.id == client or Path(r.file).stem == client), None
    )
    if record is None or record.data is None:
        raise Fail(f"no readable client '{client}' in clients/")
    if record.data.get("anonymised"):
        raise Fail(f"{record.file} is already anonymised")
    if record.data.get("status") != "former":
        raise Fail(
            f"{record.file} is not a former client (status: {record.data.get('status')}); only former "
            "clients are anonymised (set status: former and ended first)"
        )
    return record, record.data

"""`clientbook erase CLIENT --request REF`: the right to erasure, with a tombstone and, optionally, a history purge."""

from __future__ import annotations

import datetime as dt

import click

from clientbook.cli.options import (
    Fail,
    State,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.compliance.erasure import ErasureRefused, erase, leftovers, plan
from clientbook.compliance.erasure import purge_history as rewrite_history
from clientbook.history.gitlog import GitUnavailable, open_repo


@click.command("erase")
@click.argument("client")
@click.option(
    "--request",
    required=True,
    metavar="REF",
    help="The erasure request's reference (e.g. DSR-2026-014).",
)
@click.option(
    "--by", help="Who erases, for the tombstone (default: git's user.name and user.email)."
)
@click.option(
    "--purge-history",
    is_flag=True,
    help="Also rewrite git history so that no commit holds the record (git filter-repo).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@today_option
@pass_state
@handle_user_errors
def command(
    state: State,
    client: str,
    request: str,
    by: str | None,
    purge_history: bool,
    yes: bool,
    today: dt.datetime | None,
) -> None:
    """Erase CLIENT: remove its record and the documents only it references, append a tombstone
    (salted hashes, never personal data) to erasures.yaml, and commit.

    With --purge-history, every commit is then rewritten without the record's file (under
    every name it had) and its documents. Refuses on uncommitted changes.
    """
    root = state.root()
    try:
        repo = open_repo(root)
        chosen = plan(root, client, repo)
    except (GitUnavailable, ErasureRefused) as err:
        raise Fail(str(err)) from None
    click.echo(f"Erasing {chosen.record} under request {request}.")
    for document in chosen.documents:
        click.echo(f"  and {document} (referenced by this record only)")
    for document in chosen.shared:
        click.echo(f"  keeping {document} (other records reference it too)")
    if purge_history:
        click.echo("  and rewriting history to remove: " + ", ".join(chosen.history_paths))
    if not yes and not click.confirm("Go ahead?", default=False):
        raise Fail("nothing was changed")
    who = by or _git_user(repo)
    commit = erase(root, repo, chosen, request, who, resolve_today(today))
    click.echo(f"committed {commit[:10]}: record removed, tombstone added to erasures.yaml")
    if not purge_history:
        click.echo(
            "The old versions are still in git history; use --purge-history to remove them too."
        )
        return
    try:
        purged = rewrite_history(
            repo, chosen.history_paths, resolve_today(today).strftime("%Y%m%d") + "-" + commit[:8]
        )
    except ErasureRefused as err:
        raise Fail(str(err)) from None
    remaining = leftovers(repo, chosen.history_paths)
    if remaining:
        raise Fail(
            f"{len(remaining)} commits still hold the record; nothing was pushed: check with "
            f"'git log --all -- {chosen.record}'"
        )
    click.echo(
        f"History rewritten ({len(purged.rewritten)} refs); no commit in this clone holds the record."
    )
    click.echo(_AFTER_PURGE)


def _git_user(repo: object) -> str:
    reader = repo.config_reader()  # type: ignore[attr-defined]
    name = reader.get_value("user", "name", "") if reader.has_option("user", "name") else ""
    email = reader.get_value("user", "email", "") if reader.has_option("user", "email") else ""
    return f"{name} <{email}>".strip() if name or email else "unknown"


_AFTER_PURGE = """
Next steps (the copies elsewhere still hold the record):
  1. Publish the rewritten history:   git push --force --all && git push --force --tags
  2. Everyone with a clone must re-clone (or reset hard onto the new history); an old
     clone pushed back would bring the record back.
  3. Forges keep their own copies: pull-request refs (refs/pull/* on GitHub, merge
     requests on GitLab), forks, caches and backups are not rewritten by a push. Ask the
     forge's support to purge cached views and PR refs, and delete affected forks.
  4. CI caches (e.g. .clientbook/cache restored by actions/cache) may hold parsed
     copies: clear them."""

"""`clientbook erase CLIENT --request REF`: the right to erasure, with a tombstone and, optionally, a history purge."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from click.core import ParameterSource

from clientbook.cli.options import (
    Fail,
    State,
    handle_user_errors,
    pass_state,
    resolve_today,
    today_option,
)
from clientbook.compliance.erasure import ErasureRefused, Plan, erase, leftovers, plan
from clientbook.compliance.erasure import purge_history as rewrite_history
from clientbook.compliance.erasure_check import (
    SiteNotRemoved,
    SiteUnusable,
    Verification,
    check_site,
    drop_caches,
    remove_built_site,
    verify,
)
from clientbook.core.changeset import WriteRefused, locked
from clientbook.core.config import Config
from clientbook.core.repo import SITE_MARKER
from clientbook.history.gitlog import GitUnavailable, open_repo
from clientbook.util.terminal import printable


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
@click.option(
    "--site",
    "site",
    type=click.Path(path_type=Path),  # checked against the repository, not the current folder
    default=Path("site"),
    show_default=True,
    help=(
        "A site built before the erasure, which still shows the record: removed. One given "
        "must be a folder clientbook built; the default is left alone if clientbook did not."
    ),
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
    site: Path,
    yes: bool,
    today: dt.datetime | None,
) -> None:
    """Erase CLIENT: remove its record and the documents only it references, append a tombstone
    (salted hashes, never personal data) to erasures.yaml, and commit.

    Only regular files under documents/ are removed; anything else an agreement names is
    listed and left alone. With --purge-history, every commit is then rewritten without the
    record's file (under every name it had) and its documents. clientbook's caches and a site
    built before are dropped, and the tree, the caches and (with --purge-history) every commit
    are searched for the client's id and emails. Refuses on uncommitted changes, and on a
    --site that is a symbolic link, not a folder, or (given on purpose) not a site clientbook
    built, before anything is erased.
    """
    config = state.config()
    root = config.root
    built = site if site.is_absolute() else root / site
    named = click.get_current_context().get_parameter_source("site") is not ParameterSource.DEFAULT
    try:
        check_site(built, root, named=named)
        with locked(root) as recovered:
            for note in recovered:
                click.echo(f"clientbook: {note}", err=True)
            _erase(config, client, request, by, purge_history, built, yes, resolve_today(today))
    except (WriteRefused, SiteUnusable) as err:
        raise Fail(f"nothing was erased: {err}") from None


def _erase(
    config: Config,
    client: str,
    request: str,
    by: str | None,
    purge_history: bool,
    site: Path,
    yes: bool,
    today: dt.date,
) -> None:
    root = config.root
    try:
        repo = open_repo(root)
        chosen = plan(root, client, repo)
    except (GitUnavailable, ErasureRefused) as err:
        raise Fail(str(err)) from None
    _show_plan(chosen, request, purge_history)
    if not yes and not click.confirm("Go ahead?", default=False):
        raise Fail("nothing was changed")
    commit = erase(config, chosen, request, by or _git_user(repo), today)
    click.echo(f"committed {commit[:10]}: record removed, tombstone added to erasures.yaml")
    if purge_history:
        _purge(repo, chosen, today.strftime("%Y%m%d") + "-" + commit[:8])
    else:
        click.echo(
            "The old versions are still in git history; use --purge-history to remove them too."
        )
    _leave_no_copies(root, chosen, site, purge_history, commit)


def _show_plan(chosen: Plan, request: str, purge_history: bool) -> None:
    click.echo(f"Erasing {chosen.record} under request {request}.")
    for document in chosen.documents:
        click.echo(f"  and {document} (referenced by this record only)")
    for document in chosen.shared:
        click.echo(f"  keeping {document} (other records reference it too)")
    for document in chosen.missing:
        click.echo(f"  {document} is referenced but does not exist: nothing to remove")
    for value, why in chosen.refused:
        click.echo(f"  refusing to touch {printable(value)}: {why}")
    if purge_history:
        click.echo("  and rewriting history to remove: " + ", ".join(chosen.history_paths))


def _purge(repo: object, chosen: Plan, stamp: str) -> None:
    try:
        purged = rewrite_history(repo, chosen.history_paths, stamp)  # type: ignore[arg-type]
    except ErasureRefused as err:
        raise Fail(str(err)) from None
    remaining = leftovers(repo, chosen.history_paths)  # type: ignore[arg-type]
    if remaining:
        raise Fail(
            f"{len(remaining)} commits still hold the record; nothing was pushed: check with "
            f"'git log --all -- {chosen.record}'"
        )
    click.echo(
        f"History rewritten ({len(purged.rewritten)} refs); no commit in this clone holds the record."
    )
    click.echo(_AFTER_PURGE)


def _leave_no_copies(root: Path, chosen: Plan, site: Path, purged: bool, commit: str) -> None:
    """Drop the caches and a site built before, then say where the id or an email still is.

    The erasure is committed by now: a site that cannot be removed is reported, with what
    is left of it, and the command fails, but the verification runs all the same.
    """
    dropped = drop_caches(root)
    if dropped:
        click.echo(
            f"Dropped clientbook's caches ({len(dropped)} files); the next run rebuilds them."
        )
    stuck = ""
    try:
        if remove_built_site(site):
            click.echo(
                f"Removed the site built before the erasure ({site}); run 'clientbook build' again."
            )
        elif site.exists():
            click.echo(f"warning: {site} was not built by clientbook and was left alone", err=True)
    except SiteNotRemoved as err:
        stuck = str(err)
        click.echo(
            f"warning: the site built before the erasure ({site}) could not be fully removed: "
            f"{printable(stuck)}",
            err=True,
        )
    found = verify(root, chosen.needles, history=purged, site=site if stuck else None)
    _report(found, purged, site)
    if stuck:
        raise Fail(_site_left(commit, site, found.site))


def _report(found: Verification, purged: bool, site: Path) -> None:
    if found.clean():
        where = (
            "the working tree, every commit and clientbook's caches"
            if purged
            else ("the working tree and clientbook's caches")
        )
        click.echo(f"Verified: {where} hold neither the client's id nor its emails.")
        return
    for name in found.files:
        click.echo(f"warning: {name} still holds the client's id or an email", err=True)
    for name in found.caches:
        click.echo(f"warning: {name} still holds the client's id or an email", err=True)
    for name in found.site:
        click.echo(
            f"warning: {printable(str(site / name))} (the site built before) still holds "
            "the client's id or an email",
            err=True,
        )
    if found.commits:
        click.echo(
            f"warning: {len(found.commits)} commits still hold the client's id or an email "
            f"(first: {found.commits[0][:10]})",
            err=True,
        )


def _site_left(commit: str, site: Path, left: list[str]) -> str:
    """What the failure says: the erasure stands, the site does not, and what to do."""
    done = f"the record was erased and committed ({commit[:10]}), but the site built before"
    pages = [name for name in left if name != SITE_MARKER]  # the manifest names the pages
    if pages:
        shown = ", ".join(printable(str(site / name)) for name in pages[:3])
        more = f" and {len(pages) - 3} more" if len(pages) > 3 else ""
        held = f"still holds the client's page(s): {shown}{more}"
    elif left:
        held = f"still names the client in its manifest ({site / SITE_MARKER})"
    else:
        held = "is only partly removed (no file left holds the client's id or emails)"
    return (
        f"{done} the erasure at {site} could not be fully removed and {held}. Remove {site} "
        "by hand (whatever stopped it first: permissions, 'chattr -i', a mount) and run "
        "'clientbook build' again"
    )


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

"""Erasure and merges: a client erased on request, or merged into another, is not silently re-created."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.merges import merged_away
from clientbook.core.tombstones import fingerprints
from clientbook.lint.rules.base import Context, record_rule, shared_by_run


@record_rule(
    "previously-erased", Severity.ERROR, "the record matches a client erased on request", "erasure"
)
def previously_erased(data: Any, ctx: Context) -> Iterator[Finding]:
    """A record whose id or a contact's email matches a tombstone in
    erasures.yaml (salted hashes written by `clientbook erase`) re-creates a
    client whose data was erased on request. That needs a new lawful basis:
    confirm it, then keep the record with `# clientbook: ignore[previously-erased]`
    and the reason on the id line.

    Fails: clients/acme.yaml re-created after `clientbook erase acme --request DSR-7`
    """
    if not ctx.erased or not ctx.salt:
        return
    for digest in sorted(fingerprints(data, ctx.salt)):
        if digest in ctx.erased:
            date, request = ctx.erased[digest]
            yield Finding(
                "id",
                f"this client was erased on {date} under request {request}",
                "re-creating it needs a new lawful basis; if there is one, keep the record with "
                "'# clientbook: ignore[previously-erased]' and the reason",
            )
            return


@record_rule(
    "previously-merged",
    Severity.ERROR,
    "the record re-creates a client merged into another",
    "merges",
)
def previously_merged(data: Any, ctx: Context) -> Iterator[Finding]:
    """A client merged into another with `clientbook merge` lives on in the
    record it was merged into: its contacts, interactions and history are
    there, and merges.yaml says where. A record with the merged client's id
    (or file name) splits the client again, as the duplicate did before the
    merge: add what it holds to the record kept, then delete it. If it really
    is another client, give it another id.

    Passes: `id: acme-logistics` after `clientbook merge acme-logistics acme-freight`
    Fails:  clients/acme-freight.yaml created again after that merge
    """
    # read once a run: a stat of merges.yaml for every record was a fortieth of a cold lint
    merged = shared_by_run(ctx, "merged", lambda: merged_away(ctx.root))
    if not merged:
        return
    own = data.get("id") if isinstance(data.get("id"), str) else None
    for name in dict.fromkeys(n for n in (own, PurePosixPath(ctx.file).stem) if n):
        entry = merged.get(name)
        if entry is not None and entry.into != name:
            yield Finding(
                "id",
                f"'{name}' was merged into {entry.into} on {entry.date} (clientbook merge)",
                f"add what this record holds to clients/{entry.into}.yaml and delete this "
                "file; if it is another client, give it another id",
            )
            return


RULES = (previously_erased, previously_merged)

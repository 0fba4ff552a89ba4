"""Erasure: a client erased on request is not silently re-created."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.tombstones import fingerprints
from clientbook.lint.rules.base import Context, record_rule


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


RULES = (previously_erased,)

"""A candidate made a whole record: options, the mapping's defaults, the schema's, and its provenance.

Precedence, field by field: the row, then the command's options (--owner, --team,
--jurisdiction, --status, --since), then the mapping's `defaults`, then the schema's
defaults for required fields; `since` is the import's day, and the team is the owner's.
Where the record came from is written in its notes ("Imported 2026-12-05 from HubSpot
export 2026-12-01 (clientbook import).") — the schema's place for free text, kept from
the restricted site — and as the `source` of any consent the rows give without one, so
the lawful basis of every imported record can be traced.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from clientbook.core.config import Config
from clientbook.core.schemanav import resolve
from clientbook.intake.candidate import Candidate
from clientbook.intake.mapping import Mapping
from clientbook.intake.matching import MATCHES


@dataclass(frozen=True)
class Options:
    today: dt.date
    source: str  # where the rows came from, for the provenance note
    note_source: bool = True  # JSON Lines of clientbook's own records are taken as they are…
    fill: bool = True  # …with nothing filled in: an export imported again is the same record
    owner: str = ""
    team: str = ""
    jurisdiction: str = ""
    status: str = ""
    since: str = ""
    order: tuple[str, ...] = MATCHES
    update: bool = False
    create_only: bool = False


def complete(
    candidate: Candidate, mapping: Mapping, options: Options, config: Config, schema: dict[str, Any]
) -> dict[str, Any]:
    data = dict(candidate.data)  # `ordered` copies what it keeps: the candidate stays as it was
    if options.fill:
        _fill(data, mapping, options, config, schema)
    if options.note_source and options.source:
        _provenance(data, options, schema.get("properties", {}))
    result: dict[str, Any] = ordered(data, schema, schema)
    return result


def _fill(
    data: dict[str, Any], mapping: Mapping, options: Options, config: Config, schema: dict[str, Any]
) -> None:
    properties = schema.get("properties", {})
    given = {
        "owner": options.owner,
        "team": options.team,
        "jurisdiction": options.jurisdiction,
        "status": options.status,
        "since": options.since,
    }
    for key, value in given.items():
        if value and key in properties:
            data.setdefault(key, value)
    for key, value in mapping.defaults.items():
        data.setdefault(key, copy.deepcopy(value))
    for key in schema.get("required", []):
        default = resolve(properties.get(key, {}), schema).get("default")
        if default is not None:
            data.setdefault(key, default)
    if "since" in properties:
        data.setdefault("since", options.today.isoformat())
    member = config.staff.get(str(data.get("owner", "")))
    if "team" in properties and member is not None and member.team in config.teams:
        data.setdefault("team", member.team)


def _provenance(data: dict[str, Any], options: Options, properties: dict[str, Any]) -> None:
    note = f"Imported {options.today.isoformat()} from {options.source} (clientbook import)."
    if "notes" in properties:
        old = data.get("notes")
        data["notes"] = f"{old}\n\n{note}" if isinstance(old, str) and old.strip() else note
    consents = data.get("consents")
    if isinstance(consents, list):
        data["consents"] = [
            {**c, "source": c.get("source", options.source[:500])} if isinstance(c, dict) else c
            for c in consents
        ]


def ordered(value: Any, node: dict[str, Any], root: dict[str, Any]) -> Any:
    """Keys in the order the schema lists them (as `clientbook fmt` writes them), all the way down."""
    node = resolve(node, root)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        keys = [k for k in properties if k in value] + [k for k in value if k not in properties]
        return {k: ordered(value[k], properties.get(k, {}), root) for k in keys}
    if isinstance(value, list):
        items = node.get("items", {})
        return [ordered(v, items, root) for v in value]
    return value

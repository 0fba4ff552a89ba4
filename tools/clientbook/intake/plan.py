"""What the import does with each client: create it, update it, leave it, or skip it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clientbook.core.config import Config
from clientbook.core.records import Record
from clientbook.intake.candidate import Candidate, merge_rows
from clientbook.intake.complete import Options, complete
from clientbook.intake.mapping import Mapping
from clientbook.intake.matching import Index
from clientbook.intake.update import Change, update

CREATE, UPDATE, UNCHANGED, PRESENT, SKIPPED = "create", "update", "unchanged", "present", "skipped"


@dataclass
class Outcome:
    action: str
    candidate: Candidate
    file: str = ""  # clients/ID.yaml, new or matched
    data: dict[str, Any] | None = None  # the record to write
    record: Record | None = None  # the record matched
    matched_by: str = ""
    change: Change | None = None
    reason: str = ""  # why it was skipped

    @property
    def id(self) -> str:
        value = (self.data or self.candidate.data).get("id")
        return value if isinstance(value, str) else ""


def decide(
    candidates: list[Candidate],
    records: list[Record],
    mapping: Mapping,
    options: Options,
    config: Config,
    schema: dict[str, Any],
) -> list[Outcome]:
    index = Index(options.order, config.ignore_domains)
    readable = [r for r in records if r.data is not None]
    for number, record in enumerate(readable):
        assert record.data is not None
        index.add(record.data, number)
    taken = {r.id for r in records} | {r.file.rpartition("/")[2].rsplit(".", 1)[0] for r in records}
    fresh: list[Candidate] = []
    matched: dict[int, tuple[Candidate, str]] = {}
    for candidate in candidates:
        hit = index.find(candidate.data)
        if hit is None:
            fresh.append(candidate)
        elif hit[0] in matched:  # two clients of the import are one client of the repository
            merge_rows(matched[hit[0]][0], candidate)
        else:
            matched[hit[0]] = (candidate, hit[1])
    outcomes = [_create(c, mapping, options, config, schema, taken) for c in fresh]
    outcomes += [
        _matched(candidate, readable[number], by, mapping, options)
        for number, (candidate, by) in sorted(matched.items(), key=lambda m: m[1][0].lines[0])
    ]
    return sorted(outcomes, key=lambda o: o.candidate.lines[0])


def _create(
    candidate: Candidate,
    mapping: Mapping,
    options: Options,
    config: Config,
    schema: dict[str, Any],
    taken: set[str],
) -> Outcome:
    data = complete(candidate, mapping, options, config, schema)
    wanted = data.get("id")
    if not isinstance(wanted, str) or not wanted:
        return Outcome(SKIPPED, candidate, reason=_no_id(data.get("name")))
    client_id = unique(wanted, taken)
    taken.add(client_id)
    if client_id != wanted:
        data["id"] = client_id
    return Outcome(CREATE, candidate, config.new_client_file(client_id, data.get("team")), data)


def _no_id(name: Any) -> str:
    give = "give it one in an id column (lower-case letters, digits and single hyphens)"
    if not isinstance(name, str) or not name.strip():
        return f"no name to make its id from; {give}"
    shown = name if len(name) <= 60 else name[:59] + "…"
    return f"its name {shown!r} has no letter or digit that can be spelt in ASCII for an id; {give}"


def unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `-3`… when another client has it already."""
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def _matched(
    candidate: Candidate, record: Record, by: str, mapping: Mapping, options: Options
) -> Outcome:
    assert record.data is not None
    change = update(record.data, candidate, mapping)
    outcome = Outcome(PRESENT, candidate, record.file, None, record, by, change)
    if options.update and (change.added or change.changed):
        outcome.action, outcome.data = UPDATE, change.data
    elif options.update or not (change.added or change.differences):
        outcome.action = UNCHANGED
    return outcome


def count(outcomes: list[Outcome]) -> dict[str, int]:
    found = dict.fromkeys((CREATE, UPDATE, UNCHANGED, PRESENT, SKIPPED), 0)
    for outcome in outcomes:
        found[outcome.action] += 1
    return found

"""CODEOWNERS for a records repository: who must review a change to which file.

Pure functions: `build(config, records)` here decides the rules and collects
the warnings; `github_text` and `gitlab_text` in codeowners_text.py (or
`render_github` and `render_gitlab` there, which do both steps) turn them into
the text of `.github/CODEOWNERS` and `.gitlab/CODEOWNERS`. Nothing reads the
disk or prints; the same configuration and records always give the same bytes,
so `clientbook codeowners --check` is stable.

The rules, in the order a forge reads them (the LAST matching pattern wins on
GitHub, and within a section on GitLab):

1. `*`, the default: the data protection team. Anything no later rule names
   needs the team that guards the personal data: CI workflows, the README,
   documents no agreement refers to, a client file added since CODEOWNERS was
   last generated, and a client whose team has no forge handle. Failing safe
   costs the data protection team the odd extra review; failing open would let
   a change through with no review at all.
2. The data protection files: clientbook.yaml, schemas/, templates/,
   erasures.yaml, the CI definitions and both CODEOWNERS files.
3. One line per client file, sorted by path: the record's `team`, or, without
   a usable one, the team of the record's `owner`.
4. One line per agreement document inside the repository, sorted by path: the
   owners of every client whose agreements name it.

On GitLab, sections are evaluated separately and every matching section must
approve, so the default rule sits in the `[Client records]` section, where a
client's own rule replaces it; the `[Data protection]` section lists only the
data protection files.

A team without `forge_team` has no handle to write: its lines are written
commented out with a note, a warning names the team and its files, and on
GitHub those files fall back to the default rule. A path that CODEOWNERS
cannot express literally is written as a comment and warned about
(codeowners_patterns.py writes each line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from clientbook.compliance.codeowners_patterns import DEFAULT_PATTERN, OwnerRule, checked, printable
from clientbook.core.config import Config
from clientbook.core.obligations import items
from clientbook.core.records import Record
from clientbook.core.repo import CLIENTS_DIR, CONFIG_NAME
from clientbook.core.tombstones import ERASURES

GITHUB_FILE = ".github/CODEOWNERS"
GITLAB_FILE = ".gitlab/CODEOWNERS"
# GitHub ignores a CODEOWNERS file over 3 MB entirely.
GITHUB_MAX_BYTES = 3_000_000
# Files GitLab reads before .gitlab/CODEOWNERS (the first one found is used).
GITLAB_EARLIER_FILES = ("CODEOWNERS", "docs/CODEOWNERS")

# Repository paths that need the data protection team; a trailing slash is a folder.
DATA_PROTECTION_PATHS = (
    CONFIG_NAME,
    "schemas/",
    "templates/",
    ERASURES,
    GITHUB_FILE,
    GITLAB_FILE,
    ".github/workflows/",
    ".gitlab-ci.yml",
)

SECTION_DATA_PROTECTION = "Data protection"
SECTION_CLIENTS = "Client records"

# The forge handle the config schema allows: @user or @org/team.
_HANDLE = re.compile(r"@[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)?")
_LISTED = 5  # paths named in one warning before "and N more"


@dataclass(frozen=True)
class Ownership:
    """Everything both files are made of, and what the user should be told."""

    default: OwnerRule
    data_protection: tuple[OwnerRule, ...]
    clients: tuple[OwnerRule, ...]
    documents: tuple[OwnerRule, ...]
    warnings: tuple[str, ...]
    teams_without_handle: tuple[str, ...]


# path -> (the handles of its clients' teams, why the others have none)
_Documents = dict[str, tuple[set[str], set[str]]]


def build(config: Config, records: Sequence[Record]) -> Ownership:
    """Decide every rule: the default, the data protection files, each client
    file and each agreement document; collect the warnings."""
    warnings: list[str] = []
    unreviewed: dict[str, list[str]] = {}  # team id -> paths its missing handle leaves out
    dp_team, dp_handle, dp_note = _data_protection_team(config, warnings)
    dp_owners = (dp_handle,) if dp_handle else ()
    clients, documents = _client_rules(config, records, warnings, unreviewed)
    warnings += _unreviewed_warnings(unreviewed, falls_back=bool(dp_handle))
    return Ownership(
        default=OwnerRule(DEFAULT_PATTERN, dp_owners, dp_note),
        data_protection=tuple(OwnerRule(p, dp_owners, dp_note) for p in DATA_PROTECTION_PATHS),
        clients=tuple(clients),
        documents=_document_rules(documents, warnings),
        warnings=tuple(warnings),
        teams_without_handle=tuple(
            sorted(set(unreviewed) | ({dp_team} if dp_team and not dp_handle else set()))
        ),
    )


def _data_protection_team(config: Config, warnings: list[str]) -> tuple[str, str, str]:
    """(the data protection team's id, its handle or "", the note for its rules or "")."""
    dp_team = config.data_protection_team
    dp_handle = _handle(config, dp_team)
    if not dp_team:
        warnings.append(
            "clientbook.yaml names no data_protection_team: the default rule and the rules "
            f"for {', '.join(DATA_PROTECTION_PATHS[:3])} are commented out, so changes to them "
            "need no review"
        )
        return dp_team, dp_handle, "clientbook.yaml names no data_protection_team"
    if not dp_handle:
        warnings.append(
            f"the data protection team {dp_team} has no forge_team in clientbook.yaml: the "
            f"default rule and the rules for {', '.join(DATA_PROTECTION_PATHS[:3])} are "
            "commented out, so changes to them need no review"
        )
        return dp_team, dp_handle, _no_handle(config, dp_team)
    return dp_team, dp_handle, ""


def _client_rules(
    config: Config,
    records: Sequence[Record],
    warnings: list[str],
    unreviewed: dict[str, list[str]],
) -> tuple[list[OwnerRule], _Documents]:
    """Each readable client file's rule, in path order, and who owns each document it names."""
    clients: list[OwnerRule] = []
    documents: _Documents = {}
    for record in sorted(records, key=lambda r: r.file):
        name = printable(record.file)
        if record.data is None:
            warnings.append(
                f"{name}: skipped, it cannot be read as a record (clientbook lint says "
                "why); until it can, the default rule applies to it"
            )
            continue
        team, why = _team_of(config, record.data)
        if why:
            warnings.append(f"{name}: {why}")
        handle = _handle(config, team)
        note = "" if handle else (_no_handle(config, team) if team else "no owning team")
        if team and not handle:
            unreviewed.setdefault(team, []).append(record.file)
        clients.append(checked(OwnerRule(record.file, (handle,) if handle else (), note), warnings))
        for path in _document_paths(record, warnings):
            owners, notes = documents.setdefault(path, (set(), set()))
            if handle:
                owners.add(handle)
            else:
                notes.add(note)
                if team:
                    unreviewed.setdefault(team, []).append(path)
    return clients, documents


def _unreviewed_warnings(unreviewed: dict[str, list[str]], *, falls_back: bool) -> list[str]:
    """One warning per team without a handle, naming the paths nobody on it is asked to review."""
    out = []
    for team_id in sorted(unreviewed):
        paths = sorted(set(unreviewed[team_id]))
        shown = ", ".join(paths[:_LISTED])
        more = f" and {len(paths) - _LISTED} more" if len(paths) > _LISTED else ""
        fallback = "the default rule applies instead" if falls_back else "nobody must review them"
        out.append(
            f"team {team_id} has no forge_team in clientbook.yaml, so CODEOWNERS cannot ask it "
            f"to review {len(paths)} path{'s' if len(paths) != 1 else ''} ({shown}{more}); "
            f'{fallback}. Add forge_team: "@org/team" to the team'
        )
    return out


def _document_rules(documents: _Documents, warnings: list[str]) -> tuple[OwnerRule, ...]:
    return tuple(
        checked(
            OwnerRule(path, tuple(sorted(owners)), "" if owners else "; ".join(sorted(notes))),
            warnings,
        )
        for path, (owners, notes) in sorted(documents.items())
    )


def _handle(config: Config, team_id: str) -> str:
    team = config.teams.get(team_id)
    return team.forge_team if team and _HANDLE.fullmatch(team.forge_team) else ""


def _no_handle(config: Config, team_id: str) -> str:
    team = config.teams.get(team_id)
    if team and team.forge_team:
        return f"forge_team of team {team_id} is not a @handle"
    return f"no forge_team for team {team_id}"


def _team_of(config: Config, data: dict[str, object]) -> tuple[str, str]:
    """(the owning team id or "", a warning or "")."""
    team = data.get("team")
    owner = data.get("owner")
    member = config.staff.get(owner) if isinstance(owner, str) else None
    if isinstance(team, str) and team in config.teams:
        return team, ""
    if isinstance(team, str):
        if member:
            return member.team, (
                f"team '{printable(team)}' is not in clientbook.yaml; "
                f"using the owner's team {member.team}"
            )
        return "", (
            f"team '{printable(team)}' is not in clientbook.yaml and the owner is not in "
            "staff; no owning team, so the default rule applies"
        )
    if member:
        return member.team, ""
    return "", "no team and no owner in staff; no owning team, so the default rule applies"


def _document_paths(record: Record, warnings: list[str]) -> list[str]:
    """The repository paths `agreements[].document` names; addresses are skipped,
    anything outside the repository or in a guarded place is warned about."""
    out = []
    for index, agreement in items(record.data, "agreements"):
        ref = agreement.get("document")
        if not isinstance(ref, str) or not ref.strip() or "://" in ref:
            continue  # none, malformed (lint says so) or an address outside the repository
        where = f"{printable(record.file)}: agreements/{index}/document '{printable(ref)}'"
        pure = PurePosixPath(ref)
        path = pure.as_posix()
        if pure.is_absolute() or ".." in pure.parts or path == ".":
            warnings.append(f"{where} is not a path inside the repository; not listed")
        elif pure.parts[0] == CLIENTS_DIR or any(p.startswith(".") for p in pure.parts):
            warnings.append(
                f"{where} is under {CLIENTS_DIR}/ or a hidden folder; not given to the client's "
                "team"
            )
        elif any(_under(path, guarded) for guarded in DATA_PROTECTION_PATHS):
            warnings.append(
                f"{where} belongs to the data protection team; not given to the client's team"
            )
        else:
            out.append(path)
    return out


def _under(path: str, guarded: str) -> bool:
    if guarded.endswith("/"):
        return path == guarded.rstrip("/") or path.startswith(guarded)
    return path == guarded

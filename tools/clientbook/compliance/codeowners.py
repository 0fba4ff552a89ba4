"""CODEOWNERS for a records repository: who must review a change to which file.

Pure functions: `build(config, records)` decides the rules and collects the
warnings; `github_text` and `gitlab_text` (or `render_github` and
`render_gitlab`, which do both steps) turn them into the text of
`.github/CODEOWNERS` and `.gitlab/CODEOWNERS`. Nothing here reads the disk
or prints; the same configuration and records always give the same bytes, so
`clientbook codeowners --check` is stable.

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
GitHub those files fall back to the default rule. Paths are written anchored
(`/clients/acme.yaml`), with spaces escaped as `\\ `; a path that CODEOWNERS
cannot express literally (`#`, glob characters, backslashes, control or
unusual space characters) is written as a comment and warned about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from clientbook.compliance.erasure import ERASURES
from clientbook.core.config import Config
from clientbook.core.obligations import items
from clientbook.core.records import Record
from clientbook.core.repo import CLIENTS_DIR, CONFIG_NAME

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

DEFAULT_PATTERN = "*"
SECTION_DATA_PROTECTION = "Data protection"
SECTION_CLIENTS = "Client records"

# The forge handle the config schema allows: @user or @org/team.
_HANDLE = re.compile(r"@[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)?")
# Characters a CODEOWNERS pattern cannot carry literally: `#` starts a comment
# (GitHub does not honour `\#`), `*?[]` are globs (GitHub ignores `[]`
# ranges, GitLab does not), `{}` GitHub flags as errors, `\` escapes.
_UNSAFE = frozenset("#*?[]{}\\")
_LISTED = 5  # paths named in one warning before "and N more"


class PatternError(ValueError):
    """A path that cannot be written as a literal CODEOWNERS pattern."""


def pattern(path: str) -> str:
    """The anchored CODEOWNERS pattern for a repository path (forward slashes,
    a trailing slash for a folder): `clients/a b.yaml` -> `/clients/a\\ b.yaml`.

    Raises PatternError for a character CODEOWNERS cannot carry literally.
    """
    bad = sorted({c for c in path if c in _UNSAFE or not c.isprintable()})
    if bad:
        shown = ", ".join(_printable(repr(c)) for c in bad)
        raise PatternError(f"CODEOWNERS cannot match a path containing {shown} literally")
    if not path or path.startswith("/"):
        raise PatternError("not a repository-relative path")
    return "/" + path.replace(" ", "\\ ")


@dataclass(frozen=True, slots=True)
class Rule:
    """One line: a repository path and its owners. Without owners it is written
    commented out, with `note` saying why, and the default rule applies."""

    path: str  # repository-relative, or "*" for the default rule
    owners: tuple[str, ...] = ()
    note: str = ""

    def line(self) -> str:
        try:
            written = DEFAULT_PATTERN if self.path == DEFAULT_PATTERN else pattern(self.path)
        except PatternError:
            written = "/" + _printable(self.path)
            return f"# {written}  # {self.note}"
        if self.owners:
            return f"{written} {' '.join(self.owners)}"
        return f"# {written}  # {self.note}"


@dataclass(frozen=True)
class Ownership:
    """Everything both files are made of, and what the user should be told."""

    default: Rule
    data_protection: tuple[Rule, ...]
    clients: tuple[Rule, ...]
    documents: tuple[Rule, ...]
    warnings: tuple[str, ...]
    teams_without_handle: tuple[str, ...]


def build(config: Config, records: Sequence[Record]) -> Ownership:
    """Decide every rule: the default, the data protection files, each client
    file and each agreement document; collect the warnings."""
    warnings: list[str] = []
    unreviewed: dict[str, list[str]] = {}  # team id -> paths its missing handle leaves out

    dp_team = config.data_protection_team
    dp_handle = _handle(config, dp_team)
    if not dp_team:
        dp_note = "clientbook.yaml names no data_protection_team"
        warnings.append(
            "clientbook.yaml names no data_protection_team: the default rule and the rules "
            f"for {', '.join(DATA_PROTECTION_PATHS[:3])} are commented out, so changes to them "
            "need no review"
        )
    elif not dp_handle:
        dp_note = _no_handle(config, dp_team)
        warnings.append(
            f"the data protection team {dp_team} has no forge_team in clientbook.yaml: the "
            f"default rule and the rules for {', '.join(DATA_PROTECTION_PATHS[:3])} are "
            "commented out, so changes to them need no review"
        )
    else:
        dp_note = ""
    dp_owners = (dp_handle,) if dp_handle else ()
    default = Rule(DEFAULT_PATTERN, dp_owners, dp_note)
    data_protection = tuple(Rule(p, dp_owners, dp_note) for p in DATA_PROTECTION_PATHS)

    clients: list[Rule] = []
    documents: dict[str, tuple[set[str], set[str]]] = {}  # path -> (owners, notes)
    for record in sorted(records, key=lambda r: r.file):
        name = _printable(record.file)
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
        clients.append(_checked(Rule(record.file, (handle,) if handle else (), note), warnings))
        for path in _document_paths(record, warnings):
            owners, notes = documents.setdefault(path, (set(), set()))
            if handle:
                owners.add(handle)
            else:
                notes.add(note)
                if team:
                    unreviewed.setdefault(team, []).append(path)

    for team_id in sorted(unreviewed):
        paths = sorted(set(unreviewed[team_id]))
        shown = ", ".join(paths[:_LISTED])
        more = f" and {len(paths) - _LISTED} more" if len(paths) > _LISTED else ""
        fallback = "the default rule applies instead" if dp_handle else "nobody must review them"
        warnings.append(
            f"team {team_id} has no forge_team in clientbook.yaml, so CODEOWNERS cannot ask it "
            f"to review {len(paths)} path{'s' if len(paths) != 1 else ''} ({shown}{more}); "
            f'{fallback}. Add forge_team: "@org/team" to the team'
        )

    return Ownership(
        default=default,
        data_protection=data_protection,
        clients=tuple(clients),
        documents=tuple(
            _checked(
                Rule(path, tuple(sorted(owners)), "" if owners else "; ".join(sorted(notes))),
                warnings,
            )
            for path, (owners, notes) in sorted(documents.items())
        ),
        warnings=tuple(warnings),
        teams_without_handle=tuple(
            sorted(set(unreviewed) | ({dp_team} if dp_team and not dp_handle else set()))
        ),
    )


def render_github(config: Config, records: Sequence[Record]) -> str:
    """The text of .github/CODEOWNERS."""
    return github_text(build(config, records))


def render_gitlab(config: Config, records: Sequence[Record]) -> str:
    """The text of .gitlab/CODEOWNERS (GitLab sections)."""
    return gitlab_text(build(config, records))


_HEADER = (
    "# Generated by `clientbook codeowners` from clientbook.yaml and clients/.",
    "# DO NOT EDIT BY HAND: change a team's forge_team in clientbook.yaml or a",
    "# record's team or owner, then run `clientbook codeowners` and commit the result.",
    "# `clientbook codeowners --check` fails while this file is out of date.",
)

_DEFAULT_COMMENT = (
    "# Default owners: the data protection team, for every file no later rule",
    "# names (CI, the README, unreferenced documents, a client file added since",
    "# this file was generated, a client whose team has no forge_team).",
)

_DATA_PROTECTION_COMMENT = (
    "# Data protection: the configuration, the schemas and templates, the erasure",
    "# log, CI, and the CODEOWNERS files themselves.",
)

_CLIENTS_COMMENT = (
    "# Client records: each client's file needs its team (the record's team, or",
    "# else its owner's team).",
)

_DOCUMENTS_COMMENT = (
    "# Agreement documents: the owners of every client whose agreements name them.",
)


def github_text(ownership: Ownership) -> str:
    """.github/CODEOWNERS: GitHub uses the last matching pattern, so general rules come first."""
    lines = [
        *_HEADER,
        "#",
        "# GitHub uses the LAST pattern that matches a file: the default comes first,",
        "# then the data protection files, then each client's files.",
        "",
        *_DEFAULT_COMMENT,
        ownership.default.line(),
        "",
        *_DATA_PROTECTION_COMMENT,
        *(r.line() for r in ownership.data_protection),
        "",
        *_client_lines(ownership),
    ]
    return "\n".join(lines) + "\n"


def gitlab_text(ownership: Ownership) -> str:
    """.gitlab/CODEOWNERS: the same rules in two GitLab sections."""
    lines = [
        *_HEADER,
        "#",
        "# GitLab checks each [section] separately: a change needs approval from the",
        "# owners of the last matching pattern in every section that matches it. So",
        "# the default rule is in [Client records], where a client's own rule replaces",
        "# it, and [Data protection] names only the data protection files.",
        "",
        f"[{SECTION_DATA_PROTECTION}]",
        *_DATA_PROTECTION_COMMENT,
        *(r.line() for r in ownership.data_protection),
        "",
        f"[{SECTION_CLIENTS}]",
        *_DEFAULT_COMMENT,
        ownership.default.line(),
        "",
        *_client_lines(ownership),
    ]
    return "\n".join(lines) + "\n"


def github_size_warning(text: str) -> str | None:
    size = len(text.encode("utf-8"))
    if size <= GITHUB_MAX_BYTES:
        return None
    return (
        f"{GITHUB_FILE} is {size:,} bytes; GitHub ignores a CODEOWNERS file over "
        f"{GITHUB_MAX_BYTES:,} bytes, so no review would be required at all"
    )


def _client_lines(ownership: Ownership) -> list[str]:
    lines = [*_CLIENTS_COMMENT]
    lines += [r.line() for r in ownership.clients] or ["# (no client records)"]
    if ownership.documents:
        lines += ["", *_DOCUMENTS_COMMENT, *(r.line() for r in ownership.documents)]
    return lines


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
                f"team '{_printable(team)}' is not in clientbook.yaml; "
                f"using the owner's team {member.team}"
            )
        return "", (
            f"team '{_printable(team)}' is not in clientbook.yaml and the owner is not in "
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
        where = f"{_printable(record.file)}: agreements/{index}/document '{_printable(ref)}'"
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


def _checked(rule: Rule, warnings: list[str]) -> Rule:
    """The rule, or (for a path CODEOWNERS cannot express) a commented-out one and a warning."""
    try:
        pattern(rule.path)
    except PatternError as err:
        warnings.append(
            f"{_printable(rule.path)}: {err}; it is written commented out and the default "
            "rule applies to it; rename it to have it listed"
        )
        return Rule(rule.path, (), str(err))
    return rule


def _printable(text: str) -> str:
    """`text` on one line: control and separator characters as escapes."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text
    )

"""clientbook.yaml: read with the record loader, validated against config.schema.json."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.core.durations import Duration
from clientbook.core.repo import CLIENTS_DIR, CONFIG_NAME, client_file, client_paths, layout_file
from clientbook.core.resources import default_schemas
from clientbook.core.schema import CLIENT_SCHEMA, CONFIG_SCHEMA, Schema, SchemaError
from clientbook.core.yamlio import MAX_FILE_SIZE, load_document
from clientbook.core.yamlpositions import PositionIndex


class ConfigError(Exception):
    """The configuration cannot be used; each diagnostic names file, line and column."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    name: str
    email: str
    team: str
    active: bool = True


@dataclass(frozen=True, slots=True)
class Team:
    id: str
    name: str
    email: str = ""
    forge_team: str = ""


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    id: str
    name: str
    law: str
    requires_basis: frozenset[str] = frozenset()
    default_retention: str = ""


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    id: str
    runs_from: str
    period: Duration
    basis: str


@dataclass(frozen=True, slots=True)
class OnboardingStep:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    rule: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Config:
    """Everything clientbook.yaml says, typed; `fingerprint` changes when the file does."""

    root: Path
    organisation: str
    staff: dict[str, StaffMember]
    teams: dict[str, Team]
    jurisdictions: dict[str, Jurisdiction]
    consent_purposes: dict[str, str]
    retention_policies: dict[str, RetentionPolicy]
    review_intervals: dict[str, Duration]
    repo_url: str = ""
    default_branch: str = "main"
    baseline: str = ""  # the lint baseline's path in the repository ("" when there is none)
    layout: str = "flat"  # where new client files go: core.repo.layout_file
    data_protection_team: str = ""
    default_retention: str = ""
    retention_warning_days: int = 30
    default_review_interval: str = ""
    stale_after: Duration = field(default_factory=lambda: Duration.parse("P90D"))
    onboarding_steps: tuple[OnboardingStep, ...] = ()
    onboarding_days: int = 30
    name_similarity: float = 0.92
    ignore_domains: frozenset[str] = frozenset()
    max_file_size: int = MAX_FILE_SIZE
    rule_severity: dict[str, str] = field(default_factory=dict)
    ignores: tuple[IgnoreRule, ...] = ()
    fingerprint: str = ""

    def new_client_file(self, client_id: str, team: object = "") -> str:
        """Where this repository's layout puts a new client's file (`team`: the record's
        field as it is; anything but a non-empty text counts as none)."""
        return layout_file(self.layout, client_id, team if isinstance(team, str) else "")

    def client_file(self, client_id: str) -> str | None:
        """The repo-relative path of the record named `client_id`, looked for first where
        the layout would put it."""
        return client_file(self.root, client_id, layout_file(self.layout, client_id))

    def client_files_of(self, client_ids: Iterable[str]) -> dict[str, str]:
        """Each id's repo-relative path (clients/ID.yaml for one with no file yet): several
        ids are looked up in one listing, not one listing each."""
        wanted = list(client_ids)
        if len(wanted) == 1:
            found = {wanted[0]: self.client_file(wanted[0])}
        else:
            paths = client_paths(self.root)
            found = {c: paths.get(c) for c in wanted}
        return {c: f or f"{CLIENTS_DIR}/{c}.yaml" for c, f in found.items()}

    def schemas_dir(self) -> Path:
        """The repository's own schemas/ if it has the client schema, else the defaults."""
        own = self.root / "schemas"
        return own if (own / CLIENT_SCHEMA).is_file() else default_schemas()

    def client_schema(self) -> Schema:
        """The client schema, read and compiled once for this config (raises SchemaError)."""
        loaded = self.__dict__.get("_client_schema")
        if loaded is None:
            loaded = Schema.load(
                self.schemas_dir() / CLIENT_SCHEMA, self.schema_label(CLIENT_SCHEMA)
            )
            self.__dict__["_client_schema"] = loaded  # frozen: the cache bypasses __setattr__
        return loaded

    def __getstate__(self) -> dict[str, Any]:
        # a compiled schema holds validators that cannot be pickled; a worker compiles its own
        return {k: v for k, v in self.__dict__.items() if k != "_client_schema"}

    def schema_label(self, name: str) -> str:
        own = self.root / "schemas" / name
        return f"schemas/{name}" if own.is_file() else str(default_schemas() / name)


_FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "yahoo.com",
        "icloud.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "web.de",
        "aol.com",
        "live.com",
        "mail.com",
    }
)


def load_config(root: Path) -> Config:
    """Read, validate and type clientbook.yaml at `root`; raise ConfigError with positions."""
    path = root / CONFIG_NAME
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ConfigError(
            [Diagnostic(CONFIG_NAME, 0, 0, Severity.ERROR, "config", f"cannot read it: {err}")]
        ) from err
    doc = load_document(raw, kind=CONFIG_NAME)
    if doc.data is None:
        # a config is never read past a problem: each is an error, whatever lint would call it
        raise ConfigError(
            [
                dataclasses.replace(p.diagnostic(CONFIG_NAME), severity=Severity.ERROR)
                for p in doc.problems
            ]
        )
    text = raw.decode("utf-8-sig")
    _validate(root, doc.data, text)
    config = _build(root, doc.data, hashlib.sha256(raw).hexdigest())
    problems = _cross_check(config, doc.data)
    if problems:
        raise positioned_error(text, problems)
    return config


def positioned_error(text: str, problems: list[tuple[str, str]]) -> ConfigError:
    """A ConfigError for (JSON pointer, message) pairs, each at its place in clientbook.yaml."""
    index = PositionIndex(text)
    return ConfigError(
        [
            Diagnostic(
                CONFIG_NAME,
                index.lookup(pointer).line,
                index.lookup(pointer).column,
                Severity.ERROR,
                "config",
                message,
            )
            for pointer, message in problems
        ]
    )


def _validate(root: Path, data: Any, text: str) -> None:
    own = root / "schemas" / CONFIG_SCHEMA
    schema_path = own if own.is_file() else default_schemas() / CONFIG_SCHEMA
    label = f"schemas/{CONFIG_SCHEMA}" if own.is_file() else str(schema_path)
    try:
        schema = Schema.load(schema_path, label)
    except SchemaError as err:
        raise ConfigError([err.diagnostic]) from err
    findings = schema.findings(data)
    if not findings:
        return
    index = PositionIndex(text)
    diagnostics = []
    for finding in findings:
        pos = index.lookup(finding.pointer, on_key=finding.on_key)
        diagnostics.append(
            Diagnostic(
                CONFIG_NAME,
                pos.line,
                pos.column,
                Severity.ERROR,
                "config",
                finding.message,
                finding.hint,
                finding.pointer,
            )
        )
    raise ConfigError(diagnostics)


def _build(root: Path, data: dict[str, Any], fingerprint: str) -> Config:
    onboarding = data.get("onboarding", {})
    duplicates = data.get("duplicates", {})
    return Config(
        root=root,
        organisation=data["organisation"],
        staff={
            s["id"]: StaffMember(s["id"], s["name"], s["email"], s["team"], s.get("active", True))
            for s in data["staff"]
        },
        teams={
            t["id"]: Team(t["id"], t["name"], t.get("email", ""), t.get("forge_team", ""))
            for t in data["teams"]
        },
        jurisdictions={
            key: Jurisdiction(
                key,
                j["name"],
                j["law"],
                frozenset(j.get("requires_basis", [])),
                j.get("default_retention", ""),
            )
            for key, j in data["jurisdictions"].items()
        },
        consent_purposes={p["id"]: p["title"] for p in data.get("consent_purposes", [])},
        retention_policies={
            p["id"]: RetentionPolicy(
                p["id"], p["runs_from"], Duration.parse(p["period"]), p["basis"]
            )
            for p in data["retention_policies"]
        },
        review_intervals={k: Duration.parse(v) for k, v in data["review_intervals"].items()},
        repo_url=data.get("repo_url", "").rstrip("/"),
        default_branch=data.get("default_branch", "main"),
        baseline=data.get("baseline", ""),
        layout=data.get("layout", "flat"),
        data_protection_team=data.get("data_protection_team", ""),
        default_retention=data.get("default_retention", ""),
        retention_warning_days=data.get("retention_warning_days", 30),
        default_review_interval=data.get("default_review_interval", ""),
        stale_after=Duration.parse(data.get("stale_after", "P90D")),
        onboarding_steps=tuple(
            OnboardingStep(s["id"], s["title"], s.get("description", ""))
            for s in onboarding.get("steps", [])
        ),
        onboarding_days=onboarding.get("complete_within_days", 30),
        name_similarity=float(duplicates.get("name_similarity", 0.92)),
        ignore_domains=_FREE_MAIL
        | frozenset(d.lower() for d in duplicates.get("ignore_domains", [])),
        max_file_size=data.get("max_file_size", MAX_FILE_SIZE),
        rule_severity=dict(data.get("rules", {})),
        ignores=tuple(IgnoreRule(i["rule"], tuple(i["paths"])) for i in data.get("ignore", [])),
        fingerprint=fingerprint,
    )


def _cross_check(config: Config, data: dict[str, Any]) -> list[tuple[str, str]]:
    """References inside the config itself: teams, policies and intervals that exist."""
    out: list[tuple[str, str]] = []
    for i, s in enumerate(data["staff"]):
        if s["team"] not in config.teams:
            out.append(
                (
                    f"staff/{i}/team",
                    f"staff '{s['id']}' is in team '{s['team']}', which is not in teams",
                )
            )
    for key, j in data["jurisdictions"].items():
        policy = j.get("default_retention")
        if policy and policy not in config.retention_policies:
            out.append(
                (f"jurisdictions/{key}/default_retention", f"no retention policy '{policy}'")
            )
        for k, purpose in enumerate(j.get("requires_basis", [])):
            if config.consent_purposes and purpose not in config.consent_purposes:
                out.append(
                    (f"jurisdictions/{key}/requires_basis/{k}", f"no consent purpose '{purpose}'")
                )
    if config.default_retention and config.default_retention not in config.retention_policies:
        out.append(("default_retention", f"no retention policy '{config.default_retention}'"))
    if (
        config.default_review_interval
        and config.default_review_interval not in config.review_intervals
    ):
        out.append(
            ("default_review_interval", f"no review interval '{config.default_review_interval}'")
        )
    if config.data_protection_team and config.data_protection_team not in config.teams:
        out.append(("data_protection_team", f"no team '{config.data_protection_team}'"))
    for section in ("staff", "teams", "retention_policies", "consent_purposes"):
        ids = [item["id"] for item in data.get(section, [])]
        for i, item_id in enumerate(ids):
            if item_id in ids[:i]:
                out.append(
                    (f"{section}/{i}/id", f"the id '{item_id}' is listed twice in {section}")
                )
    return out

"""References: names a record uses must exist in the config or the repository."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.documents import DocumentRef, agreement_documents
from clientbook.core.obligations import items, section
from clientbook.core.schema_messages import did_you_mean
from clientbook.lint.rules.base import Context, record_rule, shared, shared_by_run


def _unknown(what: str, value: str, known: list[str], where: str) -> tuple[str, str]:
    suggestion = did_you_mean(value, known)
    message = f"'{value}' is not a {what} in clientbook.yaml"
    if suggestion:
        message += f" (did you mean '{suggestion}'?)"
    return (
        message,
        f"use one of the {what} ids listed under '{where}' in clientbook.yaml, or add it there",
    )


def _documents(data: Any, ctx: Context) -> list[DocumentRef]:
    """The record's agreement documents, looked up on disk once for both document rules."""
    folders: dict[str, str] = shared_by_run(ctx, "document-folders", dict)
    return shared(ctx, "documents", lambda: agreement_documents(data, ctx.root, folders))


@record_rule(
    "unknown-staff",
    Severity.ERROR,
    "owner, by or reviewer is not staff in clientbook.yaml",
    "references",
)
def unknown_staff(data: Any, ctx: Context) -> Iterator[Finding]:
    """`owner`, each interaction's `by` and `review.by` name staff ids from
    clientbook.yaml, so that owner pages, CODEOWNERS and the audit trail
    point at real people.

    Passes: `owner: amara-okafor` (listed under staff)
    Fails:  `owner: amara` (did you mean 'amara-okafor'?)
    """
    known = ctx.config.staff
    places: list[tuple[str | int, Any]] = [("owner", data.get("owner"))]
    # an interaction's pointer is written only for a finding: most name staff
    places += [(i, it.get("by")) for i, it in items(data, "interactions")]
    places.append(("review/by", section(data, "review").get("by")))
    for where, value in places:
        if isinstance(value, str) and value not in known:
            pointer = where if isinstance(where, str) else f"interactions/{where}/by"
            yield Finding(pointer, *_unknown("staff member", value, list(known), "staff"))


@record_rule(
    "owner-inactive",
    Severity.WARNING,
    "the owner has left (active: false in clientbook.yaml)",
    "references",
)
def owner_inactive(data: Any, ctx: Context) -> Iterator[Finding]:
    """A client owned by someone marked `active: false` has nobody looking
    after it. Hand it to a current member of staff.

    Fails: `owner: dan-mitchell` where clientbook.yaml says `active: false` for him.
    """
    owner = data.get("owner")
    member = ctx.config.staff.get(owner) if isinstance(owner, str) else None
    if member is not None and not member.active and data.get("status") != "former":
        yield Finding(
            "owner",
            f"the owner {member.name} ({owner}) is no longer active",
            "set owner to a current member of staff",
        )


@record_rule("unknown-team", Severity.ERROR, "the team is not in clientbook.yaml", "references")
def unknown_team(data: Any, ctx: Context) -> Iterator[Finding]:
    """`team` names a team id from clientbook.yaml.

    Passes: `team: emea-accounts`
    Fails:  `team: emea`
    """
    team = data.get("team")
    if isinstance(team, str) and team not in ctx.config.teams:
        yield Finding("team", *_unknown("team", team, list(ctx.config.teams), "teams"))


@record_rule(
    "unknown-jurisdiction",
    Severity.ERROR,
    "the jurisdiction is not in clientbook.yaml",
    "references",
)
def unknown_jurisdiction(data: Any, ctx: Context) -> Iterator[Finding]:
    """`jurisdiction` names a jurisdiction from clientbook.yaml (EU, GB,
    US-CA, BR, IN, …), which decides the consent and retention rules.

    Passes: `jurisdiction: EU`
    Fails:  `jurisdiction: DE` when only EU is configured (did you mean 'EU'?)
    """
    value = data.get("jurisdiction")
    if isinstance(value, str) and value not in ctx.config.jurisdictions:
        yield Finding(
            "jurisdiction",
            *_unknown("jurisdiction", value, list(ctx.config.jurisdictions), "jurisdictions"),
        )


@record_rule(
    "unknown-policy",
    Severity.ERROR,
    "the retention policy or review interval is not in clientbook.yaml",
    "references",
)
def unknown_policy(data: Any, ctx: Context) -> Iterator[Finding]:
    """`retention.policy` names a retention policy and `review.interval` a
    review interval from clientbook.yaml.

    Passes: `retention: {policy: contract-7y}`
    Fails:  `retention: {policy: seven-years}`
    """
    policy = section(data, "retention").get("policy")
    if isinstance(policy, str) and policy not in ctx.config.retention_policies:
        yield Finding(
            "retention/policy",
            *_unknown(
                "retention policy",
                policy,
                list(ctx.config.retention_policies),
                "retention_policies",
            ),
        )
    interval = section(data, "review").get("interval")
    if isinstance(interval, str) and interval not in ctx.config.review_intervals:
        yield Finding(
            "review/interval",
            *_unknown(
                "review interval", interval, list(ctx.config.review_intervals), "review_intervals"
            ),
        )


@record_rule(
    "unknown-purpose",
    Severity.ERROR,
    "a consent purpose or subscription is not in clientbook.yaml",
    "references",
)
def unknown_purpose(data: Any, ctx: Context) -> Iterator[Finding]:
    """Consent purposes and communication subscriptions name purposes from
    `consent_purposes` in clientbook.yaml, so consent can be checked.

    Passes: `consents: [{purpose: newsletter, …}]`
    Fails:  `consents: [{purpose: news-letter, …}]`
    """
    known = ctx.config.consent_purposes
    if not known:
        return
    places = [(f"consents/{i}/purpose", c.get("purpose")) for i, c in items(data, "consents")]
    subscriptions = section(data, "communication").get("subscriptions")
    if isinstance(subscriptions, list):
        places += [(f"communication/subscriptions/{i}", s) for i, s in enumerate(subscriptions)]
    for pointer, value in places:
        if isinstance(value, str) and value not in known:
            yield Finding(
                pointer, *_unknown("consent purpose", value, list(known), "consent_purposes")
            )


@record_rule(
    "unknown-onboarding-step",
    Severity.ERROR,
    "an onboarding step is not in clientbook.yaml",
    "references",
)
def unknown_onboarding_step(data: Any, ctx: Context) -> Iterator[Finding]:
    """Each `onboarding` entry's `step` names a step of the onboarding
    checklist in clientbook.yaml.

    Fails: `onboarding: [{step: kyc}]` when the checklist has identity-check.
    """
    steps = [s.id for s in ctx.config.onboarding_steps]
    for i, entry in items(data, "onboarding"):
        step = entry.get("step")
        if isinstance(step, str) and step not in steps:
            yield Finding(
                f"onboarding/{i}/step",
                *_unknown("onboarding step", step, steps, "onboarding.steps"),
            )


@record_rule(
    "missing-document",
    Severity.ERROR,
    "an agreement's document path does not exist in the repository",
    "references",
)
def missing_document(data: Any, ctx: Context) -> Iterator[Finding]:
    """An agreement's `document` is an https address or the path, from the
    repository's top, of a file under documents/ that exists.

    Passes: `document: documents/acme/msa-2024.pdf` (the file exists)
    Fails:  `document: documents/acme/msa-2042.pdf` (no such file)
    """
    for ref in _documents(data, ctx):
        if ref.missing:
            yield Finding(
                ref.pointer,
                f"the document '{ref.value}' does not exist",
                "check the path (from the repository's top) or add the file",
            )


@record_rule(
    "document-outside",
    Severity.ERROR,
    "an agreement's document is not a regular file under documents/",
    "references",
)
def document_outside(data: Any, ctx: Context) -> Iterator[Finding]:
    """Only a regular file under documents/, reached through no symbolic link,
    is an agreement's document: erasure deletes it with the record, a subject
    access export carries it. Anything else a record names (another client's
    record, clientbook.yaml, a schema, `../` out of the repository, a link
    into clients/) would be deleted or exported on this client's behalf, so
    clientbook refuses to touch it and lint says so.

    Passes: `document: documents/acme/msa-2024.pdf`, `document: https://contracts.example/acme`
    Fails:  `document: clients/other-client.yaml`, `document: ../../etc/passwd`
    """
    for ref in _documents(data, ctx):
        if ref.problem and not ref.missing:
            yield Finding(
                ref.pointer,
                f"'{ref.value}' is not one of the repository's documents: {ref.problem}",
                "keep agreement documents as files under documents/ (e.g. documents/CLIENT/msa.pdf), "
                "or link them with https://",
            )


RULES = (
    unknown_staff,
    owner_inactive,
    unknown_team,
    unknown_jurisdiction,
    unknown_policy,
    unknown_purpose,
    unknown_onboarding_step,
    missing_document,
    document_outside,
)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import RecordsRepo, minimal_record, rules_of

Lint = Callable[..., list[dict[str, Any]]]


def test_unknown_staff_with_suggestion(lint_record: Lint) -> None:
    diags = lint_record(owner="account-mgr")
    [d] = [d for d in diags if d["rule"] == "unknown-staff"]
    assert "did you mean 'account-manager'?" in d["message"]
    assert d["pointer"] == "owner"


def test_known_staff_passes(lint_record: Lint) -> None:
    assert "unknown-staff" not in rules_of(lint_record(owner="dpo"))


def test_unknown_staff_in_interaction(lint_record: Lint) -> None:
    interactions = [
        {
            "date": "2026-11-02",
            "channel": "email",
            "direction": "inbound",
            "by": "nobody",
            "summary": "Asked for an invoice copy.",
        }
    ]
    [d] = [d for d in lint_record(interactions=interactions) if d["rule"] == "unknown-staff"]
    assert d["pointer"] == "interactions/0/by"


def test_owner_inactive(records_repo: RecordsRepo) -> None:
    config = records_repo.root / "clientbook.yaml"
    config.write_text(
        config.read_text().replace(
            "    team: accounts\n", "    team: accounts\n    active: false\n", 1
        )
    )
    records_repo.write_record(minimal_record())
    assert "owner-inactive" in rules_of(records_repo.lint_json()["diagnostics"])
    records_repo.write_record(minimal_record(owner="dpo"))
    assert "owner-inactive" not in rules_of(records_repo.lint_json()["diagnostics"])


def test_unknown_team(lint_record: Lint) -> None:
    assert "unknown-team" in rules_of(lint_record(team="acounts"))
    assert "unknown-team" not in rules_of(lint_record(team="data-protection"))


def test_unknown_jurisdiction(lint_record: Lint) -> None:
    assert "unknown-jurisdiction" in rules_of(lint_record(jurisdiction="DE"))
    assert "unknown-jurisdiction" not in rules_of(lint_record(jurisdiction="BR"))


def test_unknown_policy_and_interval(lint_record: Lint) -> None:
    diags = lint_record(
        retention={"policy": "forever"},
        review={"last_reviewed": "2026-06-01", "interval": "weekly"},
    )
    assert {d["pointer"] for d in diags if d["rule"] == "unknown-policy"} == {
        "retention/policy",
        "review/interval",
    }
    assert "unknown-policy" not in rules_of(lint_record(retention={"policy": "contract-6y"}))


def test_unknown_purpose(lint_record: Lint) -> None:
    consents = [{"purpose": "news-letter", "lawful_basis": "consent", "given": "2026-01-05"}]
    [d] = [d for d in lint_record(consents=consents) if d["rule"] == "unknown-purpose"]
    assert "did you mean 'newsletter'?" in d["message"]
    ok = [{"purpose": "newsletter", "lawful_basis": "consent", "given": "2026-01-05"}]
    assert "unknown-purpose" not in rules_of(lint_record(consents=ok))


def test_unknown_onboarding_step(lint_record: Lint) -> None:
    assert "unknown-onboarding-step" in rules_of(lint_record(onboarding=[{"step": "kyc"}]))


def test_missing_document(records_repo: RecordsRepo) -> None:
    agreement = {
        "id": "msa",
        "title": "MSA",
        "start": "2026-01-05",
        "document": "documents/acme/msa.pdf",
    }
    records_repo.write_record(minimal_record(agreements=[agreement]))
    assert "missing-document" in rules_of(records_repo.lint_json()["diagnostics"])
    (records_repo.root / "documents/acme").mkdir(parents=True)
    (records_repo.root / "documents/acme/msa.pdf").write_bytes(b"%PDF")
    assert "missing-document" not in rules_of(records_repo.lint_json()["diagnostics"])


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ("../../etc/passwd", "'..'"),
        ("clients/other-client.yaml", "not under documents/"),
        ("clientbook.yaml", "not under documents/"),
        ("schemas/client.schema.json", "not under documents/"),
        ("/etc/passwd", "absolute"),
        ("documents/../clientbook.yaml", "'..'"),
        ("documents/link.yaml", "symbolic link"),
        ("documents/folder", "not a regular file"),
    ],
)
def test_document_outside(records_repo: RecordsRepo, document: str, words: str) -> None:
    (records_repo.root / "documents/folder").mkdir(parents=True)
    (records_repo.root / "documents/link.yaml").symlink_to(records_repo.root / "clientbook.yaml")
    agreement = {"id": "msa", "title": "MSA", "start": "2026-01-05", "document": document}
    records_repo.write_record(minimal_record(agreements=[agreement]))
    found = records_repo.lint_json()["diagnostics"]
    [d] = [d for d in found if d["rule"] == "document-outside"]
    assert words in d["message"] and d["pointer"] == "agreements/0/document"
    assert "missing-document" not in rules_of(found)

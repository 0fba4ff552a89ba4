"""clientbook diff's summary for a reviewer: personal data, consents, status, retention, verdicts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.gitrepo import GitRepo

CONSENT = {"purpose": "marketing", "lawful_basis": "consent", "given": "2026-02-01"}
OLD_EMAIL = "ines.lima@acme.example"
NEW_EMAIL = "ines@acme-logistics.example"


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    contacts = [{"name": "Inês Lima", "email": OLD_EMAIL}]
    records_repo.write_record(minimal_record(contacts=contacts, consents=[CONSENT]))
    git = GitRepo(records_repo.root)
    git.commit("Base")
    git.run("checkout", "-q", "-b", "feature")
    changed = minimal_record(
        contacts=[{"name": "Inês Lima", "email": NEW_EMAIL}],
        consents=[{**CONSENT, "withdrawn": "2026-11-20"}],
        status="former",
        ended="2026-11-20",
    )
    records_repo.write_record(changed)
    git.commit("Acme leaves")
    return records_repo


def _diff(repo: RecordsRepo, *args: str) -> str:
    result = run_cli(
        "--repo", str(repo.root), "diff", "main", "feature", "--today", TODAY.isoformat(), *args
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_markdown_summary_names_what_a_reviewer_must_see(repo: RecordsRepo) -> None:
    md = _diff(repo, "--format", "markdown")
    assert "| `clients/acme-logistics.yaml` | modified | " in md
    assert "1 personal-data field, lint: " in md
    sections = md.split("#### ")
    titles = [s.splitlines()[0] for s in sections[1:]]
    assert titles == ["Personal data changed", "Consents", "Status", "Retention"]
    assert "`contacts/0/email`" in sections[1]
    assert "marketing: withdrawn" in sections[2]
    assert "active → former" in sections[3]
    assert "until " in sections[4]
    assert OLD_EMAIL not in md and NEW_EMAIL not in md  # paths only
    assert "- contacts/0/email: personal data changed" in md and "values hidden" in md
    shown = _diff(repo, "--format", "markdown", "--values")
    assert NEW_EMAIL in shown


def test_json_carries_the_review_and_a_comment_under_a_hidden_marker(repo: RecordsRepo) -> None:
    doc: dict[str, Any] = json.loads(_diff(repo, "--format", "json"))
    [record] = doc["records"]
    assert record["status"] == "modified"
    assert record["personal_data_changed"] == ["contacts/0/email"]
    assert record["consents"] == ["marketing: withdrawn"]
    assert record["status_change"] == ["active", "former"]
    assert record["retention_change"] is not None
    assert record["verdict"].startswith("4 fields changed, 1 personal-data field, lint: ")
    assert doc["comment"].startswith(doc["marker"] + "\n### clientbook: 1 record changed")
    assert doc["marker"] == "<!-- clientbook-pr-summary -->"
    assert NEW_EMAIL not in doc["comment"]


def test_the_text_summary_leads_with_the_verdict_and_the_facts(repo: RecordsRepo) -> None:
    text = _diff(repo)
    assert "clients/acme-logistics.yaml (modified): 4 fields changed, 1 personal-data field" in text
    assert "    ! personal data changed: contacts/0/email" in text
    assert "    ! consent marketing: withdrawn" in text
    assert "    ! status: active → former" in text

"""clientbook log and clientbook task on a real records repository under git."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from clientbook.authoring.find_client import find_client, fold
from clientbook.cli import main
from clientbook.core.yamlio import load_document
from tests.conftest import TODAY, RecordsRepo, minimal_record
from tests.gitrepo import GitRepo

STAFF_EMAIL = "account.manager@company.example"
COMMENTED = """\
# yaml-language-server: $schema=../schemas/client.schema.json
id: acme-logistics
name: "Acme Logistics"   # trading name
kind: organization
status: active
since: 2026-01-05
owner: account-manager
team: accounts
jurisdiction: GB
contacts:
  - name: Jo Smith
    email: jo@acme.example
    preferred_channel: video
communication: {channel: phone, frequency: quarterly}
interactions:
  - date: 2026-11-02
    channel: meeting
    direction: outbound
    by: account-manager
    summary: 'Quarterly check-in.'
onboarding:
  - {step: identity-check, done: 2026-01-06}
  - {step: agreement-signed, done: 2026-01-07}
  - {step: consents-recorded, done: 2026-01-07}
review: {last_reviewed: 2026-06-01, interval: annually}
"""


@pytest.fixture
def repo(records_repo: RecordsRepo) -> tuple[RecordsRepo, GitRepo]:
    records_repo.write("acme-logistics.yaml", COMMENTED)
    records_repo.write_record(
        minimal_record(id="acme-freight", name="Acmé Freight Services"), "acme-freight.yaml"
    )
    records_repo.write_record(minimal_record(id="zenith", name="Zénith Pharma GmbH"), "zenith.yaml")
    git = GitRepo(records_repo.root)
    git.commit("Add the clients")
    git.run("config", "user.email", STAFF_EMAIL)
    git.run("config", "user.name", "Account Manager")
    return records_repo, git


def _log(repo: RecordsRepo, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(
        main, ["--repo", str(repo.root), *args, "--today", TODAY.isoformat()], env=env
    )


def _data(path: Path) -> dict[str, Any]:
    data = load_document(path.read_bytes()).data
    assert isinstance(data, dict)
    return data


def test_log_appends_with_the_defaults_and_changes_nothing_else(
    repo: tuple[RecordsRepo, GitRepo],
) -> None:
    records, git = repo
    path = records.root / "clients" / "acme-logistics.yaml"
    old = path.read_bytes()
    result = _log(records, "log", "acme-l", "--summary", "Called about the Q1 rates")
    assert result.exit_code == 0, result.output
    added = (
        b"  - date: 2026-11-23\n    channel: phone\n    direction: outbound\n"
        b'    by: account-manager\n    summary: "Called about the Q1 rates"\n'
    )
    assert path.read_bytes() == old.replace(b"onboarding:", added + b"onboarding:")
    assert "+   - date: 2026-11-23" in result.output
    assert 'git commit -m "Log phone with acme-logistics"' in result.output
    assert git.run("status", "--porcelain").strip() == "M clients/acme-logistics.yaml"
    assert records.lint_json()["summary"]["errors"] == 0


def test_contact_channel_follow_up_and_commit(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, git = repo
    args = ["log", "acme-logistics", "--contact", "jo@acme.example", "--summary", "Demo"]
    result = _log(records, *args, "--follow-up", "2026-12-01", "--direction", "inbound", "--commit")
    assert result.exit_code == 0, result.output
    last = _data(records.root / "clients" / "acme-logistics.yaml")["interactions"][-1]
    assert last == {
        "date": "2026-11-23",
        "channel": "video",
        "direction": "inbound",
        "by": "account-manager",
        "summary": "With Jo Smith: Demo",
        "follow_up": "2026-12-01",
    }
    assert git.run("log", "-1", "--format=%s").strip() == "Log video with acme-logistics"
    assert git.run("status", "--porcelain").strip() == ""
    # closing it: --done names the follow-up's date
    result = _log(records, "log", "acme-logistics", "--done", "2026-12-01", "--commit")
    assert result.exit_code == 0, result.output
    assert _data(records.root / "clients" / "acme-logistics.yaml")["interactions"][-1]["done"]
    assert "+     done: true" in result.output
    result = _log(records, "log", "acme-logistics", "--done", "2026-12-01")
    assert result.exit_code == 2 and "no open follow-up" in result.output


def test_commit_refuses_a_file_with_uncommitted_changes(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, _ = repo
    path = records.root / "clients" / "zenith.yaml"
    path.write_text(path.read_text() + "# edited by hand\n")
    before = path.read_bytes()
    result = _log(records, "log", "zenith", "--channel", "email", "--summary", "x", "--commit")
    assert result.exit_code == 2 and "uncommitted changes" in result.output
    assert path.read_bytes() == before


def test_ambiguous_and_unknown_clients_list_candidates(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, _ = repo
    result = _log(records, "log", "acme", "--summary", "x")
    assert result.exit_code == 2
    assert "acme-freight" in result.output and "acme-logistics" in result.output
    assert _log(records, "log", "nobody", "--summary", "x").exit_code == 2
    found = find_client(records.root, "ZENITH pharma")
    assert found.id == "zenith"
    assert find_client(records.root, "freight SERVICES").id == "acme-freight"
    assert fold("Acmé") == "acme"


def test_summary_from_the_editor(repo: tuple[RecordsRepo, GitRepo], tmp_path: Path) -> None:
    records, _ = repo
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "Talked through the renewal" >> "$1"\n')
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    env = {"EDITOR": str(editor), "VISUAL": str(editor)}
    result = _log(records, "log", "zenith", "--channel", "phone", env=env)
    assert result.exit_code == 0, result.output
    last = _data(records.root / "clients" / "zenith.yaml")["interactions"][-1]
    assert last["summary"] == "Talked through the renewal"


def test_a_change_that_brings_an_error_is_refused(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, _ = repo
    path = records.root / "clients" / "zenith.yaml"
    before = path.read_bytes()
    result = _log(records, "log", "zenith", "--channel", "pigeon", "--summary", "x")
    assert result.exit_code == 2 and "pigeon" in result.output
    assert path.read_bytes() == before


def test_task_is_an_open_follow_up_everywhere(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, _ = repo
    result = _log(records, "task", "zenith", "--due", "2026-11-20", "--summary", "Send the offer")
    assert result.exit_code == 0, result.output
    last = _data(records.root / "clients" / "zenith.yaml")["interactions"][-1]
    assert last["channel"] == "task" and last["follow_up"] == "2026-11-20"
    lint = records.lint_json()
    assert [d["rule"] for d in lint["diagnostics"]] == ["follow-up-overdue"]
    report = CliRunner().invoke(
        main,
        ["--repo", str(records.root), "report", "--today", TODAY.isoformat(), "--format", "json"],
    )
    assert "Send the offer" in report.output
    assert _log(records, "log", "zenith", "--done", "2026-11-20").exit_code == 0
    assert records.lint_json()["diagnostics"] == []


def test_no_git_user_leaves_by_out(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, git = repo
    git.run("config", "user.email", "someone@else.example")
    result = _log(records, "log", "zenith", "--channel", "phone", "--summary", "Hi")
    assert result.exit_code == 0, result.output
    assert "by" not in _data(records.root / "clients" / "zenith.yaml")["interactions"][-1]

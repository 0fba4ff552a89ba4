from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clientbook.cli import COMMANDS
from tests.conftest import REPO_ROOT, TODAY, RecordsRepo, minimal_record, run_cli

BROKEN = minimal_record(
    owner="nobody", review={"last_reviewed": "2026-01-10", "interval": "quarterly"}
)


def test_version_and_help_on_every_command() -> None:
    assert "clientbook, version" in run_cli("--version").stdout
    listed = run_cli("--help").stdout
    for name in COMMANDS:
        assert f"  {name} " in listed, name
        result = run_cli(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout, name
    assert run_cli("no-such-command").exit_code == 2


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "clientbook", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "clientbook, version" in out.stdout


def test_exit_codes(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record())
    assert records_repo.lint().exit_code == 0
    records_repo.write_record(
        minimal_record(review={"last_reviewed": "2026-01-10", "interval": "quarterly"})
    )
    assert records_repo.lint().exit_code == 0  # warnings only
    assert records_repo.lint("--strict").exit_code == 1
    records_repo.write_record(BROKEN)
    assert records_repo.lint().exit_code == 1


def test_outside_a_records_repository(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = run_cli("lint")
    assert result.exit_code == 2 and "clientbook init" in result.stderr


def test_text_format(records_repo: RecordsRepo) -> None:
    records_repo.write_record(BROKEN)
    out = records_repo.lint("--format", "text").stdout
    assert "clients/acme-logistics.yaml:7:8:" in out and "error [unknown-staff]" in out
    assert out.rstrip().endswith("1 file checked: 1 error, 1 warning")


def test_json_format(records_repo: RecordsRepo) -> None:
    records_repo.write_record(BROKEN)
    doc = records_repo.lint_json()
    assert doc["summary"] == {"files": 1, "errors": 1, "warnings": 1}
    assert set(doc["diagnostics"][0]) >= {
        "path",
        "line",
        "column",
        "severity",
        "rule",
        "message",
        "hint",
    }


def test_github_format_escapes(records_repo: RecordsRepo) -> None:
    records_repo.write_record(BROKEN)
    out = records_repo.lint("--format", "github").stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("::error"))
    assert line.startswith(
        "::error file=clients/acme-logistics.yaml,line=7,col=8,title=clientbook unknown-staff::"
    )
    assert "%0A" in line  # the hint on its own line


def test_auto_format_in_github_actions(
    records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    records_repo.write_record(BROKEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert records_repo.lint().stdout.startswith("::")


def test_sarif_format(records_repo: RecordsRepo) -> None:
    records_repo.write_record(BROKEN)
    log = json.loads(records_repo.lint("--format", "sarif").stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"unknown-staff", "review-overdue"}
    result = next(r for r in run["results"] if r["ruleId"] == "unknown-staff")
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 7,
        "startColumn": 8,
    }


def test_output_file(records_repo: RecordsRepo, tmp_path: Path) -> None:
    records_repo.write_record(BROKEN)
    target = tmp_path / "report.json"
    result = records_repo.lint("--format", "json", "--output", str(target))
    assert result.exit_code == 1 and json.loads(target.read_text())["summary"]["errors"] == 1


def test_severity_override_and_ignore(records_repo: RecordsRepo) -> None:
    records_repo.write_record(BROKEN)
    config = records_repo.root / "clientbook.yaml"
    text = config.read_text()
    config.write_text(
        text.replace("rules: {}", "rules: {unknown-staff: warning, review-overdue: 'off'}")
    )
    doc = records_repo.lint_json()
    assert [(d["rule"], d["severity"]) for d in doc["diagnostics"]] == [
        ("unknown-staff", "warning")
    ]
    config.write_text(
        text + "ignore:\n  - rule: unknown-staff\n    paths: ['clients/acme-*.yaml']\n"
    )
    assert {d["rule"] for d in records_repo.lint_json()["diagnostics"]} == {"review-overdue"}


def test_unknown_rule_in_config_is_a_config_error(records_repo: RecordsRepo) -> None:
    config = records_repo.root / "clientbook.yaml"
    config.write_text(config.read_text().replace("rules: {}", "rules: {no-such-rule: warning}"))
    result = records_repo.lint()
    assert (
        result.exit_code == 2
        and "clientbook.yaml:" in result.stderr
        and "no-such-rule" in result.stderr
    )


def test_rules_command_lists_and_explains() -> None:
    listing = run_cli("rules").stdout
    assert "retention-expired" in listing and "review-overdue" in listing
    explained = run_cli("rules", "retention-expired").stdout
    assert "Fails" in explained and "Passes" in explained
    assert run_cli("rules", "nope").exit_code == 2


def test_init_creates_a_clean_repository(tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = run_cli("init", str(target), "--today", TODAY.isoformat())
    assert result.exit_code == 0
    for name in (
        "clientbook.yaml",
        "schemas/client.schema.json",
        "clients/example-client.yaml",
        ".pre-commit-config.yaml",
        ".github/workflows/clientbook.yml",
    ):
        assert (target / name).is_file(), name
    lint = run_cli("--repo", str(target), "lint", "--today", TODAY.isoformat(), "--format", "json")
    assert lint.exit_code == 0, lint.stdout
    assert json.loads(lint.stdout)["diagnostics"] == []
    assert run_cli("init", str(target)).exit_code == 2  # not empty


def test_sample_repository_has_no_errors_for_years() -> None:
    for today in ("2026-11-23", "2027-06-01", "2029-12-31"):
        result = run_cli(
            "--repo", str(REPO_ROOT), "lint", "--today", today, "--format", "json", "--no-cache"
        )
        doc = json.loads(result.stdout)
        assert doc["summary"]["errors"] == 0, (
            today,
            [d for d in doc["diagnostics"] if d["severity"] == "error"],
        )
        assert doc["summary"]["files"] >= 12

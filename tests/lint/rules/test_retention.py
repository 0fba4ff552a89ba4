from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.conftest import RecordsRepo, minimal_record, rules_of

Lint = Callable[..., list[dict[str, Any]]]


def test_retention_expired_message(records_repo: RecordsRepo) -> None:
    records_repo.write(
        "acme-logistics.yaml",
        """
        id: acme-logistics
        name: Acme Logistics
        kind: organization
        status: former
        since: 2015-01-01
        ended: 2018-02-01
        owner: account-manager
        jurisdiction: EU
        """,
    )
    [d] = [d for d in records_repo.lint_json()["diagnostics"] if d["rule"] == "retention-expired"]
    assert d["message"] == (
        "former client ended 2018-02-01; policy contract-7y kept it until 2025-02-01: erase or anonymise it"
    )
    assert (d["line"], d["column"], d["severity"]) == (6, 8, "error")


def test_former_client_inside_retention_passes(lint_record: Lint) -> None:
    assert not rules_of(lint_record(status="former", ended="2026-06-30")) & {
        "retention-expired",
        "retention-due",
    }


def test_retention_due_warns_within_window(lint_record: Lint) -> None:
    diags = lint_record(
        status="former", ended="2020-12-10"
    )  # contract-6y → 2026-12-10, 17 days ahead
    [d] = [d for d in diags if d["rule"] == "retention-due"]
    assert d["severity"] == "warning" and "17 days left" in d["message"]


def test_explicit_retain_until(lint_record: Lint) -> None:
    hold = {"retain_until": "2030-01-01", "reason": "Legal hold, case 42"}
    assert "retention-expired" not in rules_of(
        lint_record(status="former", ended="2010-01-01", retention=hold)
    )


def test_last_interaction_policy(lint_record: Lint) -> None:
    old = [{"date": "2024-01-10", "channel": "email", "direction": "outbound", "summary": "x"}]
    diags = lint_record(
        status="contact", since="2024-01-01", retention={"policy": "prospect-2y"}, interactions=old
    )
    assert "retention-expired" in rules_of(diags)


def test_retention_missing(records_repo: RecordsRepo) -> None:
    config = records_repo.root / "clientbook.yaml"
    config.write_text(config.read_text().replace("    default_retention: contract-6y\n", ""))
    records_repo.write_record(minimal_record(status="former", ended="2026-06-30"))
    assert "retention-missing" in rules_of(records_repo.lint_json()["diagnostics"])
    records_repo.write_record(
        minimal_record(status="former", ended="2026-06-30", retention={"policy": "contract-7y"})
    )
    assert "retention-missing" not in rules_of(records_repo.lint_json()["diagnostics"])

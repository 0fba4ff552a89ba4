"""A record whose field holds the wrong kind of value (lint reports it) still gets its page, and
the site is built: one stray value in 10,000 records must not stop the build."""

from __future__ import annotations

from typing import Any

from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli

CALL = {"date": "2026-10-01", "channel": "phone", "direction": "inbound", "summary": "Called."}

ODD: dict[str, dict[str, Any]] = {
    "communication-text": {"communication": "email please"},
    "address-text": {"address": "10 Downing Street"},
    "address-list": {"address": ["10 Downing Street", "London"]},
    "agreement-text": {"agreements": ["the old one", {"id": "a", "title": "Kept agreement"}]},
    "agreements-number": {"agreements": 3},
    "project-text": {"projects": ["a project", {"name": "Kept project"}]},
    "milestone-text": {"projects": [{"name": "P", "milestones": ["m", {"name": "Kept step"}]}]},
    "feedback-text": {"feedback": ["great", {"date": "2026-05-01", "score": 9}]},
    "tags-number": {"tags": 5},
    "tags-mapping": {"tags": {"a": 1}},
    # two on one day, one without a direction: reply times sorted None against text
    "same-day-no-direction": {
        "interactions": [CALL, {**CALL, "direction": None}, {**CALL, "summary": "Again."}]
    },
}


def test_every_odd_record_gets_its_page(records_repo: RecordsRepo) -> None:
    for name, fields in ODD.items():
        records_repo.write_record(minimal_record(id=name, name=f"Odd {name}", **fields))
    records_repo.write_record(minimal_record(id="plain", name="Plain"))
    result = run_cli("--repo", str(records_repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    site = records_repo.root / "site" / "clients"
    for name in [*ODD, "plain"]:
        assert f"Odd {name}" in (site / f"{name}.html").read_text() or name == "plain"
    # what is of the right kind is shown; the stray values are not
    assert "Kept agreement" in (site / "agreement-text.html").read_text()
    assert "Kept project" in (site / "project-text.html").read_text()
    assert "Kept step" in (site / "milestone-text.html").read_text()
    feedback = (site / "feedback-text.html").read_text()
    assert "<li>2026-05-01: 9/10</li>" in feedback and "<li>great" not in feedback
    assert 'class="tags"' not in (site / "tags-number.html").read_text()

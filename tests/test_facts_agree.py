"""One record, every reader: lint, the page model, the dashboard's flags, the calendar, the
DPO's report and the subject-access export decide a consent's state and an open follow-up
alike (core/obligations.py), even on records that are odd in the ways people write them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from clientbook.compliance.report import FOLLOW_UP_OVERDUE, record_items
from clientbook.compliance.subject_access import consent_states
from clientbook.core import obligations
from clientbook.core.config import load_config
from clientbook.site.calendar import deadlines_for
from clientbook.site.flags import flags
from clientbook.site.model import client_page
from tests.conftest import TODAY, RecordsRepo, minimal_record

CONSENTS = {
    "unreadable given date": [
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "given": "2026-02-30",
            "source": "form",
        }
    ],
    "withdrawn, then given again": [
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "given": "2025-01-10",
            "withdrawn": "2025-06-01",
            "source": "form",
        },
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "given": "2026-03-01",
            "source": "call",
        },
    ],
    "withdrawn in the future": [
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "given": "2025-01-10",
            "withdrawn": "2027-01-01",
            "source": "form",
        }
    ],
    "given in the future": [
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "given": "2027-01-10",
            "source": "form",
        }
    ],
    "withdrawn today, no given date": [
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "withdrawn": TODAY.isoformat(),
            "source": "x",
        }
    ],
}

CALL = {"date": "2026-10-01", "channel": "phone", "direction": "inbound", "summary": "Called."}
FOLLOW_UPS = {
    "overdue": {**CALL, "follow_up": "2026-10-08"},
    "due later": {**CALL, "follow_up": "2026-11-28"},
    "done": {**CALL, "follow_up": "2026-10-08", "done": True},
    "no date": {**CALL},
    "unreadable date": {**CALL, "follow_up": "next week"},
    "done is not true": {**CALL, "follow_up": "2026-10-08", "done": "yes"},
    # `clientbook task`: a follow-up with no contact before it
    "task overdue": {**CALL, "channel": "task", "direction": "outbound", "follow_up": "2026-10-08"},
    "task due later": {
        **CALL,
        "channel": "task",
        "direction": "outbound",
        "follow_up": "2026-11-28",
    },
    "task done": {**CALL, "channel": "task", "follow_up": "2026-10-08", "done": True},
}


def _readers(repo: RecordsRepo, record: dict[str, Any]) -> dict[str, Any]:
    """What each reader makes of the record."""
    repo.write_record(record)
    config = load_config(repo.root)
    file = f"clients/{record['id']}.yaml"
    page = client_page(file, record, config, {}, TODAY, [], None, "internal")
    return {
        "config": config,
        "lint": {d["rule"] for d in repo.lint_json()["diagnostics"]},
        "page": page,
        "flags": flags(page, config, TODAY),
        "calendar": list(deadlines_for(page, config)),
        "report": record_items(record["id"], file, record, [], config, TODAY, 30),
        "export": consent_states(record, config, TODAY),
    }


@pytest.mark.parametrize("case", sorted(CONSENTS))
def test_consent_states_agree(records_repo: RecordsRepo, case: str) -> None:
    consents = CONSENTS[case]
    record = minimal_record(
        consents=consents, communication={"frequency": "quarterly", "subscriptions": ["newsletter"]}
    )
    seen = _readers(records_repo, record)
    decided = [obligations.consent_state(c, TODAY) for c in consents]
    assert [c.state for c in seen["page"].consents] == decided
    assert [c["state"] for c in seen["export"]] == decided
    assert ("consent-withdrawn" in seen["flags"]) == ("withdrawn" in decided)
    # lint: a subscription is used after withdrawal only when no consent stands
    all_withdrawn = all(s == "withdrawn" for s in decided)
    assert ("consent-withdrawn-used" in seen["lint"]) == all_withdrawn
    none_given = not any(s in ("current", "withdrawn") for s in decided)
    assert ("consent-missing" in seen["lint"]) == none_given


def test_the_odd_consents_are_decided_as_documented() -> None:
    """The expectations above are not vacuous: each case lands where a DPO would put it."""
    states = {
        case: [obligations.consent_state(c, TODAY) for c in cs] for case, cs in CONSENTS.items()
    }
    assert states == {
        "unreadable given date": ["unknown"],
        "withdrawn, then given again": ["withdrawn", "current"],
        "withdrawn in the future": ["current"],
        "given in the future": ["future"],
        "withdrawn today, no given date": ["withdrawn"],
    }


@pytest.mark.parametrize("case", sorted(FOLLOW_UPS))
def test_open_follow_ups_agree(records_repo: RecordsRepo, case: str) -> None:
    interaction = FOLLOW_UPS[case]
    record = minimal_record(interactions=[*minimal_record()["interactions"], interaction])
    seen = _readers(records_repo, record)
    when = obligations.open_follow_up(interaction)
    state = obligations.follow_up_state(interaction, TODAY)

    (shown,) = [i for i in seen["page"].interactions if i.date == interaction["date"]]
    assert shown.follow_state == state
    events = [d for d in seen["calendar"] if "/follow-up/" in d.key]
    assert [d.day for d in events] == ([when] if when else [])
    followed = [i for i in seen["report"] if "follow-up" in i.kind]
    assert [i.date for i in followed] == ([when.isoformat()] if when else [])
    assert ("follow-up-overdue" in seen["lint"]) == (state == "overdue")
    assert any(i.kind == FOLLOW_UP_OVERDUE for i in followed) == (state == "overdue")
    assert ("follow-up-due" in seen["flags"]) == (state in ("due", "overdue"))
    assert obligations.next_deadline(record, seen["config"]) == min(
        d for d in [when, *(d.day for d in seen["calendar"] if "/follow-up/" not in d.key)] if d
    )


def test_the_odd_follow_ups_are_decided_as_documented() -> None:
    states = {case: obligations.follow_up_state(i, TODAY) for case, i in FOLLOW_UPS.items()}
    assert states == {
        "overdue": "overdue",
        "due later": "due",
        "done": "done",
        "no date": "",
        "unreadable date": "",
        "done is not true": "overdue",
        "task overdue": "overdue",
        "task due later": "due",
        "task done": "done",
    }


def test_a_task_is_no_contact_with_the_client() -> None:
    """A task is open like a follow-up, but the last interaction (and so staleness and a
    retention period run from it) ignores it."""
    task = {**FOLLOW_UPS["task overdue"], "date": "2026-11-20"}
    record = minimal_record(interactions=[*minimal_record()["interactions"], task])
    assert obligations.last_interaction(record) == dt.date(2026, 11, 2)
    assert [when for _, _, when in obligations.open_follow_ups(record)] == [dt.date(2026, 10, 8)]

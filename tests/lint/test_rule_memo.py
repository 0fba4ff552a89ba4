"""What several rules work out from one record is worked out once, for that record only."""

from __future__ import annotations

import pytest
import yaml

from clientbook.core.config import load_config
from clientbook.core.records import record_from_bytes
from clientbook.lint.rules.base import Context, shared
from clientbook.lint.run import build_checker
from tests.conftest import TODAY, RecordsRepo, minimal_record


def test_shared_without_a_memo_works_it_out_each_time(records_repo: RecordsRepo) -> None:
    context = Context(load_config(records_repo.root), TODAY, records_repo.root)
    made: list[int] = []
    for _ in range(2):
        shared(context, "answer", lambda: made.append(1) or len(made))
    assert made == [1, 1]
    remembering = Context(context.config, TODAY, records_repo.root, memo={})
    answers = [shared(remembering, "answer", lambda: made.append(1) or len(made)) for _ in range(3)]
    assert answers == [3, 3, 3]


def test_each_record_checked_has_its_own_memo(records_repo: RecordsRepo) -> None:
    """Two records checked one after the other by one checker: each rule sees its own."""
    checker = build_checker(load_config(records_repo.root), TODAY)
    old = minimal_record(status="former", ended="2010-02-01")
    new = minimal_record(status="former", ended="2026-06-30")
    found = []
    for data in (old, new, old):
        raw = yaml.safe_dump(data, sort_keys=False).encode()
        result = checker.check_record(record_from_bytes("clients/acme-logistics.yaml", raw))
        found.append(sorted({d.rule for d in result.diagnostics} & {"retention-expired"}))
    assert found == [["retention-expired"], [], ["retention-expired"]]


def test_a_failure_is_never_remembered(records_repo: RecordsRepo) -> None:
    """Each rule that asks again fails as it would alone (and becomes its own rule-crashed)."""
    context = Context(load_config(records_repo.root), TODAY, records_repo.root, memo={})
    calls: list[int] = []

    def fails() -> int:
        calls.append(1)
        raise ValueError("no answer")

    for _ in range(2):
        with pytest.raises(ValueError):
            shared(context, "answer", fails)
    assert calls == [1, 1] and context.memo == {}

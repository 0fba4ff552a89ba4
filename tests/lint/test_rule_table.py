"""Every rule is documented (with examples) and named in a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from clientbook.lint.rules import RULES

TESTS = Path(__file__).parents[1]  # every test file, in every layer folder
ALL_TEST_TEXT = "\n".join(
    p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py")
) + "\n".join(
    p.read_text(encoding="utf-8", errors="replace")
    for p in (TESTS / "corpus").rglob("*")
    if p.is_file()
)
INTERNAL = {"rule-crashed"}  # reached only through a bug in a rule


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_documented(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.summary and rule.doc, rule_id
    if rule.check or rule.cross:
        assert "Fails" in rule.doc, f"{rule_id} documents no failing example"


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - INTERNAL))
def test_rule_is_tested(rule_id: str) -> None:
    assert (
        f'"{rule_id}"' in ALL_TEST_TEXT
        or f"'{rule_id}'" in ALL_TEST_TEXT
        or f"expect: {rule_id}" in ALL_TEST_TEXT
    )


def test_crashing_rule_becomes_a_diagnostic(tmp_path: Path) -> None:
    """A bug in a rule is reported as rule-crashed on the record; the other rules still run."""
    import dataclasses
    import datetime as dt

    from clientbook.authoring.scaffold import scaffold
    from clientbook.core.config import load_config
    from clientbook.lint.checkfile import Checker
    from clientbook.lint.rules import RECORD_RULES
    from clientbook.lint.run import build_checker

    scaffold(tmp_path / "r", "T", dt.date(2026, 11, 23))
    checker: Checker = build_checker(load_config(tmp_path / "r"), dt.date(2026, 11, 23))
    path = tmp_path / "r/clients/example-client.yaml"
    broken = dataclasses.replace(RECORD_RULES[0], check=lambda data, ctx: [1 / 0])
    import clientbook.lint.checkfile as checkfile

    original = checkfile.RULES[broken.id]
    checkfile.RULES[broken.id] = broken
    try:
        result = checker.check(path, "clients/example-client.yaml")
    finally:
        checkfile.RULES[broken.id] = original
    assert [d.rule for d in result.diagnostics] == ["rule-crashed"]
    assert "ZeroDivisionError" in result.diagnostics[0].message

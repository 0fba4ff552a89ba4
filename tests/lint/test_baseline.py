"""lint --baseline and --write-baseline: known findings held back, matched by rule, client and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.lint.baseline import Baseline, compare, fingerprint
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli

OVERDUE = {
    "date": "2026-05-01",
    "channel": "phone",
    "direction": "inbound",
    "by": "account-manager",
    "summary": "Asked for a quote.",
    "follow_up": "2026-05-08",
}


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    records_repo.write_record(minimal_record(interactions=[OVERDUE]))
    records_repo.write_record(minimal_record(id="zenith", name="Zenith", website="ftp://x"))
    return records_repo


def _findings(repo: RecordsRepo, *args: str) -> dict[str, Any]:
    return repo.lint_json(*args)


def _write_baseline(repo: RecordsRepo) -> Path:
    path = repo.root / "clientbook-baseline.json"
    result = repo.lint("--write-baseline", str(path))
    assert result.exit_code == 0, result.output
    assert f"wrote {path}: " in result.output
    return path


def test_a_baseline_holds_back_what_it_knows_and_nothing_personal(repo: RecordsRepo) -> None:
    before = _findings(repo)
    assert before["summary"]["errors"] + before["summary"]["warnings"] >= 2
    path = _write_baseline(repo)
    text = path.read_text()
    assert "acme" not in text and "zenith" not in text and "Asked" not in text
    after = repo.lint("--baseline", str(path))
    assert after.exit_code == 0, after.output  # the errors are known: they do not fail the run
    known = len(before["diagnostics"])
    assert f"{known} known findings in the baseline {path} not shown" in after.output
    assert "[" not in after.output.split("checked:")[0]  # no finding listed


def test_an_edit_above_a_finding_does_not_bring_it_back(repo: RecordsRepo) -> None:
    path = _write_baseline(repo)
    file = repo.root / "clients" / "acme-logistics.yaml"
    file.write_text(file.read_text().replace("\n", "\n# a comment\n", 3))
    result = _findings(repo, "--baseline", str(path))
    assert result["diagnostics"] == []
    assert result["summary"]["fixed"] == 0


def test_a_new_finding_is_reported_and_a_fixed_one_is_counted(repo: RecordsRepo) -> None:
    path = _write_baseline(repo)
    repo.write_record(minimal_record(id="zenith", name="Zenith"))  # its error fixed
    repo.write_record(minimal_record(id="borealis", name="Borealis", website="gopher://x"))
    result = repo.lint("--baseline", str(path))
    assert result.exit_code == 1
    assert "clients/borealis.yaml" in result.output and "clients/zenith.yaml" not in result.output
    assert "1 finding in the baseline is gone: clientbook lint --write-baseline" in result.output


def test_sarif_keeps_known_results_suppressed_with_stable_fingerprints(repo: RecordsRepo) -> None:
    path = _write_baseline(repo)
    repo.write_record(minimal_record(id="borealis", name="Borealis", website="gopher://x"))
    result = repo.lint("--baseline", str(path), "--format", "sarif")
    results = json.loads(result.stdout)["runs"][0]["results"]
    states = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["baselineState"])
        for r in results
    }
    assert ("clients/borealis.yaml", "new") in states
    assert ("clients/zenith.yaml", "unchanged") in states
    for r in results:
        assert len(r["partialFingerprints"]["clientbook/v1"]) == 24
        assert ("suppressions" in r) == (r["baselineState"] == "unchanged")
    plain = json.loads(repo.lint("--format", "sarif").stdout)["runs"][0]["results"]
    assert all("baselineState" not in r for r in plain)
    prints = {r["partialFingerprints"]["clientbook/v1"] for r in plain}
    assert prints == {r["partialFingerprints"]["clientbook/v1"] for r in results}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "clientbook-baseline.json:1:2: not JSON"),
        ('{"findings": []}', "clientbook-baseline.json:1:1: not a clientbook baseline"),
        ('{"clientbook_baseline": 1, "findings": [1]}', "'findings' must be a list"),
    ],
)
def test_a_bad_baseline_is_refused_with_its_place(
    repo: RecordsRepo, content: str, words: str
) -> None:
    path = repo.root / "clientbook-baseline.json"
    path.write_text(content)
    result = repo.lint("--baseline", str(path))
    assert result.exit_code == 2 and words in result.output, result.output


def _d(line: int, message: str, pointer: str = "contacts/0/email") -> Diagnostic:
    return Diagnostic("clients/acme.yaml", line, 3, Severity.ERROR, "schema", message, "", pointer)


def test_matching_ignores_lines_and_numbers_but_counts_repeats() -> None:
    baseline = Baseline.of([_d(4, "overdue by 3 days"), _d(9, "overdue by 3 days")])
    found = compare([_d(40, "overdue by 12 days"), _d(41, "overdue by 12 days")], baseline)
    assert (len(found.new), len(found.known), found.fixed) == (0, 2, 0)
    more = compare([_d(4, "a"), _d(5, "b"), _d(6, "c")], baseline)  # words changed: by field
    assert (len(more.new), len(more.known), more.fixed) == (1, 2, 0)
    other = compare([_d(4, "overdue by 3 days", "contacts/1/email")], baseline)
    assert (len(other.new), other.fixed) == (1, 2)
    assert fingerprint(_d(1, "x")) == fingerprint(_d(99, "y"))


def test_a_baseline_named_in_the_config_is_used_by_lint_and_report(repo: RecordsRepo) -> None:
    _write_baseline(repo)
    config = repo.root / "clientbook.yaml"
    config.write_text(config.read_text() + "\nbaseline: clientbook-baseline.json\n")
    assert repo.lint().exit_code == 0  # every finding known
    everything = repo.lint("--no-baseline")
    assert everything.exit_code == 1 and "clients/zenith.yaml" in everything.output
    report = run_cli(
        "--repo", str(repo.root), "report", "--format", "json", "--today", TODAY.isoformat()
    )  # fmt: skip
    items = json.loads(report.stdout)["items"]
    overdue = [i for i in items if i["kind"] == "follow-up overdue"]
    assert overdue and all(i["known"] for i in overdue)
    text = run_cli("--repo", str(repo.root), "report", "--today", TODAY.isoformat()).output
    assert "(known: in the baseline)" in text


def test_the_config_refuses_an_absolute_baseline_path(records_repo: RecordsRepo) -> None:
    config = records_repo.root / "clientbook.yaml"
    config.write_text(config.read_text() + "\nbaseline: /etc/passwd\n")
    result = records_repo.lint()
    assert result.exit_code == 2 and "clientbook.yaml:" in result.output


def test_the_site_marks_the_baselines_findings_known(repo: RecordsRepo) -> None:
    _write_baseline(repo)
    config = repo.root / "clientbook.yaml"
    config.write_text(config.read_text() + "\nbaseline: clientbook-baseline.json\n")
    repo.write_record(minimal_record(id="borealis", name="Borealis", website="gopher://x"))
    built = run_cli("--repo", str(repo.root), "build", "--today", TODAY.isoformat())
    assert built.exit_code == 0, built.output
    pages = repo.root / "site" / "clients"
    zenith = (pages / "zenith.html").read_text()
    borealis = (pages / "borealis.html").read_text()
    assert '<em class="known"' in zenith  # its error was there when the baseline was written
    assert '<em class="known"' not in borealis  # a new one
    (repo.root / "clientbook-baseline.json").write_text("{}")
    broken = run_cli("--repo", str(repo.root), "build", "--today", TODAY.isoformat())
    assert broken.exit_code == 2 and "not a clientbook baseline" in broken.output

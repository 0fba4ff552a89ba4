"""Hostile records through every command that reads them: build, report and export finish
with their usual exit codes and output, never a traceback (run_cli lets exceptions through)."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import Result

from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record, run_cli

BIG = int("1" + "0" * 400)  # a valid JSON number, far beyond a float's range


def _cli(repo: RecordsRepo, *args: str) -> Result:
    return run_cli("--repo", str(repo.root), *args)


def _every_reader(repo: RecordsRepo, tmp_path: Path, client: str = "acme-logistics") -> None:
    """build, report in every format, and export (one client, and all in every format) work."""
    built = _cli(repo, "build", "--today", TODAY.isoformat(), "--jobs", "1")
    assert built.exit_code == 0, built.output
    for fmt in ("text", "json", "csv", "markdown"):
        report = _cli(repo, "report", "--today", TODAY.isoformat(), "--format", fmt)
        assert report.exit_code in (0, 1), report.output
    single = _cli(repo, "export", client, "--today", TODAY.isoformat())
    assert single.exit_code == 0, single.output
    json.loads(single.stdout)
    for fmt in ("csv", "vcf", "json"):
        out = tmp_path / f"all.{fmt}"
        every = _cli(repo, "export", "--all", "--format", fmt, "--out", str(out))
        assert every.exit_code == 0, every.output
        assert out.is_file()


# --- numbers no float can hold -------------------------------------------------------------------


def test_huge_kpi_and_feedback_numbers_are_shown_as_written_without_a_chart(
    records_repo: RecordsRepo, tmp_path: Path
) -> None:
    records_repo.write_record(
        minimal_record(
            kpis=[
                {"name": "Huge target", "target": BIG, "actual": 5},
                {"name": "Huge actual", "target": 5, "actual": -BIG},
                {"name": "Ordinary", "target": 95, "actual": 97},
            ],
            feedback=[{"date": "2026-03-01", "score": BIG}, {"date": "2026-09-01", "score": 9}],
        )
    )
    lint = records_repo.lint_json()  # lint takes the KPIs as numbers; the score is out of range
    assert [d["pointer"] for d in lint["diagnostics"]] == ["feedback/0/score"]
    _every_reader(records_repo, tmp_path)
    page = (records_repo.root / "site" / "clients" / "acme-logistics.html").read_text("utf-8")
    assert str(BIG) in page and f"-{BIG}" in page  # the value as written
    assert page.count('class="kpi ') == 1  # only the ordinary KPI has a bar
    assert "actual 97 against target 95: met" in page
    assert "2026-09-01: 9" in page and "inf" not in page


# --- dates whose periods run past 9999-12-31 -----------------------------------------------------

LATE = "9999-12-31"
FORMER = {"status": "former", "ended": "2026-10-01"}
OPEN_END: dict[str, dict[str, Any]] = {
    "since": {"since": LATE},
    "ended": {"status": "former", "ended": LATE},
    "retain_until": {"retention": {"retain_until": LATE, "reason": "legal hold"}},
    "last_reviewed": {"review": {"last_reviewed": LATE, "interval": "annually"}},
    "agreement end": {
        **FORMER,
        "retention": {"policy": "agreement-7y"},
        "agreements": [{"id": "msa", "title": "MSA", "start": "2026-01-05", "end": LATE}],
    },
    "interaction date": {
        "interactions": [
            {"date": LATE, "channel": "meeting", "direction": "outbound", "summary": "x"}
        ]
    },
    "last interaction, for retention": {
        "retention": {"policy": "prospect-2y"},
        "interactions": [
            {"date": LATE, "channel": "meeting", "direction": "outbound", "summary": "x"}
        ],
    },
    "follow_up": {"interactions": [{**OPEN_FOLLOW_UP, "follow_up": LATE}]},
}


def _with_agreement_policy(repo: RecordsRepo) -> None:
    config = repo.root / "clientbook.yaml"
    text = config.read_text(encoding="utf-8")
    policy = (
        "  - id: agreement-7y\n    runs_from: agreement-end\n    period: P7Y\n"
        "    basis: Seven years after the last agreement ends.\n"
    )
    config.write_text(
        text.replace("retention_policies:\n", "retention_policies:\n" + policy), encoding="utf-8"
    )


@pytest.mark.parametrize("case", list(OPEN_END))
def test_the_last_day_of_the_calendar_breaks_no_command(
    records_repo: RecordsRepo, tmp_path: Path, case: str
) -> None:
    _with_agreement_policy(records_repo)
    records_repo.write_record(minimal_record(**OPEN_END[case]))
    lint = records_repo.lint("--format", "json")
    assert lint.exit_code in (0, 1), lint.output
    rules = {d["rule"] for d in json.loads(lint.stdout)["diagnostics"]}
    assert "rule-crashed" not in rules
    _every_reader(records_repo, tmp_path)
    calendar = icalendar.Calendar.from_ical(
        (records_repo.root / "site" / "deadlines.ics").read_bytes()
    )
    days = [e.decoded("DTSTART") for e in calendar.walk("VEVENT")]
    if case in ("retain_until", "follow_up"):
        assert TODAY.replace(year=9999, month=12, day=31) in days


def test_a_period_past_the_calendar_is_a_finding_at_its_date(records_repo: RecordsRepo) -> None:
    """An agreement ending 9999-12-31 (an open end written as a date) gives no retention date:
    reported at the end date, and not also as a retention date missing."""
    _with_agreement_policy(records_repo)
    path = records_repo.write_record(minimal_record(**OPEN_END["agreement end"]))
    lines = path.read_text(encoding="utf-8").splitlines()
    [line] = [n for n, text in enumerate(lines, 1) if text.startswith("agreements:")]
    diagnostics = records_repo.lint_json()["diagnostics"]
    assert [(d["rule"], d["pointer"], d["line"]) for d in diagnostics] == [
        ("date-range", "agreements/0/end", line)
    ]
    [d] = diagnostics
    assert d["severity"] == "error"
    assert "P7Y after 9999-12-31" in d["message"] and "calendar" in d["message"]


def test_review_and_contact_past_the_calendar_are_findings(records_repo: RecordsRepo) -> None:
    records_repo.write_record(
        minimal_record(
            review={"last_reviewed": "9999-06-01", "interval": "annually"},
            interactions=[
                {"date": "9999-11-01", "channel": "email", "direction": "outbound", "summary": "x"}
            ],
        )
    )
    found = {
        d["pointer"]: d["message"]
        for d in records_repo.lint_json()["diagnostics"]
        if d["rule"] == "date-range"
    }
    assert set(found) == {"review/last_reviewed", "interactions/0/date"}
    assert "P1Y after 9999-06-01" in found["review/last_reviewed"]
    assert "P3M after 9999-11-01" in found["interactions/0/date"]


def test_report_within_an_enormous_number_of_days(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record())
    for within in (str(10**12), str(10**30)):
        result = _cli(
            records_repo,
            "report",
            "--today",
            TODAY.isoformat(),
            "--within",
            within,
            "--format",
            "json",
        )
        assert result.exit_code == 0, result.output
        kinds = {i["kind"] for i in json.loads(result.stdout)["items"]}
        assert "review due" in kinds  # everything ahead is within such a window
    late = _cli(records_repo, "report", "--today", "9999-12-01", "--within", "60")
    assert late.exit_code in (0, 1) and "Traceback" not in late.output


def test_today_on_the_last_day_of_the_calendar(records_repo: RecordsRepo) -> None:
    """Warning windows ahead of --today reach to 9999-12-31 instead of past it."""
    records_repo.write_record(
        minimal_record(retention={"retain_until": "9999-12-31", "reason": "legal hold"})
    )
    for args in (("lint",), ("report",), ("build", "--jobs", "1"), ("export", "acme-logistics")):
        result = _cli(records_repo, *args, "--today", "9999-12-31")
        assert result.exit_code in (0, 1), (args, result.output)
    [due] = [
        d
        for d in json.loads(
            _cli(records_repo, "lint", "--today", "9999-12-31", "--format", "json").stdout
        )["diagnostics"]
        if d["rule"] == "retention-due"
    ]
    assert "0 days left" in due["message"]


# --- ids that must not become file names ---------------------------------------------------------


@pytest.mark.parametrize(
    "bad_id", ["a\u0000b", "../../escaped", "/tmp/absolute", "..", "a/b", "x" * 300]
)
def test_an_id_that_is_no_file_name_names_no_page(
    records_repo: RecordsRepo, tmp_path: Path, bad_id: str
) -> None:
    records_repo.write_record(minimal_record(id=bad_id), name="odd-id.yaml")
    records_repo.write_record(minimal_record(id="zenith", name="Zenith Pharma"))
    before = {p for p in tmp_path.rglob("*")}
    result = _cli(records_repo, "build", "--today", TODAY.isoformat(), "--jobs", "1")
    assert result.exit_code == 0, result.output
    site, caches = records_repo.root / "site", records_repo.root / ".clientbook"
    made = {p for p in tmp_path.rglob("*")} - before
    assert all({site, caches} & {p, *p.parents} for p in made), sorted(made)
    pages = sorted(p.name for p in (site / "clients").iterdir())
    assert pages == ["odd-id.html", "zenith.html"]  # the file's name stands in for the id
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "clients/odd-id.html" in index or '"odd-id"' in index


# --- vCards carry only web addresses -------------------------------------------------------------


def unfold(card: str) -> list[str]:
    return card.replace("\r\n ", "").split("\r\n")


@pytest.mark.parametrize(
    ("website", "url"),
    [
        ("javascript:alert(document.cookie)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("mailto:someone@acme.example", None),
        ("ftp://files.acme.example/", None),
        ("https://acme.example/about", "https://acme.example/about"),
        ("http://acme.example", "http://acme.example"),
    ],
)
def test_vcards_carry_only_http_and_https_websites(
    records_repo: RecordsRepo, tmp_path: Path, website: str, url: str | None
) -> None:
    records_repo.write_record(
        minimal_record(
            website=website, contacts=[{"name": "Jo Bloggs", "email": "jo@acme.example"}]
        )
    )
    out = tmp_path / "contacts.vcf"
    result = _cli(records_repo, "export", "--all", "--format", "vcf", "--out", str(out))
    assert result.exit_code == 0, result.output
    urls = [line for line in unfold(out.read_bytes().decode()) if line.startswith("URL")]
    assert urls == ([f"URL:{url}"] if url else []), urls
    built = _cli(records_repo, "build", "--today", TODAY.isoformat(), "--jobs", "1")
    assert built.exit_code == 0, built.output
    page = (records_repo.root / "site" / "clients" / "acme-logistics.html").read_text("utf-8")
    [card] = [
        base64.b64decode(data).decode("utf-8")
        for data in re.findall(r"data:text/vcard;charset=utf-8;base64,([A-Za-z0-9+/=]+)", page)
    ]
    assert [line for line in unfold(card) if line.startswith("URL")] == urls

"""clientbook build: determinism, the atomic swap, audiences, --strict, escaping, extended schemas, calendar."""

from __future__ import annotations

import base64
import json
import re

import icalendar
import pytest

from clientbook.site.datafile import payload_of
from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record, run_cli, site_files
from tests.site import directory_files

HOSTILE = '</script><script>window.pwned=1</script>"><img src=x onerror="window.pwned=2">'


def _build(repo: RecordsRepo, *args: str) -> object:
    return run_cli("--repo", str(repo.root), "build", "--today", TODAY.isoformat(), *args)


@pytest.fixture
def site_repo(records_repo: RecordsRepo) -> RecordsRepo:
    records_repo.write_record(
        minimal_record(
            contacts=[
                {
                    "name": "Jo Bloggs",
                    "email": "jo@acme.example",
                    "phone": "+442079460123",
                    "primary": True,
                }
            ],
            notes="Confidential: prefers calls after 4pm.",
            kpis=[
                {
                    "name": "On-time delivery",
                    "unit": "%",
                    "target": 95,
                    "actual": 97,
                    "as_of": "2026-10-31",
                }
            ],
            feedback=[{"date": "2026-03-01", "score": 8}, {"date": "2026-09-01", "score": 9}],
            interactions=[OPEN_FOLLOW_UP],
        )
    )
    records_repo.write_record(
        minimal_record(
            id="zenith-pharma", name="Zenith Pharma", owner="dpo", team="data-protection"
        )
    )
    return records_repo


def test_build_writes_index_client_pages_vcards_and_calendar(site_repo: RecordsRepo) -> None:
    result = _build(site_repo)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    site = site_repo.root / "site"
    assert {
        "index.html",
        "style.css",
        "app.js",
        "deadlines.ics",
        "clients/acme-logistics.html",
        "clients/zenith-pharma.html",
    } <= set(site_files(site))
    page = (site / "clients/acme-logistics.html").read_text()
    assert '<a href="mailto:jo@acme.example">' in page and '<a href="tel:+442079460123">' in page
    assert "Retention: open" in page and "Review: ok" in page and '<svg class="kpi met"' in page
    assert "Follow-up 2026-11-30: due" in page and "prefers calls after 4pm" in page
    link = re.search(r'<a href="(data:[^"]*)" download="([^"]*)">vCard', page)
    assert link is not None and link.group(2) == "acme-logistics.contact-1.vcf"
    prefix = "data:text/vcard;charset=utf-8;base64,"
    assert link.group(1).startswith(prefix)
    card = base64.b64decode(link.group(1).removeprefix(prefix)).decode("utf-8")
    assert (
        card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
        and "EMAIL;TYPE=work:jo@acme.example" in card
    )
    calendar = icalendar.Calendar.from_ical((site / "deadlines.ics").read_bytes())
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert "Follow-up: Acme Logistics" in summaries and "Review due: Zenith Pharma" in summaries


def test_output_is_deterministic(site_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    assert _build(site_repo).exit_code == 0  # type: ignore[attr-defined]
    first = site_files(site_repo.root / "site")
    assert _build(site_repo).exit_code == 0  # type: ignore[attr-defined]
    assert site_files(site_repo.root / "site") == first
    assert b"Built 2026-09-21 14:13 UTC" in first["index.html"]


def test_workers_build_the_same_site_as_one_process(
    site_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    for n in range(7):
        site_repo.write_record(minimal_record(id=f"client-{n}", name=f"Client Number {n}"))
    assert _build(site_repo, "--jobs", "1", "--out", "one").exit_code == 0  # type: ignore[attr-defined]
    assert _build(site_repo, "--jobs", "2", "--out", "two").exit_code == 0  # type: ignore[attr-defined]
    one, two = site_files(site_repo.root / "one"), site_files(site_repo.root / "two")
    assert len([n for n in one if n.endswith(".html") and n.startswith("clients/")]) == 9
    assert one == two  # the manifest of input keys included


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failed_build_leaves_the_previous_site(site_repo: RecordsRepo, jobs: str) -> None:
    """Also when the page that fails is rendered in a worker process."""
    assert _build(site_repo).exit_code == 0  # type: ignore[attr-defined]
    before = site_files(site_repo.root / "site")
    broken = site_repo.root / "templates" / "site"
    broken.mkdir(parents=True, exist_ok=True)
    (broken / "client.html").write_text(
        "{{ page.no_such_field.boom }}"
    )  # StrictUndefined: the render fails
    result = _build(site_repo, "--jobs", jobs)
    assert result.exit_code == 2 and "templates failed" in result.output  # type: ignore[attr-defined]
    assert site_files(site_repo.root / "site") == before
    assert not [p for p in site_repo.root.iterdir() if p.name.startswith(".site-")]


def test_refuses_to_replace_a_folder_it_did_not_build(site_repo: RecordsRepo) -> None:
    (site_repo.root / "site").mkdir()
    (site_repo.root / "site" / "precious.txt").write_text("mine")
    result = _build(site_repo)
    assert result.exit_code == 2 and "was not built by clientbook" in result.output  # type: ignore[attr-defined]
    assert (site_repo.root / "site" / "precious.txt").read_text() == "mine"


def test_restricted_audience_leaves_out_confidential_fields(site_repo: RecordsRepo) -> None:
    assert _build(site_repo, "--audience", "restricted", "--out", "site-restricted").exit_code == 0  # type: ignore[attr-defined]
    site = site_repo.root / "site-restricted"
    everything = b"".join(site_files(site).values())
    assert b"prefers calls after 4pm" not in everything
    page = (site / "clients/acme-logistics.html").read_text()
    assert (
        "Built for the <strong>restricted</strong> audience" in page
        and "withheld for this audience" in page
    )


def test_strict_refuses_when_lint_has_errors(site_repo: RecordsRepo) -> None:
    site_repo.write_record(minimal_record(id="broken", name="Broken Co", owner="nobody"))
    result = _build(site_repo, "--strict")
    assert result.exit_code == 2 and "--strict refuses" in result.output  # type: ignore[attr-defined]
    assert not (site_repo.root / "site").exists()
    assert _build(site_repo).exit_code == 0  # type: ignore[attr-defined]
    page = (site_repo.root / "site/clients/broken.html").read_text()
    assert "[unknown-staff]" in page  # still shown, with its findings


def test_hostile_record_stays_text_everywhere(site_repo: RecordsRepo) -> None:
    site_repo.write_record(
        minimal_record(
            id="hostile",
            name=HOSTILE,
            website="javascript:alert(1)",
            contacts=[{"name": HOSTILE, "email": "x@evil.example", "phone": "+442079460124"}],
            tags=["x"],
        )
    )
    assert _build(site_repo).exit_code == 0  # type: ignore[attr-defined]
    site = site_repo.root / "site"
    for name in ("index.html", "clients/hostile.html"):
        html = (site / name).read_text()
        assert "<script>window.pwned" not in html and "<img src=x" not in html, name
    page = (site / "clients/hostile.html").read_text()
    assert (
        'href="javascript:' not in page and "javascript:alert(1)" in page
    )  # shown as text, not a link
    meta = directory_files.meta(site)  # embedded in index.html: cannot close its script element
    assert "</" not in json.dumps(meta) and meta["count"] == 3
    for data in (site / "directory").glob("*.js"):  # nor can the data files, wherever they go
        text = data.read_text()
        assert "</" not in text and "<img" not in text and payload_of(text), data.name
    assert HOSTILE in {row[1] for row in directory_files.built_rows(site)}


def test_extended_schema_fields_appear_with_their_titles(site_repo: RecordsRepo) -> None:
    schema_path = site_repo.root / "schemas" / "client.schema.json"
    schema = json.loads(schema_path.read_text())
    schema["properties"]["loan_stage"] = {
        "title": "Loan stage",
        "description": "Where the mortgage application is.",
        "type": "string",
        "enum": ["enquiry", "application", "offer"],
    }
    schema_path.write_text(json.dumps(schema))
    site_repo.write_record(minimal_record(loan_stage="offer"))
    assert _build(site_repo).exit_code == 0  # type: ignore[attr-defined]
    page = (site_repo.root / "site/clients/acme-logistics.html").read_text()
    assert (
        "Loan stage" in page and "Where the mortgage application is." in page and ">offer<" in page
    )


def test_build_outside_git_warns_and_builds(site_repo: RecordsRepo) -> None:
    result = _build(site_repo)
    assert result.exit_code == 0 and "no change history" in result.stderr  # type: ignore[attr-defined]


def test_dashboard_owner_and_team_pages_and_forms(site_repo: RecordsRepo) -> None:
    site_repo.write_record(
        minimal_record(
            id="stale-co",
            name="Stale Co",
            communication={"frequency": "monthly"},
            interactions=[
                {
                    "date": "2026-08-01",
                    "channel": "email",
                    "direction": "inbound",
                    "summary": "Question",
                },
                {
                    "date": "2026-08-05",
                    "channel": "email",
                    "direction": "outbound",
                    "summary": "Answer",
                },
            ],
        )
    )
    assert _build(site_repo).exit_code == 0  # type: ignore[attr-defined]
    site = site_repo.root / "site"
    dashboard = (site / "dashboard.html").read_text()
    assert (
        'href="index.html#flag=stale"><strong>1</strong> Not contacted as often as agreed'
        in dashboard
    )
    assert 'href="index.html#status=active"' in dashboard and "<svg" in dashboard
    assert (
        "Average days from an inbound interaction to the next outbound one: <strong>4.0</strong>"
        in dashboard
    )
    owner = (site / "owners/account-manager.html").read_text()
    assert "Acme Logistics" in owner and "Stale Co" in owner and "Zenith Pharma" not in owner
    assert "follow-up due" in owner  # what is due, from the same code as clientbook report
    assert "Zenith Pharma" in (site / "teams/data-protection.html").read_text()
    assert (site / "forms/onboarding.html").is_file() and 'href="forms/onboarding.html"' in (
        site / "index.html"
    ).read_text()
    rows = directory_files.built_rows(site)
    assert set(next(r for r in rows if r[0] == "stale-co")[12]) == {
        "stale",
        "lint-warnings",
        "incomplete",
    }


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_incremental_rebuild_rewrites_only_what_changed(site_repo: RecordsRepo, jobs: str) -> None:
    assert _build(site_repo, "--jobs", jobs).exit_code == 0  # type: ignore[attr-defined]
    site = site_repo.root / "site"
    acme, zenith = site / "clients/acme-logistics.html", site / "clients/zenith-pharma.html"
    before = {p: (p.stat().st_ino, p.read_bytes()) for p in (acme, zenith)}
    site_repo.write_record(
        minimal_record(
            id="zenith-pharma", name="Zenith Pharma AG", owner="dpo", team="data-protection"
        )
    )
    result = _build(site_repo, "--jobs", jobs)
    assert "files unchanged since the last build were kept" in result.output  # type: ignore[attr-defined]
    assert (
        acme.stat().st_ino == before[acme][0] and acme.read_bytes() == before[acme][1]
    )  # linked, not rewritten
    assert zenith.stat().st_ino != before[zenith][0] and b"Zenith Pharma AG" in zenith.read_bytes()
    assert b"Zenith Pharma AG" in (site / "index.html").read_bytes()  # the directory always follows


def test_a_template_change_renders_every_page_again(site_repo: RecordsRepo) -> None:
    assert _build(site_repo).exit_code == 0  # type: ignore[attr-defined]
    page = site_repo.root / "site/clients/acme-logistics.html"
    inode = page.stat().st_ino
    template = site_repo.root / "templates/site/client.html"
    template.write_text(template.read_text().replace("<h1>", '<h1 class="changed">'))
    assert _build(site_repo).exit_code == 0  # type: ignore[attr-defined]
    assert page.stat().st_ino != inode and b'<h1 class="changed">' in page.read_bytes()


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_every_client_page_once(site_repo: RecordsRepo, jobs: int) -> None:
    import threading

    from clientbook.core.config import load_config
    from clientbook.site.build import build

    for n in range(7):
        site_repo.write_record(minimal_record(id=f"client-{n}", name=f"Client Number {n}"))
    calls: list[tuple[int, int, str]] = []
    build(
        load_config(site_repo.root),
        site_repo.root / "site",
        TODAY,
        jobs=jobs,
        progress=lambda done, total: calls.append((done, total, threading.current_thread().name)),
    )
    assert calls and calls[-1][:2] == (9, 9)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)  # never backwards
    assert len({c[0] for c in calls}) == len(calls)

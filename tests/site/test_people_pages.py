"""Owner and team pages: every client listed up to people.LIMIT, counted by status past it,
what is due capped with the rest counted; the dashboard's health table stays short."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from clientbook.site import dashboard, dashtotals, people
from clientbook.site.summary import from_parts
from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record, run_cli
from tests.site.directory_files import built_rows


def _build(repo: RecordsRepo) -> Path:
    result = run_cli("--repo", str(repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    return repo.root / "site"


@pytest.fixture
def five(records_repo: RecordsRepo) -> RecordsRepo:
    for n, status in enumerate(["active", "active", "paused", "contact", "active"]):
        records_repo.write_record(
            minimal_record(
                id=f"client-{n}",
                name=f"Client {'ABCDE'[n]} Partners",
                status=status,
                interactions=[OPEN_FOLLOW_UP],  # a follow-up due: an item on the owner's list
            )
        )
    return records_repo


def _links(html: str) -> dict[str, str]:
    """The page's links to the directory: filters (unescaped) -> the link's text."""
    found = re.findall(r'<a href="\.\./index\.html#([^"]*)"[^>]*>([^<]*)</a>', html)
    return {unescape(filters): text for filters, text in found}


def test_a_page_of_few_clients_lists_each_one(five: RecordsRepo) -> None:
    html = (_build(five) / "owners/account-manager.html").read_text(encoding="utf-8")
    assert html.count('<a href="../clients/client-') == 10  # each client, and each due item
    assert "Client E Partners" in html and "counted by status" not in html
    assert _links(html) == {"owner=Account+Manager": "All 5 clients in the directory"}


def test_past_the_limit_clients_are_counted_by_status_each_a_directory_view(
    five: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people, "LIMIT", 3)
    site = _build(five)
    for page, key, value in (
        ("owners/account-manager.html", "owner", "Account Manager"),
        ("teams/accounts.html", "team", "Account management"),
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert "Client E Partners</a></td><td><span" not in html  # no client rows
        assert "Clients (5)" in html and "counted by status" in html
        links = _links(html)
        rows = built_rows(site)
        for filters, text in links.items():
            wanted = dict(parse_qsl(filters, keep_blank_values=True))
            place = {"owner": 3, "team": 4, "status": 2}
            found = [r for r in rows if all(r[place[k]] == v for k, v in wanted.items())]
            assert wanted[key] == value and str(len(found)) in text, (page, filters)
        assert set(links) == {
            f"{key}={value.replace(' ', '+')}",
            f"{key}={value.replace(' ', '+')}&status=active",
            f"{key}={value.replace(' ', '+')}&status=contact",
            f"{key}={value.replace(' ', '+')}&status=paused",
        }
        # the 3 most urgent due items listed, the other 2 counted by kind
        assert html.count("follow-up due</td>") == 3, page
        assert "Due now or within 30 days (5)" in html
        assert "2 more: 2 follow-up due." in html and "<code>clientbook report</code>" in html


def _health(n: int) -> Any:
    health = {"id": f"c{n}", "name": f"C{n}", "frequency": "monthly", "last_year": 1, "last": ""}
    values = ("active", "", "GB", 1.0, ("stale",), (), (), (), {**health, "overdue_days": n})
    return from_parts(f"clients/c{n}.yaml", 0, {"dashboard": values})


def test_the_health_table_shows_the_most_overdue_and_links_to_the_rest() -> None:
    board = dashboard.build_dashboard([_health(n) for n in range(40)], TODAY)
    assert [h["overdue_days"] for h in board.health] == list(range(39, 14, -1))
    assert board.active == 40 and len(board.health) == dashtotals.HEALTH


def test_the_built_dashboard_links_the_clients_past_its_table(
    records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashtotals, "HEALTH", 1)
    for n in range(3):
        records_repo.write_record(minimal_record(id=f"c{n}", name=f"Client {'ABC'[n]} Holdings"))
    html = (_build(records_repo) / "dashboard.html").read_text(encoding="utf-8")
    assert "The 1 most overdue of 3 active clients." in html
    assert '<a href="index.html#flag=stale">All 0 not contacted as often as agreed</a>' in html

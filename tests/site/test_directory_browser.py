"""The directory and the dashboard in a real headless Chromium, clicked through as a person does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from clientbook.site.flags import FLAGS
from tests.browser import console_errors
from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record, run_cli
from tests.site.directory_files import built_rows, settled, shown_names

pytestmark = pytest.mark.browser

# name: (status, team, jurisdiction); None leaves the field out
CLIENTS: dict[str, tuple[str, str | None, str | None]] = {
    "São Paulo Café Ltda": ("active", "data-protection", "BR"),
    "Émile Zola Books": ("paused", None, "EU"),
    "Ærøskøbing Shipping ApS": ("active", "accounts", "EU"),
    "Łódź Łąka Textiles": ("contact", "accounts", "EU"),
    "Birch Lane Dental": ("former", "accounts", "GB"),
    "Nowhere Trading": ("active", None, None),  # no jurisdiction: a lint error, still listed
    "Zeta Partners": ("active", "accounts", "GB"),
}
TEAM_NAMES = {"accounts": "Account management", "data-protection": "Data protection office"}


def _id(name: str) -> str:
    return f"client-{sorted(CLIENTS).index(name)}"


@pytest.fixture
def varied(records_repo: RecordsRepo) -> Path:
    for n, (name, (status, team, jurisdiction)) in enumerate(CLIENTS.items()):
        overrides: dict[str, Any] = {"id": _id(name), "name": name, "status": status}
        overrides.update(team=team, jurisdiction=jurisdiction)
        if status == "former":
            overrides["ended"] = "2026-10-01"
        if n == 0:  # a follow-up due: one figure of "Needs attention" with a client behind it
            overrides["interactions"] = [OPEN_FOLLOW_UP]
        records_repo.write_record(minimal_record(**overrides))
    result = run_cli("--repo", str(records_repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    return records_repo.root / "site"


def _rows(d: Any) -> list[str]:
    """The names in the table, once the files its filters need are loaded."""
    return shown_names(d)


def _address_is(d: Any, end: str) -> None:
    """The address follows the filters just after the frame that shows them."""
    WebDriverWait(d, 5).until(lambda d: d.current_url.endswith("/" + end))


def _behind(data: list[list[Any]], href: str) -> set[str]:
    """The clients a dashboard link's filter stands for, read from the search data itself."""
    key, _, value = href.split("#", 1)[1].partition("=")
    value = value.replace("+", " ")
    column = {"status": 2, "team": 4, "jurisdiction": 6}
    if key == "flag":
        return {r[1] for r in data if value in r[12]}
    return {r[1] for r in data if r[column[key]] == value}


def test_every_dashboard_figure_opens_the_directory_with_exactly_its_clients(
    chromium: Any, varied: Path
) -> None:
    d = chromium
    data = built_rows(varied)
    dashboard = (varied / "dashboard.html").as_uri()
    d.get(dashboard)
    links = d.find_elements(By.CSS_SELECTOR, "main ul.figures a, main .columns td a")
    figures = [(a.get_attribute("href"), a.text.split()[0]) for a in links]  # the number
    assert len(figures) == len(FLAGS) + 4 + 3 + 4  # statuses; two teams and none; jurisdictions
    by_team = {href.split("#")[1]: text for href, text in figures if "#team=" in href}
    assert by_team == {
        "team=Account+management": "4",
        "team=Data+protection+office": "1",
        "team=": "2",
    }
    for n, (href, text) in enumerate(figures):
        d.get(dashboard)
        d.find_elements(By.CSS_SELECTOR, "main ul.figures a, main .columns td a")[n].click()
        assert d.current_url == href
        counted = int(text)
        expected = _behind(data, href)
        assert len(expected) == counted, (href, text)
        assert set(_rows(d)) == expected, href
        shown = d.find_element(By.ID, "count").text
        assert shown == (
            f"{counted} clients" if counted == len(data) else f"{counted} of {len(data)} clients"
        )
    assert console_errors(d) == []


def test_the_clients_without_a_team_are_a_filter_of_their_own(chromium: Any, varied: Path) -> None:
    d = chromium
    d.get((varied / "dashboard.html").as_uri())
    d.find_element(By.CSS_SELECTOR, "a[href='index.html#team=']").click()
    assert set(_rows(d)) == {"Émile Zola Books", "Nowhere Trading"}
    team = Select(d.find_element(By.ID, "f-team"))
    assert team.first_selected_option.text == "no team"
    team.select_by_visible_text("Account management")
    assert len(_rows(d)) == 4
    _address_is(d, "index.html#team=Account+management")
    team.select_by_visible_text("no team")
    assert len(_rows(d)) == 2
    _address_is(d, "index.html#team=")
    jurisdiction = Select(d.find_element(By.ID, "f-jurisdiction"))
    jurisdiction.select_by_visible_text("none")
    assert _rows(d) == ["Nowhere Trading"]
    team.select_by_visible_text("all")
    jurisdiction.select_by_visible_text("all")
    assert len(_rows(d)) == len(CLIENTS)
    _address_is(d, "index.html")


def test_search_sets_accents_aside(chromium: Any, varied: Path) -> None:
    d = chromium
    d.get((varied / "index.html").as_uri())
    box = d.find_element(By.ID, "q")
    for typed, found in (
        ("sao paulo", ["São Paulo Café Ltda"]),
        ("CAFE", ["São Paulo Café Ltda"]),
        ("émile", ["Émile Zola Books"]),
        ("aeroskobing", ["Ærøskøbing Shipping ApS"]),
        ("lodz laka", ["Łódź Łąka Textiles"]),
        ("Łódź", ["Łódź Łąka Textiles"]),
    ):
        box.clear()
        box.send_keys(typed)
        assert _rows(d) == found, typed
    box.clear()
    box.send_keys("\ue003")  # the last character taken back as well: every client again
    assert len(_rows(d)) == len(CLIENTS)


def test_name_order_sets_accents_aside_from_the_first_paint(chromium: Any, varied: Path) -> None:
    """The rows the page comes with are in the script's order: nothing moves once it runs."""
    d = chromium
    d.get((varied / "index.html").as_uri())
    expected = [
        "Ærøskøbing Shipping ApS",
        "Birch Lane Dental",
        "Émile Zola Books",
        "Łódź Łąka Textiles",
        "Nowhere Trading",
        "São Paulo Café Ltda",
        "Zeta Partners",
    ]
    assert _rows(d) == expected
    assert d.execute_script(
        "return [...document.querySelectorAll('#directory tbody tr')].every(tr => tr.dataset.row)"
    )  # the rows drawn are the page's own, kept
    # laid out as grids, still a table to assistive technology
    roles = [
        d.find_element(By.CSS_SELECTOR, selector).aria_role
        for selector in ("#directory", "#directory th", "#directory tbody tr", "#directory td")
    ]
    assert roles == ["table", "columnheader", "row", "cell"]
    d.find_element(By.CSS_SELECTOR, "button[data-sort=name]").click()
    assert _rows(d) == expected[::-1]
    d.find_element(By.CSS_SELECTOR, "button[data-sort=status]").click()
    settled(d)  # the status column is loaded to sort by it
    statuses = [
        s.text for s in d.find_elements(By.CSS_SELECTOR, "#directory tbody td:nth-child(2)")
    ]
    assert statuses == sorted(statuses) and _rows(d)[:4] == [  # ties in name order
        "Ærøskøbing Shipping ApS",
        "Nowhere Trading",
        "São Paulo Café Ltda",
        "Zeta Partners",
    ]


def test_a_changed_address_shows_its_filters(chromium: Any, varied: Path) -> None:
    """Back, forward or an edited address within the page: the form follows the URL."""
    d = chromium
    d.get((varied / "index.html").as_uri() + "#status=paused")
    assert _rows(d) == ["Émile Zola Books"]
    d.execute_script("location.hash = 'q=zeta'")
    assert d.find_element(By.ID, "q").get_attribute("value") == "zeta"
    assert Select(d.find_element(By.ID, "f-status")).first_selected_option.text == "all"
    assert _rows(d) == ["Zeta Partners"]
    d.back()
    assert _rows(d) == ["Émile Zola Books"]
    assert Select(d.find_element(By.ID, "f-status")).first_selected_option.text == "paused"

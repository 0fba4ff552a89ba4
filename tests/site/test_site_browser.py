"""The built site in a real headless Chromium, from file:// and from a local HTTP server.

A directory of many clients, its data files loaded as needed, is test_directory_chunks_browser's.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser import console_errors, screenshot
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.site.directory_files import settled, shown_names
from tests.site.test_site import HOSTILE

pytestmark = pytest.mark.browser

NAMES = [
    "Amber Falcon Freight",
    "Birch Lane Dental",
    "Cobalt Harbour Energy",
    "Delta Juniper Foods",
    "Ember Fjord Media",
]


@pytest.fixture
def site(records_repo: RecordsRepo) -> Path:
    for n, name in enumerate(NAMES):
        records_repo.write_record(
            minimal_record(
                id=name.lower().replace(" ", "-"),
                name=name,
                status=["active", "paused", "contact", "active", "active"][n],
                owner="dpo" if n % 2 else "account-manager",
                tags=["key-account"] if n < 2 else ["small"],
                contacts=[
                    {"name": f"Person {n}", "email": f"person{n}@{name.split()[0].lower()}.example"}
                ],
            )
        )
    records_repo.write_record(
        minimal_record(id="hostile", name=HOSTILE, contacts=[{"name": HOSTILE}])
    )
    result = run_cli("--repo", str(records_repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    return records_repo.root / "site"


@pytest.fixture
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[assignment, method-assign]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def _rows(d: Any) -> list[str]:
    """The names in the table, once the data files its filters need are loaded."""
    return shown_names(d)


def _address_has(d: Any, text: str) -> None:
    """The address follows the filters just after the frame that shows them."""
    WebDriverWait(d, 5).until(lambda d: text in d.current_url)


def _type(d: Any, text: str) -> None:
    """Replace the search text the way a person does, so the input events fire."""
    box = d.find_element(By.ID, "q")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    if text:
        box.send_keys(text)


def _search_filter_sort(d: Any, base: str) -> None:
    d.get(base + "/index.html")
    assert len(_rows(d)) == 6
    _type(d, "person3")  # a contact's email
    assert _rows(d) == ["Delta Juniper Foods"]
    _address_has(d, "q=person3")
    _type(d, "")
    Select(d.find_element(By.ID, "f-tag")).select_by_value("key-account")
    assert sorted(_rows(d)) == ["Amber Falcon Freight", "Birch Lane Dental"]
    Select(d.find_element(By.ID, "f-tag")).select_by_value("")
    Select(d.find_element(By.ID, "f-status")).select_by_value("active")
    assert set(_rows(d)) == {
        "Amber Falcon Freight",
        "Delta Juniper Foods",
        "Ember Fjord Media",
        HOSTILE,
    }
    d.find_element(
        By.CSS_SELECTOR, "button[data-sort=name]"
    ).click()  # already by name: now descending
    assert _rows(d)[0] == "Ember Fjord Media"
    header = d.find_element(By.CSS_SELECTOR, "button[data-sort=name]").find_element(By.XPATH, "..")
    assert header.get_attribute("aria-sort") == "descending"
    _address_has(d, "dir=desc")
    shared = d.current_url
    d.get(base + "/clients/amber-falcon-freight.html")
    d.get(shared)  # the filtered view is shareable: the state comes back from the URL
    assert (
        Select(d.find_element(By.ID, "f-status")).first_selected_option.get_attribute("value")
        == "active"
    )
    assert _rows(d)[0] == "Ember Fjord Media"


def test_directory_from_file_url(chromium: Any, site: Path) -> None:
    _search_filter_sort(chromium, site.as_uri())
    screenshot(chromium, "site-index")
    assert console_errors(chromium) == []


def test_directory_from_http_and_no_request_leaves_the_site(
    chromium: Any, server: str, tmp_path: Path
) -> None:
    d = chromium
    _search_filter_sort(d, server)
    d.find_element(By.LINK_TEXT, "Ember Fjord Media").click()
    assert d.find_element(By.TAG_NAME, "h1").text == "Ember Fjord Media"
    screenshot(d, "site-client")
    requested = d.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert requested and all(url.startswith(server) for url in requested), requested
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    d.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    vcard = d.find_element(By.PARTIAL_LINK_TEXT, "vCard")
    vcard.click()
    saved = downloads / vcard.get_attribute("download")
    deadline = time.monotonic() + 10
    while not saved.is_file() and time.monotonic() < deadline:
        time.sleep(0.1)
    text = saved.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0") and "person4@ember.example" in text
    assert console_errors(d) == []


def test_hostile_record_stays_text_in_the_browser(chromium: Any, site: Path) -> None:
    d = chromium
    d.get(site.as_uri() + "/index.html")
    _type(d, "pwned")
    assert d.execute_script("return window.pwned") is None
    assert HOSTILE in _rows(d)
    d.get((site / "clients" / "hostile.html").as_uri())
    assert d.execute_script("return window.pwned") is None
    assert d.find_element(By.TAG_NAME, "h1").text == HOSTILE
    assert d.find_elements(By.CSS_SELECTOR, "img") == []


def test_a_dashboard_figure_opens_the_filtered_directory(chromium: Any, site: Path) -> None:
    d = chromium
    d.get((site / "dashboard.html").as_uri())
    screenshot(d, "site-dashboard")
    d.find_element(By.PARTIAL_LINK_TEXT, "Has lint").click()
    assert "#flag=lint-" in d.current_url
    settled(d)  # the flags' data file loaded
    count = d.find_element(By.ID, "count").text
    assert count.endswith("of 6 clients") and not count.startswith("6 of")
    assert console_errors(d) == []


def test_the_first_click_after_typing_opens_the_client(chromium: Any, site: Path) -> None:
    """Clicking takes the focus from the search box, which fires its `change` event before
    the click lands: the table must not be drawn again under the pointer."""
    d = chromium
    d.get(site.as_uri() + "/index.html")
    box = d.find_element(By.ID, "q")
    box.send_keys("de")
    settled(d)
    kept = d.find_element(By.LINK_TEXT, "Delta Juniper Foods")
    box.send_keys("lta")
    assert _rows(d) == ["Delta Juniper Foods"]
    assert d.execute_script("return arguments[0].isConnected", kept)  # the same row, kept
    d.find_element(By.LINK_TEXT, "Delta Juniper Foods").click()  # once
    assert d.find_element(By.TAG_NAME, "h1").text == "Delta Juniper Foods"
    assert console_errors(d) == []

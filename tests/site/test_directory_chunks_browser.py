"""A directory past PRELOAD_ALL rows in a real headless Chromium: its data files come as needed.

The site is a real build of a few clients whose directory is then made again, through the
site's own writer, from 25,000 summaries; what the page shows is compared with the same
search done here in Python. How long a keystroke takes is bench/keystroke_bench.py's to
measure, never a test's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from clientbook.core.config import load_config
from clientbook.site import dirfiles
from clientbook.site.directory import Directory, directory_of
from clientbook.site.env import site_environment
from clientbook.site.searchtext import fold, words
from clientbook.site.wide import render_directory, site_context
from tests.browser import console_errors
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.site.directory_files import settled, shown_names
from tests.site.test_directory_index import _summary

pytestmark = pytest.mark.browser

COUNT = dirfiles.PRELOAD_ALL + 5000


class _Folder:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, content: str | bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


@pytest.fixture
def large(records_repo: RecordsRepo) -> tuple[Path, Directory]:
    records_repo.write_record(minimal_record())
    result = run_cli("--repo", str(records_repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    site = records_repo.root / "site"
    directory = directory_of([_summary(i) for i in range(COUNT)])
    built = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    context = site_context(load_config(records_repo.root), "internal", built, TODAY)
    render_directory(site_environment(records_repo.root), directory, context, [], _Folder(site))
    return site, directory


def _found(directory: Directory, query: str) -> list[str]:
    """The names the page must list for a query, in name order: each typed word starts a word."""
    terms = words(query)
    return [
        str(row[1])
        for row in directory.rows
        if all(any(w.startswith(t) for w in words(str(row[10]))) for t in terms)
    ]


def _type(d: Any, text: str) -> None:
    box = d.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)


def _loaded(d: Any, kind: str) -> int:
    """How many data files of this kind the page has asked for (a <script> each)."""
    return d.execute_script(  # type: ignore[no-any-return]
        f"return document.head.querySelectorAll('script[src^=\"directory/{kind}-\"]').length"
    )


def test_a_large_directory_loads_what_it_needs_and_finds_every_row(
    chromium: Any, large: tuple[Path, Directory]
) -> None:
    site, directory = large
    d = chromium
    d.get((site / "index.html").as_uri())
    assert d.find_element(By.ID, "count").text == f"{COUNT} clients"
    assert shown_names(d)[:3] == [str(r[1]) for r in directory.rows[:3]]
    for query in ("aurora caravan", "emile", "LODZ łąka", "δελ", "北京", "örn 2", "zzz"):
        _type(d, query)
        expected = _found(directory, query)
        assert shown_names(d) == expected[:200], query
        shown = d.find_element(By.ID, "count").text
        assert shown == f"{len(expected)} of {COUNT} clients", query
    _type(d, "")
    Select(d.find_element(By.ID, "f-status")).select_by_value("paused")
    Select(d.find_element(By.ID, "f-tag")).select_by_value("key-account")
    d.find_element(By.CSS_SELECTOR, "button[data-sort=due]").click()
    d.find_element(By.CSS_SELECTOR, "button[data-sort=due]").click()  # descending
    settled(d)
    expected = _due_descending(directory)
    assert shown_names(d) == expected[:200]
    assert d.find_element(By.ID, "count").text == f"{len(expected)} of {COUNT} clients"
    blocks = -(-COUNT // dirfiles.block_size(COUNT))
    assert 0 < _loaded(d, "rows") < blocks / 2  # the rows drawn, not every row
    assert _loaded(d, "col") == 2 and _loaded(d, "facet") == 1  # status and due; tags
    assert _loaded(d, "search") == COUNT // 1000  # loaded once the page was shown
    assert console_errors(d) == []


def _due_descending(directory: Directory) -> list[str]:
    """Paused key accounts by next due date, latest first; equal dates in name order (a
    reversed sort keeps the order of equals)."""
    rows = [r for r in directory.rows if r[2] == "paused" and "key-account" in r[9]]
    rows.sort(key=lambda r: (fold(str(r[8])), str(r[8])), reverse=True)
    return [str(r[1]) for r in rows]

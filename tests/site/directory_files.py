"""Reading a built directory's data files back, for tests: every row as the summary made it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from clientbook.site.datafile import payload_of, read_rows
from clientbook.site.dirfiles import COLUMNS, FOLDER, SHOWN


def meta(site: Path) -> dict[str, Any]:
    """What index.html tells the page's script: the row count, the files, their versions."""
    html = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="directory-meta">(.*?)</script>', html)
    assert found is not None, "index.html has no directory-meta"
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def data(site: Path, name: str) -> Any:
    return payload_of((site / FOLDER / f"{name}.js").read_text(encoding="utf-8"))


def built_rows(site: Path) -> list[list[Any]]:
    """Each row in name order, in the summary's layout (sitemodel.search_row) but for its
    search text (None): the data files joined back together, each checked against the others."""
    blocks = len(list((site / FOLDER).glob("rows-*.js")))
    rows: list[list[Any]] = []
    for number in range(blocks):
        for shown in data(site, f"rows-{number}"):
            row: list[Any] = [None] * 13
            for place, value in zip(SHOWN, shown, strict=True):
                row[place] = value
            row[9], row[12] = [], []
            rows.append(row)
    for key, place in COLUMNS.items():
        column = data(site, f"col-{key}")
        values = [column["values"][code] for code in column["codes"]]
        assert values == [str(r[place] or "") for r in rows], key
    for key, place in (("tag", 9), ("flag", 12)):
        facet = data(site, f"facet-{key}")
        for value, steps in zip(facet["values"], facet["rows"], strict=True):
            for n in read_rows(steps):
                rows[n][place].append(value)
    return rows


SETTLED = "return !document.querySelector('#directory').hasAttribute('aria-busy')"


def settled(driver: Any) -> None:
    """Wait for the directory to have drawn what its filters ask (the files it needed loaded)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: d.execute_script(SETTLED))


def shown_names(driver: Any) -> list[str]:
    """The names in the table once it has settled, in one round trip to the browser."""
    settled(driver)
    return driver.execute_script(  # type: ignore[no-any-return]
        "return [...document.querySelectorAll('#directory tbody tr td:first-child a')]"
        ".map((a) => a.textContent)"
    )

"""The site templates' own output escaping: markupsafe's result, None as nothing, errors kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import markupsafe
import pytest

from clientbook.authoring.forms import environment
from clientbook.core.config import load_config
from clientbook.core.records import load_records
from clientbook.lint.run import build_checker
from clientbook.site.build import EPOCH
from clientbook.site.env import site_environment
from clientbook.site.escape import escape_output
from clientbook.site.flags import duplicate_links
from clientbook.site.model import client_page
from clientbook.site.wide import site_context
from clientbook.util.vcard import vcard_data_url
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.site.test_site import HOSTILE


class _Html:
    def __html__(self) -> str:
        return "<b>kept</b>"


@pytest.mark.parametrize(
    "value",
    [
        HOSTILE,
        "a & b < c > d ' e \" f",
        "&amp; already an entity",
        "",
        "plain",
        "ünïcödé <€>",
        42,
        -1.5,
        True,
        dt.date(2026, 11, 23),
        ["<x>", "y"],
        {"k": "<v>"},
        markupsafe.Markup("<i>safe</i>"),
        _Html(),
    ],
)
def test_escape_output_is_markupsafes_escape(value: object) -> None:
    assert escape_output(value) == str(markupsafe.escape(value))


def test_none_prints_nothing_and_an_undefined_name_is_still_an_error(tmp_path: Path) -> None:
    env = site_environment(tmp_path)
    assert env.from_string("[{{ x }}][{{ y.z }}]").render(x=None, y={"z": None}) == "[][]"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ d.missing }}").render(d={})
    # filters are the environment's: |e still gives Markup, which is not escaped twice
    assert env.from_string("{{ x|e }}{{ x }}").render(x="<&>") == "&lt;&amp;&gt;" * 2


def test_client_pages_are_what_markupsafe_escaping_renders(records_repo: RecordsRepo) -> None:
    """The page of a hostile record, rendered by the site environment and by a stock one."""
    records_repo.write_record(
        minimal_record(
            id="hostile",
            name=HOSTILE,
            industry=HOSTILE,
            notes=HOSTILE,
            tags=[HOSTILE, "<b>"],
            contacts=[{"name": HOSTILE, "email": "jo@acme.example", "role": "' \" &"}],
        )
    )
    records_repo.write_record(minimal_record(id="plain", name="Plain & Simple"))
    root = records_repo.root
    config = load_config(root)
    schema = build_checker(config, TODAY).schema.document
    context = {**site_context(config, "internal", EPOCH, TODAY), "built": ""}
    stock = environment(root).overlay(finalize=lambda v: "" if v is None else v)
    stock.filters.update(site_environment(root).filters)
    for record in load_records(root):
        assert record.data is not None
        page = client_page(record.file, record.data, config, schema, TODAY, [], None, "internal")
        vcards = [vcard_data_url(page.data, c.fields) for c in page.contacts]
        ours, theirs = (
            env.get_template("site/client.html").render(
                page=page, vcards=vcards, duplicates=duplicate_links(page), root="../", **context
            )
            for env in (site_environment(root), stock)
        )
        assert ours == theirs
        assert HOSTILE not in ours


def test_templates_compiled_by_an_earlier_version_are_not_used(records_repo: RecordsRepo) -> None:
    """Code compiled with the old finalize call would fail: its folder is removed, not read."""
    records_repo.write_record(minimal_record())
    old = records_repo.root / ".clientbook" / "cache" / "jinja-site"
    old.mkdir(parents=True)
    (old / "stale.cache").write_bytes(b"compiled elsewhere")
    result = run_cli("--repo", str(records_repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert not old.exists()
    assert any((old.parent / "jinja-site-2").iterdir())

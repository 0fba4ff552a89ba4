"""The site's duplicate flag: the other record's page and the command that merges the two."""

from __future__ import annotations

from clientbook.core.config import load_config
from clientbook.core.records import load_records
from clientbook.lint.run import lint
from clientbook.site.flags import DuplicateLink, duplicate_links
from clientbook.site.model import client_page
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.site.directory_files import built_rows


def _repo(records_repo: RecordsRepo) -> RecordsRepo:
    records_repo.write_record(minimal_record(id="mueller", name="Mueller GmbH", since="2021-03-01"))
    records_repo.write_record(minimal_record(id="myuller", name="Мюллер GmbH", since="2024-02-01"))
    records_repo.write_record(minimal_record(id="zenith", name="Zenith Pharma"))
    return records_repo


def test_built_pages_flag_the_duplicate_and_name_the_command(records_repo: RecordsRepo) -> None:
    repo = _repo(records_repo)
    result = run_cli("--repo", str(repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    site = repo.root / "site"
    page = (site / "clients" / "myuller.html").read_text(encoding="utf-8")
    assert "may be the same client as clients/mueller.yaml" in page
    assert "clientbook duplicates clients/myuller.yaml" in page
    assert 'Suspected duplicate of <a href="mueller.html">mueller</a>' in page
    assert (site / "clients" / "mueller.html").is_file()
    flags = {row[0]: row[12] for row in built_rows(site)}
    assert "duplicate" in flags["myuller"] and "duplicate" in flags["mueller"]
    assert "duplicate" not in flags["zenith"]


def test_duplicate_links_point_at_the_other_built_page(records_repo: RecordsRepo) -> None:
    repo = _repo(records_repo)
    assert run_cli("--repo", str(repo.root), "build", "--today", TODAY.isoformat()).exit_code == 0
    config = load_config(repo.root)
    diagnostics = lint(config, TODAY, use_cache=False).by_file()
    records = {r.file: r.data for r in load_records(repo.root)}
    pages = {
        file: client_page(
            file, data or {}, config, {}, TODAY, diagnostics.get(file, []), None, "internal"
        )
        for file, data in records.items()
    }
    links = duplicate_links(pages["clients/myuller.yaml"], records)
    assert links == [DuplicateLink("mueller", "mueller.html", "clientbook merge mueller myuller")]
    assert (repo.root / "site" / "clients" / links[0].href).is_file()
    # the older record's page names the same merge, the other way round
    assert duplicate_links(pages["clients/mueller.yaml"], records)[0].command == (
        "clientbook merge mueller myuller"
    )
    # without the other record at hand, the page names the listing that gives the command
    assert duplicate_links(pages["clients/myuller.yaml"])[0].command == (
        "clientbook duplicates clients/myuller.yaml"
    )
    assert duplicate_links(pages["clients/zenith.yaml"], records) == []

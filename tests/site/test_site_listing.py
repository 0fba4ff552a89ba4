"""An update in place lists clients/ again only when one of its folders changed.

While every folder's stat is the one kept with the site's state, the folders hold the
names they held (core/repo.listing_unchanged), and the update stats the files the state
knows. The folders are aged and the racy window turned off as in tests/core/test_listing.py,
so that the folders' stats are kept at all (a folder changed within the window is listed
again every time, which tests/site/test_site_racy.py's files show for files).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from clientbook.core.clientstats import client_stats
from clientbook.core.config import load_config
from clientbook.core.repo import client_listing
from clientbook.site import statestats, update
from clientbook.site.build import BuildResult, build
from clientbook.site.state import SiteState
from clientbook.util import filestat
from tests.conftest import TODAY, RecordsRepo, age_folders, minimal_record, site_files
from tests.site.test_site_update import _fresh


def _build(repo: RecordsRepo) -> BuildResult:
    return build(load_config(repo.root), repo.root / "site", TODAY)


def _kept(repo: RecordsRepo) -> tuple[dict[str, filestat.Stat], dict[str, filestat.Stat]]:
    state = SiteState(repo.root, repo.root / "site")
    try:
        whole, stats = state.whole(), state.stats()
    finally:
        state.close()
    assert whole is not None and stats is not None
    return whole.folders, stats


@pytest.fixture
def repo(records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch) -> RecordsRepo:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.setattr(filestat, "RACY_NS", -60_000_000_000)
    records_repo.write_record(minimal_record())
    records_repo.write_record(
        minimal_record(id="acorn-bank", name="Acorn Bank"), name="ac/acorn-bank.yaml"
    )
    records_repo.write_record(minimal_record(id="zenith-pharma", name="Zenith Pharma"))
    age_folders(records_repo.root / "clients", records_repo.root / "clients" / "ac")
    return records_repo


def _no_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    def listed(root: Path) -> object:
        raise AssertionError("clients/ was listed again")

    monkeypatch.setattr(update, "listed_stats", listed)


def _edit_in_place(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    with open(path, "r+", encoding="utf-8") as file:  # the same inode: its folder is unchanged
        file.write(text.replace(old, new, 1))
        file.truncate()


def test_an_edit_in_place_updates_without_listing(
    repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not _build(repo).in_place
    folders, _ = _kept(repo)
    assert folders == client_listing(repo.root)[1] and set(folders) == {"", "ac/"}
    _no_listing(monkeypatch)
    _edit_in_place(repo.root / "clients/ac/acorn-bank.yaml", "Quarterly check-in.", "Met the CFO.")
    result = _build(repo)
    assert result.in_place and result.reused == 2
    assert "Met the CFO." in (repo.root / "site/clients/acorn-bank.html").read_text("utf-8")
    folders_now, stats = _kept(repo)
    assert folders_now == folders and stats == client_stats(repo.root)
    assert site_files(repo.root / "site") == _fresh(repo)


def test_a_file_added_beside_the_others_is_found(repo: RecordsRepo) -> None:
    _build(repo)
    repo.write_record(minimal_record(id="acme-north", name="Acme North"), name="ac/acme-north.yaml")
    result = _build(repo)
    assert not result.in_place and result.pages == 4  # a file came: the full build


def test_a_save_by_rename_lists_once_then_keeps_the_new_folders(
    repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(repo)
    folders, _ = _kept(repo)
    path = repo.root / "clients/zenith-pharma.yaml"
    text = path.read_text(encoding="utf-8").replace("Quarterly check-in.", "Renewal talk.", 1)
    path.with_name("zenith-pharma.yaml.tmp").write_text(text, encoding="utf-8")
    os.replace(path.with_name("zenith-pharma.yaml.tmp"), path)
    result = _build(repo)
    assert result.in_place and result.reused == 2
    folders_now, stats = _kept(repo)
    assert folders_now[""] != folders[""] and folders_now == client_listing(repo.root)[1]
    assert stats == client_stats(repo.root)
    _no_listing(monkeypatch)  # the next update trusts the folders it kept
    _edit_in_place(path, "Renewal talk.", "Renewal signed.")
    assert _build(repo).in_place
    assert site_files(repo.root / "site") == _fresh(repo)


def test_changed_stats_are_kept_apart_until_there_are_many(
    repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(statestats, "CHANGED_STATS", 1)
    _build(repo)
    state = SiteState(repo.root, repo.root / "site")

    def changed_kept() -> bool:
        db = sqlite3.connect(state.path)
        try:
            return bool(db.execute("select 1 from meta where key = 'stats-changed'").fetchall())
        finally:
            db.close()

    for name, old, new in [
        ("acme-logistics.yaml", "Quarterly check-in.", "Renewal talk."),
        ("zenith-pharma.yaml", "Quarterly check-in.", "Renewal signed."),
    ]:
        _edit_in_place(repo.root / "clients" / name, old, new)
        assert _build(repo).in_place
        assert _kept(repo)[1] == client_stats(repo.root)
        # the first change is kept apart; the second makes two, past the limit: all written
        assert changed_kept() == (name == "acme-logistics.yaml")

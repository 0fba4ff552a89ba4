"""client_listing keeps each folder's stat, and listing_unchanged says when a listing still holds.

A folder's times move whenever a name in it is added, removed or renamed. The folders here
are aged (their modification time set a minute back) and the racy window turned off, so that
a change made within the clock's tick of the listing still shows; the racy guard itself is
tested last, on folders just made.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from clientbook.core.repo import client_listing, client_names, listing_unchanged
from clientbook.util import filestat
from tests.conftest import age_folders


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    clients = tmp_path / "clients"
    (clients / "ac").mkdir(parents=True)
    (clients / ".hidden").mkdir()
    for name in ("a.yaml", "ac/acme.yaml", ".hidden/x.yaml", "notes.txt"):
        (clients / name).write_text("id: x\n", encoding="utf-8")
    age_folders(clients, clients / "ac", clients / ".hidden")
    monkeypatch.setattr(filestat, "RACY_NS", -60_000_000_000)
    return tmp_path


def test_the_listing_is_client_names_with_its_folders(root: Path) -> None:
    names, folders = client_listing(root)
    assert names == client_names(root) == ["a.yaml", "ac/acme.yaml"]
    assert set(folders) == {"", "ac/"}  # hidden folders are not listed, so not kept
    assert listing_unchanged(root, folders)


def test_an_edit_in_place_keeps_the_listing(root: Path) -> None:
    _, folders = client_listing(root)
    with open(root / "clients" / "ac" / "acme.yaml", "r+b") as file:
        file.write(b"id: y")
    assert listing_unchanged(root, folders)


@pytest.mark.parametrize(
    "change",
    [
        "add",
        "remove",
        "rename",
        "add below",
        "remove below",
        "new folder",
        "folder replaced",
        "folder made a link",
        "save by rename",
    ],
)
def test_a_name_added_removed_or_renamed_is_seen(root: Path, change: str) -> None:
    _, folders = client_listing(root)
    clients = root / "clients"
    if change == "add":
        (clients / "b.yaml").write_text("id: b\n", encoding="utf-8")
    elif change == "remove":
        (clients / "a.yaml").unlink()
    elif change == "rename":
        (clients / "a.yaml").rename(clients / "c.yaml")
    elif change == "add below":
        (clients / "ac" / "acorn.yaml").write_text("id: acorn\n", encoding="utf-8")
    elif change == "remove below":
        (clients / "ac" / "acme.yaml").unlink()
    elif change == "new folder":
        (clients / "zz").mkdir()
    elif change == "folder replaced":
        shutil.rmtree(clients / "ac")
        (clients / "ac").mkdir()
        (clients / "ac" / "other.yaml").write_text("id: other\n", encoding="utf-8")
        age_folders(clients / "ac")
    elif change == "folder made a link":
        shutil.rmtree(clients / "ac")
        (clients / "ac").symlink_to(root / "elsewhere", target_is_directory=True)
    else:  # how editors and clientbook's write layer save: a new file renamed over the old
        (clients / "a.yaml.tmp").write_text("id: a2\n", encoding="utf-8")
        os.replace(clients / "a.yaml.tmp", clients / "a.yaml")
    assert not listing_unchanged(root, folders)


def test_no_clients_folder_is_never_a_listing_that_holds(tmp_path: Path) -> None:
    names, folders = client_listing(tmp_path)
    assert (names, folders) == ([], {})
    assert not listing_unchanged(tmp_path, folders)
    (tmp_path / "clients").mkdir()
    (tmp_path / "clients" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    assert not listing_unchanged(tmp_path, folders)


def test_a_folder_changed_just_before_it_was_listed_is_listed_again(tmp_path: Path) -> None:
    (tmp_path / "clients").mkdir()
    (tmp_path / "clients" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    names, folders = client_listing(tmp_path)
    assert names == ["a.yaml"]
    assert folders[""][1:3] == (-1, -1)  # filestat.as_kept: times no folder has
    assert not listing_unchanged(tmp_path, folders)

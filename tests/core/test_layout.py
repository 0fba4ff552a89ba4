"""Sharded client folders: listing, finding a record by id, where a layout puts a new one,
and the modeline for a file's depth."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clientbook.core.repo import (
    client_file,
    client_names,
    client_paths,
    layout_file,
    modeline,
    with_modeline,
)


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / "clients" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("id: x\n", encoding="utf-8")


def test_client_names_walks_subfolders_sorted_and_skips_hidden_ones(tmp_path: Path) -> None:
    _touch(tmp_path, "zeta.yaml", "ac/acme.yaml", "ac/deep/inner.yml", ".hidden/x.yaml")
    _touch(tmp_path, "ac/.draft.yaml", "notes.txt")
    assert client_names(tmp_path) == ["ac/acme.yaml", "ac/deep/inner.yml", "zeta.yaml"]


def test_client_names_does_not_follow_a_symlinked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "leak.yaml").write_text("id: leak\n", encoding="utf-8")
    _touch(tmp_path, "a.yaml")
    os.symlink(outside, tmp_path / "clients" / "linked")
    assert client_names(tmp_path) == ["a.yaml"]


def test_no_clients_folder_lists_nothing(tmp_path: Path) -> None:
    assert client_names(tmp_path) == []
    assert client_file(tmp_path, "acme") is None


def test_client_file_finds_a_record_in_any_folder(tmp_path: Path) -> None:
    _touch(tmp_path, "flat.yaml", "ac/acme.yaml", "ops/deep/old.yml")
    assert client_file(tmp_path, "flat") == "clients/flat.yaml"
    assert client_file(tmp_path, "acme") == "clients/ac/acme.yaml"
    assert client_file(tmp_path, "acme", hint="clients/ac/acme.yaml") == "clients/ac/acme.yaml"
    assert client_file(tmp_path, "old") == "clients/ops/deep/old.yml"
    assert client_file(tmp_path, "missing") is None
    assert client_paths(tmp_path) == {
        "acme": "clients/ac/acme.yaml",
        "flat": "clients/flat.yaml",
    }


@pytest.mark.parametrize("bad", ["", "../secret", "ac/acme", ".hidden", "a\\b"])
def test_client_file_never_takes_a_path_for_an_id(tmp_path: Path, bad: str) -> None:
    _touch(tmp_path, "ac/acme.yaml", ".hidden.yaml")
    (tmp_path / "secret.yaml").write_text("id: secret\n", encoding="utf-8")
    assert client_file(tmp_path, bad) is None


def test_layouts_put_files_where_they_say() -> None:
    assert layout_file("flat", "acme-logistics") == "clients/acme-logistics.yaml"
    assert layout_file("prefix2", "acme-logistics") == "clients/ac/acme-logistics.yaml"
    assert layout_file("by-team", "acme", "accounts") == "clients/accounts/acme.yaml"
    assert layout_file("by-team", "acme") == "clients/no-team/acme.yaml"
    assert layout_file("by-team", "acme", "../etc") == "clients/no-team/acme.yaml"


def test_the_modeline_reaches_the_schema_from_the_files_depth() -> None:
    assert modeline("clients/a.yaml").endswith("$schema=../schemas/client.schema.json")
    assert modeline("clients/ac/a.yaml").endswith("$schema=../../schemas/client.schema.json")
    assert modeline("clients/x/y/a.yaml").endswith("=../../../schemas/client.schema.json")
    assert modeline() == modeline("clients/a.yaml") == modeline("elsewhere/a.yaml")


def test_with_modeline_adds_corrects_or_leaves_one_written_by_hand() -> None:
    body = "id: acme\n"
    deep = modeline("clients/ac/acme.yaml")
    assert with_modeline(body, "clients/ac/acme.yaml") == f"{deep}\n{body}"
    assert with_modeline(f"{modeline()}\n{body}", "clients/ac/acme.yaml") == f"{deep}\n{body}"
    own = "# yaml-language-server: $schema=https://example.org/client.json\n" + body
    assert with_modeline(own, "clients/ac/acme.yaml") == own

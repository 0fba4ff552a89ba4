"""build --shard I/N and build --merge-shards: the merged site is the unsharded build's, byte
for byte, and shards of different builds are refused."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record, run_cli, site_files
from tests.gitrepo import GitRepo
from tests.lint.test_shard_lint import write_cross_records


def _cli(repo: RecordsRepo, *args: str) -> Any:
    return run_cli("--repo", str(repo.root), "build", "--today", TODAY.isoformat(), *args)


def _shards(repo: RecordsRepo, total: int, where: Path, *args: str) -> list[Path]:
    folders = []
    for index in range(1, total + 1):
        folder = where / f"shard-{index}"
        result = _cli(repo, "--shard", f"{index}/{total}", "--out", str(folder), *args)
        assert result.exit_code == 0, result.output
        assert f"shard {index}/{total} of the site: " in result.output
        folders.append(folder)
    return folders


def _merge(repo: RecordsRepo, folders: list[Path], out: Path, *args: str) -> Any:
    return run_cli(
        "--repo",
        str(repo.root),
        "build",
        "--merge-shards",
        *map(str, folders),
        "--out",
        str(out),
        *args,
    )


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    """The cross-record records, with a history of edits, a rename, a merge and a baseline,
    and an edit not yet committed."""
    root = records_repo.root
    write_cross_records(records_repo)
    git = GitRepo(root)
    git.commit("Records", date="2026-01-05T10:00:00+00:00")
    records_repo.write_record(
        minimal_record(name="Acme Logistics Ltd", interactions=[OPEN_FOLLOW_UP])
    )
    records_repo.write_record(
        minimal_record(
            id="kestrel",
            name="Kestrel Fabrication",
            merged_from=[
                {"id": "kestrel-old", "date": "2026-03-01"},
                {"id": "twin", "date": "2026-03-02"},
            ],
        )
    )
    git.commit("Edits", date="2026-03-01T10:00:00+00:00", author="Jonas Weber")
    git.run("mv", "clients/zenith.yaml", "clients/zenith-pharma-ag.yaml")
    git.commit("Rename", date="2026-04-01T10:00:00+00:00")
    assert (
        records_repo.lint("--write-baseline", str(root / "clientbook-baseline.json")).exit_code == 0
    )
    config = root / "clientbook.yaml"
    config.write_text(config.read_text() + "baseline: clientbook-baseline.json\n")
    git.commit("Baseline", date="2026-05-01T10:00:00+00:00")
    records_repo.write_record(minimal_record(id="sable", name="Sable Works", owner="dpo"))
    return records_repo


@pytest.mark.parametrize("total", [1, 3])
def test_the_merged_site_is_the_unsharded_build_byte_for_byte(
    repo: RecordsRepo, tmp_path: Path, total: int
) -> None:
    one = _cli(repo, "--out", str(tmp_path / "one"))
    assert one.exit_code == 0, one.output
    folders = _shards(repo, total, tmp_path)
    merged = _merge(repo, folders, tmp_path / "merged")
    assert merged.exit_code == 0, merged.output
    pages = len(list((tmp_path / "one" / "clients").iterdir()))
    assert "merged the shards: " in merged.output
    expected = site_files(tmp_path / "one")
    assert "clients/kestrel-old.html" in expected  # a redirect page of a merged client
    assert site_files(tmp_path / "merged") == expected
    assert pages > 40
    again = _merge(repo, folders, tmp_path / "merged")  # into the site it made: replaced whole
    assert again.exit_code == 0 and site_files(tmp_path / "merged") == expected


def test_shards_built_with_a_facts_file_merge_alike(repo: RecordsRepo, tmp_path: Path) -> None:
    assert _cli(repo, "--out", str(tmp_path / "one")).exit_code == 0
    facts = tmp_path / "facts.json"
    assert repo.lint("--write-facts", str(facts)).exit_code == 0
    folders = _shards(repo, 4, tmp_path, "--facts", str(facts))
    assert _merge(repo, folders, tmp_path / "merged").exit_code == 0
    assert site_files(tmp_path / "merged") == site_files(tmp_path / "one")


def test_shards_of_another_build_are_refused(repo: RecordsRepo, tmp_path: Path) -> None:
    folders = _shards(repo, 3, tmp_path)
    site = tmp_path / "site"

    def refused(given: list[Path], *words: str, args: tuple[str, ...] = ()) -> None:
        result = _merge(repo, given, site, *args)
        assert result.exit_code == 2, result.output
        assert all(w in result.output for w in words), result.output
        assert "Traceback" not in result.output and not site.exists()

    refused(folders[:2], "shard 3/3 is missing: give every shard's folder")
    refused([*folders, folders[0]], "shard 1/3 is given twice")
    refused([tmp_path], f"{tmp_path} is not the output of clientbook build --shard")
    refused(
        folders,
        "the shards were built for the internal audience on 2026-11-23",
        args=("--today", "2026-11-24"),
    )
    refused(folders, "for the internal audience", args=("--audience", "restricted"))
    other = _cli(repo, "--shard", "2/3", "--out", str(tmp_path / "other"), "--today", "2026-11-24")
    assert other.exit_code == 0
    refused([folders[0], tmp_path / "other", folders[2]], "were built from another day (--today)")
    git = GitRepo.__new__(GitRepo)
    git.root = repo.root
    git.commit("Sable", date="2026-06-01T10:00:00+00:00")
    refused(folders, "the shards were built from another commit than this checkout's")
    (repo.root / "templates" / "site" / "client.html").write_text("{{ page.name }}")
    git.commit("Template", date="2026-06-02T10:00:00+00:00")
    newer = _shards(repo, 3, tmp_path / "newer")
    refused([folders[0], *newer[1:]], f"{folders[0]} and {newer[1]} were built from another commit")


def _meta(folder: Path) -> dict[str, Any]:
    return json.loads((folder / ".clientbook-shard.json").read_text())  # type: ignore[no-any-return]


def test_a_shard_from_elsewhere_is_refused_unread(repo: RecordsRepo, tmp_path: Path) -> None:
    folders = _shards(repo, 2, tmp_path)
    site = tmp_path / "site"
    meta = _meta(folders[0])
    (folders[0] / ".clientbook-shard.json").write_text(json.dumps({**meta, "version": "9.9"}))
    result = _merge(repo, folders, site)
    assert result.exit_code == 2
    assert "was built by clientbook 9.9; this is clientbook" in result.output
    (folders[0] / ".clientbook-shard.json").write_text(json.dumps(meta))
    part = folders[1] / ".clientbook-shard.pickle"
    marker = tmp_path / "ran"
    part.write_bytes(pickle.dumps(_Hostile(str(marker))))
    result = _merge(repo, folders, site)
    assert result.exit_code == 2 and "cannot be read" in result.output
    assert not marker.exists()  # no class or function is ever loaded from a shard
    shutil.rmtree(folders[1])
    _shards(repo, 2, tmp_path)
    page = next((folders[1] / "clients").iterdir())
    page.unlink()
    os.symlink("/etc/hostname", page)
    result = _merge(repo, folders, site)
    assert result.exit_code == 2 and "is not a regular file" in result.output
    assert not site.exists()


class _Hostile:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (self.path, "w"))


def test_a_strict_shard_refuses_with_errors_in_its_records(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    repo.write_record(minimal_record(id="newcomer", name="Newcomer", website="gopher://x"))
    result = _cli(repo, "--strict", "--shard", "1/1", "--out", str(tmp_path / "s"))
    assert result.exit_code == 2 and "--strict refuses to build" in result.output
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--merge-shards"], "--merge-shards needs the folders of every shard"),
        (
            ["--merge-shards", "--shard", "1/2", "x"],
            "--merge-shards assembles shards already built",
        ),
        (["somewhere"], "give --merge-shards to merge"),
        (["--facts", "f.json"], "--facts is for a sharded build"),
        (["--shard", "3/2"], "the job's number must be 1 to 2"),
        (["--shard", "two"], "write it as I/N"),
    ],
)
def test_build_options_that_do_not_go_together_exit_2(
    repo: RecordsRepo, args: list[str], words: str
) -> None:
    result = _cli(repo, *args)
    assert result.exit_code == 2 and words in result.output, result.output

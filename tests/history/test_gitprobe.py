"""gitprobe: where a records repository's git is, in one real `git rev-parse`; the working-tree look."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from clientbook.history.gitlog import GitUnavailable, Placement
from clientbook.history.gitprobe import probe
from clientbook.history.worktree import working_changes
from tests.gitrepo import GitRepo


def test_a_records_folder_inside_a_larger_repository(tmp_path: Path) -> None:
    top = tmp_path / "org"
    top.mkdir()
    g = GitRepo(top)
    g.write("records/clients/a.yaml", "id: a\n")
    sha = g.commit("First")
    where = probe(top / "records")
    assert Path(where.top) == top.resolve()
    assert Path(where.git_dir) == (top / ".git").resolve()
    assert where.head == sha and not where.shallow
    assert Placement.under(where.top, top / "records").to_git("clients/a.yaml") == (
        "records/clients/a.yaml"
    )


def test_no_commit_yet_is_no_head(tmp_path: Path) -> None:
    GitRepo(tmp_path)
    where = probe(tmp_path)
    assert where.head is None and Path(where.top) == tmp_path.resolve()


def test_outside_git_names_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(GitUnavailable, match="plain is not inside a git repository"):
        probe(folder)


def test_a_shallow_clone_says_so(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    g = GitRepo(origin)
    g.write("clients/a.yaml", "id: a\n")
    g.commit("First", date="2026-01-01T10:00:00+00:00")
    g.write("clients/a.yaml", "id: a\nname: A\n")
    newest = g.commit("Second", date="2026-01-02T10:00:00+00:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)],
        check=True,
        env=g.env(),
    )
    where = probe(clone)
    assert where.shallow and where.head == newest


def test_working_changes_finds_names_git_would_quote(tmp_path: Path) -> None:
    """core.quotePath (git's default) writes "clients/zo\\303\\253.yaml" in line output."""
    g = GitRepo(tmp_path)
    g.write("clients/zoë.yaml", "id: zoe\n")
    g.write("clients/plain.yaml", "id: plain\n")
    g.commit("Clients")
    g.write("clients/zoë.yaml", "id: zoe\nname: Zoë\n")
    g.write("clients/新しい.yaml", "id: new\n")
    where = probe(tmp_path)
    assert working_changes(where, ["clients"]) == {"clients/zoë.yaml", "clients/新しい.yaml"}


def test_working_changes_before_the_first_commit_lists_untracked_files(tmp_path: Path) -> None:
    g = GitRepo(tmp_path)
    g.write("clients/a.yaml", "id: a\n")
    g.write(".gitignore", "clients/ignored.yaml\n")
    g.write("clients/ignored.yaml", "id: ignored\n")
    assert working_changes(probe(tmp_path), ["clients"]) == {"clients/a.yaml"}


def test_commands_run_together_give_each_output_or_say_which_failed(tmp_path: Path) -> None:
    g = GitRepo(tmp_path)
    g.write("clients/a.yaml", "id: a\n")
    sha = g.commit("First")
    where = probe(tmp_path)
    assert where.run_together(("rev-parse", "HEAD"), ("ls-files",)) == [
        f"{sha}\n".encode(),
        b"clients/a.yaml\n",
    ]
    with pytest.raises(GitUnavailable, match="git rev-parse --verify no-such-ref failed"):
        where.run_together(("ls-files",), ("rev-parse", "--verify", "no-such-ref"))


def test_ancestry_of_commits(tmp_path: Path) -> None:
    g = GitRepo(tmp_path)
    first = g.commit("First")
    second = g.commit("Second")
    g.run("checkout", "-q", "-b", "side", first)
    side = g.commit("Side")
    where = probe(tmp_path)
    assert where.is_ancestor(first, second) and where.is_ancestor(second, second)
    assert not where.is_ancestor(second, first) and not where.is_ancestor(side, second)
    assert not where.is_ancestor("0" * 40, second)  # a commit git does not have


def test_client_blobs_of_a_commit_are_its_yaml_files_under_the_folder(tmp_path: Path) -> None:
    top = tmp_path / "org"
    top.mkdir()
    g = GitRepo(top)
    g.write("records/clients/a.yaml", "id: a\n")
    g.write("records/clients/sub folder/b.yml", "id: b\n")
    g.write("records/clients/README.md", "not a record\n")
    g.write("records/other.yaml", "id: outside\n")
    g.commit("First")
    g.write("records/clients/c.yaml", "id: c\n")  # not committed
    where = probe(top / "records")
    expected = {
        g.run("rev-parse", f"HEAD:records/clients/{name}").strip()
        for name in ("a.yaml", "sub folder/b.yml")
    }
    assert set(where.client_blobs("HEAD", "records/clients")) == expected
    with pytest.raises(GitUnavailable, match="ls-tree"):
        where.client_blobs("no-such-commit", "records/clients")

"""erase and the site built before it: refused up front when --site could not be removed as
one, and, when removal fails after the commit anyway, a plain report and a verification.

Before, a --site that was a symbolic link was erased through and then crashed rmtree
after the commit; a site with an immutable folder was half removed, with a traceback,
and the verification never ran.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.compliance.test_compliance import (
    _erase,
    repo,  # noqa: F401 - the two-client repository fixture
)
from tests.conftest import TODAY, RecordsRepo, run_cli
from tests.gitrepo import GitRepo

PAGE = "clients/zenith-pharma.html"


def _build(root: Path, out: Path) -> None:
    built = run_cli("--repo", str(root), "build", "--out", str(out), "--today", TODAY.isoformat())
    assert built.exit_code in (0, 1), built.output
    assert (out / PAGE).is_file()


def _untouched(git: GitRepo, root: Path, head: str, status: str = "") -> None:
    """Nothing was erased: no commit, the record and its document still there."""
    assert git.run("rev-parse", "HEAD").strip() == head
    assert git.run("status", "--porcelain") == status
    assert (root / "clients/zenith-pharma.yaml").is_file()
    assert (root / "documents/zenith/msa.txt").is_file()


def test_a_site_that_is_a_symbolic_link_is_refused_before_anything_is_erased(
    repo: GitRepo,  # noqa: F811 - the fixture imported above
    records_repo: RecordsRepo,
    tmp_path: Path,
) -> None:
    root = records_repo.root
    real = tmp_path / "out" / "site"
    _build(root, real)
    link = tmp_path / "out" / "link"
    link.symlink_to(real)
    head = repo.run("rev-parse", "HEAD").strip()
    result = _erase(root, "zenith-pharma", "--request", "D1", "--site", str(link))
    assert result.exit_code == 2, result.output
    assert "nothing was erased" in result.output and "is a symbolic link" in result.output
    assert str(real) in result.output  # the folder to pass instead
    _untouched(repo, root, head)
    assert (real / PAGE).is_file()


def test_the_default_site_as_a_symbolic_link_is_refused_too(
    repo: GitRepo,  # noqa: F811
    records_repo: RecordsRepo,
    tmp_path: Path,
) -> None:
    root = records_repo.root
    real = tmp_path / "served"
    _build(root, real)
    (root / "site").symlink_to(real)
    head = repo.run("rev-parse", "HEAD").strip()
    result = _erase(root, "zenith-pharma", "--request", "D1")
    assert result.exit_code == 2, result.output
    assert "nothing was erased" in result.output and "is a symbolic link" in result.output
    _untouched(repo, root, head, status="?? site\n")  # /site/ in .gitignore: folders only


@pytest.mark.parametrize("kind", ["file", "link to another folder"])
def test_a_default_site_that_is_something_else_is_left_alone(
    repo: GitRepo,  # noqa: F811
    records_repo: RecordsRepo,
    tmp_path: Path,
    kind: str,
) -> None:
    """A `site` file or a `site -> docs/` link of the team's own is not in the erasure's way."""
    root = records_repo.root
    if kind == "file":
        (root / "site").write_text("the team's own file\n")
    else:
        (tmp_path / "docs").mkdir()
        (root / "site").symlink_to(tmp_path / "docs")
    repo.commit("The team's own site entry")  # erase refuses uncommitted changes
    result = _erase(root, "zenith-pharma", "--request", "D1")
    assert result.exit_code == 0, result.output
    assert "was not built by clientbook and was left alone" in result.output
    assert not (root / "clients/zenith-pharma.yaml").exists()
    assert (root / "site").is_symlink() or (root / "site").read_text() == "the team's own file\n"


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("file", "is a file, not a folder"),
        ("fifo", "is a named pipe (FIFO), not a folder"),
        ("folder", "was not built by clientbook"),
        ("nothing", "does not exist"),
    ],
)
def test_a_named_site_that_is_not_a_built_one_is_refused(
    repo: GitRepo,  # noqa: F811
    records_repo: RecordsRepo,
    tmp_path: Path,
    kind: str,
    words: str,
) -> None:
    root = records_repo.root
    site = tmp_path / "elsewhere"
    if kind == "file":
        site.write_text("not a site\n")
    elif kind == "fifo":
        os.mkfifo(site)
    elif kind == "folder":
        site.mkdir()
        (site / "precious.txt").write_text("mine\n")
    head = repo.run("rev-parse", "HEAD").strip()
    result = _erase(root, "zenith-pharma", "--request", "D1", "--site", str(site))
    assert result.exit_code == 2, result.output
    assert "nothing was erased" in result.output and words in result.output
    _untouched(repo, root, head)
    if kind == "folder":
        assert (site / "precious.txt").read_text() == "mine\n"


def test_a_named_site_outside_the_repository_is_removed(
    repo: GitRepo,  # noqa: F811
    records_repo: RecordsRepo,
    tmp_path: Path,
) -> None:
    root = records_repo.root
    site = tmp_path / "out" / "site"
    _build(root, site)
    result = _erase(root, "zenith-pharma", "--request", "D1", "--site", str(site))
    assert result.exit_code == 0, result.output
    assert "Removed the site built before the erasure" in result.output
    assert not site.exists()


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Paths made immutable (chattr +i: root cannot remove what is in them either), made
    mutable again afterwards so that tmp_path can be cleaned."""
    made: list[Path] = []
    yield made
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=False, capture_output=True)


def _make_immutable(path: Path, made: list[Path]) -> None:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i does not work here: {done.stderr.strip()}")
    made.append(path)


def test_a_site_that_cannot_be_removed_after_the_commit_is_reported_and_verified(
    repo: GitRepo,  # noqa: F811
    records_repo: RecordsRepo,
    immutable: list[Path],
) -> None:
    root = records_repo.root
    site = root / "site"
    _build(root, site)
    _make_immutable(site / "clients", immutable)
    head = repo.run("rev-parse", "HEAD").strip()
    result = _erase(root, "zenith-pharma", "--request", "D1")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    # the erasure stands: committed, record gone
    assert repo.run("rev-parse", "HEAD").strip() != head
    assert "Erase a client record" in repo.run("log", "-1", "--format=%s")
    assert not (root / "clients/zenith-pharma.yaml").exists()
    # and the command says so, names the page left and what to do
    assert "the record was erased and committed" in result.output
    assert "could not be fully removed and still holds the client's page(s)" in result.output
    assert str(site / PAGE) in result.output
    assert "by hand" in result.output and "clientbook build" in result.output
    # the verification ran, and reports the leftover
    assert f"warning: {site / PAGE} (the site built before) still holds" in result.output
    assert "Verified:" not in result.output
    assert (site / PAGE).is_file()
    assert (site / ".clientbook-site").is_file()  # still known as clientbook's

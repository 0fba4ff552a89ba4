"""Erasure and anonymisation remove one person and nothing else, and leave the person nowhere.

Each test here failed before the write layer: agreements naming files that are not
documents had them deleted (and purged from history), a missing document or a locked
index left erasures.yaml written and the record still there, and the caches and a
built site kept the person after --purge-history.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.compliance.test_compliance import (
    SECRET_EMAIL,
    _busy_history,
    _erase,
    _zenith,
    repo,  # noqa: F401 - the two-client repository fixture
)
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.gitrepo import GitRepo


def _tree(root: Path) -> dict[str, bytes]:
    """Every file git would see (clientbook's own git-ignored folder aside), with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not {".git", ".clientbook"} & set(p.relative_to(root).parts)
    }


def _with_agreement(document: str) -> dict[str, Any]:
    record = _zenith(status="former", ended="2026-03-01")
    record["agreements"] = [{"id": "x", "title": "X", "start": "2026-01-05", "document": document}]
    return record


@pytest.fixture
def git_repo(records_repo: RecordsRepo) -> GitRepo:
    records_repo.write_record(minimal_record())
    (records_repo.root / "documents").mkdir(exist_ok=True)
    g = GitRepo(records_repo.root)
    g.commit("Start", date="2026-01-05T10:00:00+00:00")
    return g


@pytest.mark.parametrize(
    "document",
    [
        "clients/acme-logistics.yaml",  # another client's record
        "clientbook.yaml",
        "schemas/client.schema.json",
        "documents/../clientbook.yaml",
        "documents/link-to-acme.yaml",  # a link into clients/
    ],
)
@pytest.mark.parametrize("command", ["erase", "anonymise"])
def test_what_is_not_a_document_is_never_deleted(
    git_repo: GitRepo, records_repo: RecordsRepo, document: str, command: str
) -> None:
    link = records_repo.root / "documents/link-to-acme.yaml"
    link.symlink_to(records_repo.root / "clients/acme-logistics.yaml")
    records_repo.write_record(_with_agreement(document))
    git_repo.commit("Zenith", date="2026-01-06T10:00:00+00:00")
    keep = {
        name: data
        for name, data in _tree(records_repo.root).items()
        if name != "clients/zenith-pharma.yaml"
    }
    lint = records_repo.lint_json()["diagnostics"]
    assert any(d["rule"] == "document-outside" for d in lint)
    args = ["zenith-pharma", "--request", "DSR-1"] if command == "erase" else ["zenith-pharma"]
    result = run_cli(
        "--repo", str(records_repo.root), command, *args, "--yes", "--today", TODAY.isoformat()
    )
    assert result.exit_code == 0, result.output
    assert "refusing to touch" in result.output or command == "anonymise"
    after = _tree(records_repo.root)
    for name, data in keep.items():
        assert after.get(name) == data, name
    assert link.is_symlink()


def test_erase_with_a_missing_document_erases_and_says_so(
    git_repo: GitRepo, records_repo: RecordsRepo
) -> None:
    records_repo.write_record(_with_agreement("documents/zenith/gone.pdf"))
    git_repo.commit("Zenith", date="2026-01-06T10:00:00+00:00")
    result = _erase(records_repo.root, "zenith-pharma", "--request", "DSR-2")
    assert result.exit_code == 0, result.output
    assert "documents/zenith/gone.pdf is referenced but does not exist" in result.output
    assert not (records_repo.root / "clients/zenith-pharma.yaml").exists()
    assert git_repo.run("status", "--porcelain") == ""


@pytest.mark.parametrize("command", ["erase", "anonymise"])
def test_a_locked_index_changes_nothing(
    git_repo: GitRepo, records_repo: RecordsRepo, command: str
) -> None:
    (records_repo.root / "documents/zenith").mkdir()
    (records_repo.root / "documents/zenith/msa.txt").write_text("contract\n")
    records_repo.write_record(_with_agreement("documents/zenith/msa.txt"))
    git_repo.commit("Zenith", date="2026-01-06T10:00:00+00:00")
    before = _tree(records_repo.root)
    (records_repo.root / ".git/index.lock").write_text("")
    args = ["zenith-pharma", "--request", "DSR-3"] if command == "erase" else ["zenith-pharma"]
    result = run_cli(
        "--repo", str(records_repo.root), command, *args, "--yes", "--today", TODAY.isoformat()
    )
    assert result.exit_code == 2
    assert "index is locked" in result.output
    (records_repo.root / ".git/index.lock").unlink()
    assert _tree(records_repo.root) == before
    assert git_repo.run("status", "--porcelain") == ""


def test_an_id_that_climbs_is_never_written_outside(
    git_repo: GitRepo, records_repo: RecordsRepo, tmp_path: Path
) -> None:
    """anonymise of a record whose id is '../../escaped' (lint flags it) writes nothing anywhere;
    build names the page after the file instead, inside --out."""
    records_repo.write_record(_zenith(status="former", ended="2026-03-01"))
    path = records_repo.root / "clients/zenith-pharma.yaml"
    path.write_text(path.read_text().replace('id: "zenith-pharma"', 'id: "../../escaped"'))
    git_repo.commit("A climbing id", date="2026-01-07T10:00:00+00:00")
    before = _tree(records_repo.root)
    result = run_cli("--repo", str(records_repo.root), "anonymise", "zenith-pharma", "--yes")
    assert result.exit_code == 2, result.output
    assert "nothing was anonymised" in result.output and "'..'" in result.output
    assert _tree(records_repo.root) == before
    assert git_repo.run("status", "--porcelain") == ""
    out = tmp_path / "out" / "site"
    built = run_cli(
        "--repo", str(records_repo.root), "build", "--out", str(out), "--today", TODAY.isoformat()
    )
    assert built.exit_code in (0, 1), built.output
    assert not list(tmp_path.rglob("escaped*"))
    assert (out / "clients/zenith-pharma.html").is_file()


def test_purge_leaves_the_person_nowhere_and_changes_nothing_else(
    repo: GitRepo,  # noqa: F811 - the fixture imported above
    records_repo: RecordsRepo,
) -> None:
    """Merges and a rename in history; caches filled and a site built first."""
    _busy_history(repo, records_repo, commits=40)
    repo.run("mv", "clients/birch-ltd.yaml", "clients/birch-limited.yaml")
    text = (records_repo.root / "clients/birch-limited.yaml").read_text()
    (records_repo.root / "clients/birch-limited.yaml").write_text(
        text.replace('"birch-ltd"', '"birch-limited"')
    )
    repo.commit("Rename birch", date="2026-06-01T10:00:00+00:00")
    root = records_repo.root
    assert run_cli("--repo", str(root), "lint", "--today", TODAY.isoformat()).exit_code in (0, 1)
    assert run_cli("--repo", str(root), "build", "--today", TODAY.isoformat()).exit_code in (0, 1)
    assert run_cli("--repo", str(root), "history", "acme-logistics").exit_code == 0
    assert any(
        SECRET_EMAIL.encode() in p.read_bytes()
        for p in (root / ".clientbook").rglob("*")
        if p.is_file()
    )
    others = ["acme-logistics", "birch-limited", "cobalt-gmbh"]
    # the record's own documents go with it (only it references them by now); nothing else
    own = ("documents/zenith/", "documents/shared/")
    files_before = {
        k: v
        for k, v in _tree(root).items()
        if "zenith" not in k and k != "erasures.yaml" and not k.startswith("site/")
    }
    log_before = {
        c: repo.run("log", "--follow", "--format=%an %ad %s", "-p", "--", f"clients/{c}.yaml")
        for c in others
    }
    result = _erase(root, "zenith-pharma", "--request", "DSR-9", "--purge-history")
    assert result.exit_code == 0, result.output
    assert "Dropped clientbook's caches" in result.output
    assert "Removed the site built before the erasure" in result.output
    assert (
        "Verified: the working tree, every commit and clientbook's caches hold neither"
        in result.output
    )
    assert not (root / "site").exists()
    for path in (root / ".clientbook").rglob("*"):
        assert not path.is_file() or SECRET_EMAIL.encode() not in path.read_bytes(), path
    files_after = {k: v for k, v in _tree(root).items() if k != "erasures.yaml"}
    files_before = {k: v for k, v in files_before.items() if not k.startswith(own)}
    assert files_after == files_before
    for c in others:  # every other record's history, field by field, as before (hashes aside)
        after = repo.run("log", "--follow", "--format=%an %ad %s", "-p", "--", f"clients/{c}.yaml")
        assert _strip_hashes(after) == _strip_hashes(log_before[c])
    assert (
        subprocess.run(
            ["git", "grep", "-F", SECRET_EMAIL], cwd=root, capture_output=True
        ).returncode
        == 1
    )


def _strip_hashes(log: str) -> str:
    return "\n".join(line for line in log.splitlines() if not line.startswith("index "))

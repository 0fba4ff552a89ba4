"""An output a user names (a lint report, a baseline, an export, a form) never replaces the
records repository's own files, and never makes a chain of folders the user did not ask for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clientbook.core.ownfiles import own_file
from tests.conftest import RecordsRepo, minimal_record, run_cli

OWN = [
    "clients/acme.yaml",
    "clientbook.yaml",
    "schemas/client.schema.json",
    "documents/acme/msa.txt",
    "templates/site/base.html",
    "erasures.yaml",
    "merges.yaml",
    ".sops.yaml",
    ".github/CODEOWNERS",
    ".git/config",
    ".clientbook/cache/x",
]


@pytest.mark.parametrize("name", OWN)
def test_each_own_file_is_named(tmp_path: Path, name: str) -> None:
    assert own_file(tmp_path / name, tmp_path)


@pytest.mark.parametrize("name", ["report.txt", "reports/lint.json", "baseline.json", ".github"])
def test_other_files_in_the_repository_are_not_its_own(tmp_path: Path, name: str) -> None:
    assert own_file(tmp_path / name, tmp_path) == ""
    assert own_file(tmp_path.parent / "elsewhere" / name, tmp_path) == ""


def _repo_with_a_client(records_repo: RecordsRepo) -> RecordsRepo:
    records_repo.write_record(minimal_record())
    return records_repo


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".clientbook" not in p.relative_to(root).parts
    }


@pytest.mark.parametrize("option", ["--output", "--write-baseline", "--write-facts"])
@pytest.mark.parametrize("name", ["clients/acme-logistics.yaml", "clientbook.yaml"])
def test_lint_never_writes_over_a_record_or_the_configuration(
    records_repo: RecordsRepo, option: str, name: str
) -> None:
    repo = _repo_with_a_client(records_repo)
    before = _snapshot(repo.root)
    result = repo.lint(option, str(repo.root / name))
    assert result.exit_code == 2, result.output
    assert "among the records repository's own files" in result.output
    assert "Traceback" not in result.output
    assert _snapshot(repo.root) == before


def test_lint_report_beside_the_records_is_written(records_repo: RecordsRepo) -> None:
    repo = _repo_with_a_client(records_repo)
    result = repo.lint("--output", str(repo.root / "lint-report.txt"))
    assert result.exit_code in (0, 1), result.output
    assert "1 file checked" in (repo.root / "lint-report.txt").read_text(encoding="utf-8")


def test_lint_report_into_missing_folders_is_refused(
    records_repo: RecordsRepo, tmp_path: Path
) -> None:
    repo = _repo_with_a_client(records_repo)
    target = tmp_path / "no" / "such" / "report.txt"
    result = repo.lint("--output", str(target))
    assert result.exit_code == 2, result.output
    assert "does not exist; create it first" in result.output
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    "name", ["schemas/client.schema.json", "documents/note.txt", "templates/x.json"]
)
def test_export_never_writes_over_the_schema_documents_or_templates(
    records_repo: RecordsRepo, name: str
) -> None:
    repo = _repo_with_a_client(records_repo)
    target = repo.root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_text("kept\n", encoding="utf-8")
    before = _snapshot(repo.root)
    result = run_cli("--repo", str(repo.root), "export", "acme-logistics", "--out", str(target))
    assert result.exit_code == 2, result.output
    assert "among the records repository's own files" in result.output
    assert _snapshot(repo.root) == before


def test_forms_are_never_written_into_clients(records_repo: RecordsRepo) -> None:
    repo = _repo_with_a_client(records_repo)
    before = _snapshot(repo.root)
    result = run_cli("--repo", str(repo.root), "form", "--out", str(repo.root / "clients"))
    assert result.exit_code == 2, result.output
    assert "among the records repository's own files (clients/)" in result.output
    assert _snapshot(repo.root) == before


def test_forms_into_a_fifo_are_refused(records_repo: RecordsRepo, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run_cli("--repo", str(records_repo.root), "form", "--out", str(fifo))
    assert result.exit_code == 2, result.output
    assert "is not a folder" in result.output
    assert Path(fifo).is_fifo()

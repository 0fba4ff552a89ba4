"""A records repository under git for import tests, and the import command run on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from clientbook.cli import main
from clientbook.core.yamlio import load_document
from tests.conftest import TODAY, RecordsRepo
from tests.gitrepo import GitRepo

HUBSPOT_HEADER = (
    "Record ID,First Name,Last Name,Email,Phone Number,Job Title,Company Name,Website URL,"
    "Contact owner,Lifecycle Stage,Create Date,Country/Region,City\r\n"
)


class ImportRepo:
    def __init__(self, records: RecordsRepo, git: GitRepo, tmp: Path) -> None:
        self.records, self.git, self.root, self.tmp = records, git, records.root, tmp

    def file(self, name: str, content: str | bytes) -> Path:
        path = self.tmp / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        return path

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(
            main,
            [
                "--repo",
                str(self.root),
                "import",
                *args,
                "--today",
                TODAY.isoformat(),
                "--jobs",
                "1",
            ],
            catch_exceptions=False,
        )

    def clients(self) -> dict[str, dict[str, Any]]:
        out = {}
        for path in sorted((self.root / "clients").glob("*.yaml")):
            doc = load_document(path.read_bytes())
            assert doc.ok, path
            out[path.stem] = doc.data
        return out

    def branch(self) -> str:
        return self.git.run("symbolic-ref", "--short", "HEAD").strip()

    def commits(self) -> int:
        return int(self.git.run("rev-list", "--count", "HEAD").strip())

    def status(self) -> str:
        return self.git.run("status", "--porcelain", "--untracked-files=all")


@pytest.fixture
def repo(records_repo: RecordsRepo, tmp_path: Path) -> ImportRepo:
    (records_repo.root / "clients" / ".gitkeep").write_text("")
    git = GitRepo(records_repo.root)
    git.commit("An empty records repository")
    git.run("config", "user.email", "account.manager@company.example")
    git.run("config", "user.name", "Account Manager")
    return ImportRepo(records_repo, git, tmp_path)

"""log, task and anonymise leave a SOPS-encrypted record alone: its MAC covers the file as
written, so any rewrite here would leave a record sops can no longer decrypt.

The real sops and age-keygen, not a stand-in; and the wording of a failed log or task.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record, run_cli
from tests.gitrepo import GitRepo
from tests.sopskeys import age_key_for, tool

NOTES = "Prefers calls after 4pm; recovering from surgery."
FILE = "clients/acme-logistics.yaml"


class Encrypted:
    """A records repository under git whose one record is encrypted with SOPS and committed."""

    def __init__(self, records: RecordsRepo, key: Path) -> None:
        self.root = records.root
        self.env = {**os.environ, "SOPS_AGE_KEY_FILE": str(key)}
        self.git = GitRepo(self.root)

    def sops(self, *args: str) -> str:
        return subprocess.run(
            [tool("sops"), *args],
            cwd=self.root,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def head(self) -> str:
        return self.git.run("rev-parse", "HEAD").strip()


@pytest.fixture
def encrypted(records_repo: RecordsRepo, tmp_path: Path) -> Encrypted:
    key = age_key_for(records_repo.root, tmp_path)
    records_repo.write_record(
        minimal_record(
            status="former",
            ended="2026-06-30",
            notes=NOTES,
            interactions=[{**OPEN_FOLLOW_UP, "by": "account-manager"}],
        )
    )
    repo = Encrypted(records_repo, key)
    repo.sops("--encrypt", "--in-place", FILE)
    repo.git.commit("Add an encrypted client")
    return repo


def _refused(repo: Encrypted, *args: str) -> None:
    """The command exits 2 naming the file and what to do, and leaves file and history alone."""
    before, head = (repo.root / FILE).read_bytes(), repo.head()
    result = run_cli("--repo", str(repo.root), *args, "--today", TODAY.isoformat())
    assert result.exit_code == 2, result.output
    assert f"{FILE} is encrypted with SOPS" in result.stderr, result.stderr
    assert f"sops edit {FILE}" in result.stderr and f"sops -d -i {FILE}" in result.stderr
    assert "Traceback" not in result.output
    assert (repo.root / FILE).read_bytes() == before
    assert repo.head() == head
    assert NOTES in repo.sops("--decrypt", FILE)  # the MAC still holds


def test_log_refuses_an_encrypted_record(encrypted: Encrypted) -> None:
    _refused(
        encrypted, "log", "acme-logistics", "--summary", "Call", "--channel", "phone", "--commit"
    )


def test_log_done_refuses_an_encrypted_record(encrypted: Encrypted) -> None:
    _refused(encrypted, "log", "acme-logistics", "--done", "2026-11-30", "--commit")


def test_task_refuses_an_encrypted_record(encrypted: Encrypted) -> None:
    _refused(
        encrypted,
        "task",
        "acme-logistics",
        "--due",
        "2026-12-01",
        "--summary",
        "Send the MSA",
        "--commit",
    )


def test_anonymise_refuses_an_encrypted_record(encrypted: Encrypted) -> None:
    _refused(encrypted, "anonymise", "acme-logistics", "--yes")


# --- the wording of a write that fails -----------------------------------------------------------


@pytest.fixture
def locked_index(records_repo: RecordsRepo) -> RecordsRepo:
    """A committed record, and git's index locked (as by a git command still running)."""
    records_repo.write_record(minimal_record())
    GitRepo(records_repo.root).commit("Add the client")
    (records_repo.root / ".git/index.lock").touch()
    return records_repo


@pytest.mark.parametrize(
    ("args", "doing"),
    [
        (["log", "acme-logistics", "--summary", "Call", "--channel", "phone"], "the interaction"),
        (["task", "acme-logistics", "--due", "2026-12-01", "--summary", "Send it"], "the task"),
    ],
)
def test_a_failed_write_says_what_was_not_done(
    locked_index: RecordsRepo, args: list[str], doing: str
) -> None:
    before = (locked_index.root / FILE).read_bytes()
    result = run_cli(
        "--repo", str(locked_index.root), *args, "--commit", "--today", TODAY.isoformat()
    )
    assert result.exit_code == 2, result.output
    assert f"Error: adding {doing} failed: git's index is locked" in result.stderr, result.stderr
    assert (locked_index.root / FILE).read_bytes() == before

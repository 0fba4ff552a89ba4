"""What a terminal user expects: colour only where wanted, grouped help, JSON, doctor."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from clientbook.cli import COMMANDS, GROUPS
from clientbook.util.terminal import wants_colour
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.gitrepo import GitRepo

ESC = "\x1b["


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    records_repo.write_record(minimal_record(website="gopher://x"))  # one error
    return records_repo


def _lint(repo: RecordsRepo, *options: str) -> str:
    args = ["--repo", str(repo.root), *options, "lint", "--no-cache", "--today", str(TODAY)]
    return run_cli(*args).output


def test_colour_is_asked_for_or_kept_out(repo: RecordsRepo) -> None:
    coloured = _lint(repo, "--color", "always")
    assert f"{ESC}31" in coloured and "error" in coloured  # red, bold
    assert ESC not in _lint(repo, "--color", "never")
    assert ESC not in _lint(repo)  # auto, and CliRunner's output is no terminal
    report = repo.root / "out.txt"
    run_cli("--repo", str(repo.root), "--color", "always", "lint", "--output", str(report))
    assert ESC not in report.read_text()  # a file never gets colour


def test_auto_colours_a_real_terminal_unless_no_color_says_not() -> None:
    leader, follower = os.openpty()
    with os.fdopen(follower, "w") as tty, os.fdopen(leader, "rb"):
        assert wants_colour("auto", tty, {}) is True
        assert wants_colour("auto", tty, {"NO_COLOR": "1"}) is False
        assert wants_colour("auto", tty, {"NO_COLOR": ""}) is True  # set but empty: no effect
        assert wants_colour("auto", tty, {"TERM": "dumb"}) is False
        assert wants_colour("always", tty, {"NO_COLOR": "1"}) is True  # the flag wins
        assert wants_colour("never", tty, {}) is False


def test_help_lists_every_command_once_under_its_purpose() -> None:
    out = run_cli("--help").output
    heads = [f"{title}:" for title in GROUPS]
    positions = [out.index(h) for h in heads]
    assert positions == sorted(positions)
    listed = [
        line.split()[0] for line in out.splitlines() if line.startswith("  ") and line.split()
    ]
    commands = [name for name in listed if name in COMMANDS]
    assert sorted(commands) == sorted(COMMANDS) and len(set(commands)) == len(COMMANDS)


def test_fmt_check_speaks_json(repo: RecordsRepo) -> None:
    result = run_cli("--repo", str(repo.root), "fmt", "--check", "--format", "json")
    assert result.exit_code == 1  # write_record's JSON flow style is not canonical
    doc = json.loads(result.stdout)
    assert doc["files"] == [
        {
            "path": "clients/acme-logistics.yaml",
            "state": "unformatted",
            "problem": "not in canonical form (run clientbook fmt)",
        }
    ]
    assert doc["summary"]["unformatted"] == 1 and doc["summary"]["files"] == 1


def _doctor(root: Path, **env: str) -> tuple[int, dict[str, dict[str, str]]]:
    result = run_cli("--repo", str(root), "doctor", "--format", "json")
    return result.exit_code, {c["check"]: c for c in json.loads(result.stdout)}


def test_doctor_on_a_healthy_repository(repo: RecordsRepo) -> None:
    GitRepo(repo.root).commit("records")
    code, found = _doctor(repo.root)
    assert code == 0
    assert found["config"]["state"] == "ok" and found["repository"]["state"] == "ok"
    assert found["git"]["detail"].startswith("git version")
    assert found["sops"]["detail"].startswith("no encrypted records")


def test_doctor_names_a_broken_config_with_its_place(repo: RecordsRepo) -> None:
    config = repo.root / "clientbook.yaml"
    config.write_text(config.read_text() + "\nstaff: 12\n")
    code, found = _doctor(repo.root)
    assert code == 1
    assert found["config"]["state"] == "error"
    assert found["config"]["detail"].startswith("clientbook.yaml:")


def test_doctor_warns_of_a_damaged_cache_and_missing_tools(
    repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run_cli("--repo", str(repo.root), "lint").exit_code == 1  # fills the cache
    cache = repo.root / ".clientbook" / "cache"
    (cache / "lint.pickle").write_bytes(b"not a pickle")
    (repo.root / ".sops.yaml").write_text("creation_rules: []\n")
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "git").symlink_to("/usr/bin/git")  # git, and no sops or age
    monkeypatch.setenv("PATH", str(bare))
    code, found = _doctor(repo.root)
    assert code == 0  # warnings: features that will not work here
    assert (
        found["cache"]["state"] == "warn" and "lint.pickle: unreadable" in found["cache"]["detail"]
    )
    assert "rm -r .clientbook/cache" in found["cache"]["fix"]
    assert (
        found["sops"]["state"] == "warn"
        and "sops and age are not installed" in (found["sops"]["detail"])
    )
    assert found["repository"]["state"] == "warn"  # not a git repository yet

"""Faults injected into real runs: SIGKILL at random points, two runs at once, corrupt caches,
outputs that cannot be written. Each run is a real `clientbook` process on a real repository;
afterwards the previous state is whole (or the new one complete) and the next run cleans up.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.gitrepo import GitRepo

TOOLS = str(Path(__file__).resolve().parents[1] / "tools")


def clientbook(root: Path, *args: str, env: dict[str, str] | None = None) -> list[str]:
    return [sys.executable, "-m", "clientbook", "--repo", str(root), *args]


def run(root: Path, *args: str, git: GitRepo | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": TOOLS, **(git.env() if git else {})}
    return subprocess.run(
        clientbook(root, *args), capture_output=True, text=True, env=env, timeout=300
    )


def killed_at_random(root: Path, args: list[str], git: GitRepo, seconds: float) -> None:
    env = {**os.environ, "PYTHONPATH": TOOLS, **git.env()}
    child = subprocess.Popen(
        clientbook(root, *args), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(seconds)
    child.kill()
    child.wait(timeout=60)


def user_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not {".git", ".clientbook"} & set(p.relative_to(root).parts)
    }


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


@pytest.fixture
def many(records_repo: RecordsRepo) -> tuple[RecordsRepo, GitRepo]:
    for n in range(250):
        records_repo.write_record(minimal_record(id=f"client-{n:03d}", name=f"Client Number {n}"))
    git = GitRepo(records_repo.root)
    git.commit("250 clients")
    return records_repo, git


@pytest.mark.slow
def test_fmt_killed_anywhere_leaves_every_file_whole(many: tuple[RecordsRepo, GitRepo]) -> None:
    repo, git = many
    root = repo.root
    before = user_files(root)
    formatted_run = run(root, "fmt", git=git)  # what a whole run makes, to compare with
    assert formatted_run.returncode == 0, formatted_run.stderr
    after = user_files(root)
    git.run("checkout", "-q", "--", ".")
    rng = random.Random(11)
    for _ in range(4):
        killed_at_random(root, ["fmt"], git, rng.uniform(0.2, 1.5))
        check = run(root, "fmt", "--check", git=git)  # reads only: leaves what the kill left
        assert_no_traceback(check)
        recover = run(root, "codeowners", git=git)  # any writer finishes or undoes the change
        assert_no_traceback(recover)
        now = {k: v for k, v in user_files(root).items() if "CODEOWNERS" not in k}
        assert now in (before, after), "a mixture of formatted and unformatted files"
        assert not [p for p in (root / "clients").iterdir() if p.name.startswith(".")]
        git.run("checkout", "-q", "--", ".")
        git.run("clean", "-qfd", "--", ".github", "CODEOWNERS")


@pytest.mark.slow
def test_build_killed_anywhere_leaves_the_previous_site_and_no_staging(
    many: tuple[RecordsRepo, GitRepo], tmp_path: Path
) -> None:
    repo, git = many
    root = repo.root
    out = tmp_path / "www" / "site"
    first = run(root, "build", "--out", str(out), "--today", TODAY.isoformat(), git=git)
    assert first.returncode in (0, 1), first.stderr
    site = user_files(out)
    repo.write_record(minimal_record(id="client-000", name="Renamed Client"))
    rng = random.Random(5)
    for _ in range(3):
        killed_at_random(
            root,
            ["build", "--out", str(out), "--today", TODAY.isoformat()],
            git,
            rng.uniform(0.3, 2.0),
        )
        now = user_files(out)
        assert now == site or b"Renamed Client" in now.get("clients/client-000.html", b"")
    again = run(root, "build", "--out", str(out), "--today", TODAY.isoformat(), git=git)
    assert again.returncode in (0, 1), again.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"], "staging folders left behind"
    assert b"Renamed Client" in (out / "clients/client-000.html").read_bytes()


@pytest.mark.slow
def test_two_builds_at_once_into_one_folder(
    many: tuple[RecordsRepo, GitRepo], tmp_path: Path
) -> None:
    repo, git = many
    out = tmp_path / "www" / "site"
    env = {**os.environ, "PYTHONPATH": TOOLS, **git.env()}
    args = clientbook(repo.root, "build", "--out", str(out), "--today", TODAY.isoformat())
    children = [
        subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(c.wait(timeout=300), *c.communicate()) for c in children]
    for code, stdout, stderr in results:
        assert "Traceback" not in stderr + stdout, stderr
        assert code in (0, 1) or "another clientbook command" in stderr, stderr
    assert any(code in (0, 1) for code, _, _ in results)
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]
    assert (out / "index.html").is_file()


def test_two_erasures_at_once(records_repo: RecordsRepo) -> None:
    for n in range(3):
        records_repo.write_record(minimal_record(id=f"client-{n}", name=f"Client {n}"))
    git = GitRepo(records_repo.root)
    git.commit("Three")
    env = {**os.environ, "PYTHONPATH": TOOLS, **git.env()}
    children = [
        subprocess.Popen(
            clientbook(records_repo.root, "erase", f"client-{n}", "--request", f"R{n}", "--yes"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    results = [(c.wait(timeout=120), *c.communicate()) for c in children]
    for code, stdout, stderr in results:
        assert "Traceback" not in stderr + stdout, stderr
        assert code == 0 or "another clientbook command" in stderr or "uncommitted" in stderr, (
            stderr
        )
    done = [n for n in range(2) if not (records_repo.root / f"clients/client-{n}.yaml").exists()]
    assert done, results
    tombstones = (records_repo.root / "erasures.yaml").read_text().count("request:")
    assert tombstones == len(done)
    assert git.run("status", "--porcelain") == ""
    assert int(git.run("rev-list", "--count", "HEAD")) == 1 + len(done)


@pytest.mark.parametrize(
    ("out", "words"),
    [
        ("/proc/clientbook-site", "cannot"),
        ("{file}/site", "not a folder"),
    ],
)
def test_build_into_a_place_that_cannot_be_written(
    records_repo: RecordsRepo, tmp_path: Path, out: str, words: str
) -> None:
    records_repo.write_record(minimal_record())
    (tmp_path / "a-file").write_text("x")
    target = out.format(file=tmp_path / "a-file")
    result = run(records_repo.root, "build", "--out", target, "--today", TODAY.isoformat())
    assert_no_traceback(result)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert (tmp_path / "a-file").read_text() == "x"


@pytest.mark.parametrize(
    "cache", ["lint.pickle", "records/", "history.sqlite", "site-state.sqlite"]
)
@pytest.mark.parametrize(
    "damage", [b"", b"\x00garbage\xff" * 100, b"SQLite format 3\x00" + b"\x01" * 500]
)
def test_a_corrupt_cache_of_each_kind_is_rebuilt(
    records_repo: RecordsRepo, cache: str, damage: bytes
) -> None:
    """In-process (an exception would fail the test as a traceback would a user)."""
    records_repo.write_record(minimal_record())
    git = GitRepo(records_repo.root)
    git.commit("One")
    root = str(records_repo.root)
    commands = (
        ["lint", "--today", TODAY.isoformat()],
        ["build", "--today", TODAY.isoformat()],
        ["history", "acme-logistics"],
        ["audit"],
    )
    clean = [run_cli("--repo", root, *c) for c in commands]
    folder = records_repo.root / ".clientbook/cache"
    stem = cache.split(".")[0].split("-")[0]
    # a file of the cache, or every file of its folder (the parse cache's buckets)
    targets = [
        p
        for p in folder.rglob("*")
        if p.relative_to(folder).parts[0].startswith(stem.rstrip("/")) and p.is_file()
    ]
    assert targets, sorted(p.name for p in folder.iterdir())
    for path in targets:
        path.write_bytes(damage)
    for command, expected in zip(commands, clean, strict=True):
        result = run_cli("--repo", root, *command)
        assert result.exit_code == expected.exit_code, (command, result.output)
        assert result.stdout == expected.stdout or command[0] != "lint", command


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_erase_killed_anywhere_is_finished_or_undone(records_repo: RecordsRepo, seed: int) -> None:
    (records_repo.root / "documents/zenith").mkdir(parents=True)
    (records_repo.root / "documents/zenith/msa.txt").write_text("contract\n")
    agreement = {
        "id": "msa",
        "title": "MSA",
        "start": "2026-01-05",
        "document": "documents/zenith/msa.txt",
    }
    records_repo.write_record(minimal_record(id="zenith", name="Zenith", agreements=[agreement]))
    records_repo.write_record(minimal_record())
    git = GitRepo(records_repo.root)
    git.commit("Two")
    before = user_files(records_repo.root)
    args = ["erase", "zenith", "--request", "R1", "--yes"]
    killed_at_random(records_repo.root, args, git, random.Random(seed).uniform(0.2, 1.2))
    again = run(records_repo.root, *args, git=git)
    assert_no_traceback(again)
    after = user_files(records_repo.root)
    if again.returncode == 0 or "no readable client" in again.stderr:
        assert "clients/zenith.yaml" not in after and "documents/zenith/msa.txt" not in after
        assert after["erasures.yaml"].count(b"request:") == 1
        assert {k: v for k, v in after.items() if k != "erasures.yaml"} == {
            k: v for k, v in before.items() if "zenith" not in k
        }
    else:
        pytest.fail(again.stderr)
    assert git.run("status", "--porcelain") == ""

"""`init DIR` and `build --out DIR` on targets that cannot take them: a folder that cannot be
written, an init interrupted or failing mid-way, an --out that is no folder. Each ends in a
message naming the path, never a traceback, and leaves what was there as it was."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clientbook.authoring.scaffold import TAG
from clientbook.util.flock import exclusive
from tests.conftest import TODAY, RecordsRepo, run_cli

TOOLS = str(Path(__file__).resolve().parents[2] / "tools")

# Raises KeyboardInterrupt, as Ctrl-C would, when init starts writing the schemas: after
# the config and the example client are written, before the repository is complete.
INTERRUPT_AT_SCHEMAS = """
import sys
def hook(event, args):
    if event == "open" and "/schemas/" in str(args[0]) and args[1] and "w" in args[1]:
        raise KeyboardInterrupt
sys.addaudithook(hook)
from clientbook.cli import run
run()
"""


# Python ignores SIGXFSZ, so a write over RLIMIT_FSIZE fails (EFBIG); this one is killed.
KILLED_BY_A_LONG_WRITE = """
import signal
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
from clientbook.cli import run
run()
"""


def clientbook(
    *args: str, code: str | None = None, fsize: int | None = None
) -> subprocess.CompletedProcess[str]:
    """A real `clientbook` process; `code` runs in its place, `fsize` caps a file's size."""
    env = {**os.environ, "PYTHONPATH": TOOLS, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "clientbook"]

    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=limit if fsize is not None else None,
    )


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def assert_whole(target: Path) -> None:
    for name in ("clientbook.yaml", "clients/example-client.yaml", "schemas/client.schema.json"):
        assert (target / name).is_file(), name
    lint = run_cli("--repo", str(target), "lint", "--today", TODAY.isoformat(), "--no-cache")
    assert lint.exit_code == 0, lint.output


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write into, root included (chattr +i)."""
    folder = tmp_path / "ro2"
    folder.mkdir()
    chattr = shutil.which("chattr")
    made = chattr and subprocess.run([chattr, "+i", str(folder)], capture_output=True)
    if not made or made.returncode != 0:
        pytest.skip(f"chattr +i is not supported in {tmp_path}")
    try:
        yield folder
    finally:
        subprocess.run([str(chattr), "-i", str(folder)], check=True)


def test_init_into_a_folder_that_cannot_be_written_says_so(immutable: Path) -> None:
    result = clientbook("init", str(immutable / "new"))
    assert_refused(result, str(immutable / "new"), str(immutable), "Operation not permitted")
    assert entries(immutable) == []


def test_init_interrupted_midway_leaves_nothing_and_can_run_again(tmp_path: Path) -> None:
    target = tmp_path / "new"
    interrupted = clientbook("init", str(target), code=INTERRUPT_AT_SCHEMAS)
    assert interrupted.returncode != 0
    assert "Traceback" not in interrupted.stderr, interrupted.stderr
    assert entries(tmp_path) == [], "a half-made repository or its temporary folder was left"
    again = clientbook("init", str(target), "--today", TODAY.isoformat())
    assert again.returncode == 0, again.stderr
    assert_whole(target)
    assert entries(tmp_path) == ["new"]


def test_init_interrupted_leaves_an_empty_folder_empty(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    interrupted = clientbook("init", str(target), code=INTERRUPT_AT_SCHEMAS)
    assert interrupted.returncode != 0
    assert entries(tmp_path) == ["empty"] and entries(target) == []


def test_init_failing_midway_names_the_file_and_leaves_nothing(tmp_path: Path) -> None:
    """Files over 4 KiB cannot be written: the config is, the schemas are not."""
    result = clientbook("init", str(tmp_path / "a" / "b" / "new"), fsize=4096)
    assert_refused(result, str(tmp_path / "a" / "b" / "new" / "schemas"), "File too large")
    assert entries(tmp_path) == [], "a parent folder or a temporary folder was left"


def test_init_killed_midway_leaves_no_repository_and_the_next_one_cleans_up(
    tmp_path: Path,
) -> None:
    """SIGXFSZ kills the process at the first file over 4 KiB: a schema."""
    target = tmp_path / "new"
    killed = clientbook("init", str(target), code=KILLED_BY_A_LONG_WRITE, fsize=4096)
    assert killed.returncode == -signal.SIGXFSZ, killed.stderr
    assert not target.exists()
    assert [n for n in entries(tmp_path) if TAG in n], "the kill left no temporary folder"
    again = clientbook("init", str(target), "--today", TODAY.isoformat())
    assert again.returncode == 0, again.stderr
    assert entries(tmp_path) == ["new"]
    assert_whole(target)


def test_init_leaves_the_folder_of_an_init_still_running(tmp_path: Path) -> None:
    running = tmp_path / f".new{TAG}0123abcd"
    running.mkdir()
    with exclusive(running, wait=0):
        result = clientbook("init", str(tmp_path / "new"))
        assert result.returncode == 0, result.stderr
    assert entries(tmp_path) == [running.name, "new"]


def test_init_fills_an_empty_folder_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    target.chmod(0o2750)
    link = tmp_path / "link"
    link.symlink_to(target)
    result = clientbook("init", str(link), "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    assert f"created {link / 'clientbook.yaml'}" in result.stdout
    assert link.is_symlink() and (target / "clientbook.yaml").is_file()
    assert target.stat().st_mode & 0o7777 == 0o2750
    assert entries(tmp_path) == ["empty", "link"]


def test_init_dot_fills_the_current_folder_itself(tmp_path: Path) -> None:
    """`mkdir repo && cd repo && clientbook init .`: the same folder (the shell stays in it),
    not one renamed over it."""
    target = tmp_path / "repo"
    target.mkdir()
    inode = target.stat().st_ino
    env = {**os.environ, "PYTHONPATH": TOOLS, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "clientbook", "init", ".", "--today", TODAY.isoformat()],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert target.stat().st_ino == inode
    assert not [n for n in entries(target) if TAG in n]
    assert_whole(target)


def test_init_killed_in_an_empty_folder_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    killed = clientbook("init", str(target), code=KILLED_BY_A_LONG_WRITE, fsize=4096)
    assert killed.returncode == -signal.SIGXFSZ, killed.stderr
    assert [n for n in entries(target) if TAG in n], "the kill left its temporary folder"
    again = clientbook("init", str(target), "--today", TODAY.isoformat())
    assert again.returncode == 0, again.stderr
    assert not [n for n in entries(target) if TAG in n]
    assert_whole(target)


def test_init_refuses_what_is_not_a_folder(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert_refused(clientbook("init", str(fifo)), str(fifo), "not a folder")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert_refused(clientbook("init", str(tmp_path / "full")), "is not empty")
    assert entries(tmp_path / "full") == ["notes.txt"]


def test_a_real_ctrl_c_anywhere_leaves_a_whole_repository_or_none(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": TOOLS}
    for n, delay in enumerate((0.15, 0.25, 0.3, 0.35, 0.45)):
        target = tmp_path / f"new{n}"
        child = subprocess.Popen(
            [sys.executable, "-m", "clientbook", "init", str(target), "--today", TODAY.isoformat()],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        child.wait(timeout=60)
        if target.exists():
            assert_whole(target)
    again = clientbook("init", str(tmp_path / "new0"), "--today", TODAY.isoformat())
    assert again.returncode in (0, 2), again.stderr  # made now, or whole already
    assert not [n for n in entries(tmp_path) if TAG in n]


# --- build --out


@pytest.fixture
def repo_root(records_repo: RecordsRepo) -> Path:
    return records_repo.root


def build(root: Path, out: Path | str) -> subprocess.CompletedProcess[str]:
    return clientbook("--repo", str(root), "build", "--out", str(out), "--today", TODAY.isoformat())


def test_build_into_a_named_pipe_is_refused(repo_root: Path) -> None:
    fifo = repo_root / "f"
    os.mkfifo(fifo)
    assert_refused(build(repo_root, fifo), str(fifo), "is a named pipe, not a folder")


def test_build_into_a_link_to_a_device_is_refused(repo_root: Path) -> None:
    link = repo_root / "null"
    link.symlink_to("/dev/null")
    assert_refused(build(repo_root, link), str(link), "/dev/null", "is a device, not a folder")


def test_build_into_a_file_of_the_repository_from_elsewhere_is_refused(
    repo_root: Path, tmp_path: Path
) -> None:
    """--out is taken from the repository's root: a file there, not checked from the cwd."""
    (repo_root / "site.txt").write_text("mine\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "clientbook",
            "--repo",
            str(repo_root),
            "build",
            "--out",
            "site.txt",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": TOOLS},
        cwd=tmp_path,
        timeout=120,
    )
    assert_refused(result, str(repo_root / "site.txt"), "is a file, not a folder")
    assert (repo_root / "site.txt").read_text(encoding="utf-8") == "mine\n"


def test_build_into_a_loop_of_links_is_refused(repo_root: Path) -> None:
    loop = repo_root / "loop"
    loop.symlink_to("loop")
    assert_refused(build(repo_root, loop), str(loop), "cannot be followed")


def test_build_below_a_named_pipe_is_refused(repo_root: Path) -> None:
    fifo = repo_root / "f"
    os.mkfifo(fifo)
    assert_refused(build(repo_root, fifo / "site"), str(fifo), "is a named pipe, not a folder")


def test_build_into_a_link_to_a_folder_builds_there(repo_root: Path, tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    link = repo_root / "published"
    link.symlink_to(tmp_path / "www")
    result = build(repo_root, link)
    assert result.returncode in (0, 1), result.stderr
    assert link.is_symlink() and (tmp_path / "www" / "index.html").is_file()

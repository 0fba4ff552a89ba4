"""The write layer on real files and a real git repository: planned, checked, all or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from clientbook.core.changeset import (
    Area,
    ChangeSet,
    Commit,
    WriteRefused,
    locked,
)
from clientbook.core.journal import JOURNALS
from tests.gitrepo import GitRepo


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    (tmp_path / "records").mkdir()
    g = GitRepo(tmp_path / "records")
    g.write("clientbook.yaml", "organisation: T\n")
    g.write("clients/a.yaml", "id: a\n")
    g.write("clients/b.yaml", "id: b\n")
    g.write("documents/a/msa.txt", "contract\n")
    g.commit("Start")
    return g


def clients(g: GitRepo) -> Area:
    return Area("clients/", g.root / "clients")


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        # git's folder and clientbook's own (journals, git-ignored) are not the user's files
        if p.is_file() and not {".git", ".clientbook"} & set(p.relative_to(root).parts)
    }


def test_writes_and_deletes_together_and_commits(repo: GitRepo) -> None:
    changes = ChangeSet(repo.root)
    changes.write(repo.root / "clients/a.yaml", "id: a\nname: A\n", clients(repo))
    changes.create(repo.root / "clients/c.yaml", "id: c\n", clients(repo))
    changes.delete(repo.root / "clients/b.yaml", clients(repo))
    done = changes.apply(Commit("Change three clients"))
    assert done.written == ["clients/a.yaml", "clients/c.yaml"] and done.deleted == [
        "clients/b.yaml"
    ]
    assert repo.run("log", "-1", "--format=%s").strip() == "Change three clients"
    assert repo.run("status", "--porcelain") == ""
    assert repo.run("show", "--name-status", "--format=", "HEAD").split() == [
        "M",
        "clients/a.yaml",
        "D",
        "clients/b.yaml",
        "A",
        "clients/c.yaml",
    ]
    assert not list((repo.root / JOURNALS).iterdir())  # nothing left of the change's journal
    assert not [p for p in (repo.root / "clients").iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("clients/../clientbook.yaml", "'..'"),
        ("documents/a/msa.txt", "outside clients/"),
        ("clientbook.yaml", "outside clients/"),
        ("clients/sub\0x.yaml", "NUL"),
        ("clients", "outside clients/"),
    ],
)
def test_paths_outside_their_folder_are_refused(repo: GitRepo, path: str, words: str) -> None:
    before = files(repo.root)
    changes = ChangeSet(repo.root)
    with pytest.raises(WriteRefused, match=words):
        changes.write(repo.root / path, "x", clients(repo))
    assert files(repo.root) == before


def test_a_symlink_is_never_written_through_or_deleted(repo: GitRepo, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (repo.root / "clients/link.yaml").symlink_to(outside)
    (repo.root / "clients/linked-folder").symlink_to(tmp_path)
    changes = ChangeSet(repo.root)
    with pytest.raises(WriteRefused, match="symbolic link"):
        changes.write(repo.root / "clients/link.yaml", "x", clients(repo))
    with pytest.raises(WriteRefused, match="symbolic link"):
        changes.delete(repo.root / "clients/link.yaml", clients(repo))
    with pytest.raises(WriteRefused, match="outside clients/"):
        changes.write(repo.root / "clients/linked-folder/x.yaml", "x", clients(repo))
    assert outside.read_text() == "keep me"


def test_special_files_are_refused(repo: GitRepo) -> None:
    os.mkfifo(repo.root / "clients/fifo.yaml")
    (repo.root / "clients/folder.yaml").mkdir()
    changes = ChangeSet(repo.root)
    for name in ("fifo.yaml", "folder.yaml"):
        with pytest.raises(WriteRefused, match="not a regular file"):
            changes.write(repo.root / "clients" / name, "x", clients(repo))


def test_an_area_outside_the_repository_is_refused(repo: GitRepo, tmp_path: Path) -> None:
    (repo.root / "documents/elsewhere").symlink_to(tmp_path)
    changes = ChangeSet(repo.root)
    with pytest.raises(WriteRefused, match="outside the repository"):
        changes.write(
            tmp_path / "x.txt", "x", Area("documents/", repo.root / "documents/elsewhere")
        )


def test_a_locked_index_refuses_before_anything_is_written(repo: GitRepo) -> None:
    before = files(repo.root)
    (repo.root / ".git/index.lock").write_text("")
    changes = ChangeSet(repo.root)
    changes.write(repo.root / "clients/a.yaml", "id: a\nname: A\n", clients(repo))
    with pytest.raises(WriteRefused, match="index is locked"):
        changes.apply(Commit("x"))
    assert files(repo.root) == before


def test_a_failed_commit_undoes_every_file(repo: GitRepo) -> None:
    """A pre-existing staged change is not the layer's to lose: the hook-less commit fails on a
    conflicting config here (an unusable user identity), and every file is put back."""
    before = files(repo.root)
    changes = ChangeSet(repo.root)
    changes.write(repo.root / "clients/a.yaml", "id: a\nname: A\n", clients(repo))
    changes.create(repo.root / "clients/c.yaml", "id: c\n", clients(repo))
    changes.delete(repo.root / "clients/b.yaml", clients(repo))
    repo.run("config", "user.useConfigOnly", "true")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(repo.root.parent), GIT_CONFIG_NOSYSTEM="1")
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        with pytest.raises(WriteRefused, match="every file was left as it was"):
            changes.apply(Commit("x"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert files(repo.root) == before
    assert repo.run("status", "--porcelain") == ""


def test_a_failure_midway_undoes_what_was_applied(repo: GitRepo) -> None:
    """The second file's folder is taken by a file after the plan was made: nothing is left."""
    before = files(repo.root)
    changes = ChangeSet(repo.root)
    changes.write(repo.root / "clients/a.yaml", "id: a\nname: A\n", clients(repo))
    changes.write(repo.root / "clients/zz/z.yaml", "id: z\n", clients(repo))
    (repo.root / "clients/zz").write_text("a file where the folder was to be")
    before["clients/zz"] = b"a file where the folder was to be"
    with pytest.raises(WriteRefused, match="every file was left as it was"):
        changes.apply()
    assert files(repo.root) == before


def test_many_files_are_staged_then_synced_once_and_still_all_or_nothing(repo: GitRepo) -> None:
    """Past SYNC_EACH_UP_TO files the layer syncs once after staging; a failure while
    staging the last one still leaves every file as it was."""
    from clientbook.core.journal import SYNC_EACH_UP_TO

    count = SYNC_EACH_UP_TO + 8
    before = files(repo.root)
    changes = ChangeSet(repo.root)
    for n in range(count):
        changes.write(repo.root / f"clients/c{n:03d}.yaml", f"id: c{n:03d}\n", clients(repo))
    changes.write(repo.root / "clients/zz/z.yaml", "id: z\n", clients(repo))
    (repo.root / "clients/zz").write_text("a file where the folder was to be")
    before["clients/zz"] = b"a file where the folder was to be"
    with pytest.raises(WriteRefused, match="every file was left as it was"):
        changes.apply()
    assert files(repo.root) == before
    (repo.root / "clients/zz").unlink()
    again = ChangeSet(repo.root)
    for n in range(count):
        again.write(repo.root / f"clients/c{n:03d}.yaml", f"id: c{n:03d}\n", clients(repo))
    assert len(again.apply(Commit("Many")).written) == count
    assert repo.run("status", "--porcelain") == ""


KILLED = """
import os, signal, sys
from pathlib import Path
from clientbook.core.changeset import Area, ChangeSet, Commit
root = Path(sys.argv[1])
changes = ChangeSet(root)
area = Area("clients/", root / "clients")
for n in range(int(sys.argv[2])):
    changes.write(root / f"clients/c{n:04d}.yaml", f"id: c{n:04d}\\nname: New {n}\\n" * 40, area)
print("ready", flush=True)
sys.stdin.readline()
changes.apply(Commit("Many clients"))
print("applied", flush=True)
"""


@pytest.mark.parametrize("delay", [0.0, 0.01, 0.03, 0.06, 0.1, 0.2])
def test_a_killed_change_is_undone_or_finished_by_the_next_run(repo: GitRepo, delay: float) -> None:
    """SIGKILL at some point of a 300-file change: afterwards the next run leaves either the
    state before, whole, or the state after, committed — never a mixture."""
    for n in range(300):
        repo.write(f"clients/c{n:04d}.yaml", f"id: c{n:04d}\n")
    repo.commit("300 clients")
    before = files(repo.root)
    head = repo.run("rev-parse", "HEAD").strip()
    env = {
        **os.environ,
        **repo.env(),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "tools"),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(repo.root), "300"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"
    child.stdin.write("go\n")
    child.stdin.flush()
    timer = threading.Timer(delay, child.kill)
    timer.start()
    child.wait(timeout=60)
    timer.cancel()
    with locked(repo.root) as notes:
        pass
    after = files(repo.root)
    moved = repo.run("rev-parse", "HEAD").strip() != head
    if moved:
        assert repo.run("log", "-1", "--format=%s").strip() == "Many clients"
        assert all(
            after[f"clients/c{n:04d}.yaml"].startswith(b"id: c%04d\nname: New" % n)
            for n in range(300)
        )
    else:
        assert after == before, notes
    assert repo.run("status", "--porcelain") == ""
    assert not [p for p in (repo.root / "clients").iterdir() if p.name.startswith(".")]
    assert not list((repo.root / JOURNALS).glob("*.json"))


def test_a_second_writer_waits_then_refuses(repo: GitRepo) -> None:
    script = (
        "import sys, time; from pathlib import Path; from clientbook.core.changeset import locked\n"
        "with locked(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(30)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "tools")}
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(repo.root)], stdout=subprocess.PIPE, env=env, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with (
            pytest.raises(WriteRefused, match="another clientbook command"),
            locked(repo.root, wait=0.3),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()
    with locked(repo.root, wait=5):  # a killed holder's lock is gone with it
        pass


def test_an_unreadable_journal_is_set_aside(repo: GitRepo) -> None:
    folder = repo.root / JOURNALS
    folder.mkdir(parents=True)
    (folder / "abc.json").write_text("{not json")
    with locked(repo.root) as notes:
        pass
    assert any("set aside" in n for n in notes)
    assert (folder / "abc.unreadable").exists()


def test_leftovers_of_an_older_run_are_swept(repo: GitRepo) -> None:
    leftover = repo.root / "clients/.a.yaml.clientbook-x1y2z3.tmp"
    leftover.write_text("half")
    nested = repo.root / "clients/ac/.acme.yaml.clientbook-q9.new"  # a sharded layout's
    nested.parent.mkdir()
    nested.write_text("half")
    kept = repo.root / "clients/ac/.notes.tmp"  # not one of clientbook's
    kept.write_text("mine")
    with locked(repo.root) as notes:
        pass
    assert not leftover.exists() and not nested.exists() and kept.exists()
    assert sorted(notes) == [
        "removed clients/.a.yaml.clientbook-x1y2z3.tmp, left by a stopped run",
        "removed clients/ac/.acme.yaml.clientbook-q9.new, left by a stopped run",
    ]


def test_a_link_swapped_in_after_the_plan_is_refused(repo: GitRepo, tmp_path: Path) -> None:
    """The paths are checked again under the lock: a folder made a link meanwhile is not followed."""
    outside = tmp_path / "outside"
    outside.mkdir()
    changes = ChangeSet(repo.root)
    changes.write(repo.root / "clients/sub/x.yaml", "id: x\n", clients(repo))
    (repo.root / "clients/sub").symlink_to(outside)
    with pytest.raises(WriteRefused, match="outside clients/"):
        changes.apply()
    assert list(outside.iterdir()) == []

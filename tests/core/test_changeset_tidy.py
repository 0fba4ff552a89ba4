"""What a change leaves behind when it fails or is interrupted: nothing of its own."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clientbook.core import journal
from clientbook.core.changeset import Area, ChangeSet, Commit, WriteRefused
from clientbook.core.journal import JOURNALS
from clientbook.util.interrupts import held
from tests.gitrepo import GitRepo


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    (tmp_path / "records").mkdir()
    g = GitRepo(tmp_path / "records")
    g.write("clientbook.yaml", "organisation: T\n")
    g.write("clients/a.yaml", "id: a\n")
    g.commit("Start")
    return g


def _without_identity(repo: GitRepo) -> dict[str, str]:
    """An environment in which git cannot commit (no user identity): the commit step fails."""
    repo.run("config", "user.useConfigOnly", "true")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(repo.root.parent), GIT_CONFIG_NOSYSTEM="1")
    return env


def test_a_failed_change_removes_the_folders_it_made(repo: GitRepo) -> None:
    changes = ChangeSet(repo.root)
    changes.create(
        repo.root / "clients/ne/new/c.yaml", "id: c\n", Area("clients/", repo.root / "clients")
    )
    changes.write(repo.root / ".github/CODEOWNERS", "* @a\n", Area("the repository", repo.root))
    (repo.root / "clients/kept-empty").mkdir()  # the user's own empty folder stays
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(_without_identity(repo))
    try:
        with pytest.raises(WriteRefused, match="every file was left as it was"):
            changes.apply(Commit("x"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert not (repo.root / "clients/ne").exists()
    assert not (repo.root / ".github").exists()
    assert (repo.root / "clients/kept-empty").is_dir()


def test_journal_temporaries_of_a_killed_save_are_removed(repo: GitRepo) -> None:
    folder = repo.root / JOURNALS
    folder.mkdir(parents=True)
    stray = [folder / "0123456789ab.tmp", folder / "0123456789ab.json.tmp"]
    for path in stray:
        path.write_text('{"state": "staging"', encoding="utf-8")
    changes = ChangeSet(repo.root)
    changes.write(
        repo.root / "clients/a.yaml", "id: a\nname: A\n", Area("clients/", repo.root / "clients")
    )
    changes.apply(Commit("Name a"))
    assert not any(p.exists() for p in stray)
    assert sorted(os.listdir(folder)) == []


@pytest.fixture
def ctrl_c_raises() -> Iterator[None]:
    """SIGINT as an interactive Python has it (a job started in the background ignores it)."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


@pytest.mark.usefixtures("ctrl_c_raises")
def test_held_signals_wait_for_the_block_to_end() -> None:
    with held() as came:
        os.kill(os.getpid(), signal.SIGINT)
        deadline = time.monotonic() + 5
        while not came and time.monotonic() < deadline:
            time.sleep(0.01)
        finished = True
    assert finished and came == [signal.SIGINT]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_ignored_signal_stays_ignored() -> None:
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with held() as came:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
        assert came == [] and signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)


@pytest.mark.usefixtures("ctrl_c_raises")
def test_ctrl_c_while_tidying_a_committed_change_tidies_it_and_says_so(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Ctrl-C arrives (a real signal to this process) as the kept copies are removed."""
    remove = journal._remove_leftovers

    def interrupted_then_remove(record: dict[str, object]) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # the handler runs here, between two steps of the tidying
        remove(record)

    monkeypatch.setattr(journal, "_remove_leftovers", interrupted_then_remove)
    area = Area("clients/", repo.root / "clients")
    changes = ChangeSet(repo.root)
    changes.write(repo.root / "clients/a.yaml", "id: a\nname: A\n", area)
    changes.create(repo.root / "clients/b.yaml", "id: b\n", area)
    done = changes.apply(Commit("Two clients"))
    assert done.interrupted and done.commit
    assert repo.run("log", "-1", "--format=%s").strip() == "Two clients"
    assert repo.run("status", "--porcelain", "--untracked-files=all") == ""
    left = [p.name for p in (repo.root / "clients").iterdir() if p.name.startswith(".")]
    assert left == []


def test_ctrl_c_once_git_has_made_the_commit_keeps_the_change(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Ctrl-C lands as git returns from the commit it made: undoing the files under a
    commit that stands would leave the tree and HEAD apart."""
    from clientbook.core import gitwrite

    commit = gitwrite.commit

    def committed_then_interrupted(*args: object) -> str:
        commit(*args)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(gitwrite, "commit", committed_then_interrupted)
    changes = ChangeSet(repo.root)
    changes.write(
        repo.root / "clients/a.yaml", "id: a\nname: A\n", Area("clients/", repo.root / "clients")
    )
    done = changes.apply(Commit("Name a"))
    assert done.interrupted and done.commit == repo.run("rev-parse", "HEAD").strip()
    assert repo.run("log", "-1", "--format=%s").strip() == "Name a"
    assert (repo.root / "clients/a.yaml").read_text() == "id: a\nname: A\n"
    assert repo.run("status", "--porcelain", "--untracked-files=all") == ""


def test_an_output_folder_made_for_a_change_that_fails_is_removed(
    repo: GitRepo, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "b-fifo")
    changes = ChangeSet(repo.root)
    changes.write(out / "a-new" / "one.txt", "1\n", Area("--out a-new", out / "a-new", False))
    changes.write(out / "b-fifo" / "two.txt", "2\n", Area("--out b-fifo", out / "b-fifo", False))
    with pytest.raises(WriteRefused, match="is not a folder"):
        changes.apply()
    assert sorted(p.name for p in out.iterdir()) == ["b-fifo"]

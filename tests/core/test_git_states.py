"""The write layer and `clientbook import` in the states git can be left in: mid-merge,
-rebase, -cherry-pick, -revert, -am, a locked index, a detached HEAD, a linked worktree."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from clientbook.cli import main
from clientbook.core import gitwrite
from clientbook.core.changeset import Area, ChangeSet, Commit, WriteRefused
from tests.conftest import TODAY, RecordsRepo, minimal_record
from tests.gitrepo import GitRepo
from tests.intake.helpers import ImportRepo

IMPORT_ARGS = ("--jurisdiction", "GB", "--owner", "account-manager", "--branch", "imp")


def attempt(g: GitRepo, *args: str) -> subprocess.CompletedProcess[str]:
    """A git command that may stop on a conflict (its exit status is the test's to judge);
    an editor that accepts what git proposes, as a user pressing save would."""
    return subprocess.run(
        ["git", *args],
        cwd=g.root,
        env={**g.env(), "GIT_EDITOR": "true"},
        capture_output=True,
        text=True,
    )


def exists(g: GitRepo, name: str) -> bool:
    path = g.run("rev-parse", "--git-path", name).strip()
    return (g.root / path).exists()


def diverge(g: GitRepo) -> str:
    """`other` and main each change notes.txt's one line: any bringing-together conflicts.
    Returns other's commit."""
    g.run("checkout", "-q", "-b", "other")
    g.write("notes.txt", "other\n")
    theirs = g.commit("Other's note")
    g.run("checkout", "-q", "main")
    g.write("notes.txt", "main\n")
    g.commit("Main's note")
    return theirs


def resolve(g: GitRepo) -> None:
    g.write("notes.txt", "both\n")
    g.run("add", "notes.txt")


# Each state: how to get there, what the refusal calls it, the command that aborts it.


def merge_with_a_conflict(g: GitRepo) -> None:
    diverge(g)
    assert attempt(g, "merge", "other").returncode != 0


def merge_stopped_before_committing(g: GitRepo) -> None:
    """The reviewer's case: MERGE_HEAD set, the index equal to HEAD, nothing to see in status."""
    g.run("checkout", "-q", "-b", "other")
    g.write("notes.txt", "x\n")
    g.commit("A")
    g.run("revert", "--no-edit", "HEAD")
    g.run("checkout", "-q", "main")
    g.run("merge", "--no-commit", "--no-ff", "other")
    assert attempt(g, "diff", "--cached", "--quiet").returncode == 0


def cherry_pick(g: GitRepo) -> None:
    assert attempt(g, "cherry-pick", diverge(g)).returncode != 0


def cherry_pick_series_between_commits(g: GitRepo) -> None:
    """A series stopped at its first pick, resolved and committed: only sequencer/ is left."""
    diverge(g)
    g.run("checkout", "-q", "other")
    g.write("later.txt", "later\n")
    g.commit("Later")
    g.run("checkout", "-q", "main")
    assert attempt(g, "cherry-pick", "main..other").returncode != 0
    resolve(g)
    g.run("commit", "-q", "--no-edit")
    assert not exists(g, "CHERRY_PICK_HEAD") and exists(g, "sequencer")


def revert(g: GitRepo) -> None:
    g.write("notes.txt", "two\n")
    first = g.commit("Two")
    g.write("notes.txt", "three\n")
    g.commit("Three")
    assert attempt(g, "revert", "--no-edit", first).returncode != 0


def revert_series_between_commits(g: GitRepo) -> None:
    g.write("notes.txt", "two\n")
    first = g.commit("Two")
    g.write("notes.txt", "three\n")
    g.commit("Three")
    g.write("later.txt", "later\n")
    later = g.commit("Later")
    assert attempt(g, "revert", "--no-edit", first, later).returncode != 0
    resolve(g)
    g.run("commit", "-q", "--no-edit")
    assert not exists(g, "REVERT_HEAD") and exists(g, "sequencer")


def rebase(g: GitRepo) -> None:
    diverge(g)
    g.run("checkout", "-q", "other")
    assert attempt(g, "rebase", "main").returncode != 0
    assert exists(g, "rebase-merge")


def rebase_apply(g: GitRepo) -> None:
    diverge(g)
    g.run("checkout", "-q", "other")
    assert attempt(g, "rebase", "--apply", "main").returncode != 0
    assert exists(g, "rebase-apply")


def am(g: GitRepo) -> None:
    diverge(g)
    patch = g.run("format-patch", "-1", "--stdout", "other")
    (g.root.parent / "other.patch").write_text(patch, encoding="utf-8")
    assert attempt(g, "am", str(g.root.parent / "other.patch")).returncode != 0


STATES: list[tuple[Callable[[GitRepo], None], str, str]] = [
    (merge_with_a_conflict, "a merge", "git merge"),
    (merge_stopped_before_committing, "a merge", "git merge"),
    (cherry_pick, "a cherry-pick", "git cherry-pick"),
    (cherry_pick_series_between_commits, "a cherry-pick", "git cherry-pick"),
    (revert, "a revert", "git revert"),
    (revert_series_between_commits, "a revert", "git revert"),
    (rebase, "a rebase", "git rebase"),
    (rebase_apply, "a rebase", "git rebase"),
    (am, "an am session", "git am"),
]


@pytest.fixture
def g(tmp_path: Path) -> GitRepo:
    (tmp_path / "records").mkdir()
    repo = GitRepo(tmp_path / "records")
    repo.write("clientbook.yaml", "organisation: T\n")
    repo.write("clients/a.yaml", "id: a\n")
    repo.write("notes.txt", "one\n")
    repo.commit("Start")
    return repo


@pytest.mark.parametrize(("state", "what", "command"), STATES, ids=[s[0].__name__ for s in STATES])
def test_a_commit_is_refused_while_git_is_mid_operation(
    g: GitRepo, state: Callable[[GitRepo], None], what: str, command: str
) -> None:
    state(g)
    with pytest.raises(WriteRefused) as refused:
        gitwrite.check_writable(g.root)
    said = str(refused.value)
    assert said.startswith(f"{what} is in progress")
    assert f"`{command} --continue`" in said and f"`{command} --abort`" in said
    assert said.endswith("nothing was changed")
    # the advice given works, and the refusal ends with the operation
    g.run(*command.split()[1:], "--abort")
    gitwrite.check_writable(g.root)


def test_a_change_set_writes_nothing_and_leaves_the_merge_to_the_user(g: GitRepo) -> None:
    merge_stopped_before_committing(g)
    before = g.run("rev-parse", "HEAD").strip()
    changes = ChangeSet(g.root)
    changes.write(
        g.root / "clients/a.yaml", "id: a\nname: A\n", Area("clients/", g.root / "clients")
    )
    with pytest.raises(WriteRefused, match="a merge is in progress"):
        changes.apply(Commit("Change a"))
    assert (g.root / "clients/a.yaml").read_text() == "id: a\n"
    assert g.run("rev-parse", "HEAD").strip() == before and exists(g, "MERGE_HEAD")


def test_a_linked_worktree_is_checked_at_its_own_git_paths(g: GitRepo, tmp_path: Path) -> None:
    """A worktree's git folder holds its index and MERGE_HEAD but not objects/, which all share."""
    g.run("worktree", "add", "-q", str(tmp_path / "wt"), "-b", "side")
    wt = GitRepo.__new__(GitRepo)
    wt.root = tmp_path / "wt"
    gitwrite.check_writable(wt.root)
    merge_stopped_before_committing_in(wt)
    with pytest.raises(WriteRefused, match="a merge is in progress"):
        gitwrite.check_writable(wt.root)
    gitwrite.check_writable(g.root)  # the main worktree is not merging
    wt.run("merge", "--abort")
    lock = Path(wt.run("rev-parse", "--git-path", "index.lock").strip())
    (wt.root / lock).write_text("")
    with pytest.raises(WriteRefused, match="index is locked"):
        gitwrite.check_writable(wt.root)
    gitwrite.check_writable(g.root)


def merge_stopped_before_committing_in(wt: GitRepo) -> None:
    wt.run("checkout", "-q", "-b", "wt-other")
    wt.write("notes.txt", "x\n")
    wt.commit("A")
    wt.run("revert", "--no-edit", "HEAD")
    wt.run("checkout", "-q", "side")
    wt.run("merge", "--no-commit", "--no-ff", "wt-other")


def test_leaving_a_branch_keeps_it_when_it_holds_a_commit(g: GitRepo) -> None:
    back = gitwrite.start_branch(g.root, "imp")
    assert back == gitwrite.Place("main", g.run("rev-parse", "HEAD").strip())
    g.write("clients/b.yaml", "id: b\n")
    made = g.commit("Made before a failure")
    said = gitwrite.leave_branch(g.root, "imp", back)
    assert "the branch imp was kept" in said and made[:10] in said
    assert gitwrite.current_branch(g.root) == "main"
    assert g.run("rev-parse", "refs/heads/imp").strip() == made


def test_leaving_a_branch_returns_to_a_detached_commit(g: GitRepo) -> None:
    g.run("checkout", "-q", "--detach", "HEAD")
    start = g.run("rev-parse", "HEAD").strip()
    back = gitwrite.start_branch(g.root, "imp")
    assert gitwrite.leave_branch(g.root, "imp", back) == ""
    assert gitwrite.current_branch(g.root) == "" and g.run("rev-parse", "HEAD").strip() == start
    assert g.run("branch", "--list", "imp") == ""


# The commands, on a records repository made by `clientbook init`.


@pytest.fixture
def imports(records_repo: RecordsRepo, tmp_path: Path) -> ImportRepo:
    (records_repo.root / "clients" / ".gitkeep").write_text("")
    records_repo.write_record(minimal_record())
    (records_repo.root / "notes.txt").write_text("one\n")
    git = GitRepo(records_repo.root)
    git.commit("A records repository")
    git.run("config", "user.email", "account.manager@company.example")
    git.run("config", "user.name", "Account Manager")
    return ImportRepo(records_repo, git, tmp_path)


def run_import(repo: ImportRepo, *args: str) -> Result:
    csv = repo.file("new.csv", "Name,Website\r\nZenith Pharma,zenith.example\r\n")
    return repo.run(str(csv), *IMPORT_ARGS, *args)


def branches(repo: ImportRepo) -> list[str]:
    return repo.git.run("branch", "--format=%(refname:short)").split()


def commit_refusal(result: Result, what: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and f"{what} is in progress" in result.output


@pytest.mark.parametrize("state", [merge_with_a_conflict, merge_stopped_before_committing])
def test_import_refuses_mid_merge_before_making_its_branch(
    imports: ImportRepo, state: Callable[[GitRepo], None]
) -> None:
    state(imports.git)
    status = imports.status()
    result = run_import(imports)
    commit_refusal(result, "a merge")
    assert "nothing was imported" in result.output and "`git merge --abort`" in result.output
    assert imports.branch() == "main" and "imp" not in branches(imports)
    assert imports.status() == status and exists(imports.git, "MERGE_HEAD")


def test_import_refuses_a_locked_index(imports: ImportRepo) -> None:
    (imports.root / ".git/index.lock").write_text("")
    result = run_import(imports)
    assert result.exit_code == 2, result.output
    assert "nothing was imported: git's index is locked" in result.output
    assert imports.branch() == "main" and "imp" not in branches(imports)
    assert (imports.root / ".git/index.lock").exists()  # the user's (or a running git's) to remove


def test_import_says_why_git_could_not_make_the_branch(imports: ImportRepo) -> None:
    """`imp/x` passes every check but git's own: a branch `imp` takes the name's folder."""
    imports.git.run("branch", "imp")
    result = run_import(imports, "--branch", "imp/x")
    assert result.exit_code == 2, result.output
    assert "nothing was imported: git could not create the branch imp/x: " in result.output
    assert "refs/heads/imp" in result.output and "nothing was changed" in result.output
    assert imports.branch() == "main" and sorted(branches(imports)) == ["imp", "main"]
    assert imports.status() == ""


def refuse_commits(repo: ImportRepo) -> None:
    """A real failure of `git commit` as clientbook runs it: --no-verify skips pre-commit
    hooks, never prepare-commit-msg."""
    hooks = repo.tmp / "hooks"
    hooks.mkdir()
    hook = hooks / "prepare-commit-msg"
    hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n")
    hook.chmod(0o755)
    repo.git.run("config", "core.hooksPath", str(hooks))


def test_a_failed_import_from_a_detached_head_returns_to_it(imports: ImportRepo) -> None:
    imports.git.run("checkout", "-q", "--detach", "HEAD")
    start = imports.git.run("rev-parse", "HEAD").strip()
    refuse_commits(imports)
    result = run_import(imports)
    assert result.exit_code == 2, result.output
    assert "refused by the hook; every file was left as it was" in result.output
    assert gitwrite.current_branch(imports.root) == ""
    assert imports.git.run("rev-parse", "HEAD").strip() == start
    assert "imp" not in branches(imports) and imports.status() == ""


def test_a_failed_import_from_a_branch_returns_to_it(imports: ImportRepo) -> None:
    refuse_commits(imports)
    result = run_import(imports)
    assert result.exit_code == 2, result.output
    assert imports.branch() == "main" and branches(imports) == ["main"]
    assert imports.status() == "" and imports.commits() == 1


def test_an_import_from_a_detached_head_says_how_to_go_back(imports: ImportRepo) -> None:
    imports.git.run("checkout", "-q", "--detach", "HEAD")
    start = imports.git.run("rev-parse", "HEAD").strip()
    result = run_import(imports)
    assert result.exit_code == 0, result.output
    assert f"git switch --detach {start[:10]}   # back to where you were" in result.output
    assert imports.branch() == "imp" and imports.commits() == 2


def test_log_commit_refuses_to_conclude_the_users_merge(imports: ImportRepo) -> None:
    """The reviewer's case: the commit would have been a merge commit with two parents."""
    merge_stopped_before_committing(imports.git)
    before = imports.git.run("rev-parse", "HEAD").strip()
    path = imports.root / "clients/acme-logistics.yaml"
    record = path.read_bytes()
    result = CliRunner().invoke(
        main,
        [
            *("--repo", str(imports.root), "log", "acme-logistics", "--summary", "Call"),
            *("--channel", "phone", "--today", TODAY.isoformat(), "--commit"),
        ],
    )
    commit_refusal(result, "a merge")
    assert "`git merge --continue`" in result.output and "`git merge --abort`" in result.output
    assert imports.git.run("rev-parse", "HEAD").strip() == before
    assert path.read_bytes() == record and exists(imports.git, "MERGE_HEAD")

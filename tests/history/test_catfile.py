"""Blobs read from one `git cat-file --batch` kept open give what reading them all at once gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clientbook.history.catfile import _AHEAD, CatFile
from clientbook.history.gitlog import NULL_SHA, GitUnavailable, read_blobs
from tests.gitrepo import GitRepo

ABSENT = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def blobs(tmp_path: Path) -> tuple[str, list[str]]:
    """A repository's git directory and the ids of its blobs, one of them empty, one large,
    more of them than are asked for ahead."""
    (tmp_path / "repo").mkdir()
    g = GitRepo(tmp_path / "repo")
    texts = [f"id: c{n}\nname: Zoë {n}\n" for n in range(2 * _AHEAD + 5)]
    texts += ["", "note: " + "x" * 300_000]
    for n, text in enumerate(texts):
        g.write(f"clients/c{n}.yaml", text)
    g.commit("Many files")
    listing = g.run("ls-tree", "HEAD", "clients/").splitlines()
    return str(g.root / ".git"), [line.split()[2] for line in listing]


@pytest.fixture
def cat(blobs: tuple[str, list[str]]) -> Iterator[CatFile]:
    cat = CatFile(blobs[0])
    yield cat
    cat.close()


def test_blobs_asked_in_order_are_each_as_read_at_once(
    blobs: tuple[str, list[str]], cat: CatFile
) -> None:
    git_dir, ids = blobs
    expected = read_blobs(git_dir, ids)
    with cat.stream(ids) as stream:
        assert [stream.get(sha) for sha in ids] == [expected[sha] for sha in ids]
    assert cat.fetch(reversed(ids)) == expected  # the same git, batch after batch


def test_blobs_asked_out_of_order_or_twice_or_unasked_are_still_found(
    blobs: tuple[str, list[str]], cat: CatFile
) -> None:
    git_dir, ids = blobs
    expected = read_blobs(git_dir, ids)
    with cat.stream([*ids[:-3], NULL_SHA, ids[0]]) as stream:
        assert stream.get(ids[40]) == expected[ids[40]]  # those before it kept on the way
        assert stream.get(ids[1]) == expected[ids[1]]
        assert stream.get(ids[-1]) == expected[ids[-1]]  # never asked for: read on its own
        assert stream.get(ids[1]) == expected[ids[1]]  # again
        assert stream.get(ids[0]) == expected[ids[0]]
    # blobs asked for ahead and not needed are read off: the next batch gets its own
    with cat.stream(ids[-3:]) as stream:
        assert [stream.get(sha) for sha in ids[-3:]] == [expected[s] for s in ids[-3:]]


def test_a_blob_git_does_not_have_is_none(blobs: tuple[str, list[str]], cat: CatFile) -> None:
    git_dir, ids = blobs
    with cat.stream([ABSENT, ids[0]]) as stream:
        assert stream.get(ABSENT) is None
        assert stream.get(ids[0]) == read_blobs(git_dir, [ids[0]])[ids[0]]
    assert cat.fetch([ABSENT]) == {}


def test_closing_with_blobs_unread_ends_git(blobs: tuple[str, list[str]], cat: CatFile) -> None:
    _, ids = blobs
    stream = cat.stream(ids[-2:])  # the large blob, whose answer fills the pipe
    stream.get(ids[-1])
    cat.close()
    assert cat.process.returncode is not None


def test_a_batch_that_fails_leaves_git_ended(blobs: tuple[str, list[str]], cat: CatFile) -> None:
    _, ids = blobs
    with pytest.raises(ValueError), cat.stream(ids) as stream:
        stream.get(ids[0])
        raise ValueError("a batch's own error")
    assert cat.process.returncode is not None


def test_a_git_directory_that_is_not_one_says_what_git_said(tmp_path: Path) -> None:
    cat = CatFile(str(tmp_path))
    try:
        with pytest.raises(GitUnavailable, match=r"git cat-file failed: .+"):
            cat.fetch([ABSENT])
    finally:
        cat.close()


def test_closing_a_git_that_is_gone_with_ids_still_buffered(tmp_path: Path) -> None:
    """What a failed ask leaves in the buffer to git is dropped on close, not raised: the
    error the caller sees stays git's own (on a busy machine git ends before the ask)."""
    cat = CatFile(str(tmp_path))  # not a git directory: git ends at once
    cat.process.wait()
    assert cat.process.stdin is not None
    cat.process.stdin.write(f"{ABSENT}\n".encode())  # buffered, never delivered
    cat.close()
    assert cat.process.stdin.closed

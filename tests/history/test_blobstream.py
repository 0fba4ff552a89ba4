"""Blobs read one by one from a `git cat-file --batch` give what reading them all at once gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from clientbook.history.blobstream import BlobStream
from clientbook.history.gitlog import NULL_SHA, GitUnavailable, read_blobs
from tests.gitrepo import GitRepo

ABSENT = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def blobs(tmp_path: Path) -> tuple[str, list[str]]:
    """A repository's git directory and the ids of eight blobs, one of them empty, one large."""
    (tmp_path / "repo").mkdir()
    g = GitRepo(tmp_path / "repo")
    texts = [f"id: c{n}\nname: Zoë {n}\n" for n in range(6)] + ["", "note: " + "x" * 300_000]
    for n, text in enumerate(texts):
        g.write(f"clients/c{n}.yaml", text)
    g.commit("Eight files")
    ids = [g.run("hash-object", f"clients/c{n}.yaml").strip() for n in range(len(texts))]
    return str(g.root / ".git"), ids


def test_blobs_asked_in_order_are_each_as_read_at_once(blobs: tuple[str, list[str]]) -> None:
    git_dir, ids = blobs
    expected = read_blobs(git_dir, ids)
    with BlobStream(git_dir, ids) as stream:
        assert [stream.get(sha) for sha in ids] == [expected[sha] for sha in ids]


def test_blobs_asked_out_of_order_or_twice_or_unasked_are_still_found(
    blobs: tuple[str, list[str]],
) -> None:
    git_dir, ids = blobs
    expected = read_blobs(git_dir, ids)
    with BlobStream(git_dir, [*ids[:4], NULL_SHA, ids[0]]) as stream:
        assert stream.get(ids[3]) == expected[ids[3]]  # the three before it kept on the way
        assert stream.get(ids[1]) == expected[ids[1]]
        assert stream.get(ids[7]) == expected[ids[7]]  # never asked for: read on its own
        assert stream.get(ids[0]) == expected[ids[0]]


def test_a_blob_git_does_not_have_is_none(blobs: tuple[str, list[str]]) -> None:
    git_dir, ids = blobs
    with BlobStream(git_dir, [ABSENT, ids[0]]) as stream:
        assert stream.get(ABSENT) is None
        assert stream.get(ids[0]) == read_blobs(git_dir, [ids[0]])[ids[0]]


def test_blobs_left_unread_end_the_process(blobs: tuple[str, list[str]]) -> None:
    git_dir, ids = blobs
    with BlobStream(git_dir, ids * 50) as stream:
        stream.get(ids[0])
        process = stream.process
    assert process is not None and process.returncode is not None


def test_nothing_asked_starts_no_process(blobs: tuple[str, list[str]]) -> None:
    git_dir, _ = blobs
    with BlobStream(git_dir, [NULL_SHA]) as stream:
        assert stream.process is None


def test_a_git_directory_that_is_not_one_says_what_git_said(tmp_path: Path) -> None:
    with (
        pytest.raises(GitUnavailable, match=r"git cat-file failed: .+"),
        BlobStream(str(tmp_path), [ABSENT]) as stream,
    ):
        stream.get(ABSENT)

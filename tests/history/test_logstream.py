"""The log read as git writes it gives what the whole log gives, and what it parses is the blobs'.

history/logstream.py reads `git log` from a file git is still writing, parses the blobs
its entries add and diffs the entries meanwhile; diffjobs.compute takes those instead of
its own. Each is held to the plain reading: gitlog.read_log, BlobParser.parse of each
blob, fielddiff.diff, and a history read with nothing parsed while logging.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import clientbook.history.read as history_read
from clientbook.history import logstream
from clientbook.history.blobparse import MISSING, BlobParser
from clientbook.history.catfile import CatFile
from clientbook.history.fielddiff import diff
from clientbook.history.gitlog import NULL_SHA, GitUnavailable, open_repo, read_log, status_word
from clientbook.history.gitprobe import probe
from clientbook.history.logstream import _Commits, read_log_parsing
from clientbook.history.read import read_history
from clientbook.history.store import version_to_json
from clientbook.history.types import make_version
from tests.conftest import RecordsRepo
from tests.gitrepo import GitRepo

RECORD = """\
id: {id}
name: {name}
kind: organization
status: {status}
since: "2026-01-05"
owner: account-manager
jurisdiction: GB
"""


def _record(client_id: str, status: str = "active", name: str = "") -> str:
    return RECORD.format(id=client_id, name=name or client_id.title(), status=status)


@pytest.fixture
def repo(records_repo: RecordsRepo) -> GitRepo:
    """Additions, edits, a broken version, a rename, a deletion, a merge, names outside ASCII."""
    g = GitRepo(records_repo.root)
    g.commit("Set up", date="2026-01-01T09:00:00+00:00")
    for n in range(12):
        g.write(f"clients/c{n:02d}.yaml", _record(f"c{n:02d}", name=f"Zoë Ølstad {n}"))
    g.commit("Twelve clients", author="Zoë Ølstad", date="2026-01-02T09:00:00+00:00")
    for n in range(0, 12, 2):
        g.write(f"clients/c{n:02d}.yaml", _record(f"c{n:02d}", "paused"))
    g.commit("Pause half", date="2026-01-03T09:00:00+00:00")
    g.write("clients/c01.yaml", "id: c01\nname: [unclosed\n")
    g.commit("Break one", date="2026-01-04T09:00:00+00:00")
    g.write("clients/c01.yaml", _record("c01", "paused"))
    g.commit("Mend it", date="2026-01-04T12:00:00+00:00")  # diffed from the version before
    g.run("mv", "clients/c03.yaml", "clients/c03-renamed.yaml")
    g.run("rm", "-q", "clients/c05.yaml")
    g.commit("Rename one, remove one", date="2026-01-05T09:00:00+00:00")
    g.run("checkout", "-q", "-b", "side")
    g.write("clients/c07.yaml", _record("c07", "former"))
    g.commit("End one on a branch", date="2026-01-06T09:00:00+00:00")
    g.run("checkout", "-q", "main")
    g.write("clients/c09.yaml", _record("c09", "former"))
    g.commit("End another", date="2026-01-07T09:00:00+00:00")
    g.run("merge", "-q", "--no-edit", "side", date="2026-01-08T09:00:00+00:00")
    return g


def _read(root: Path, limit: int) -> logstream.Logged:
    where = probe(root)
    assert where.head is not None
    return read_log_parsing(where, "clients", None, where.head, limit)


def test_the_commits_are_the_whole_logs(repo: GitRepo) -> None:
    git = open_repo(repo.root)
    assert _read(repo.root, 10_000).commits == read_log(git, "clients")
    assert _read(repo.root, 0).commits == read_log(git, "clients")
    head = git.head.commit.hexsha
    since = repo.run("rev-parse", "HEAD~3").strip()
    assert read_log_parsing(probe(repo.root), "clients", since, head, 100).commits == read_log(
        git, "clients", since, head
    )


def test_blobs_are_parsed_as_the_parser_reads_them_and_entries_diffed(repo: GitRepo) -> None:
    logged = _read(repo.root, 10_000)
    added = {e.new_blob for c in logged.commits for e in c.entries if e.new_blob != NULL_SHA}
    assert set(logged.parsed) == added
    parser = BlobParser()
    for sha, parsed in logged.parsed.items():
        raw = subprocess.run(
            ["git", "cat-file", "blob", sha], cwd=repo.root, capture_output=True, check=True
        ).stdout
        assert parsed == parser.parse(raw)
    assert any(p.data is None for p in logged.parsed.values())  # the broken version
    entries = [e for c in logged.commits for e in c.entries if e.new_blob != NULL_SHA]
    for entry in entries:
        new = logged.parsed[entry.new_blob]
        old = logged.parsed.get(entry.old_blob)
        key = (entry.old_blob, entry.new_blob)
        if new.data is None or (entry.old_blob != NULL_SHA and (old is None or old.data is None)):
            assert key not in logged.diffs
        else:
            assert logged.diffs[key] == tuple(diff(old.data if old else {}, new.data))


def test_versions_are_made_and_encoded_as_the_batches_make_them(repo: GitRepo) -> None:
    logged = read_log_parsing(probe(repo.root), "clients", None, "HEAD", 10_000, encode=True)
    made = 0
    for logged_commit in logged.commits:
        for entry in logged_commit.entries:
            key = (entry.old_blob, entry.new_blob)
            found = logged.versions.get((logged_commit.commit.sha, entry.path))
            assert (found is not None) == (key in logged.diffs)
            if found is not None:
                version, encoded = found
                status = status_word(entry.status)
                new = logged.parsed[entry.new_blob]
                assert version == make_version(
                    logged_commit.commit,
                    entry.path,
                    entry.old_path,
                    status,
                    entry.new_blob,
                    logged.diffs[key],
                    new.error,
                )
                assert encoded == version_to_json(version)
                made += 1
    assert made > 10
    plain = _read(repo.root, 10_000)
    assert plain.versions and all(encoded is None for _, encoded in plain.versions.values())


def test_the_latest_versions_are_the_client_files_of_the_tree(repo: GitRepo) -> None:
    repo.write("clients/README.md", "not a record\n")
    repo.commit("A note beside the records", date="2026-01-09T09:00:00+00:00")
    files = sorted(p.name for p in (repo.root / "clients").glob("*.y*ml"))
    expected = {repo.run("rev-parse", f"HEAD:clients/{name}").strip() for name in files}
    tips = logstream._tree_blobs(probe(repo.root), "HEAD", "clients")
    assert len(tips) == len(files) and set(tips) == expected
    assert set(tips) <= set(_read(repo.root, 10_000).parsed)


def test_a_limit_stops_the_parsing(repo: GitRepo) -> None:
    assert len(_read(repo.root, 5).parsed) <= 5 + logstream._STEP
    none = _read(repo.root, 0)
    assert not none.parsed and not none.diffs


def test_a_history_is_the_same_with_blobs_parsed_while_logging_or_not(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    for changes in (True, False):
        for jobs in (1, 2):
            monkeypatch.setattr(history_read, "PARSED_WHILE_LOGGING", 0)
            plain = read_history(repo.root, jobs=jobs, use_cache=False, changes=changes)
            monkeypatch.setattr(history_read, "PARSED_WHILE_LOGGING", 10_000)
            early = read_history(repo.root, jobs=jobs, use_cache=False, changes=changes)
            assert plain.parsed_blobs == early.parsed_blobs
            assert {k: r.versions for k, r in plain.records.items()} == {
                k: r.versions for k, r in early.records.items()
            }
            # what is stored of the versions made while logging reads back the same
            shutil.rmtree(repo.root / ".clientbook", ignore_errors=True)
            read_history(repo.root, jobs=jobs, changes=changes)
            cached = read_history(repo.root, jobs=jobs, changes=changes)
            assert cached.parsed_blobs == 0
            assert {k: r.versions for k, r in cached.records.items()} == {
                k: r.versions for k, r in plain.records.items()
            }


def test_commits_cut_anywhere_in_their_bytes_are_read_whole(repo: GitRepo) -> None:
    """A chunk may end inside a commit, or inside a character of an author's name."""
    data = subprocess.run(
        ["git", "log", *logstream.log_arguments("clients", None, "HEAD")],
        cwd=repo.root,
        capture_output=True,
        check=True,
    ).stdout
    whole = _Commits()
    whole.feed(data)
    expected = whole.finish()
    assert any("Ø" in c.commit.author_name for c in expected)
    for size in (1, 7, 64):
        parts = _Commits()
        for start in range(0, len(data), size):
            parts.feed(data[start : start + size])
        assert parts.finish() == expected


def test_a_log_git_refuses_is_an_error_not_a_traceback(repo: GitRepo) -> None:
    with pytest.raises(GitUnavailable, match="git log failed"):
        read_log_parsing(probe(repo.root), "clients", None, "no-such-revision", 10)


def test_a_blob_git_does_not_have_is_missing(repo: GitRepo) -> None:
    blobs = CatFile(str(repo.root / ".git"))
    try:
        assert blobs.fetch(["1" * 40]) == {}
    finally:
        blobs.close()
    assert MISSING.data is None and "missing" in MISSING.error


def test_changes_diffed_while_logging_are_used_only_from_the_blob_they_were_diffed_from() -> None:
    from clientbook.history.blobparse import Parsed
    from clientbook.history.diffjobs import Reading, _diffed
    from clientbook.history.fielddiff import Change
    from clientbook.history.renames import Job

    old_data = {"status": "active"}
    known = (Change("status", "changed", "active", "paused"),)
    added = (Change("status", "added", None, "paused"),)
    reading = Reading(
        "", True, False, {"o" * 40: Parsed(old_data, "")}, {("o" * 40, "n" * 40): known}
    )
    reading.diffs[(NULL_SHA, "n" * 40)] = added

    def job(old: str) -> Job:
        return Job("k", 1, None, "clients/k.yaml", "clients/k.yaml", "modified", old, "n" * 40)  # type: ignore[arg-type]

    assert _diffed(reading, job("o" * 40), old_data) is known
    assert _diffed(reading, job("o" * 40), dict(old_data)) is None  # equal, but another base
    assert _diffed(reading, job("o" * 40), None) is None  # the last good data, not this blob's
    assert _diffed(reading, job(NULL_SHA), None) is added
    assert _diffed(reading, job(NULL_SHA), old_data) is None  # re-created over the last good


def test_a_record_put_back_as_it_was_cached_reads_as_from_nothing(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the cache was read, a record changes and changes back to its cached blob: with
    nothing parsed while logging, that blob is read from git, not taken as missing."""
    read_history(repo.root)
    monkeypatch.setattr(history_read, "PARSED_WHILE_LOGGING", 0)
    cached = repo.root.joinpath("clients/c02.yaml").read_text(encoding="utf-8")
    repo.write("clients/c02.yaml", _record("c02", "closed"))
    repo.commit("Close c02", date="2026-01-10T09:00:00+00:00")
    repo.write("clients/c02.yaml", cached)
    repo.commit("Reopen c02", date="2026-01-11T09:00:00+00:00")
    for jobs in (1, 2):
        again = read_history(repo.root, jobs=jobs)
        fresh = read_history(repo.root, jobs=jobs, use_cache=False)
        versions = {k: r.versions for k, r in again.records.items()}
        assert versions == {k: r.versions for k, r in fresh.records.items()}
        reopened = next(
            v for r in again.records.values() for v in r.versions if "Reopen" in v.commit.message
        )
        assert reopened.error == "" and [c.path for c in reopened.changes] == ["status"]

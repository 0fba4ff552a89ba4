"""The site's state trusts a file's stat as git's index does, but not a racy one: a file
changed within filestat.RACY_NS of the build's look at it may change again with the same
times (a coarse clock), so its stat is kept as none can be and the next build reads it."""

from __future__ import annotations

import os

import pytest

from clientbook.site.state import SiteState
from clientbook.util import filestat
from clientbook.util.filestat import as_kept, racy, stat_key
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli

FILE = "clients/acme-logistics.yaml"


def _build(repo: RecordsRepo) -> str:
    result = run_cli("--repo", str(repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    return str(result.output)


def _kept(repo: RecordsRepo) -> filestat.Stat:
    state = SiteState(repo.root, repo.root / "site")
    try:
        stats = state.stats()
    finally:
        state.close()
    assert stats is not None
    return stats[FILE]


def test_a_file_written_just_before_the_build_is_read_again(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record())
    _build(records_repo)
    now = stat_key(os.stat(records_repo.root / FILE))
    assert _kept(records_repo) == (now[0], -1, -1, now[3])  # never equal to a real stat
    # the update reads it, finds the bytes unchanged, and keeps its stat (racy still)
    assert "nothing changed since the last build" in _build(records_repo)
    assert _kept(records_repo)[1] == -1


def test_an_older_file_is_trusted_by_its_stat(
    records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    records_repo.write_record(minimal_record())
    _build(records_repo)
    monkeypatch.setattr(filestat, "RACY_NS", -60_000_000_000)  # as if written a minute ago
    assert "nothing changed since the last build" in _build(records_repo)
    assert _kept(records_repo) == stat_key(os.stat(records_repo.root / FILE))


def test_racy_is_judged_on_both_times() -> None:
    taken = 100 * 10**9
    old = taken - filestat.RACY_NS - 1
    assert not racy((10, old, old, 7), taken)
    assert racy((10, taken - 1, old, 7), taken)  # modified just before
    assert racy((10, old, taken, 7), taken)  # its inode changed (a chmod, a rename)
    assert as_kept((10, old, old, 7), taken) == (10, old, old, 7)
    assert as_kept((10, old, taken, 7), taken) == (10, -1, -1, 7)

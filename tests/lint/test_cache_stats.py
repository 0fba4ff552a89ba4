"""A warm lint trusts a file's unchanged stat instead of reading it, as git's index does:
never for a file changed in the last few seconds (its next change could keep the same
times), and any change of size, times or inode makes it read the bytes again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from clientbook.lint.cache import LintCache
from clientbook.lint.run import _cached
from clientbook.util import filestat
from clientbook.util.filestat import stat_key
from tests.conftest import RecordsRepo, minimal_record, run_cli

LINT = ("lint", "--today", "2026-11-23", "--format", "json")


def _lint(repo: RecordsRepo) -> dict[str, object]:
    result = run_cli("--repo", str(repo.root), *LINT)
    assert result.exit_code in (0, 1), result.output
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def _stored(root: Path) -> LintCache:
    """The cache as the last run left it (its key read from the file, whatever it is)."""
    import pickle

    with (root / ".clientbook/cache/lint.pickle").open("rb") as handle:
        key = pickle.load(handle)["key"]
    return LintCache(root, key)


def test_a_file_just_written_is_never_trusted_by_its_stat(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record())
    _lint(records_repo)
    _lint(records_repo)
    assert _stored(records_repo.root).stats == {}  # written within RACY_NS of each run


def test_a_trusted_stat_serves_the_result_and_a_changed_one_reads_again(
    records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filestat, "RACY_NS", -60_000_000_000)  # as if written a minute ago
    path = records_repo.write_record(minimal_record(owner="nobody"))
    first = _lint(records_repo)
    file = f"clients/{path.name}"
    stored = _stored(records_repo.root)
    assert file in stored.stats and stored.stats[file][1] == stored.entries[file].sha
    assert _lint(records_repo) == first

    # the record fixed, its modification time put back: its change time (and size) differ
    before = path.stat()
    records_repo.write_record(minimal_record())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    after = _lint(records_repo)
    assert first["summary"]["errors"] == 1 and after["summary"]["errors"] == 0  # type: ignore[index]


def test_cached_trusts_exactly_the_remembered_stat(records_repo: RecordsRepo) -> None:
    """With the stat remembered, the bytes are not read: a result is served for a hash the
    file's bytes do not have. Any other stat is not trusted."""
    path = records_repo.write_record(minimal_record())
    _lint(records_repo)
    cache = _stored(records_repo.root)
    file = f"clients/{path.name}"
    result = cache.entries[file]
    info = os.lstat(path)
    cache.stats[file] = (stat_key(info), "not-the-hash-of-the-bytes")
    cache.entries[file] = type(result)(file, "not-the-hash-of-the-bytes", result.diagnostics)
    seen: dict[str, os.stat_result] = {}
    assert _cached(cache, file, str(path), 1 << 20, seen) is cache.entries[file]
    assert seen[file] == info
    moved = (info.st_size, info.st_mtime_ns + 1, info.st_ctime_ns, info.st_ino)
    cache.stats[file] = (moved, "not-the-hash-of-the-bytes")
    assert (
        _cached(cache, file, str(path), 1 << 20, {}) is None
    )  # read, hashed: no entry of its hash


def test_a_stat_is_kept_only_with_the_result_it_vouches_for(
    records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filestat, "RACY_NS", -60_000_000_000)
    kept = records_repo.write_record(minimal_record())
    gone = records_repo.write_record(minimal_record(id="beta-works", name="Beta Works"))
    _lint(records_repo)
    assert len(_stored(records_repo.root).stats) == 2
    gone.unlink()
    _lint(records_repo)
    assert list(_stored(records_repo.root).stats) == [f"clients/{kept.name}"]


def test_cross_record_findings_are_reused_by_the_records_names_and_hashes(
    records_repo: RecordsRepo,
) -> None:
    """With the same files of the same bytes, the cached cross-record findings are taken
    without digesting every record's facts; with other bytes, the facts decide."""
    from clientbook.core.config import load_config
    from clientbook.core.diagnostics import Finding
    from clientbook.lint.cross import cross_findings
    from clientbook.lint.run import build_checker
    from tests.conftest import TODAY

    records_repo.write_record(minimal_record())
    _lint(records_repo)
    cache = _stored(records_repo.root)
    assert cache.cross is not None and cache.cross_content
    checker = build_checker(load_config(records_repo.root), TODAY)
    planted = {"clients/planted.yaml": [("id-duplicate", Finding("id", "planted"))]}
    cache.cross = ("not the facts' digest", planted)
    assert cross_findings([], checker, cache, cache.cross_content) is planted
    found = cross_findings([], checker, cache, "other bytes")
    assert found is not planted and found == {}  # worked out from the facts given (none)

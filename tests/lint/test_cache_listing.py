"""A warm lint takes the client files' names from its cache while no folder of clients/ has
changed since it listed them (core/repo.listing_unchanged), and lists again when one has.

The folders are aged and the racy window turned off, as in tests/core/test_listing.py.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from clientbook.core.repo import client_listing
from clientbook.lint import cache as lint_cache
from clientbook.util import filestat, quickexit
from clientbook.util.cachedir import gc_paused
from tests.conftest import RecordsRepo, age_folders, minimal_record, run_cli
from tests.lint.test_cache_stats import _stored

LINT = ("lint", "--today", "2026-11-23", "--format", "json")


def _files(repo: RecordsRepo) -> list[str]:
    result = run_cli("--repo", str(repo.root), *LINT)
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)
    assert isinstance(found, dict)
    return sorted({d["path"] for d in found["diagnostics"]})


@pytest.fixture
def repo(records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch) -> RecordsRepo:
    monkeypatch.setattr(filestat, "RACY_NS", -60_000_000_000)
    records_repo.write_record(minimal_record(owner="nobody"))  # a finding names each file
    records_repo.write_record(
        minimal_record(id="acorn-bank", name="Acorn Bank", owner="nobody"),
        name="ac/acorn-bank.yaml",
    )
    age_folders(records_repo.root / "clients", records_repo.root / "clients" / "ac")
    return records_repo


def test_the_cache_keeps_the_listing_and_a_warm_run_reuses_it(
    repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = ["clients/ac/acorn-bank.yaml", "clients/acme-logistics.yaml"]
    assert _files(repo) == both
    assert _stored(repo.root).listing == tuple(reversed(client_listing(repo.root)))

    def listed(root: Path) -> object:
        raise AssertionError("clients/ was listed again")

    monkeypatch.setattr(lint_cache, "client_listing", listed)
    assert _files(repo) == both


@pytest.mark.parametrize("where", ["clients/zenith-pharma.yaml", "clients/ac/acme-north.yaml"])
def test_a_file_added_after_a_warm_run_is_linted(repo: RecordsRepo, where: str) -> None:
    _files(repo)
    stem = where.rsplit("/", 1)[1].removesuffix(".yaml")
    repo.write_record(
        minimal_record(id=stem, name=stem.replace("-", " ").title(), owner="nobody"),
        name=where.removeprefix("clients/"),
    )
    assert where in _files(repo)
    assert _stored(repo.root).listing == tuple(reversed(client_listing(repo.root)))


def test_a_file_removed_after_a_warm_run_is_not_reported(repo: RecordsRepo) -> None:
    _files(repo)
    (repo.root / "clients/ac/acorn-bank.yaml").unlink()
    assert _files(repo) == ["clients/acme-logistics.yaml"]


def test_a_cache_without_a_listing_lists(repo: RecordsRepo) -> None:
    _files(repo)
    cache = _stored(repo.root)
    cache.listing = None
    cache.dirty = True
    cache.save(set(cache.entries))
    assert _stored(repo.root).listing is None
    assert len(_files(repo)) == 2
    assert _stored(repo.root).listing is not None


def test_what_a_cache_read_makes_is_frozen_only_when_the_process_ends_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gc.unfreeze()
    try:
        with gc_paused(lasting=True):
            kept = [[n] for n in range(1000)]
        assert gc.get_freeze_count() == 0  # a library: the collector keeps its say
        monkeypatch.setattr(quickexit, "_kept", [])  # as under quickexit.run
        with gc_paused(lasting=True):
            kept += [[n] for n in range(1000)]
        assert gc.get_freeze_count() >= 2000 and gc.isenabled()
    finally:
        gc.unfreeze()

"""Worker pools and the cyclic collector: paused in a building parent, on in its workers for
their own objects only."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from clientbook.core.config import load_config
from clientbook.site.build import build
from clientbook.util.workers import fork_pool
from tests.conftest import TODAY, RecordsRepo, minimal_record


@pytest.fixture
def collector_paused() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_forked_workers_collect_their_own_garbage_when_the_parent_does_not(
    collector_paused: None,
) -> None:
    with fork_pool(2) as pool:
        # the collector on, and what the worker inherited frozen (never walked)
        assert list(pool.map(_collector, range(4))) == [(True, True)] * 4
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def _collector(_: int) -> tuple[bool, bool]:
    return gc.isenabled(), gc.get_freeze_count() > 0


def test_a_build_leaves_the_collector_as_it_found_it(records_repo: RecordsRepo) -> None:
    for n in range(3):
        records_repo.write_record(minimal_record(id=f"client-{n}", name=f"Client {n}"))
    config = load_config(records_repo.root)
    build(config, records_repo.root / "site", TODAY, jobs=2)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        build(config, records_repo.root / "site2", TODAY, jobs=1)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()

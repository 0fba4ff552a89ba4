"""Worker processes: how many a `--jobs` value means, and the pool they run in."""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported when a pool is made: 15 ms that an update in place never needs
    from concurrent.futures import ProcessPoolExecutor

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")


def worker_count(jobs: int) -> int:
    """`jobs`, or one per CPU for 0 (os.cpu_count: not the affinity mask or a cgroup quota)."""
    return jobs or os.cpu_count() or 1


def fork_pool(jobs: int, collect: bool = True) -> ProcessPoolExecutor:
    """`jobs` forked workers, which inherit what the parent has loaded instead of receiving it.

    With `collect` False the workers run without the cyclic collector, for tasks whose
    objects hold no cycles and are all alive until the task returns (the history's)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker if collect else gc.disable,
    )


def _start_worker() -> None:
    """The collector on, for the worker's own garbage only.

    A site build pauses the collector in the parent, where everything it makes lives
    to the end. What a worker inherits lives as long as the worker, and a collection
    walking it (the history, the records: hundreds of MB in a large build) took
    seconds of every worker's time and copied every page it touched; frozen, it is
    never walked. Freezing moves the generations' lists whole: nothing is touched.
    """
    gc.freeze()
    gc.enable()


# The one value forked workers inherit from their parent: set by `sharing` just before a
# pool forks, read by the task in the worker. What it holds (a compiled schema, records
# already parsed, a site's shared page inputs) is never pickled or sent; only each item
# and its result travel. Every pool in clientbook passes its workers' context this way.
_SHARED: Any = None


@contextmanager
def sharing(value: Any) -> Iterator[None]:
    """Make `value` what `with_shared` tasks receive, in this process and in workers forked now."""
    global _SHARED
    previous, _SHARED = _SHARED, value
    try:
        yield
    finally:
        _SHARED = previous


def with_shared(task: Callable[[Shared, Item], Result]) -> Callable[[Item], Result]:
    """`task` as a one-argument function of the item, given the shared value first (picklable)."""
    return functools.partial(_call_with_shared, task)


def _call_with_shared(task: Callable[[Any, Item], Result], item: Item) -> Result:
    return task(_SHARED, item)


def fork_map(
    task: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item], jobs: int
) -> list[Result]:
    """`task(shared, item)` for each item, in order, in `jobs` forked workers that inherit `shared`."""
    chunksize = max(16, len(items) // (jobs * 32))
    with sharing(shared), fork_pool(jobs) as pool:
        return list(pool.map(with_shared(task), items, chunksize=chunksize))

"""Worker processes: how many a `--jobs` value means, and the pool they run in."""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a pool is made: 15 ms that an update in place never needs
    from concurrent.futures import ProcessPoolExecutor


def worker_count(jobs: int) -> int:
    """`jobs`, or one per CPU for 0 (os.cpu_count: not the affinity mask or a cgroup quota)."""
    return jobs or os.cpu_count() or 1


def fork_pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` forked workers, which inherit what the parent has loaded instead of receiving it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker
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

"""Worker processes: how many a `--jobs` value means, and the pool they run in."""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def worker_count(jobs: int) -> int:
    """`jobs`, or one per CPU for 0 (os.cpu_count: not the affinity mask or a cgroup quota)."""
    return jobs or os.cpu_count() or 1


def fork_pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` forked workers, which inherit what the parent has loaded instead of receiving it.

    Each turns the cyclic collector back on: a site build pauses it in the parent,
    where everything it makes lives to the end, but a worker's garbage is its own.
    """
    return ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("fork"), initializer=gc.enable
    )

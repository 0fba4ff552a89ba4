"""How many worker processes a `--jobs` value means."""

from __future__ import annotations

import os


def worker_count(jobs: int) -> int:
    """`jobs`, or one per CPU for 0 (os.cpu_count: not the affinity mask or a cgroup quota)."""
    return jobs or os.cpu_count() or 1

"""An exclusive lock held by the kernel (flock): a killed holder releases it, none goes stale."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_WAIT = 10.0  # seconds a second writer waits for the first before it refuses


class Busy(Exception):
    """Another process holds the lock and did not let go in time."""


@contextlib.contextmanager
def exclusive(path: Path, wait: float) -> Iterator[None]:
    """Hold the lock on `path` (a folder, or a file made if need be) for the block; Busy after `wait` s."""
    flags = os.O_RDONLY if path.is_dir() else os.O_RDWR | os.O_CREAT
    fd = os.open(path, flags, 0o600)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(str(path)) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)

"""Atomic writes: a temporary file beside the target, renamed over it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from clientbook.util.fsmodes import new_file_mode


def write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` so that a crash leaves the old file or the new, never half.

    `durable=False` skips the fsync, for what is made again from the records (a cache,
    the site): a power cut may then lose the write, never tear it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # the tag names what a killed run left behind, for the next one to remove (core/changeset.py)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.clientbook-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, new_file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))

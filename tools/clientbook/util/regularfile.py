"""Reading a file safely: only a regular file, never a FIFO or device, a link only when asked.

Opening a FIFO waits for a writer forever (lint and fmt hung on one); a device can be
read forever; a symbolic link may lead out of the repository. Files are opened without
waiting and checked on the open descriptor, so nothing swapped in between a check and
the read is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

NOT_REGULAR = "it is not a regular file (a FIFO, a device or a folder is never read)"


class NotRegular(Exception):
    """The path is not a regular file that may be read; the message says what it is."""


def _open(path: Path | str, follow_links: bool) -> int:
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC
    return os.open(path, flags if follow_links else flags | os.O_NOFOLLOW)


def _read_all(fd: int, size: int) -> bytes:
    """Every byte to the end of the file; `size` is fstat's, a hint (the file may be growing).

    os.read, not a file object: one is made per file of every cold lint, and costs more than
    the two reads (the second finds the end)."""
    chunks = [os.read(fd, size + 1)]
    while chunks[-1]:
        chunks.append(os.read(fd, max(size, 65536)))
    return chunks[0] if len(chunks) == 2 else b"".join(chunks)


def regular_file_bytes(path: Path | str) -> bytes | None:
    """The bytes of the regular file at `path` (through a symbolic link), or None for anything
    else, unread. Raises OSError."""
    fd = _open(path, follow_links=True)
    try:
        found = os.fstat(fd)
        return _read_all(fd, found.st_size) if stat.S_ISREG(found.st_mode) else None
    finally:
        os.close(fd)


def read_regular(path: Path, limit: int) -> bytes:
    """The file's bytes; raises NotRegular for a link, FIFO, device, folder or a file over `limit`."""
    try:
        fd = _open(path, follow_links=False)
    except OSError as err:
        if os.path.islink(path):
            raise NotRegular("it is a symbolic link; clientbook reads only regular files") from None
        raise NotRegular(f"it cannot be read: {err.strerror}") from None
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise NotRegular(NOT_REGULAR)
        if found.st_size > limit:
            raise NotRegular(f"it is {found.st_size:,} bytes, over the limit of {limit:,}")
        return _read_all(fd, found.st_size)
    finally:
        os.close(fd)

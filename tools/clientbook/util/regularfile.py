"""Reading a file a user named, safely: only a regular file, never through a link, never a FIFO.

Opening a FIFO blocks until a writer comes (lint and fmt hung on one); a device can be
read forever; a symbolic link may lead out of the repository. The checks are made on
the open descriptor, so the file cannot be swapped between the check and the read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegular(Exception):
    """The path is not a regular file that may be read; the message says what it is."""


def read_regular(path: Path, limit: int) -> bytes:
    """The file's bytes; raises NotRegular for a link, FIFO, device, folder or a file over `limit`."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if os.path.islink(path):
            raise NotRegular("it is a symbolic link; clientbook reads only regular files") from None
        raise NotRegular(f"it cannot be read: {err.strerror}") from None
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise NotRegular("it is not a regular file (a FIFO, device or folder); it was not read")
        if found.st_size > limit:
            raise NotRegular(f"it is {found.st_size:,} bytes, over the limit of {limit:,}")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)

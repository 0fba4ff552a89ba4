"""A file's stat as the caches compare it: unchanged, the file need not be read again.

The lint cache and the site's state both keep it with what they made from the file's bytes,
as git's index does; any write changes the change time, a replaced file its inode.
"""

from __future__ import annotations

import os

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stat_key(info: os.stat_result) -> Stat:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)

"""A file's stat as the caches compare it: unchanged, the file need not be read again.

The lint cache and the site's state both keep it with what they made from the file's bytes,
as git's index does; any write changes the change time, a replaced file its inode.
"""

from __future__ import annotations

import os

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stat_key(info: os.stat_result) -> Stat:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


# A file changed within this long before it was looked at may change again with the same
# times (a coarse clock, two writes in one tick: git's "racy" files); its stat is not trusted.
RACY_NS = 3_000_000_000


def racy(stat: Stat, taken_ns: int) -> bool:
    """Whether the file of `stat`, taken at `taken_ns` (time.time_ns), changed too recently
    for its stat to vouch for its bytes next time."""
    recent = taken_ns - RACY_NS
    return stat[1] >= recent or stat[2] >= recent


def as_kept(stat: Stat, taken_ns: int) -> Stat:
    """`stat` as a cache keeps it: a racy one with times no stat has, so the next look at the
    file reads its bytes instead of trusting it."""
    return (stat[0], -1, -1, stat[3]) if racy(stat, taken_ns) else stat

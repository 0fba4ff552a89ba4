"""Every client file's stat, as the caches compare them (util/filestat.py), found quickly.

An update in place of a 100,000-client site stats every file, and that loop was most of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from clientbook.core.repo import CLIENTS_DIR, client_listing, client_names
from clientbook.util.filestat import Stat, stat_key


def client_stats(root: Path) -> dict[str, Stat | None]:
    """Every client file's stat, by repository path."""
    return stats_of(root, client_names(root))


def listed_stats(root: Path) -> tuple[dict[str, Stat | None], dict[str, Stat]]:
    """`client_stats`, and the folders' stats as the listing took them (repo.client_listing)."""
    names, folders = client_listing(root)
    return stats_of(root, names), folders


def stats_of(root: Path, names: Iterable[str]) -> dict[str, Stat | None]:
    """The stats of these files (paths relative to clients/), by repository path; None for one
    that cannot be stat'ed. Relative to an open clients/ (pathlib's joins, and the kernel
    walking the whole path again, cost more than the stat, 100,000 times)."""
    stats: dict[str, Stat | None] = {}
    try:
        folder = os.open(root / CLIENTS_DIR, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return {f"{CLIENTS_DIR}/{name}": None for name in names}
    try:
        for name in names:
            try:
                st = os.stat(name, dir_fd=folder)
            except OSError:
                stats[f"{CLIENTS_DIR}/{name}"] = None
            else:
                stats[f"{CLIENTS_DIR}/{name}"] = stat_key(st)
    finally:
        os.close(folder)
    return stats

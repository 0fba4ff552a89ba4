"""What a site build leaves for the next one: each client's page key and summary.

Kept in the repository's cache folder, one file per output folder. A summary
is reused only when its page's inputs have the same key, so a state from an
older build can make a build faster, never different. A state that cannot be
read is ignored (the build makes every summary again).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from clientbook import __version__
from clientbook.cachedir import CACHE_DIR, ensure_cache_dir
from clientbook.sitesummary import Summary

_FORMAT = 1


class SiteState:
    def __init__(self, root: Path, path: Path) -> None:
        self.root = root
        self.path = path
        self.entries: dict[str, tuple[str, Summary]] = {}  # client file -> (page key, summary)

    @classmethod
    def load(cls, root: Path, out: Path) -> SiteState:
        name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
        state = cls(root, root / CACHE_DIR / f"site-{name}.pickle")
        stored = _read(state.path)
        if stored.get("format") == f"{_FORMAT}/{__version__}":
            state.entries = stored.get("entries", {})
        return state

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is not an error."""
        try:
            folder = ensure_cache_dir(self.root)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".site-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(
                    {"format": f"{_FORMAT}/{__version__}", "entries": self.entries},
                    handle,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            os.replace(tmp, self.path)
        except OSError:
            pass


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # a cache that cannot be read, whatever the reason, is a miss
        return {}
    return stored if isinstance(stored, dict) else {}

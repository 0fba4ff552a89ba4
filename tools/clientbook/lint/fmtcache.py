"""The files `fmt` found canonical, by content hash: a warm `fmt --check` parses nothing.

Whether a file is canonical depends on its bytes, the schema (its key order) and the
formatter (clientbook's version); the cache is keyed by those and dropped when any
changes. It sits beside lint's results in .clientbook/cache/ and, like them, is made
again from the records: failing to write it is not an error.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from clientbook import __version__
from clientbook.util.atomic import write_bytes
from clientbook.util.cachedir import CACHE_DIR, ensure_cache_dir

_FORMAT = 1


class CanonicalCache:
    def __init__(self, root: Path, schema_text: str) -> None:
        self.root = root
        self.path = root / CACHE_DIR / "fmt.pickle"
        self.key = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{schema_text}".encode()).hexdigest()
        self.known: set[str] = set()
        self.dirty = False
        try:
            with self.path.open("rb") as handle:
                stored = pickle.load(handle)  # clientbook's own file, in its own folder
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return
        if isinstance(stored, dict) and stored.get("key") == self.key:
            known = stored.get("canonical")
            self.known = known if isinstance(known, set) else set()

    def __contains__(self, sha: str) -> bool:
        return sha in self.known

    def add(self, sha: str) -> None:
        if sha not in self.known:
            self.known.add(sha)
            self.dirty = True

    def save(self, keep: set[str]) -> None:
        """Write back the hashes of files that still exist (`keep`)."""
        kept = self.known & keep
        if not self.dirty and kept == self.known:
            return
        try:
            ensure_cache_dir(self.root)
            data = pickle.dumps({"key": self.key, "canonical": kept}, pickle.HIGHEST_PROTOCOL)
            write_bytes(self.path, data, durable=False)
        except OSError:
            pass

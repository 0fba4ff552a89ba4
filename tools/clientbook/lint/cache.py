"""The lint cache: per-file results keyed by content hash, for one run context.

The context key covers everything besides the file that a result depends
on: clientbook's version, the schema and config texts, the rule table and
`today`. When any of them changes, the whole cache is dropped. A sharded run (--shard)
also keeps the facts of the files it read for their facts alone, by content hash.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

from clientbook import __version__
from clientbook.core.diagnostics import Finding
from clientbook.core.repo import client_listing, listing_unchanged
from clientbook.lint.checkfile import FileResult
from clientbook.lint.rules import Facts
from clientbook.util.atomic import write_bytes
from clientbook.util.cachedir import CACHE_DIR, ensure_cache_dir, gc_paused
from clientbook.util.filestat import Stat, racy, stat_key

_FORMAT = 6  # 6: duplicate names compared across scripts (findings and facts of 5 are stale)

# (content hash, JSON pointer, on the key?) -> (line, column): where a cross-record finding
# sits, so a warm run need not parse a file again just to place one.
PlaceKey = tuple[str, str, bool]


def context_key(*parts: str) -> str:
    digest = hashlib.sha256(f"{_FORMAT}\0{__version__}".encode())
    for part in parts:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


class LintCache:
    """Results from the last run, readable by (file, sha); written back atomically."""

    def __init__(self, root: Path, key: str) -> None:
        self.root = root
        self.path = root / CACHE_DIR / "lint.pickle"
        self.key = key
        self.entries: dict[str, FileResult] = {}
        self.places: dict[PlaceKey, tuple[int, int]] = {}
        # (digest of every record's facts, the cross-record findings they gave)
        self.cross: tuple[str, dict[str, list[tuple[str, Finding]]]] | None = None
        # the records' names and content hashes those findings were last found for (cross.py)
        self.cross_content = ""
        # file -> (content hash, facts): files a sharded run read only for their facts
        self.facts: dict[str, tuple[str, Facts | None]] = {}
        # file -> (its lstat, the content hash of the bytes it had then): a warm run trusts an
        # unchanged stat, as git's index does, instead of reading and hashing every file
        self.stats: dict[str, tuple[Stat, str]] = {}
        # clients/'s folders' stats and the names they held (repo.client_listing)
        self.listing: tuple[dict[str, Stat], list[str]] | None = None
        self.dirty = False
        self._load()

    def _load(self) -> None:
        try:
            with self.path.open("rb") as handle, gc_paused(lasting=True):
                stored = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return
        if isinstance(stored, dict) and stored.get("key") == self.key:
            self.entries = stored.get("entries", {})
            self.places = stored.get("places", {})
            self.cross = stored.get("cross")
            self.cross_content = stored.get("cross_content", "")
            self.facts = stored.get("facts", {})
            self.stats = stored.get("stats", {})
            listing = stored.get("listing")
            if isinstance(listing, tuple) and len(listing) == 2 and isinstance(listing[0], dict):
                self.listing = listing

    def get(self, file: str, sha: str) -> FileResult | None:
        hit = self.entries.get(file)
        return hit if hit is not None and hit.sha == sha else None

    def known_sha(self, file: str, info: os.stat_result) -> str | None:
        """The content hash of the file's bytes when its stat is the one remembered."""
        known = self.stats.get(file)
        return known[1] if known is not None and known[0] == stat_key(info) else None

    def remember_stat(self, file: str, info: os.stat_result, sha: str) -> None:
        """That the file had bytes of hash `sha` when lstat gave `info` (taken before reading)."""
        key = stat_key(info)
        if not info.st_size or racy(key, time.time_ns()):
            return  # an empty file is never looked up in the cache
        known = (key, sha)
        if self.stats.get(file) != known:
            self.stats[file] = known
            self.dirty = True

    def client_names(self) -> list[str]:
        """repo.client_names, as the last run listed them while no folder of clients/ has
        changed since (listing 100,000 names was a tenth of a warm run)."""
        if self.listing is not None and listing_unchanged(self.root, self.listing[0]):
            return self.listing[1]
        names, folders = client_listing(self.root)
        self.listing = (folders, names)
        self.dirty = True
        return names

    def put(self, result: FileResult) -> None:
        self.entries[result.file] = result
        self.dirty = True

    def get_facts(self, file: str, sha: str) -> tuple[bool, Facts | None]:
        """(found, facts) for the file's bytes: from its full result, or a facts-only entry."""
        hit = self.get(file, sha)
        if hit is not None:
            return True, hit.facts
        known = self.facts.get(file)
        if known is not None and known[0] == sha:
            return True, known[1]
        return False, None

    def put_facts(self, file: str, sha: str, facts: Facts | None) -> None:
        self.facts[file] = (sha, facts)
        self.dirty = True

    def remember_place(self, key: PlaceKey, line: int, column: int) -> None:
        self.places[key] = (line, column)
        self.dirty = True

    def remember_cross(self, digest: str, found: dict[str, list[tuple[str, Finding]]]) -> None:
        self.cross = (digest, found)
        self.cross_content = ""
        self.dirty = True

    def remember_cross_content(self, content: str) -> None:
        if self.cross_content != content:
            self.cross_content = content
            self.dirty = True

    def save(self, keep: set[str]) -> None:
        """Write back the entries of files that still exist; a failure to write is not an error."""
        stale = (set(self.entries) | set(self.facts)) - keep
        if not self.dirty and not stale:
            return
        entries = {f: r for f, r in self.entries.items() if f in keep}
        # a facts-only entry is kept while no full result of the same bytes is
        facts = {
            f: v
            for f, v in self.facts.items()
            if f in keep and (f not in entries or entries[f].sha != v[0])
        }
        shas = {r.sha for r in entries.values()}
        places = {k: v for k, v in self.places.items() if k[0] in shas}
        # a stat is worth keeping only with the result of the bytes it vouches for
        stats = {f: v for f, v in self.stats.items() if f in entries and entries[f].sha == v[1]}
        stored = {
            "key": self.key,
            "entries": entries,
            "places": places,
            "cross": self.cross,
            "cross_content": self.cross_content,
            "facts": facts,
            "stats": stats,
            "listing": self.listing,
        }
        try:
            ensure_cache_dir(self.root)
            write_bytes(
                self.path, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL), durable=False
            )
        except OSError:
            pass
